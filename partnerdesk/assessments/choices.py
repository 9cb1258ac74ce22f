"""Enumerations and fixed rules of the dual annual assessment (domain.md §3.4, §4.1)."""

from __future__ import annotations

from django.db import models

from partnerdesk.core.markings import Marking


class Side(models.TextChoices):
    """Who rates: the partner's national experts or the alliance's experts."""

    NATIONAL = "NATIONAL", "National experts"
    ALLIANCE = "ALLIANCE", "Alliance experts"


def other_side(side: str) -> str:
    """The side that is not `side`."""
    return Side.ALLIANCE if side == Side.NATIONAL else Side.NATIONAL


class RoundStatus(models.TextChoices):
    """An assessment round is open for rating until it is closed."""

    OPEN = "OPEN", "Open"
    CLOSED = "CLOSED", "Closed"


ROUND_TRANSITIONS: dict[str, frozenset[str]] = {
    RoundStatus.OPEN: frozenset({RoundStatus.CLOSED}),
    RoundStatus.CLOSED: frozenset(),
}


class FollowUpStatus(models.TextChoices):
    """A follow-up (for example a divergence to discuss) is open until it is done."""

    OPEN = "OPEN", "Open"
    DONE = "DONE", "Done"


FOLLOW_UP_TRANSITIONS: dict[str, frozenset[str]] = {
    FollowUpStatus.OPEN: frozenset({FollowUpStatus.DONE}),
    FollowUpStatus.DONE: frozenset({FollowUpStatus.OPEN}),
}

MIN_LEVELS = 3
MAX_LEVELS = 10
DEFAULT_LEVELS = 5
# 🔶 No official public rating scale exists (domain.md §8 item 13); this is our own design.
DEFAULT_LEVEL_LABELS: tuple[str, ...] = (
    "Not started",
    "Limited progress",
    "Partial",
    "Substantial",
    "Achieved",
)

# A gap of this many levels or more between the two sides is a divergence to follow up.
DIVERGENCE_GAP = 2

# Markings both sides can read: a dual assessment can only use these.
SHARED_MARKINGS: tuple[str, ...] = (Marking.PUBLIC, Marking.PARTNERS, Marking.BILATERAL)
# From widest to narrowest audience, to pick the narrower of two markings.
MARKING_WIDTH: dict[str, int] = {
    Marking.PUBLIC: 0,
    Marking.PARTNERS: 1,
    Marking.BILATERAL: 2,
    Marking.ALLIANCE_ONLY: 3,
    Marking.NATIONAL_ONLY: 3,
}
# Until the round is revealed a side's ratings carry a marking the other side cannot read, so
# the records, their history and the change log are blind by the ordinary marking rules.
PRIVATE_MARKING: dict[str, str] = {
    Side.NATIONAL: Marking.NATIONAL_ONLY,
    Side.ALLIANCE: Marking.ALLIANCE_ONLY,
}


def narrower_marking(first: str, second: str) -> str:
    """The marking with the smaller audience of the two (the first one on a tie)."""
    return second if MARKING_WIDTH.get(second, 0) > MARKING_WIDTH.get(first, 0) else first
