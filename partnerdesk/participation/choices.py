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
