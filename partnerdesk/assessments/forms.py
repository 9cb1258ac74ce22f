"""Input shapes of the assessment forms (the meaning is checked by the services)."""

from __future__ import annotations

from typing import Any

from django import forms

from partnerdesk.assessments.choices import SHARED_MARKINGS, FollowUpStatus
from partnerdesk.assessments.models import AssessmentRound, FollowUp
from partnerdesk.core.markings import Marking
from partnerdesk.core.permissions import Action, restrict
from partnerdesk.core.web.forms import RecordForm
from partnerdesk.plans.models import Plan
from partnerdesk.sources.selectors import source_list

_DATE = {"type": "date"}
_MARKING_LABELS = dict(Marking.choices)


class LevelLabelsField(forms.CharField):
    """The scale's labels, one per line (empty = the default labels)."""

    widget = forms.Textarea(attrs={"rows": 5})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value)
        return [line.strip() for line in str(text).splitlines() if line.strip()]


class _RoundForm(RecordForm):
    level_labels = LevelLabelsField(
        required=False,
        label="Level labels",
        help_text="One label per line, lowest level first; leave empty for the default labels.",
    )
    marking = forms.ChoiceField(
        required=False,
        choices=[("", "Same as the plan"), *((m, _MARKING_LABELS[m]) for m in SHARED_MARKINGS)],
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["levels"].required = False
        if "sources" in self.fields:
            self.fields["sources"].queryset = source_list(user)  # type: ignore[attr-defined]
            self.fields["sources"].required = False


class RoundCreateForm(_RoundForm):
    """Open an assessment round for a plan and a year."""

    class Meta:
        model = AssessmentRound
        fields = (
            "plan",
            "year",
            "opens_on",
            "deadline",
            "levels",
            "level_labels",
            "marking",
            "note",
            "sources",
        )
        widgets = {
            "opens_on": forms.DateInput(attrs=_DATE, format="%Y-%m-%d"),
            "deadline": forms.DateInput(attrs=_DATE, format="%Y-%m-%d"),
            "sources": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        plans = restrict(Plan.objects.select_related("owner"), user, Action.CHANGE)
        self.fields["plan"].queryset = plans  # type: ignore[attr-defined]

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        for name in ("marking", "level_labels", "levels"):
            if not data.get(name):
                data.pop(name, None)
        return data


class RoundUpdateForm(_RoundForm):
    """Change an open round's calendar, scale, labels or note."""

    class Meta:
        model = AssessmentRound
        fields = ("opens_on", "deadline", "levels", "level_labels", "marking", "note", "sources")
        widgets = RoundCreateForm.Meta.widgets

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        if not data.get("marking"):
            data.pop("marking", None)
        if not data.get("level_labels"):
            data.pop("level_labels", None)
        return data


class FollowUpForm(RecordForm):
    """Edit a follow-up: its text, due date, marking and status."""

    status = forms.ChoiceField(choices=FollowUpStatus.choices)

    class Meta:
        model = FollowUp
        fields = ("text", "due_on", "status", "marking")
        widgets = {
            "due_on": forms.DateInput(attrs=_DATE, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 4}),
        }
