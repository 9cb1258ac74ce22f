"""Input shapes of the operations forms (validation of meaning is in the models and services).

The contribution form offers the headcount categories only: the total is derived and never
typed, and a posted `total` is refused.
"""

from __future__ import annotations

from typing import Any

from django import forms

from partnerdesk.core.web.forms import RecordForm
from partnerdesk.operations.models import ContributionSnapshot, Operation
from partnerdesk.operations.selectors import operation_list
from partnerdesk.operations.services import (
    CONTRIBUTION_FIELDS,
    OPERATION_FIELDS,
    TOTAL_REFUSED,
)
from partnerdesk.organisations.choices import ALLIANCE_KINDS, OrganisationKind
from partnerdesk.organisations.selectors import nations_for_records, organisation_list
from partnerdesk.sources.selectors import source_list

PRECISION_HELP = (
    "With month or year precision any day of that month or year will do: the date is kept "
    "as “May 2008” or “2010”, never as a made-up day."
)


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _sources(form: RecordForm, user: Any) -> None:
    form.fields["sources"].queryset = source_list(user)  # type: ignore[attr-defined]
    form.fields["sources"].required = False


class OperationForm(RecordForm):
    """Record or edit an operation and its mandate."""

    class Meta:
        model = Operation
        fields = (*OPERATION_FIELDS, "sources")
        widgets = {
            "mandate_start": _date(),
            "mandate_end": _date(),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "sources": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {"mandate_start": PRECISION_HELP}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        leads = organisation_list(user).filter(kind__in=list(ALLIANCE_KINDS))
        self.fields["lead_organisation"].queryset = leads  # type: ignore[attr-defined]
        _sources(self, user)


class ContributionForm(RecordForm):
    """Record or edit a contribution snapshot: the headcount by category, never a total."""

    class Meta:
        model = ContributionSnapshot
        fields = (*CONTRIBUTION_FIELDS, "sources")
        widgets = {
            "as_of": _date(),
            "legal_basis_date": _date(),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "sources": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "as_of": PRECISION_HELP,
            "infantry": "The total strength is the sum of the categories; it is not typed.",
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["owner"].queryset = nations_for_records(user)  # type: ignore[attr-defined]
        self.fields["owner"].label = "Contributing nation"
        self.fields["operation"].queryset = operation_list(user)  # type: ignore[attr-defined]
        states = organisation_list(user, kind=OrganisationKind.STATE).order_by("name")
        self.fields["framework_nation"].queryset = states  # type: ignore[attr-defined]
        _sources(self, user)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "total" in self.data:
            raise forms.ValidationError(TOTAL_REFUSED, code="derived_total")
        return cleaned
