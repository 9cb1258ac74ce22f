"""The dual annual assessment of a plan: rounds, ratings of both sides, submissions, follow-ups.

Every row belongs to the nation that owns the assessed plan (its `owner` is copied from the
plan by the services, never taken from input). National and alliance experts each rate every
objective of the plan once a year (domain.md §3.4 🟡 "their assessments mostly coincide");
neither side sees the other's ratings until both have submitted or the round is closed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from partnerdesk.assessments.choices import (
    DEFAULT_LEVEL_LABELS,
    DEFAULT_LEVELS,
    MAX_LEVELS,
    MIN_LEVELS,
    SHARED_MARKINGS,
    FollowUpStatus,
    RoundStatus,
    Side,
)
from partnerdesk.core.models import NationRecord
from partnerdesk.core.permissions import Action, allows
from partnerdesk.core.roles import Role

MAX_LABEL_LENGTH = 60


def default_level_labels() -> list[str]:
    """The labels of the default five-level scale (a fresh list for each round)."""
    return list(DEFAULT_LEVEL_LABELS)


def rater_side(user: Any, *, owner_id: int | None, marking: str) -> str | None:
    """The side `user` rates for in a round of `owner_id`'s plan marked `marking`, or None.

    National side: the nation's partner assessors and partner coordinators. Alliance side:
    alliance assessors, and alliance staff who may change that nation's records. Everyone else
    (viewers, analysts, administrators, other nations, staff of other nations) rates nothing.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    role = user.role
    if role in (Role.PARTNER_ASSESSOR, Role.PARTNER_COORDINATOR):
        own = user.nation_id is not None and user.nation_id == owner_id
        if own and allows(user, Action.VIEW, owner_id=owner_id, marking=marking):
            return Side.NATIONAL
        return None
    if role == Role.ALLIANCE_ASSESSOR:
        return (
            Side.ALLIANCE if allows(user, Action.VIEW, owner_id=owner_id, marking=marking) else None
        )
    if role == Role.ALLIANCE_STAFF:
        return (
            Side.ALLIANCE
            if allows(user, Action.CHANGE, owner_id=owner_id, marking=marking)
            else None
        )
    return None


class AssessmentRound(NationRecord):
    """One year's assessment of a plan: the scale, the calendar and whether it is still open.

    `revealed_at` is set when the second side submits or the round is closed; from then on
    both sides (and readers of the round) see every rating. `note` says, for example, that the
    ratings are illustrative.
    """

    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    opens_on = models.DateField()
    deadline = models.DateField()
    levels = models.PositiveSmallIntegerField(
        default=DEFAULT_LEVELS,
        validators=[MinValueValidator(MIN_LEVELS), MaxValueValidator(MAX_LEVELS)],
        help_text=f"Number of levels of the rating scale ({MIN_LEVELS} to {MAX_LEVELS}).",
    )
    level_labels = models.JSONField(
        default=default_level_labels, help_text="One label per level, lowest first."
    )
    status = models.CharField(max_length=8, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    revealed_at = models.DateTimeField(null=True, blank=True, editable=False)
    note = models.CharField(max_length=300, blank=True)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        ordering = ("owner__name", "-year", "pk")
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="assessment_round_unique_year"),
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("opens_on")),
                name="assessment_round_deadline_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(levels__gte=MIN_LEVELS, levels__lte=MAX_LEVELS),
                name="assessment_round_levels_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} assessment of {self.plan}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:detail", args=[self.pk])

    @property
    def is_revealed(self) -> bool:
        """Both sides submitted or the round is closed: every rating may be shown."""
        return self.revealed_at is not None or self.status == RoundStatus.CLOSED

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    def submission_of(self, side: str) -> SideSubmission | None:
        """The side's submission, if any (uses prefetched submissions when loaded)."""
        return next((s for s in self.submissions.all() if s.side == side), None)

    @property
    def national_submission(self) -> SideSubmission | None:
        return self.submission_of(Side.NATIONAL)

    @property
    def alliance_submission(self) -> SideSubmission | None:
        return self.submission_of(Side.ALLIANCE)

    def label_for(self, level: int | None) -> str:
        """The label of `level` on this round's scale ("" for no level)."""
        if level is None or not 1 <= level <= len(self.level_labels or []):
            return ""
        return str(self.level_labels[level - 1])

    def level_choices(self) -> list[tuple[int, str]]:
        """(level, "level — label") pairs for a select."""
        return [(n, f"{n} — {self.label_for(n)}") for n in range(1, self.levels + 1)]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        labels = self.level_labels
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
            errors["level_labels"] = "Give the labels as a list of texts, lowest level first."
        elif self.levels and len(labels) != self.levels:
            errors["level_labels"] = (
                f"Give exactly one label per level: {self.levels} labels, not {len(labels)}."
            )
        elif any(not x.strip() for x in labels):
            errors["level_labels"] = "A level label cannot be empty."
        elif any(len(x) > MAX_LABEL_LENGTH for x in labels):
            errors["level_labels"] = f"Keep each label within {MAX_LABEL_LENGTH} characters."
        elif len({x.strip().lower() for x in labels}) != len(labels):
            errors["level_labels"] = "Each level needs its own label."
        if self.opens_on and self.deadline and self.deadline < self.opens_on:
            errors["deadline"] = "The deadline cannot come before the round opens."
        if self.marking and self.marking not in SHARED_MARKINGS:
            errors["marking"] = (
                "Both sides must be able to read a dual assessment: use Public, Partners or "
                "Bilateral."
            )
        plan = self.plan if self.plan_id else None
        if plan is not None and self.year:
            first, last = plan.period_start.year, plan.period_end.year
            if not first <= self.year <= last:
                errors["year"] = f"The plan runs from {first} to {last}; assess a year in it."
        if plan is not None and self.owner_id and plan.owner_id != self.owner_id:
            errors["owner"] = "A round belongs to the nation of its plan."
        if errors:
            raise ValidationError(errors)


