"""Input shapes of the participation forms (the rules are in the services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone

from partnerdesk.core.markings import Marking
from partnerdesk.core.web.forms import RecordForm
from partnerdesk.organisations.models import Organisation
from partnerdesk.participation.analytics import counts_nations
from partnerdesk.participation.models import Feedback, Registration
from partnerdesk.participation.selectors import nomination_nations
from partnerdesk.participation.services import PERSON_FIELDS

SCORES = [(n, str(n)) for n in range(1, 6)]


def _organisations(nations: list[Organisation]) -> Any:
    ids = [n.pk for n in nations]
    return Organisation.objects.filter(Q(pk__in=ids) | Q(parent_id__in=ids)).order_by("name")


class NominationForm(RecordForm):
    """Nominate a participant of one of the user's nations for an event (`event=` from the
    page); the nation is chosen among those invited that the user nominates for."""

    class Meta:
        model = Registration
        fields = ("owner", *PERSON_FIELDS)
        labels = {"owner": "Nation", "organisation_name": "Organisation (if not listed)"}
        help_texts = {
            "email": "Optional: used to ask the participant for feedback after the event.",
        }

    def __init__(self, *args: Any, user: Any = None, event: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.event = event
        nations = nomination_nations(user, event) if event is not None else []
        owner = self.fields["owner"]
        owner.queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=[n.pk for n in nations]
        )
        if len(nations) == 1:
            owner.initial = nations[0].pk
        self.fields["organisation"].queryset = _organisations(nations)  # type: ignore[attr-defined]

    def service_data(self) -> dict[str, Any]:
        return super().service_data() | {"event": self.event}


class RegistrationForm(RecordForm):
    """Correct a participant's personal details."""

    class Meta:
        model = Registration
        fields = PERSON_FIELDS
        labels = {"organisation_name": "Organisation (if not listed)"}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["organisation"].queryset = _organisations(  # type: ignore[attr-defined]
            [self.instance.owner]
        )


class FeedbackForm(RecordForm):
    """A participant's feedback: two scores from 1 to 5, comments, and who may read it."""

    overall = forms.TypedChoiceField(choices=SCORES, coerce=int, help_text="1 poor … 5 excellent")
    relevance = forms.TypedChoiceField(
        choices=SCORES, coerce=int, help_text="How relevant to the nation's objectives, 1 … 5"
    )
    marking = forms.ChoiceField(
        choices=[
            (Marking.BILATERAL, "Bilateral — released to the organiser"),
            (Marking.NATIONAL_ONLY, "National only — kept with the nation"),
        ]
    )

    class Meta:
        model = Feedback
        fields = ("overall", "relevance", "comments", "marking")
        widgets = {"comments": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, user: Any = None, registration: Any = None, **kwargs: Any):
        super().__init__(*args, user=user, **kwargs)
        self.registration = registration

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        if self.instance.pk is None:
            data["registration"] = self.registration
        return data


class CountsForm(forms.Form):
    """Which nation and year the counts page shows."""

    nation = forms.ChoiceField()
    year = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.nations = counts_nations(user)
        self.fields["nation"].choices = [(n.code, n.name) for n in self.nations]  # type: ignore[attr-defined]
        this_year = timezone.localdate().year
        self.fields["year"].choices = [("", "All years")] + [  # type: ignore[attr-defined]
            (y, str(y)) for y in range(this_year + 1, 1993, -1)
        ]
