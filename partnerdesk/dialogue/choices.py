"""Enumerations and status rules of political dialogue (domain.md §3.12)."""

from __future__ import annotations

from django.db import models

from partnerdesk.core.dates import DatePrecision

__all__ = ["DatePrecision"]


class MeetingFormat(models.TextChoices):
    """The format of a meeting or visit between NATO and a partner."""

    NAC_PARTNER = "NAC_PARTNER", "NAC + partner"
    PCSC_PARTNER = "PCSC_PARTNER", "PCSC/PPC + partner"
    EAPC = "EAPC", "EAPC"
    POLITICAL_COMMITTEE = "POLITICAL_COMMITTEE", "Political Committee +1"
    SR_VISIT = "SR_VISIT", "Visit of the SG's Special Representative"
    DSG_VISIT = "DSG_VISIT", "Deputy Secretary General visit"
    SG_VISIT = "SG_VISIT", "Secretary General visit"
    PRESIDENTIAL_VISIT = "PRESIDENTIAL_VISIT", "Presidential visit to NATO HQ"
    STAFF_TALKS = "STAFF_TALKS", "Staff talks"
    OTHER = "OTHER", "Other"


# Formats that are visits of a person rather than sessions of a body (the timeline's "visit").
VISIT_FORMATS = frozenset(
    {
        MeetingFormat.SR_VISIT,
        MeetingFormat.DSG_VISIT,
        MeetingFormat.SG_VISIT,
        MeetingFormat.PRESIDENTIAL_VISIT,
    }
)


class Direction(models.TextChoices):
    """Where the meeting took place, seen from the partner."""

    TO_NATO_HQ = "TO_NATO_HQ", "To NATO HQ"
    TO_PARTNER_CAPITAL = "TO_PARTNER_CAPITAL", "To the partner capital"
    ELSEWHERE = "ELSEWHERE", "Elsewhere"


class Topic(models.TextChoices):
    """What a meeting discussed (several per meeting)."""

    PARTNERSHIP_POLICY = "PARTNERSHIP_POLICY", "Partnership policy"
    REGIONAL_SECURITY = "REGIONAL_SECURITY", "Regional security"
    CONFLICT = "CONFLICT", "The conflict"
    PEACE_SUPPORT = "PEACE_SUPPORT", "Peace-support operations"
    AFGHANISTAN = "AFGHANISTAN", "Afghanistan"
    ENERGY_SECURITY = "ENERGY_SECURITY", "Energy security"
    CRITICAL_INFRASTRUCTURE = "CRITICAL_INFRASTRUCTURE", "Critical-infrastructure protection"
    EMERGING_CHALLENGES = "EMERGING_CHALLENGES", "Emerging challenges"
    DEFENCE_REFORM = "DEFENCE_REFORM", "Defence reform"
    OTHER = "OTHER", "Other"


class MeetingStatus(models.TextChoices):
    """Whether a meeting is still planned, took place or was called off."""

    PLANNED = "PLANNED", "Planned"
    HELD = "HELD", "Held"
    CANCELLED = "CANCELLED", "Cancelled"


MEETING_TRANSITIONS: dict[str, frozenset[str]] = {
    MeetingStatus.PLANNED: frozenset({MeetingStatus.HELD, MeetingStatus.CANCELLED}),
    MeetingStatus.CANCELLED: frozenset({MeetingStatus.PLANNED}),
    MeetingStatus.HELD: frozenset(),
}


class Side(models.TextChoices):
    """Which side a participant (or the one responsible for a follow-up) belongs to."""

    NATO = "NATO", "NATO"
    PARTNER = "PARTNER", "Partner"
    OTHER = "OTHER", "Other"


class FollowUpStatus(models.TextChoices):
    """Stored progress of a follow-up; "overdue" is derived from the due date."""

    OPEN = "OPEN", "Open"
    IN_PROGRESS = "IN_PROGRESS", "In progress"
    DONE = "DONE", "Done"
    DROPPED = "DROPPED", "Dropped"


F = FollowUpStatus
FOLLOWUP_TRANSITIONS: dict[str, frozenset[str]] = {
    F.OPEN: frozenset({F.IN_PROGRESS, F.DONE, F.DROPPED}),
    F.IN_PROGRESS: frozenset({F.OPEN, F.DONE, F.DROPPED}),
    F.DONE: frozenset({F.IN_PROGRESS}),
    F.DROPPED: frozenset({F.OPEN}),
}
OPEN_STATUSES = frozenset({F.OPEN, F.IN_PROGRESS})

# Confidence of sources from weakest to strongest (the timeline shows the weakest).
CONFIDENCE_ORDER: tuple[str, ...] = ("ILLUSTRATIVE", "SINGLE_SOURCE", "VERIFIED")
