"""Input shapes of the event forms (the meaning is checked by the services)."""

from __future__ import annotations

from typing import Any

from django import forms

from partnerdesk.core.web.forms import RecordForm
from partnerdesk.events.choices import FeedScope, InvitationAnswer
from partnerdesk.events.models import Event, EventReport
from partnerdesk.events.selectors import activity_choices, organisers_for
from partnerdesk.events.services import EVENT_FIELDS, REPORT_FIELDS
from partnerdesk.organisations.choices import OrganisationKind
from partnerdesk.organisations.models import Organisation
from partnerdesk.organisations.selectors import organisation_list, partner_states
from partnerdesk.pcm.models import Activity


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActivityChoiceField(forms.ModelChoiceField):
    """A catalogue activity shown with its code and year."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} — {obj.title}"


class EventForm(RecordForm):
    """Create or edit an event; with an activity, blank title, area, format, languages,
    description and host are taken from it."""

    activity = ActivityChoiceField(
        queryset=Activity.objects.none(),
        required=False,
        help_text="Pick a catalogue activity to fill in the title, area, format, languages and "
        "host (left blank); leave empty for an ad-hoc event.",
    )

    class Meta:
        model = Event
        fields = EVENT_FIELDS
        widgets = {
            "start_date": _date(),
            "end_date": _date(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["activity"].queryset = activity_choices(user)  # type: ignore[attr-defined]
        self.fields["owner"].queryset = organisers_for(user)  # type: ignore[attr-defined]
        self.fields["owner"].label = "Organiser"
        self.fields["host"].queryset = organisation_list(user).exclude(  # type: ignore[attr-defined]
            kind=OrganisationKind.NATIONAL_AGENCY
        )
        self.fields["host"].required = False
        self.fields["host"].help_text = "Defaults to the activity's organiser."
        for name in ("title", "area", "format"):
            self.fields[name].required = False
            self.fields[name].help_text = "Required without an activity."
        self.fields["languages"].required = False
        if self.instance.pk is not None:
            self.fields["owner"].disabled = True
            self.fields["owner"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
                pk=self.instance.owner_id
            )

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        if self.instance.pk is not None:
            data.pop("owner", None)
        for name in ("host", "languages"):
            if not data.get(name):
                data.pop(name, None)
        return data


class InviteForm(forms.Form):
    """Choose nations to invite (partner states; Allies can be given by code too)."""

    nations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 10}),
        label="Nations to invite",
    )
    codes = forms.CharField(
        required=False,
        label="Other nations by code",
        help_text="ISO codes separated by commas or spaces, e.g. an Ally: NOR, POL.",
    )
    note = forms.CharField(required=False, max_length=300, label="Note to the invited nations")

    def __init__(self, *args: Any, user: Any = None, event: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        states = partner_states(user)
        if event is not None:
            states = states.exclude(pk=event.owner_id)
        self.fields["nations"].queryset = states  # type: ignore[attr-defined]
        self.fields["nations"].required = False

    def chosen(self) -> list[Any]:
        """The nations and codes to pass to the service."""
        codes = [c for c in self.cleaned_data["codes"].replace(",", " ").split() if c]
        return [*self.cleaned_data["nations"], *codes]


class AnswerForm(forms.Form):
    """An invited nation's answer."""

    answer = forms.ChoiceField(
        choices=[(InvitationAnswer.ACCEPTED, "Accept"), (InvitationAnswer.DECLINED, "Decline")]
    )
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    note = forms.CharField(required=False, max_length=300)


class ReportForm(RecordForm):
    """Write or edit the after-action report of an event."""

    class Meta:
        model = EventReport
        fields = REPORT_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "lessons": forms.Textarea(attrs={"rows": 4}),
            "recommendations": forms.Textarea(attrs={"rows": 4}),
        }


class FeedForm(forms.Form):
    """Create an iCal feed: everything visible, one nation's events or one activity's."""

    label = forms.CharField(max_length=100, initial="My events")
    scope = forms.ChoiceField(choices=FeedScope.choices, initial=FeedScope.USER)
    nation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        help_text="For a nation feed: events it organises or is invited to.",
    )
    activity = ActivityChoiceField(
        queryset=Activity.objects.none(),
        required=False,
        help_text="For a series feed: every event of this catalogue activity.",
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nation"].queryset = organisation_list(  # type: ignore[attr-defined]
            user, kind=OrganisationKind.STATE
        )
        self.fields["activity"].queryset = activity_choices(user)  # type: ignore[attr-defined]
