"""Input shapes of the dialogue forms (validation of meaning is in the services).

Forms of participants and follow-ups take their meeting from the page (`parent=`), never from
input; the choices they offer (objectives, goals, divergences) are those of the meeting's
nation that the user may see.
"""

from __future__ import annotations

from typing import Any

from django import forms

from partnerdesk.assessments.models import AssessmentRound
from partnerdesk.core.web.forms import RecordForm
from partnerdesk.dialogue.choices import Topic
from partnerdesk.dialogue.models import FollowUp, Meeting, Participant
from partnerdesk.dialogue.selectors import divergence_choices
from partnerdesk.organisations.selectors import nations_for_records, organisation_list
from partnerdesk.parp.selectors import goal_list
from partnerdesk.plans.models import Objective
from partnerdesk.plans.selectors import objective_list
from partnerdesk.sources.selectors import source_list

PRECISION_HELP = (
    "With month or year precision any day of that month or year will do: the date is kept "
    "as “May 2008” or “2010”, never as a made-up day."
)


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingForm(RecordForm):
    """Record or edit a meeting (its status moves with the buttons on its page)."""

    topics = forms.MultipleChoiceField(
        choices=Topic.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Meeting
        fields = (
            "owner",
            "title",
            "date",
            "precision",
            "end_date",
            "place",
            "format",
            "direction",
            "topics",
            "summary",
            "outcome",
            "press_line",
            "marking",
            "sources",
        )
        widgets = {
            "date": _date(),
            "end_date": _date(),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "press_line": forms.Textarea(attrs={"rows": 2}),
            "sources": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {"date": PRECISION_HELP, "end_date": "Only for meetings dated to the day."}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["owner"].queryset = nations_for_records(user)  # type: ignore[attr-defined]
        self.fields["owner"].label = "Partner nation"
        self.fields["sources"].queryset = source_list(user)  # type: ignore[attr-defined]
        self.fields["sources"].required = False


class MeetingCreateForm(MeetingForm):
    """A new meeting also says whether it is planned or already held."""

    class Meta(MeetingForm.Meta):
        fields: tuple[str, ...] = (*MeetingForm.Meta.fields, "status")  # type: ignore[assignment]


class _ChildForm(RecordForm):
    """A form for a row of a meeting (`parent`, set by the view)."""

    def __init__(self, *args: Any, user: Any = None, parent: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.parent = parent if parent is not None else getattr(self.instance, "meeting", None)
        if self.instance.pk is None and parent is not None:
            self.fields["marking"].initial = parent.marking
            self.fields["marking"].help_text = "Defaults to the meeting's marking."

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        if self.instance.pk is None:
            data["meeting"] = self.parent
        return data


class ParticipantForm(_ChildForm):
    """Add or edit a participant of a meeting."""

    class Meta:
        model = Participant
        fields = ("person", "title", "side", "organisation", "position", "marking")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisation_list(self.user)  # type: ignore[attr-defined]


class FollowUpForm(_ChildForm):
    """Record or edit a follow-up; links are offered from the meeting's nation only."""

    divergence = forms.ChoiceField(
        required=False,
        label="Assessment divergence",
        help_text="An objective whose national and alliance ratings differ by two levels or "
        "more in a revealed assessment round.",
    )

    class Meta:
        model = FollowUp
        fields = (
            "text",
            "responsible_side",
            "responsible_organisation",
            "responsible_person",
            "due_on",
            "objectives",
            "goals",
            "marking",
            "note",
            "sources",
        )
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 2}),
            "due_on": _date(),
            "objectives": forms.SelectMultiple(attrs={"size": 6}),
            "goals": forms.SelectMultiple(attrs={"size": 6}),
            "sources": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        nation_id = self.parent.owner_id if self.parent is not None else None
        user = self.user
        self.fields["responsible_organisation"].queryset = organisation_list(user)  # type: ignore[attr-defined]
        objectives = (
            objective_list(user).filter(owner_id=nation_id).order_by("plan__period_start", "code")
        )
        self.fields["objectives"].queryset = objectives  # type: ignore[attr-defined]
        self.fields["objectives"].required = False
        self.fields["goals"].queryset = goal_list(user, nation_id=nation_id)  # type: ignore[attr-defined]
        self.fields["goals"].required = False
        self.fields["sources"].queryset = source_list(user)  # type: ignore[attr-defined]
        self.fields["sources"].required = False
        choices: list[tuple[str, str]] = [("", "—")]
        if nation_id is not None:
            choices.extend(
                (
                    f"{pair.round_id}:{pair.objective_id}",
                    f"{pair.year} · {pair.objective_code} — national {pair.national}, "
                    f"alliance {pair.alliance}",
                )
                for pair in divergence_choices(user, nation_id)
            )
        current = self.instance
        if current.pk is not None and current.divergence_round_id is not None:
            key = f"{current.divergence_round_id}:{current.divergence_objective_id}"
            if key not in dict(choices):
                choices.append((key, "The divergence linked now"))
            self.initial["divergence"] = key
        self.fields["divergence"].choices = choices  # type: ignore[attr-defined]

    def clean_divergence(self) -> tuple[AssessmentRound | None, Objective | None]:
        raw = self.cleaned_data.get("divergence") or ""
        if not raw:
            return None, None
        round_id, objective_id = (int(part) for part in raw.split(":"))
        return (
            AssessmentRound.objects.filter(pk=round_id).first(),
            Objective.objects.filter(pk=objective_id).first(),
        )

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        round_, objective = data.pop("divergence")
        data["divergence_round"] = round_
        data["divergence_objective"] = objective
        return data