class Rating(NationRecord):
    """One side's rating of one objective in one round: a level on the round's scale and why.

    Until the round is revealed the rating is marked for its own side only (NATIONAL_ONLY or
    ALLIANCE_ONLY); on reveal it takes the narrower of the round's and the objective's marking.
    """

    round = models.ForeignKey(AssessmentRound, on_delete=models.CASCADE, related_name="ratings")
    objective = models.ForeignKey("plans.Objective", on_delete=models.PROTECT, related_name="+")
    side = models.CharField(max_length=8, choices=Side.choices)
    level = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    rationale = models.TextField(help_text="Why this level: evidence and remaining gaps.")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who last saved the rating (empty for system jobs).",
    )

    class Meta:
        ordering = ("round", "objective__chapter__position", "objective__position", "side")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "objective", "side"], name="rating_unique_per_side"
            ),
            models.CheckConstraint(condition=models.Q(level__gte=1), name="rating_level_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_side_display()} rating of {self.objective.code} ({self.round.year})"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        current = self.round if self.round_id else None
        if current is not None:
            if self.level and self.level > current.levels:
                errors["level"] = f"Choose a level from 1 to {current.levels}."
            if self.objective_id and self.objective.plan_id != current.plan_id:
                errors["objective"] = "This objective belongs to another plan."
            if self.owner_id and self.owner_id != current.owner_id:
                errors["owner"] = "A rating belongs to the nation of its round."
        if self.rationale and not self.rationale.strip():
            errors["rationale"] = "Explain the level you chose."
        if errors:
            raise ValidationError(errors)


class SideSubmission(NationRecord):
    """A side's final submission of its ratings for a round; its ratings are frozen after it."""

    round = models.ForeignKey(AssessmentRound, on_delete=models.CASCADE, related_name="submissions")
    side = models.CharField(max_length=8, choices=Side.choices)
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("round", "submitted_at")
        constraints = [
            models.UniqueConstraint(fields=["round", "side"], name="submission_once_per_side"),
        ]

    def __str__(self) -> str:
        return f"{self.get_side_display()} submission for the {self.round.year} assessment"


class FollowUp(NationRecord):
    """Something to follow up about an objective, such as a divergence between the two sides.

    Kept generic so that a later political-dialogue agenda can pick open follow-ups up.
    """

    round = models.ForeignKey(
        AssessmentRound,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    objective = models.ForeignKey("plans.Objective", on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    status = models.CharField(
        max_length=8, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("status", "due_on", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "objective"],
                condition=models.Q(round__isnull=False),
                name="follow_up_once_per_round_objective",
            ),
        ]

    def __str__(self) -> str:
        return f"Follow-up on {self.objective.code}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:followup-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.objective_id and self.owner_id and self.objective.owner_id != self.owner_id:
            errors["objective"] = "The objective belongs to another nation."
        current = self.round if self.round_id else None
        if current is not None and self.objective_id and current.plan_id != self.objective.plan_id:
            errors["objective"] = "The objective is not part of this round's plan."
        if errors:
            raise ValidationError(errors)


class RevealEvent(NationRecord):
    """The first time a user was shown a revealed round's ratings (one row per user and round)."""

    round = models.ForeignKey(
        AssessmentRound, on_delete=models.CASCADE, related_name="reveal_events"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    revealed_at = models.DateTimeField()

    class Meta:
        ordering = ("round", "revealed_at")
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="reveal_once_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} saw the {self.round.year} ratings"
