"""Enumerations of participation: registration status and participant category."""

from __future__ import annotations

from django.db import models


class RegistrationStatus(models.TextChoices):
    """Where a nominated participant stands.

    PENDING and APPROVED hold a seat; WAITLISTED waits for one, first come first served.
    """

    PENDING = "PENDING", "Awaiting the organiser"
    APPROVED = "APPROVED", "Approved"
    WAITLISTED = "WAITLISTED", "Waitlisted"
    REJECTED = "REJECTED", "Rejected"
    CANCELLED = "CANCELLED", "Cancelled"


SEAT_HOLDING = frozenset({RegistrationStatus.PENDING, RegistrationStatus.APPROVED})


class Category(models.TextChoices):
    """Military or civilian participant (the split mission heads quote)."""

    MILITARY = "MILITARY", "Military"
    CIVILIAN = "CIVILIAN", "Civilian"


R = RegistrationStatus
# Moves of a registration. PENDING → APPROVED/REJECTED is the organiser's decision, CANCELLED
# the nation's (or the organiser's); WAITLISTED → PENDING is the promotion when a seat frees.
REGISTRATION_TRANSITIONS: dict[str, frozenset[str]] = {
    R.PENDING: frozenset({R.APPROVED, R.REJECTED, R.CANCELLED}),
    R.APPROVED: frozenset({R.REJECTED, R.CANCELLED}),
    R.WAITLISTED: frozenset({R.PENDING, R.REJECTED, R.CANCELLED}),
    R.REJECTED: frozenset(),
    R.CANCELLED: frozenset(),
}
STATUS_LABELS: dict[str, str] = dict(RegistrationStatus.choices)

# The markings a nation may give its feedback: released to the organiser, or kept at home.
FEEDBACK_MARKINGS = ("BILATERAL", "NATIONAL_ONLY")
