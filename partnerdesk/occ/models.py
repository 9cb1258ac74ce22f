"""OCC units, their evaluations and results, certifications and remedial actions.

Dates from public sources are often given as a year or a month only. Such a date is stored as
the first day of its period together with a precision, and shown at that precision ("2010",
"May 2008", "7–16 Oct 2011"); it is never shown as 1 January.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from partnerdesk.core.dates import (
    DatePrecision,
    add_years,
    format_date,
    format_period,
    period_end,
    period_start,
)
from partnerdesk.core.models import NationRecord
from partnerdesk.occ.choices import (
    CERTIFICATION_YEARS,
    CertificationStatus,
    EvaluationLevel,
    Outcome,
    RemedialStatus,
    Service,
    default_grade_scale,
)
from partnerdesk.organisations.choices import ALLIANCE_KINDS


class OccUnit(NationRecord):
    """A unit a partner has declared to the OCC Pool of Forces (or that is on its way there).

    `declared_on` is kept at the precision the source gives (`declared_precision`). The unit's
    state (declared, SEL-1 done, …, Combat Ready, re-validation due, lapsed) is derived from its
    evaluations and certifications by `selectors.derive_unit_state`, never stored.
    """

    name = models.CharField(max_length=200)
    service = models.CharField(max_length=10, choices=Service.choices)
    unit_type = models.CharField(
        max_length=120, help_text="For example infantry battalion, boarding party."
    )
    declared_on = models.DateField("declared to the pool of forces", null=True, blank=True)
    declared_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    note = models.TextField(blank=True)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        verbose_name = "OCC unit"
        ordering = ("owner__name", "name")
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="occunit_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("occ:detail", args=[self.pk])

    def clean(self) -> None:
        if self.declared_on is not None:
            self.declared_on = period_start(self.declared_on, self.declared_precision)

    @property
    def declared_display(self) -> str:
        """The declaration date at its precision."""
        return format_date(self.declared_on, self.declared_precision)


class Evaluation(NationRecord):
    """One OCC evaluation of a unit: a self-evaluation (SEL), a NATO evaluation (NEL) or a
    re-evaluation, with its dates at their precision, place, team, monitoring NATO command,
    observers, overall outcome, the grade scale its area results use and the size of the
    evaluated force. Carries its unit's owner; see `services` for the order rule.
    """

    unit = models.ForeignKey(OccUnit, on_delete=models.PROTECT, related_name="evaluations")
    level = models.CharField(max_length=6, choices=EvaluationLevel.choices)
    start_on = models.DateField("start")
    end_on = models.DateField("end", null=True, blank=True)
    precision = models.CharField(
        "date precision", max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    place = models.CharField(max_length=150, blank=True)
    team = models.TextField("evaluation team", blank=True)
    monitoring_command = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The NATO command whose monitor team oversaw it (LANDCOM, AIRCOM, …).",
    )
    observers = models.TextField(blank=True)
    outcome = models.CharField(max_length=8, choices=Outcome.choices, default=Outcome.PENDING)
    earlier_steps_unrecorded = models.BooleanField(
        default=False,
        help_text="The earlier steps took place but the sources do not record them.",
    )
    grade_scale = models.JSONField(
        default=default_grade_scale, help_text="The grades area results may use, best first."
    )
    personnel = models.PositiveIntegerField(null=True, blank=True)
    vehicles = models.PositiveIntegerField(null=True, blank=True)
    helicopters = models.PositiveIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        ordering = ("unit", "start_on", "pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__isnull=True)
                | models.Q(end_on__gte=models.F("start_on")),
                name="occ_evaluation_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        unit = self.unit.name if self.unit_id else "?"
        return f"{self.get_level_display()} {self.dates_display} — {unit}"

    def get_absolute_url(self) -> str:
        return reverse("occ:evaluation", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.start_on is not None:
            self.start_on = period_start(self.start_on, self.precision)
        if self.end_on is not None:
            if self.precision != DatePrecision.DAY:
                errors["end_on"] = "Give an end date only for evaluations dated to the day."
            elif self.start_on is not None and self.end_on < self.start_on:
                errors["end_on"] = "The evaluation cannot end before it starts."
        scale = self.grade_scale
        if (
            not isinstance(scale, list)
            or not scale
            or not all(isinstance(g, str) and g.strip() for g in scale)
        ):
            errors["grade_scale"] = "Give the grades as a list of names, best first."
        elif len({g.strip() for g in scale}) != len(scale):
            errors["grade_scale"] = "Each grade may appear only once."
        else:
            self.grade_scale = [g.strip() for g in scale]
        command = self.monitoring_command
        if command is not None and command.kind not in ALLIANCE_KINDS:
            errors["monitoring_command"] = "The monitoring command must be a NATO body."
        if errors:
            raise ValidationError(errors)

    @property
    def dates_display(self) -> str:
        """The evaluation's dates at their precision: "2014", "Oct 2013", "7–16 Oct 2011"."""
        return format_period(self.start_on, self.end_on, self.precision)

    @property
    def earliest(self) -> dt.date:
        """The earliest day the evaluation may have started on."""
        return period_start(self.start_on, self.precision)

    @property
    def latest(self) -> dt.date:
        """The latest day the evaluation may have ended on."""
        return self.end_on or period_end(self.start_on, self.precision)

    @property
    def completed_on(self) -> dt.date:
        """The day a certificate based on it counts from (its end, or the period's start)."""
        return self.end_on or period_start(self.start_on, self.precision)


