"""Events (occurrences of menu activities or ad-hoc), invitations, after-action reports,
reminder log and iCal feed tokens."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse

from partnerdesk.core.markings import Marking
from partnerdesk.core.models import NationRecord, VersionedModel
from partnerdesk.core.permissions import Release
from partnerdesk.events.choices import EventState, FeedScope, InvitationAnswer, ReminderKind
from partnerdesk.pcm.choices import ActivityFormat, Area


class Event(NationRecord):
    """One occurrence of a menu activity (or an ad-hoc event), run the PRIME way.

    `owner` is the member that proposes and organises it (a nation or a NATO body); `host`
    is where it takes place organisationally (a nation, a NATO body or a training centre).
    Besides the marking's audience, a BILATERAL event is visible to every invited nation and
    to the host. `state` moves only along `choices.EVENT_TRANSITIONS`, through the services.
    """

    activity = models.ForeignKey(
        "pcm.Activity", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    title = models.CharField(max_length=250)
    description = models.TextField(blank=True)
    area = models.CharField(max_length=8, choices=Area.choices)
    format = models.CharField(max_length=12, choices=ActivityFormat.choices)
    host = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    location = models.CharField(max_length=200)
    start_date = models.DateField()
    end_date = models.DateField()
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    languages = models.CharField(max_length=100, default="English")
    state = models.CharField(max_length=20, choices=EventState.choices, default=EventState.DRAFT)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state_note = models.CharField(
        max_length=300, blank=True, help_text="Why it was rejected or cancelled."
    )

    release: ClassVar[Release | None] = Release(
        paths=("invitations__owner", "host", "host__parent")
    )

    class Meta:
        ordering = ("start_date", "title", "pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="event_dates_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["start_date"], name="event_start_idx"),
            models.Index(fields=["state"], name="event_state_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.start_date.isoformat() if self.start_date else '?'})"

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.pk])

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The event cannot end before it starts."})


class Invitation(NationRecord):
    """An invitation of one nation (`owner`) to an event, and the nation's answer.

    Always BILATERAL: the invited nation, alliance staff and the event's organiser and host
    see it; the invited nation's coordinator answers it.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    answer = models.CharField(
        max_length=10, choices=InvitationAnswer.choices, default=InvitationAnswer.NO_ANSWER
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)

    release: ClassVar[Release | None] = Release(
        paths=("event__owner", "event__host", "event__host__parent")
    )

    class Meta:
        ordering = ("event", "owner__name")
        constraints = [
            models.UniqueConstraint(fields=["event", "owner"], name="invitation_once_per_nation"),
        ]

    def __str__(self) -> str:
        return f"Invitation of {self.owner} to {self.event.title}"

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.event_id])

    def clean(self) -> None:
        if self.marking != Marking.BILATERAL:
            raise ValidationError({"marking": "Invitations are always BILATERAL."})


class EventReport(NationRecord):
    """The organiser's after-action report on a held event.

    Owned like its event. Who reads it follows the marking: NATIONAL_ONLY / ALLIANCE_ONLY keep
    it with the organiser's side, BILATERAL releases it to the invited nations too, PARTNERS
    and PUBLIC to everyone with those grants.
    """

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="report")
    summary = models.TextField()
    lessons = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)

    release: ClassVar[Release | None] = Release(paths=("event__invitations__owner",))

    class Meta:
        ordering = ("event",)

    def __str__(self) -> str:
        return f"After-action report: {self.event.title}"

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.event_id])

    def clean(self) -> None:
        if (
            self.event_id is not None
            and self.owner_id is not None
            and self.event.owner_id != self.owner_id
        ):
            raise ValidationError({"owner": "The report belongs to the event's organiser."})


class ReminderLog(models.Model):
    """One reminder sent to one recipient (append-only; used to avoid duplicates).

    `subject` names what the reminder was about, e.g. `invitation:12` or `registration:40`.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=12, choices=ReminderKind.choices)
    subject = models.CharField(max_length=40)
    recipient_email = models.EmailField()
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(db_index=True)
    sent_by_label = models.CharField(max_length=150)

    class Meta:
        ordering = ("-sent_at", "-pk")
        indexes = [
            models.Index(
                fields=["subject", "recipient_email", "sent_at"], name="reminder_dedup_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient_email} ({self.sent_at:%Y-%m-%d %H:%M})"


class CalendarFeed(VersionedModel):
    """A revocable secret iCal feed of one user; only the token's hash is stored.

    The feed lists what its user may see right now, narrowed by `scope` (a nation or an
    activity series). Revoking sets `revoked_at`; a revoked or deactivated user's feed answers
    404.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    label = models.CharField(max_length=100)
    scope = models.CharField(max_length=8, choices=FeedScope.choices, default=FeedScope.USER)
    nation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    activity = models.ForeignKey(
        "pcm.Activity", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    audit_admin_only = True
    audit_exclude: ClassVar[frozenset[str]] = frozenset(
        {"token_hash", "last_used_at", "created_at", "updated_at"}
    )

    class Meta:
        ordering = ("user", "-created_at")

    def __str__(self) -> str:
        return f"{self.label} ({self.user})"

    def clean(self) -> None:
        if self.scope == FeedScope.NATION and self.nation_id is None:
            raise ValidationError({"nation": "A nation feed needs a nation."})
        if self.scope == FeedScope.SERIES and self.activity_id is None:
            raise ValidationError({"activity": "A series feed needs an activity."})
