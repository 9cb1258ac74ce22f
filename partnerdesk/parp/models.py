"""PARP: cycles, survey answers, Partnership Goals and their yearly assessments."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from partnerdesk.core.models import NationRecord
from partnerdesk.parp.choices import (
    ApprovedBy,
    GoalStatus,
    ParpStep,
    Service,
    SurveySection,
    YearParity,
    year_kind,
)

YEAR_VALIDATORS = [MinValueValidator(1994), MaxValueValidator(2100)]
CURRENCY = re.compile(r"^[A-Z]{3}$")


class ParpCycle(NationRecord):
    """One two-year (by default) PARP cycle of a partner.

    `goals_year_parity` is the calendar rule of the cycle: with "even", Partnership Goals are
    agreed in even years and the PARP Assessment is written in odd years. `step` moves only
    along `choices.STEP_TRANSITIONS`. Goal counts are never stored: they are computed from
    the goal rows. `armed_forces_recorded` is off when the sources do not say which goals
    concern the armed forces, so no armed-forces figure is shown for the cycle.
    """

    start_year = models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(
        validators=YEAR_VALIDATORS, help_text="Usually two years after the start."
    )
    step = models.CharField(max_length=24, choices=ParpStep.choices, default=ParpStep.SURVEY_ISSUED)
    goals_year_parity = models.CharField(
        "calendar rule", max_length=4, choices=YearParity.choices, default=YearParity.EVEN
    )
    approved_on = models.DateField("goals approved on", null=True, blank=True)
    approved_by = models.CharField(
        "goals approved by", max_length=12, choices=ApprovedBy.choices, blank=True
    )
    assessment_discussed_on = models.DateField(null=True, blank=True)
    forum = models.CharField(
        max_length=150,
        blank=True,
        help_text='Where it was discussed, e.g. "PCSC (NATO + partner)".',
    )
    armed_forces_recorded = models.BooleanField(
        "armed-forces flag recorded",
        default=True,
        help_text="Untick when the sources do not say which goals concern the armed forces.",
    )
    note = models.TextField(blank=True)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        ordering = ("owner__name", "-start_year")
        verbose_name = "PARP cycle"
        constraints = [
            models.UniqueConstraint(fields=["owner", "start_year"], name="parp_cycle_unique_start"),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="parp_cycle_years_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"PARP {self.label}"

    @property
    def label(self) -> str:
        """The cycle's years, e.g. "2016–2018"."""
        return f"{self.start_year}–{self.end_year}"

    def get_absolute_url(self) -> str:
        return reverse("parp:detail", args=[self.pk])

    def year_kind(self, year: int) -> str:
        """GOALS or ASSESSMENT for `year` under this cycle's calendar rule."""
        return year_kind(year, self.goals_year_parity)

    def calendar(self) -> list[tuple[int, str]]:
        """Each year of the cycle with what it is for."""
        if self.start_year is None or self.end_year is None:
            return []
        return [(y, self.year_kind(y)) for y in range(self.start_year, self.end_year + 1)]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = "The cycle cannot end before it starts."
        if self.approved_by and not self.approved_on:
            errors["approved_on"] = "Give the date of the approval."
        if self.approved_on and not self.approved_by:
            errors["approved_by"] = "Say who approved the goals."
        discussed, approved = self.assessment_discussed_on, self.approved_on
        if discussed and approved and discussed < approved:
            errors["assessment_discussed_on"] = (
                "The assessment cannot be discussed before the goals were approved."
            )
        if errors:
            raise ValidationError(errors)


class SurveyAnswer(NationRecord):
    """One answer to the PARP Survey of a cycle; budget answers carry amount, currency, year."""

    cycle = models.ForeignKey(ParpCycle, on_delete=models.CASCADE, related_name="survey_answers")
    section = models.CharField(max_length=16, choices=SurveySection.choices)
    question = models.CharField(max_length=300)
    answer = models.TextField(blank=True)
    amount = models.DecimalField(
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(
        max_length=3, blank=True, help_text="ISO 4217 code in capitals, e.g. AZN or EUR."
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True, validators=YEAR_VALIDATORS)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        ordering = ("cycle", "section", "pk")
        verbose_name = "survey answer"

    def __str__(self) -> str:
        return self.question[:80]

    def get_absolute_url(self) -> str:
        return reverse("parp:detail", args=[self.cycle_id]) + "#survey"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.currency and not CURRENCY.match(self.currency):
            errors["currency"] = "Use a three-letter ISO 4217 code in capitals, e.g. AZN."
        if self.amount is not None and not self.currency and "currency" not in errors:
            errors["currency"] = "Give the currency of the amount."
        if self.section == SurveySection.BUDGET:
            if self.amount is None:
                errors["amount"] = "A budget answer needs an amount."
            if not self.currency and "currency" not in errors:
                errors["currency"] = "A budget answer needs a currency."
            if self.year is None:
                errors["year"] = "A budget answer needs the budget year."
        if errors:
            raise ValidationError(errors)


class PartnershipGoal(NationRecord):
    """A Partnership Goal of a cycle: code, title, service, armed-forces flag, status.

    `objectives` traces the goal to plan objectives of the same nation; `carried_from` links a
    goal carried over from an earlier cycle to its original.
    """

    cycle = models.ForeignKey(ParpCycle, on_delete=models.CASCADE, related_name="goals")
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    service = models.CharField(max_length=8, choices=Service.choices, default=Service.GENERAL)
    armed_forces = models.BooleanField(
        "for the armed forces", default=False, help_text="The goal concerns the armed forces."
    )
    target_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=24, choices=GoalStatus.choices, default=GoalStatus.PROPOSED
    )
    objectives = models.ManyToManyField(
        "plans.Objective", blank=True, related_name="partnership_goals"
    )
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to"
    )
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        ordering = ("cycle", "code")
        verbose_name = "Partnership Goal"
        constraints = [
            models.UniqueConstraint(fields=["cycle", "code"], name="parp_goal_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("parp:goal-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.carried_from_id is not None:
            original = self.carried_from
            if original is not None and self.cycle_id is not None:
                if original.owner_id != self.owner_id:
                    errors["carried_from"] = "The original goal belongs to another nation."
                elif original.cycle_id == self.cycle_id or (
                    original.cycle.start_year >= self.cycle.start_year
                ):
                    errors["carried_from"] = "The original goal must be in an earlier cycle."
        if errors:
            raise ValidationError(errors)


class GoalAssessment(NationRecord):
    """The yearly assessment of one goal: a narrative and the progress made (0–100 %)."""

    goal = models.ForeignKey(PartnershipGoal, on_delete=models.CASCADE, related_name="assessments")
    year = models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS)
    narrative = models.TextField()
    progress = models.PositiveSmallIntegerField(
        "progress (%)", validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        ordering = ("goal", "year")
        verbose_name = "goal assessment"
        constraints = [
            models.UniqueConstraint(fields=["goal", "year"], name="parp_assessment_unique_year"),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="parp_assessment_progress_max"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal.code} assessment {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("parp:goal-detail", args=[self.goal_id]) + "#assessments"