class EvaluationResult(NationRecord):
    """The grade one evaluation gave in one area; the grade comes from the evaluation's scale."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="results")
    area = models.CharField(max_length=120, help_text="For example Command and control.")
    grade = models.CharField(max_length=60)
    note = models.TextField(blank=True)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        verbose_name = "evaluation result"
        ordering = ("evaluation", "area")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "area"], name="occ_result_unique_area"),
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.grade}"

    def get_absolute_url(self) -> str:
        return reverse("occ:evaluation", args=[self.evaluation_id]) + "#results"

    def clean(self) -> None:
        if self.evaluation_id is not None and self.grade not in self.evaluation.grade_scale:
            scale = ", ".join(self.evaluation.grade_scale)
            raise ValidationError({"grade": f"Choose a grade of this evaluation's scale: {scale}."})


class Certification(NationRecord):
    """A certificate a unit received, valid from `valid_from` to `valid_to` (three years by
    default). `based_on` is the evaluation that earned it; `revalidated_by` the later evaluation
    that renewed it (a renewal is a new certificate based on that evaluation). `precision`
    follows the evaluation's date precision, so a certificate earned "in 2014" reads 2014–2017.
    """

    unit = models.ForeignKey(OccUnit, on_delete=models.PROTECT, related_name="certifications")
    status = models.CharField(
        max_length=24, choices=CertificationStatus.choices, default=CertificationStatus.COMBAT_READY
    )
    valid_from = models.DateField()
    valid_to = models.DateField(blank=True, help_text="Three years after the start if empty.")
    precision = models.CharField(
        "date precision", max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    based_on = models.ForeignKey(
        Evaluation, on_delete=models.PROTECT, related_name="certifications_earned"
    )
    revalidated_by = models.ForeignKey(
        Evaluation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certifications_renewed",
    )
    note = models.TextField(blank=True)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        ordering = ("unit", "valid_from", "pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__gte=models.F("valid_from")),
                name="occ_certification_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.validity_display}"

    def get_absolute_url(self) -> str:
        return reverse("occ:detail", args=[self.unit_id]) + "#certifications"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.valid_from is not None:
            self.valid_from = period_start(self.valid_from, self.precision)
            if self.valid_to is None:
                self.valid_to = add_years(self.valid_from, CERTIFICATION_YEARS)
            elif self.valid_to < self.valid_from:
                errors["valid_to"] = "The certificate cannot expire before it starts."
        if self.unit_id is not None:
            if self.based_on_id is not None and self.based_on.unit_id != self.unit_id:
                errors["based_on"] = "This evaluation is of another unit."
            renewal = self.revalidated_by
            if renewal is not None and renewal.unit_id != self.unit_id:
                errors["revalidated_by"] = "This evaluation is of another unit."
        if errors:
            raise ValidationError(errors)

    @property
    def valid_to_display(self) -> str:
        """The expiry date at the certificate's precision."""
        return format_date(self.valid_to, self.precision)

    @property
    def validity_display(self) -> str:
        """ "2014–2017", "Nov 2022–Nov 2025" or "2 Jun 2017–2 Jun 2020"."""
        start = format_date(self.valid_from, self.precision)
        return f"{start}–{format_date(self.valid_to, self.precision)}"


class RemedialAction(NationRecord):
    """An action of the partner's remedial action plan after an evaluation: what, who, by when.

    Only OPEN, IN_PROGRESS and DONE are stored (moves in `choices.REMEDIAL_TRANSITIONS`); an
    action not done after its deadline is shown as overdue (`is_overdue`).
    """

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.PROTECT, related_name="remedial_actions"
    )
    text = models.TextField("action")
    owner_name = models.CharField("responsible", max_length=150, blank=True)
    deadline = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=RemedialStatus.choices, default=RemedialStatus.OPEN
    )
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        verbose_name = "remedial action"
        ordering = ("evaluation", "deadline", "pk")

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("occ:evaluation", args=[self.evaluation_id]) + "#remedial-actions"

    @property
    def is_open(self) -> bool:
        """Not done yet."""
        return self.status != RemedialStatus.DONE

    def is_overdue(self, today: dt.date) -> bool:
        """Not done and past its deadline on `today`."""
        return self.is_open and self.deadline is not None and self.deadline < today
