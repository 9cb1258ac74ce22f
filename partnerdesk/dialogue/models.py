"""Meetings and visits of the political dialogue, their participants and the follow-up ledger.

A meeting's date is kept at the precision its source gives: stored as the first day of the
year or month with `precision` YEAR or MONTH ("in May 2008" is stored as 2008-05-01 with MONTH
precision and always shown as "May 2008", never as 1 May). A multi-day meeting dated to the day
may have an end date.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from partnerdesk.core.dates import DatePrecision, format_date, format_period, period_start
from partnerdesk.core.models import NationRecord
from partnerdesk.dialogue.choices import (
    OPEN_STATUSES,
    Direction,
    FollowUpStatus,
    MeetingFormat,
    MeetingStatus,
    Side,
    Topic,
)


def empty_topics() -> list[str]:
    """A fresh empty topic list (JSONField default)."""
    return []


class Meeting(NationRecord):
    """A meeting or visit between NATO and one partner nation (the owner).

    `topics` is a list of `Topic` values without repeats, kept in the choice order.
    """

    title = models.CharField(max_length=200)
    date = models.DateField(help_text="The first day of the year or month at that precision.")
    precision = models.CharField(
        "date precision", max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end_date = models.DateField(null=True, blank=True)
    place = models.CharField(max_length=150, blank=True)
    format = models.CharField(max_length=24, choices=MeetingFormat.choices)
    direction = models.CharField(max_length=20, choices=Direction.choices)
    topics = models.JSONField(default=empty_topics, blank=True)
    summary = models.TextField(blank=True)
    outcome = models.TextField(blank=True)
    press_line = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.HELD
    )
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        ordering = ("date", "pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("date")),
                name="dialogue_meeting_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date_display})"

    def get_absolute_url(self) -> str:
        return reverse("dialogue:detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.date is not None:
            self.date = period_start(self.date, self.precision)
        if self.end_date is not None:
            if self.precision != DatePrecision.DAY:
                errors["end_date"] = "Give an end date only for meetings dated to the day."
            elif self.date is not None and self.end_date < self.date:
                errors["end_date"] = "The meeting cannot end before it starts."
            elif self.end_date == self.date:
                self.end_date = None
        topics = self.topics
        if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
            errors["topics"] = "Give the topics as a list."
        else:
            unknown = sorted(set(topics) - set(Topic.values))
            if unknown:
                errors["topics"] = f"Unknown topic(s): {', '.join(unknown)}."
            else:
                self.topics = [t for t in Topic.values if t in topics]
        if errors:
            raise ValidationError(errors)

    @property
    def date_display(self) -> str:
        """The meeting's date at its precision: "2010", "May 2008", "25–26 Nov 2024"."""
        return format_period(self.date, self.end_date, self.precision)

    @property
    def topic_labels(self) -> list[str]:
        """The topics' labels in choice order."""
        labels = dict(Topic.choices)
        return [labels.get(t, t) for t in self.topics or []]


class Participant(NationRecord):
    """A person who took part in a meeting: name, title, side and optional organisation."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="participants")
    person = models.CharField(max_length=150)
    title = models.CharField(max_length=200, blank=True, help_text="For example Foreign Minister.")
    side = models.CharField(max_length=8, choices=Side.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ("meeting", "side", "position", "pk")

    def __str__(self) -> str:
        return f"{self.person}, {self.title}" if self.title else self.person

    def get_absolute_url(self) -> str:
        return reverse("dialogue:detail", args=[self.meeting_id]) + "#participants"


class FollowUp(NationRecord):
    """A commitment taken in a meeting: what, who is responsible, by when, and where it stands.

    Links (all of the meeting's nation, checked by the services against what the writer may
    see): plan objectives, Partnership Goals, and at most one assessment divergence, given as
    the assessment round plus the objective whose national and alliance ratings diverge.
    Only OPEN, IN_PROGRESS, DONE and DROPPED are stored; overdue is derived (`is_overdue`).
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="followups")
    text = models.TextField("follow-up")
    responsible_side = models.CharField(max_length=8, choices=Side.choices)
    responsible_organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    responsible_person = models.CharField(max_length=150, blank=True)
    due_on = models.DateField("due date", null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    objectives = models.ManyToManyField("plans.Objective", blank=True, related_name="+")
    goals = models.ManyToManyField(
        "parp.PartnershipGoal", blank=True, related_name="+", verbose_name="Partnership Goals"
    )
    divergence_round = models.ForeignKey(
        "assessments.AssessmentRound",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    divergence_objective = models.ForeignKey(
        "plans.Objective", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        verbose_name = "follow-up"
        ordering = ("due_on", "pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(divergence_round__isnull=True, divergence_objective__isnull=True)
                | models.Q(divergence_round__isnull=False, divergence_objective__isnull=False),
                name="dialogue_followup_divergence_pair",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("dialogue:detail", args=[self.meeting_id]) + f"#followup-{self.pk}"

    def clean(self) -> None:
        if (self.divergence_round_id is None) != (self.divergence_objective_id is None):
            raise ValidationError(
                {"divergence_objective": "Give both the assessment round and the objective."}
            )

    @property
    def is_open(self) -> bool:
        """Open or in progress."""
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: dt.date) -> bool:
        """Still open and past its due date on `today`."""
        return self.is_open and self.due_on is not None and self.due_on < today

    @property
    def responsible_display(self) -> str:
        """ "NATO — NATO International Staff (J. Smith)" or as much of it as is known."""
        parts = [self.get_responsible_side_display()]
        organisation = self.responsible_organisation
        if organisation is not None:
            parts.append(str(organisation.name))
        text = " — ".join(parts)
        return f"{text} ({self.responsible_person})" if self.responsible_person else text

    @property
    def due_display(self) -> str:
        """The due date as "7 Oct 2011", or "—"."""
        return format_date(self.due_on, DatePrecision.DAY)
