"""Milestones: dated facts of a nation's relationship that no mechanism record holds."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from partnerdesk.core.dates import DatePrecision, format_date, period_start
from partnerdesk.core.models import NationRecord
from partnerdesk.timeline.choices import MilestoneCategory


class Milestone(NationRecord):
    """A dated fact of one nation's relationship with NATO (joining NACC, a decree, a summit
    decision …) at the precision its source gives; stored as the first day of its period."""

    date = models.DateField()
    precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    title = models.CharField(max_length=250)
    description = models.TextField(blank=True)
    category = models.CharField(
        max_length=12, choices=MilestoneCategory.choices, default=MilestoneCategory.COOPERATION
    )
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        ordering = ("date", "title")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "date", "title"], name="milestone_once_per_day_and_title"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.when}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("timeline:detail", args=[self.pk])

    @property
    def when(self) -> str:
        """The date at its precision ("1992", "March 1992", "4 May 1994")."""
        return format_date(self.date, self.precision)

    def clean(self) -> None:
        if self.date is not None and self.precision:
            self.date = period_start(self.date, self.precision)
