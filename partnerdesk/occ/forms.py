"""Input shapes of the OCC forms (validation of meaning is in the services).

Forms of child rows take their parent from the page (`parent=`), never from input.
"""

from __future__ import annotations

from typing import Any

from django import forms

from partnerdesk.core.web.forms import RecordForm
from partnerdesk.occ.models import Evaluation, EvaluationResult, OccUnit, RemedialAction
from partnerdesk.occ.services import REMEDIAL_FIELDS, UNIT_FIELDS
from partnerdesk.organisations.choices import ALLIANCE_KINDS
from partnerdesk.organisations.selectors import nations_for_records, organisation_list
from partnerdesk.sources.selectors import source_list

PRECISION_HELP = (
    "With month or year precision any day of that month or year will do: the date is kept "
    "as “May 2008” or “2010”, never as a made-up day."
)


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _ChildForm(RecordForm):
    """A form for a row that belongs to `parent` (set by the view)."""

    parent_field: str = ""

    def __init__(self, *args: Any, user: Any = None, parent: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.parent = parent
        if "sources" in self.fields:
            self.fields["sources"].queryset = source_list(user)  # type: ignore[attr-defined]
            self.fields["sources"].required = False
        if self.instance.pk is None and parent is not None:
            self.fields["marking"].initial = parent.marking
            self.fields["marking"].help_text = "Defaults to the marking of what it belongs to."

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        if self.instance.pk is None:
            data[self.parent_field] = self.parent
        return data


class OccUnitForm(RecordForm):
    """Declare or edit a unit."""

    class Meta:
        model = OccUnit
        fields = (*UNIT_FIELDS, "sources")
        widgets = {
            "declared_on": _date(),
            "note": forms.Textarea(attrs={"rows": 3}),
            "sources": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {"declared_on": PRECISION_HELP}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["owner"].queryset = nations_for_records(user)  # type: ignore[attr-defined]
        self.fields["owner"].label = "Nation"
        self.fields["sources"].queryset = source_list(user)  # type: ignore[attr-defined]
        self.fields["sources"].required = False


class EvaluationForm(_ChildForm):
    """Record or edit an evaluation of a unit."""

    parent_field = "unit"
    grade_scale = forms.CharField(
        initial="Excellent, Good, Satisfactory, Unsatisfactory",
        help_text="The grades area results may use, best first, separated by commas.",
        max_length=500,
    )

    class Meta:
        model = Evaluation
        fields = (
            "level",
            "start_on",
            "end_on",
            "precision",
            "outcome",
            "earlier_steps_unrecorded",
            "place",
            "monitoring_command",
            "team",
            "observers",
            "personnel",
            "vehicles",
            "helicopters",
            "grade_scale",
            "marking",
            "note",
            "sources",
        )
        widgets = {
            "start_on": _date(),
            "end_on": _date(),
            "team": forms.Textarea(attrs={"rows": 2}),
            "observers": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 3}),
            "sources": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "start_on": PRECISION_HELP,
            "end_on": "Only for evaluations dated to the day.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        commands = organisation_list(self.user).filter(kind__in=list(ALLIANCE_KINDS))
        self.fields["monitoring_command"].queryset = commands  # type: ignore[attr-defined]
        if self.instance.pk is not None:
            self.initial["grade_scale"] = ", ".join(self.instance.grade_scale)

    def clean_grade_scale(self) -> list[str]:
        raw = self.cleaned_data["grade_scale"]
        return [grade.strip() for grade in raw.split(",") if grade.strip()]


class EvaluationResultForm(_ChildForm):
    """Record or edit the grade of one area; the grades offered are the evaluation's scale."""

    parent_field = "evaluation"
    grade = forms.ChoiceField(choices=())

    class Meta:
        model = EvaluationResult
        fields = ("area", "grade", "marking", "note", "sources")
        widgets = {
            "note": forms.Textarea(attrs={"rows": 2}),
            "sources": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        evaluation = self.parent if self.instance.pk is None else self.instance.evaluation
        scale = list(evaluation.grade_scale) if evaluation is not None else []
        self.fields["grade"].choices = [(g, g) for g in scale]  # type: ignore[attr-defined]


class RemedialActionForm(_ChildForm):
    """Add or edit an action of a remedial action plan (its status moves with the buttons)."""

    parent_field = "evaluation"

    class Meta:
        model = RemedialAction
        fields = (*(f for f in REMEDIAL_FIELDS if f != "evaluation"), "sources")
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "deadline": _date(),
            "sources": forms.SelectMultiple(attrs={"size": 6}),
        }
