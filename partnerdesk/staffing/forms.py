"""Input shapes of the staffing forms (validation of meaning is in the services).

The person-name field exists only for users who may read names of the posting's nation (the
sending nation's users); alliance staff edit every other field and see the pseudonym.
"""

from __future__ import annotations

from typing import Any

from django import forms

from partnerdesk.core.web.forms import RecordForm
from partnerdesk.organisations.choices import ALLIANCE_KINDS
from partnerdesk.organisations.models import Organisation
from partnerdesk.organisations.selectors import nations_for_records, organisation_list
from partnerdesk.sources.selectors import source_list
from partnerdesk.staffing.choices import Scheme, Scope
from partnerdesk.staffing.models import Posting, ReportedHeadcount, may_see_name, name_nations
from partnerdesk.staffing.services import POSTING_FIELDS, REPORTED_FIELDS

PRECISION_HELP = (
    "With month or year precision any day of that month or year will do: the date is kept "
    "as “May 2016” or “2009”, never as a made-up day."
)


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _may_name(user: Any, instance: Posting) -> bool:
    if instance.pk is not None:
        return may_see_name(user, instance.owner_id)
    nations = name_nations(user)
    return nations is None or bool(nations)


class PostingForm(RecordForm):
    """Record or edit a posting."""

    class Meta:
        model = Posting
        fields = (*POSTING_FIELDS, "sources")
        widgets = {
            "start_on": _date(),
            "end_on": _date(),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "sources": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {"start_on": PRECISION_HELP}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["owner"].queryset = nations_for_records(user)  # type: ignore[attr-defined]
        self.fields["owner"].label = "Sending nation"
        hosts = organisation_list(user).filter(kind__in=list(ALLIANCE_KINDS))
        self.fields["host"].queryset = hosts  # type: ignore[attr-defined]
        self.fields["sources"].queryset = source_list(user)  # type: ignore[attr-defined]
        self.fields["sources"].required = False
        if not _may_name(user, self.instance):
            del self.fields["person_name"]


class ReportedHeadcountForm(RecordForm):
    """Record or edit a headcount as a source reports it."""

    class Meta:
        model = ReportedHeadcount
        fields = (*REPORTED_FIELDS, "sources")
        widgets = {
            "as_of": _date(),
            "note": forms.Textarea(attrs={"rows": 3}),
            "sources": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {"as_of": PRECISION_HELP + " Leave empty for an undated page."}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["owner"].queryset = nations_for_records(user)  # type: ignore[attr-defined]
        self.fields["owner"].label = "Nation"
        self.fields["sources"].queryset = source_list(user)  # type: ignore[attr-defined]
        self.fields["sources"].required = False


class HeadcountForm(forms.Form):
    """The question of the headcount page: nation, day, scope, scheme."""

    nation: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), empty_label=None, to_field_name="code"
    )
    on = forms.DateField(label="On", widget=_date())
    scope = forms.ChoiceField(choices=Scope.choices, initial=Scope.ALL_BODIES)
    scheme = forms.ChoiceField(choices=[("", "All schemes"), *Scheme.choices], required=False)

    def __init__(self, *args: Any, nations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nation"].queryset = nations  # type: ignore[attr-defined]
