"""The menu of cooperation activities (one catalogue per year) and partners' programme lines."""

from __future__ import annotations

import re
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from partnerdesk.core.models import NationRecord, VersionedModel
from partnerdesk.core.permissions import ReferenceAccess
from partnerdesk.core.roles import Role
from partnerdesk.organisations.choices import Framework
from partnerdesk.pcm.choices import CODE_PATTERN, ActivityFormat, Area, CatalogueStatus, Priority

# The menu is published by the alliance: every active user reads it, alliance staff and
# administrators maintain it.
MENU_ACCESS = ReferenceAccess.writable_by({Role.ALLIANCE_STAFF, Role.ADMINISTRATOR})


class Catalogue(VersionedModel):
    """The Partnership Cooperation Menu of one year (one row per year)."""

    year = models.PositiveSmallIntegerField(
        unique=True, validators=[MinValueValidator(1994), MaxValueValidator(2100)]
    )
    title = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=10, choices=CatalogueStatus.choices, default=CatalogueStatus.DRAFT
    )
    published_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    reference_access: ClassVar[ReferenceAccess | None] = MENU_ACCESS

    class Meta:
        ordering = ("-year",)

    def __str__(self) -> str:
        return self.title or f"Partnership Cooperation Menu {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("pcm:catalogue-detail", args=[self.pk])


class Activity(VersionedModel):
    """One entry of a year's menu: a course, seminar, exercise … that partners can join.

    `code` follows the synthetic format `PCM-<year>-<AREA>-<nnnn>` (the real format is not
    public); its year and area agree with the catalogue and the area. `carried_from` links an
    activity to the same activity in the previous year's catalogue. An activity with no
    eligible frameworks and no eligible nations is open to every partner.
    """

    catalogue = models.ForeignKey(Catalogue, on_delete=models.PROTECT, related_name="activities")
    code = models.CharField(max_length=24)
    title = models.CharField(max_length=250)
    description = models.TextField(blank=True)
    area = models.CharField(max_length=8, choices=Area.choices)
    format = models.CharField(max_length=12, choices=ActivityFormat.choices)
    organiser = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    language = models.CharField(max_length=100, default="English")
    duration_days = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    eligible_frameworks = models.JSONField(default=list, blank=True)
    eligible_nations = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="+"
    )
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to"
    )

    reference_access: ClassVar[ReferenceAccess | None] = MENU_ACCESS

    class Meta:
        ordering = ("catalogue__year", "code")
        verbose_name_plural = "activities"
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "code"], name="activity_code_per_year"),
        ]
        indexes = [models.Index(fields=["area", "format"], name="activity_area_format_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("pcm:activity-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        match = re.match(CODE_PATTERN, self.code or "")
        if match is None:
            errors["code"] = "Use the format PCM-<year>-<AREA>-<nnnn>, e.g. PCM-2015-CYBER-0042."
        else:
            if self.catalogue_id is not None and int(match["year"]) != self.catalogue.year:
                errors["code"] = (
                    f"The code's year must be the catalogue's year {self.catalogue.year}."
                )
            elif self.area and match["area"] != self.area:
                errors["code"] = f"The code's area must be {self.area} (the activity's area)."
        frameworks = self.eligible_frameworks
        if not isinstance(frameworks, list) or any(
            f not in Framework.values or f == Framework.NATO for f in frameworks
        ):
            errors["eligible_frameworks"] = "List partner frameworks only: " + ", ".join(
                v for v in Framework.values if v != "NATO"
            )
        if errors:
            raise ValidationError(errors)


class ProgrammeLine(NationRecord):
    """An activity a nation picks into its programme (an IPCP line), with why it wants it.

    `plan` is the nation's two-year programme (plans.Plan, usually an IPCP); the line serves
    plan objectives and Partnership Goals of the same nation, or — when those records are not
    in partnerdesk — the free-text `serves_reference`.
    """

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="programme_lines")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="programme_lines")
    priority = models.CharField(max_length=8, choices=Priority.choices, default=Priority.MEDIUM)
    objectives = models.ManyToManyField(
        "plans.Objective", blank=True, related_name="programme_lines"
    )
    goals = models.ManyToManyField(
        "parp.PartnershipGoal", blank=True, related_name="programme_lines"
    )
    serves_reference = models.CharField(
        max_length=200, blank=True, help_text="What the line serves when it is not a record here."
    )
    planned_participants = models.PositiveSmallIntegerField(default=1)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("owner__name", "plan", "activity__code")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "activity"], name="programme_line_once_per_plan"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity.code} in {self.plan}"

    def get_absolute_url(self) -> str:
        return reverse("pcm:line-detail", args=[self.pk])

    def clean(self) -> None:
        if (
            self.plan_id is not None
            and self.owner_id is not None
            and self.plan.owner_id != self.owner_id
        ):
            raise ValidationError({"plan": "The programme must belong to the line's nation."})
