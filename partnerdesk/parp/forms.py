"""Input shapes of the PARP forms (validation of meaning is in the services)."""

from __future__ import annotations

from typing import Any

from django import forms

from partnerdesk.core.web.forms import RecordForm
from partnerdesk.organisations.selectors import nations_for_records
from partnerdesk.parp import selectors
from partnerdesk.parp.choices import STEP_LABELS, ParpStep
from partnerdesk.parp.models import GoalAssessment, ParpCycle, PartnershipGoal, SurveyAnswer
from partnerdesk.parp.services import (
    ANSWER_FIELDS,
    ASSESSMENT_FIELDS,
    CYCLE_FIELDS,
    GOAL_FIELDS,
)
from partnerdesk.sources.selectors import source_list

DATE = {"type": "date"}


def _sources(form: forms.ModelForm, user: Any) -> None:
    form.fields["sources"].queryset = source_list(user)  # type: ignore[attr-defined]
    form.fields["sources"].required = False


class ParpCycleForm(RecordForm):
    """Create or edit a PARP cycle (the step is set on creation, then by transitions)."""

    class Meta:
        model = ParpCycle
        fields = (*CYCLE_FIELDS, "step", "sources")
        widgets = {
            "approved_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "assessment_discussed_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
            "sources": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["owner"].queryset = nations_for_records(user)  # type: ignore[attr-defined]
        self.fields["owner"].label = "Nation"
        self.fields["end_year"].required = False
        self.fields["end_year"].help_text = "Leave empty for two years after the start."
        self.fields["step"].help_text = "Where the cycle stands now; later moves are transitions."
        if self.instance.pk is not None:
            del self.fields["step"]
            self.fields["owner"].disabled = True
        _sources(self, user)


class SurveyAnswerForm(RecordForm):
    """Add or edit an answer to the PARP Survey."""

    class Meta:
        model = SurveyAnswer
        fields = (*ANSWER_FIELDS, "sources")
        widgets = {
            "answer": forms.Textarea(attrs={"rows": 4}),
            "sources": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(
        self, *args: Any, user: Any = None, cycle: ParpCycle | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, user=user, **kwargs)
        cycle = cycle or getattr(self.instance, "cycle", None)
        if self.instance.pk is None and cycle is not None:
            self.fields["marking"].initial = cycle.marking
        _sources(self, user)


class PartnershipGoalForm(RecordForm):
    """Add or edit a Partnership Goal and its links to plan objectives."""

    class Meta:
        model = PartnershipGoal
        fields = (*GOAL_FIELDS, "objectives", "sources")
        widgets = {
            "target_date": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "objectives": forms.SelectMultiple(attrs={"size": 6}),
            "sources": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(
        self, *args: Any, user: Any = None, cycle: ParpCycle | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, user=user, **kwargs)
        if cycle is None and self.instance.pk is not None:
            cycle = self.instance.cycle
        objectives: Any = self.fields["objectives"]
        carried: Any = self.fields["carried_from"]
        if cycle is not None:
            if self.instance.pk is None:
                self.fields["marking"].initial = cycle.marking
            objectives.queryset = selectors.objectives_for_linking(user, cycle.owner_id)
            carried.queryset = (
                selectors.goal_list(user, nation_id=cycle.owner_id)
                .filter(cycle__start_year__lt=cycle.start_year)
                .order_by("-cycle__start_year", "code")
                .prefetch_related(None)
            )
        else:
            objectives.queryset = objectives.queryset.none()
            carried.queryset = carried.queryset.none()
        objectives.required = False
        carried.label_from_instance = lambda g: f"{g.cycle.label} · {g}"
        _sources(self, user)


class GoalAssessmentForm(RecordForm):
    """Add or edit the assessment of a goal for one year."""

    class Meta:
        model = GoalAssessment
        fields = (*ASSESSMENT_FIELDS, "sources")
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 4}),
            "sources": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(
        self, *args: Any, user: Any = None, goal: PartnershipGoal | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, user=user, **kwargs)
        if self.instance.pk is None and goal is not None:
            self.fields["marking"].initial = goal.marking
        _sources(self, user)


class TransitionForm(forms.Form):
    """Move a cycle to another step (the version guards against stale clicks)."""

    target = forms.ChoiceField(choices=ParpStep.choices, label="Move to")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def label_for(self, value: str) -> str:
        """The readable name of a step."""
        return STEP_LABELS.get(value, value)


class GoalImportForm(forms.Form):
    """Upload a CSV or XLSX table of Partnership Goals."""

    file = forms.FileField(
        help_text="CSV or XLSX with columns code, title, service, armed_forces (yes/no), "
        "target_date (YYYY-MM-DD), status."
    )
    dry_run = forms.BooleanField(
        required=False, initial=True, label="Dry run: check only, write nothing"
    )


class CarryOverForm(forms.Form):
    """Pick the later cycle to carry the open goals over to."""

    target = forms.ModelChoiceField(queryset=ParpCycle.objects.none(), label="Carry over to")

    def __init__(self, *args: Any, user: Any = None, cycle: ParpCycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["target"]
        field.queryset = selectors.cycles_for_nation(user, cycle.owner_id).filter(
            start_year__gt=cycle.start_year
        )
