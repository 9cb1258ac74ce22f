"""Registrations of participants to events and their feedback."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from partnerdesk.core.markings import Marking
from partnerdesk.core.models import NationRecord
from partnerdesk.core.permissions import Release
from partnerdesk.participation.choices import FEEDBACK_MARKINGS, Category, RegistrationStatus

ORGANISER_PATHS = ("event__owner", "event__host", "event__host__parent")


class Registration(NationRecord):
    """A participant nominated by their nation (`owner`) for an event.

    Personal data: always BILATERAL, so the participant's nation, alliance staff and the
    event's organiser and host see it, and analysts never do (they get counts only). Seats are
    held by PENDING and APPROVED rows and never exceed the event's capacity (the services lock
    the event while they count); the waitlist is ordered by `queued_at` then id.
    """

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="registrations"
    )
    person_name = models.CharField(max_length=150)
    rank_title = models.CharField(max_length=100, blank=True)
    category = models.CharField(max_length=10, choices=Category.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation_name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    status = models.CharField(
        max_length=10, choices=RegistrationStatus.choices, default=RegistrationStatus.PENDING
    )
    queued_at = models.DateTimeField()
    attended = models.BooleanField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status_note = models.CharField(max_length=300, blank=True)

    release: ClassVar[Release | None] = Release(paths=ORGANISER_PATHS)
    sensitive_fields: ClassVar[tuple[str, ...]] = (
        "person_name",
        "rank_title",
        "email",
        "organisation_name",
    )

    class Meta:
        ordering = ("event", "queued_at", "pk")
        indexes = [
            models.Index(fields=["event", "status"], name="registration_event_status_idx"),
            models.Index(fields=["owner", "status"], name="registration_owner_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person_name} — {self.event.title}"

    def get_absolute_url(self) -> str:
        return reverse("participation:registration-detail", args=[self.pk])

    def clean(self) -> None:
        if self.marking != Marking.BILATERAL:
            raise ValidationError(
                {"marking": "Registrations hold personal data: always BILATERAL."}
            )


class Feedback(NationRecord):
    """A participant's feedback on an event they attended (owned by the participant's nation).

    BILATERAL feedback is released to the event's organiser and host; NATIONAL_ONLY keeps it
    with the nation.
    """

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="feedback"
    )
    overall = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 (poor) to 5 (excellent)",
    )
    relevance = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="How relevant to the nation's objectives, 1 to 5",
    )
    comments = models.TextField(blank=True)

    release: ClassVar[Release | None] = Release(
        paths=tuple(f"registration__{p}" for p in ORGANISER_PATHS)
    )

    class Meta:
        ordering = ("registration",)
        verbose_name_plural = "feedback"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    overall__gte=1, overall__lte=5, relevance__gte=1, relevance__lte=5
                ),
                name="feedback_scores_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Feedback of {self.registration.person_name} on {self.registration.event.title}"

    def get_absolute_url(self) -> str:
        return reverse("participation:registration-detail", args=[self.registration_id])

    def clean(self) -> None:
        if self.marking not in FEEDBACK_MARKINGS:
            raise ValidationError(
                {
                    "marking": "Feedback is BILATERAL (released to the organiser) or "
                    "NATIONAL_ONLY (kept with the nation)."
                }
            )
        if (
            self.registration_id is not None
            and self.owner_id is not None
            and self.registration.owner_id != self.owner_id
        ):
            raise ValidationError({"owner": "Feedback belongs to the participant's nation."})
