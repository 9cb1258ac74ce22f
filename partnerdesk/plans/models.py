"""Plans, their decisions, chapters, objectives and commitments."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse

from partnerdesk.core.models import NationRecord
from partnerdesk.plans.choices import (
    ChapterKind,
    CommitmentStatus,
    DecisionBody,
    DecisionMethod,
    PlanStatus,
    PlanType,
)


class Plan(NationRecord):
    """A two-year (by default) bilateral plan of one partner: IPAP, IPCP, ITPP or ANP.

    `predecessor` links plan N+1 to plan N so cycles can be compared and open objectives
    carried over. Status moves only along `choices.PLAN_TRANSITIONS`.
    """

    plan_type = models.CharField(max_length=8, choices=PlanType.choices)
    title = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    predecessor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="successors"
    )
    summary = models.TextField(blank=True)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        ordering = ("owner__name", "-period_start", "plan_type")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="plan_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "The period cannot end before it starts."})


class Decision(NationRecord):
    """A decision on a plan: which body, when, how (meeting or silence procedure and deadline)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="decisions")
    body = models.CharField(max_length=12, choices=DecisionBody.choices)
    decided_on = models.DateField()
    method = models.CharField(max_length=20, choices=DecisionMethod.choices)
    silence_deadline = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        ordering = ("plan", "decided_on", "pk")

    def __str__(self) -> str:
        return f"{self.get_body_display()} {self.decided_on.isoformat()}"

    def get_absolute_url(self) -> str:
        return f"{reverse('plans:detail', args=[self.plan_id])}#decision-{self.pk}"

    def clean(self) -> None:
        if self.method == DecisionMethod.SILENCE_PROCEDURE and self.silence_deadline is None:
            raise ValidationError({"silence_deadline": "A silence procedure has a deadline."})
        if self.method == DecisionMethod.MEETING and self.silence_deadline is not None:
            raise ValidationError({"silence_deadline": "Only a silence procedure has a deadline."})


class Chapter(NationRecord):
    """A chapter of a plan (IPAP's six by default) or an ITPP level (ends, ways, means)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="chapters")
    code = models.CharField(max_length=12)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=8, choices=ChapterKind.choices, default=ChapterKind.CHAPTER)
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ("plan", "position", "code")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="chapter_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"

    def get_absolute_url(self) -> str:
        return f"{reverse('plans:detail', args=[self.plan_id])}#chapter-{self.pk}"


class Objective(NationRecord):
    """An objective under a chapter; `carried_from` links a carried-over copy to its original."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="objectives")
    code = models.CharField(max_length=20)
    text = models.TextField()
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to"
    )
    position = models.PositiveSmallIntegerField(default=1)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        ordering = ("plan", "chapter__position", "position", "code")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="objective_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("plans:objective", args=[self.pk])

    def clean(self) -> None:
        if self.chapter_id and self.plan_id and self.chapter.plan_id != self.plan_id:
            raise ValidationError({"chapter": "The chapter belongs to another plan."})


class Commitment(NationRecord):
    """A commitment or action under an objective, with its responsible national agency."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="commitments")
    text = models.TextField()
    agency = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The responsible national agency.",
    )
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=24, choices=CommitmentStatus.choices, default=CommitmentStatus.NOT_STARTED
    )
    position = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])

    class Meta:
        ordering = ("objective", "position", "pk")

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return f"{reverse('plans:objective', args=[self.objective_id])}#commitment-{self.pk}"
