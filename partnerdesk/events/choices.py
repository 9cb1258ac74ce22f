"""Enumerations of events: the PRIME-style life cycle, invitation answers, reminder kinds."""

from __future__ import annotations

from django.db import models


class EventState(models.TextChoices):
    """Where an event stands; moves are listed in `EVENT_TRANSITIONS`."""

    DRAFT = "DRAFT", "Draft"
    PROPOSED = "PROPOSED", "Proposed"
    APPROVED = "APPROVED", "Approved"
    REJECTED = "REJECTED", "Rejected"
    INVITATIONS_SENT = "INVITATIONS_SENT", "Invitations sent"
    REGISTRATION_OPEN = "REGISTRATION_OPEN", "Registration open"
    REGISTRATION_CLOSED = "REGISTRATION_CLOSED", "Registration closed"
    HELD = "HELD", "Held"
    FEEDBACK_COLLECTED = "FEEDBACK_COLLECTED", "Feedback collected"
    CLOSED = "CLOSED", "Closed"
    CANCELLED = "CANCELLED", "Cancelled"


S = EventState
EVENT_TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.PROPOSED, S.CANCELLED}),
    S.PROPOSED: frozenset({S.APPROVED, S.REJECTED, S.DRAFT, S.CANCELLED}),
    S.APPROVED: frozenset({S.INVITATIONS_SENT, S.CANCELLED}),
    S.REJECTED: frozenset({S.DRAFT}),
    S.INVITATIONS_SENT: frozenset({S.REGISTRATION_OPEN, S.CANCELLED}),
    S.REGISTRATION_OPEN: frozenset({S.REGISTRATION_CLOSED, S.CANCELLED}),
    S.REGISTRATION_CLOSED: frozenset({S.REGISTRATION_OPEN, S.HELD, S.CANCELLED}),
    S.HELD: frozenset({S.FEEDBACK_COLLECTED}),
    S.FEEDBACK_COLLECTED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
    S.CANCELLED: frozenset(),
}
# States in which the event is still open (may be cancelled) and in which it took place.
OPEN_STATES = frozenset(s for s, moves in EVENT_TRANSITIONS.items() if S.CANCELLED in moves)
TOOK_PLACE_STATES = frozenset({S.HELD, S.FEEDBACK_COLLECTED, S.CLOSED})
# States in which invited nations see the event and may answer or register.
INVITATION_STATES = frozenset(
    {S.INVITATIONS_SENT, S.REGISTRATION_OPEN, S.REGISTRATION_CLOSED} | TOOK_PLACE_STATES
)


class InvitationAnswer(models.TextChoices):
    """A nation's answer to an invitation."""

    NO_ANSWER = "NO_ANSWER", "No answer yet"
    ACCEPTED = "ACCEPTED", "Accepted"
    DECLINED = "DECLINED", "Declined"


class ReminderKind(models.TextChoices):
    """What a reminder asks its recipient to do."""

    INVITATION = "INVITATION", "Answer the invitation"
    FEEDBACK = "FEEDBACK", "Give feedback"


class FeedScope(models.TextChoices):
    """What an iCal feed lists (always within what its owner may see)."""

    USER = "USER", "Everything I may see"
    NATION = "NATION", "One nation's events"
    SERIES = "SERIES", "One activity's events (a series)"
