"""Input shapes of the plans forms (validation of meaning is in the services)."""

from __future__ import annotations

from typing import Any

from django import forms

from partnerdesk.core.web.forms import RecordForm
from partnerdesk.organisations.choices import OrganisationKind
from partnerdesk.organisations.models import Organisation
from partnerdesk.organisations.selectors import nations_for_records, organisation_list
from partnerdesk.plans import selectors
from partnerdesk.plans.exports import LISTS
from partnerdesk.plans.models import Chapter, Commitment, Decision, Objective, Plan
from partnerdesk.sources.selectors import source_list

DATE = {"type": "date"}
WEB_IMPORT_MAX_BYTES = 1_500_000


def _date(**attrs: Any) -> forms.DateInput:
    return forms.DateInput(attrs=DATE | attrs, format="%Y-%m-%d")


class PlanForm(RecordForm):
    """Create or edit a plan (its status moves with the transition buttons)."""

    class Meta:
        model = Plan
        fields = (
            "owner",
            "plan_type",
            "title",
            "marking",
            "period_start",
            "period_end",
            "predecessor",
            "summary",
            "sources",
        )
        widgets = {
            "period_start": _date(),
            "period_end": _date(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "sources": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "period_end": "Leave empty for a two-year plan (one year for an ANP).",
            "predecessor": "The plan this one follows (same nation).",
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        owner = self.fields["owner"]
        owner.label = "Nation"
        if self.instance.pk is not None:
            owner.queryset = Organisation.objects.filter(pk=self.instance.owner_id)  # type: ignore[attr-defined]
            owner.disabled = True
            owner.help_text = "A plan stays with its nation."
        else:
            owner.queryset = nations_for_records(user)  # type: ignore[attr-defined]
        self.fields["period_end"].required = False
        predecessors = selectors.plan_list(user).select_related(None).prefetch_related(None)
        if self.instance.pk is not None:
            predecessors = predecessors.filter(owner_id=self.instance.owner_id).exclude(
                pk=self.instance.pk
            )
        self.fields["predecessor"].queryset = predecessors  # type: ignore[attr-defined]
        self.fields["sources"].queryset = source_list(user)  # type: ignore[attr-defined]
        self.fields["sources"].required = False


class _ChildForm(RecordForm):
    """A form for a row inside a plan: the parent comes from the page, not from input."""

    parent_field = "plan"

    def __init__(self, *args: Any, user: Any = None, parent: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.parent = parent
        if self.instance.pk is None:
            self.initial.pop("position", None)  # empty: the service puts it at the end
            if "marking" in self.fields and parent is not None:
                self.initial["marking"] = parent.marking
                self.fields["marking"].help_text = "Defaults to the marking of what it belongs to."

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        if self.instance.pk is None:
            data[self.parent_field] = self.parent
        return {k: v for k, v in data.items() if not (k == "position" and v is None)}


class DecisionForm(_ChildForm):
    """Record or edit a decision on a plan."""

    class Meta:
        model = Decision
        fields = ("body", "decided_on", "method", "silence_deadline", "note", "marking", "sources")
        widgets = {
            "decided_on": _date(),
            "silence_deadline": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "sources": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {"silence_deadline": "Only for a silence procedure (UTC)."}

    def __init__(self, *args: Any, user: Any = None, parent: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, parent=parent, **kwargs)
        self.fields["sources"].queryset = source_list(user)  # type: ignore[attr-defined]
        self.fields["sources"].required = False


class ChapterForm(_ChildForm):
    """Add or edit a chapter of a plan."""

    class Meta:
        model = Chapter
        fields = ("code", "title", "kind", "position", "marking")

    def __init__(self, *args: Any, user: Any = None, parent: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, parent=parent, **kwargs)
        self.fields["position"].required = False
        self.fields["position"].help_text = "Leave empty to add it at the end."


class ObjectiveForm(_ChildForm):
    """Add or edit an objective; the chapter is one of the plan's."""

    class Meta:
        model = Objective
        fields = ("chapter", "code", "text", "position", "marking", "sources")
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "sources": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(
        self,
        *args: Any,
        user: Any = None,
        parent: Any = None,
        chapter_id: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, user=user, parent=parent, **kwargs)
        plan_id = parent.pk if parent is not None else self.instance.plan_id
        self.fields["chapter"].queryset = selectors.chapter_list(user, plan_id=plan_id)  # type: ignore[attr-defined]
        if chapter_id is not None and self.instance.pk is None:
            self.fields["chapter"].initial = chapter_id
        self.fields["position"].required = False
        self.fields["position"].help_text = "Leave empty to add it at the end of the chapter."
        self.fields["sources"].queryset = source_list(user)  # type: ignore[attr-defined]
        self.fields["sources"].required = False


class CommitmentForm(_ChildForm):
    """Add or edit a commitment; the agency is a national agency of the plan's nation."""

    parent_field = "objective"

    class Meta:
        model = Commitment
        fields = ("text", "agency", "due_on", "status", "position", "marking")
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "due_on": _date()}

    def __init__(self, *args: Any, user: Any = None, parent: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, parent=parent, **kwargs)
        nation_id = parent.owner_id if parent is not None else self.instance.owner_id
        agencies = organisation_list(user, kind=OrganisationKind.NATIONAL_AGENCY).filter(
            parent_id=nation_id
        )
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["agency"].label = "Responsible agency"
        self.fields["position"].required = False
        self.fields["position"].help_text = "Leave empty to add it at the end."


class PlanChoiceForm(forms.Form):
    """Choose another plan of the same nation (compare with, carry over from)."""

    plan = forms.ModelChoiceField(queryset=Plan.objects.none(), label="Plan", empty_label=None)

    def __init__(self, *args: Any, user: Any = None, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = selectors.plans_for_choice(user, plan)  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    """Upload a CSV or XLSX file of objectives or commitments."""

    list = forms.ChoiceField(
        choices=[(k, k.capitalize()) for k in LISTS], label="List", initial="objectives"
    )
    file = forms.FileField(
        label="File (CSV or XLSX)",
        help_text="Objectives: chapter_code, objective_code, text. Commitments: objective_code, "
        "text, agency_code, due_on (YYYY-MM-DD), status.",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > WEB_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                "The file is larger than 1.5 MB; import it with the API or the command line."
            )
        return upload
