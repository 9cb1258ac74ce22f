"""Input shapes of the trust-fund forms (validation of meaning is in the services).

Forms of child rows take their parent from the page (`parent=`), never from input.
"""

from __future__ import annotations

from typing import Any

from django import forms

from partnerdesk.core.web.forms import RecordForm
from partnerdesk.organisations.choices import OrganisationKind
from partnerdesk.organisations.selectors import nations_for_records, organisation_list
from partnerdesk.sources.selectors import source_list
from partnerdesk.trustfunds.choices import Currency, ProjectStatus
from partnerdesk.trustfunds.models import Agreement, Contribution, Kpi, Phase, Project
from partnerdesk.trustfunds.services import PROJECT_FIELDS

PRECISION_HELP = (
    "With month or year precision any day of that month or year will do: the date is kept "
    "as “May 2008” or “2010”, never as a made-up day."
)
MONEY_HELP = "Exact amount, e.g. 440000.00, with its currency."


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _sources_widget() -> forms.SelectMultiple:
    return forms.SelectMultiple(attrs={"size": 6})


class _Sourced(RecordForm):
    """Offers the sources the user may cite."""

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        if "sources" in self.fields:
            self.fields["sources"].queryset = source_list(user)  # type: ignore[attr-defined]
            self.fields["sources"].required = False


class _ChildForm(_Sourced):
    """A form for a row that belongs to `parent` (set by the view)."""

    parent_field: str = ""

    def __init__(self, *args: Any, user: Any = None, parent: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.parent = parent
        if self.instance.pk is None and parent is not None:
            self.fields["marking"].initial = parent.marking
            self.fields["marking"].help_text = "Defaults to the marking of what it belongs to."

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        if self.instance.pk is None:
            data[self.parent_field] = self.parent
        return data


class ProjectForm(_Sourced):
    """Record or edit a project (its status moves with the life-cycle buttons)."""

    status = forms.ChoiceField(
        choices=ProjectStatus.choices,
        initial=ProjectStatus.REQUESTED,
        help_text="Where the project stands when you record it; later it moves step by step.",
    )

    class Meta:
        model = Project
        fields = (*PROJECT_FIELDS, "sources")
        widgets = {
            "requested_on": _date(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "sources": _sources_widget(),
        }
        help_texts = {"requested_on": PRECISION_HELP}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["owner"].queryset = nations_for_records(user)  # type: ignore[attr-defined]
        self.fields["owner"].label = "Host nation"
        if self.instance.pk is not None:
            del self.fields["status"]


class PhaseForm(_ChildForm):
    """Add or edit a phase of a project."""

    parent_field = "project"

    class Meta:
        model = Phase
        fields = (
            "number",
            "title",
            "budget",
            "currency",
            "estimated",
            "announced_on",
            "announced_precision",
            "start_on",
            "start_precision",
            "end_on",
            "end_precision",
            "lead_nations",
            "executing_agent",
            "status_text",
            "marking",
            "note",
            "sources",
        )
        widgets = {
            "announced_on": _date(),
            "start_on": _date(),
            "end_on": _date(),
            "note": forms.Textarea(attrs={"rows": 3}),
            "lead_nations": forms.SelectMultiple(attrs={"size": 6}),
            "sources": _sources_widget(),
        }
        help_texts = {"budget": MONEY_HELP, "start_on": PRECISION_HELP}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = organisation_list(self.user)
        self.fields["lead_nations"].queryset = organisations.filter(  # type: ignore[attr-defined]
            kind=OrganisationKind.STATE
        )
        self.fields["lead_nations"].required = False
        self.fields["executing_agent"].queryset = organisations.exclude(  # type: ignore[attr-defined]
            kind=OrganisationKind.STATE
        )
        if self.instance.pk is None and self.parent is not None:
            numbers = [p.number for p in self.parent.phases.all()]
            self.fields["number"].initial = max(numbers, default=0) + 1


class ContributionForm(_ChildForm):
    """Record or edit a donor's contribution to a phase."""

    parent_field = "phase"

    class Meta:
        model = Contribution
        fields = (
            "donor",
            "amount",
            "currency",
            "in_kind",
            "in_kind_description",
            "status",
            "date",
            "date_precision",
            "marking",
            "note",
            "sources",
        )
        widgets = {
            "date": _date(),
            "note": forms.Textarea(attrs={"rows": 2}),
            "sources": _sources_widget(),
        }
        help_texts = {
            "amount": "Exact amount, e.g. 131000.00; leave empty when the source gives none.",
            "date": PRECISION_HELP,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["donor"].queryset = organisation_list(self.user)  # type: ignore[attr-defined]


class AgreementForm(_ChildForm):
    """Record or edit an agreement of a project (optionally of one of its phases)."""

    parent_field = "project"

    class Meta:
        model = Agreement
        fields = (
            "kind",
            "phase",
            "signed_on",
            "signed_precision",
            "parties",
            "marking",
            "note",
            "sources",
        )
        widgets = {
            "signed_on": _date(),
            "note": forms.Textarea(attrs={"rows": 2}),
            "parties": forms.SelectMultiple(attrs={"size": 8}),
            "sources": _sources_widget(),
        }
        help_texts = {"signed_on": PRECISION_HELP}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        project = self.parent if self.instance.pk is None else self.instance.project
        phases = Phase.objects.none() if project is None else project.phases.all()
        self.fields["phase"].queryset = phases  # type: ignore[attr-defined]
        self.fields["parties"].queryset = organisation_list(self.user)  # type: ignore[attr-defined]
        self.fields["parties"].required = False


class KpiForm(_ChildForm):
    """Record or edit a reported result of a phase."""

    parent_field = "phase"

    class Meta:
        model = Kpi
        fields = (
            "metric",
            "detail",
            "qualifier",
            "value",
            "unit",
            "as_of",
            "as_of_precision",
            "marking",
            "note",
            "sources",
        )
        widgets = {
            "as_of": _date(),
            "note": forms.Textarea(attrs={"rows": 2}),
            "sources": _sources_widget(),
        }
        help_texts = {
            "unit": "Leave empty for the metric's usual unit (ha, m², km², items, t).",
            "as_of": PRECISION_HELP,
        }


class TransitionForm(forms.Form):
    """Move a project to another status (the version guards against stale clicks)."""

    target = forms.ChoiceField(choices=ProjectStatus.choices, label="Move to")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ConvertForm(forms.Form):
    """Show totals in one currency at rates the user gives (nothing is stored)."""

    to = forms.ChoiceField(choices=Currency.choices, label="Convert to")
    rate = forms.CharField(
        label="Rates",
        required=False,
        max_length=300,
        help_text="1 unit of each other currency in the target currency, e.g. USD:0.92, "
        "GBP:1.17. Currencies are never added without a rate.",
    )
