"""Enumerations of the evidence app: Admiralty grading, fact kinds, review states."""

from __future__ import annotations

from django.db import models


class Reliability(models.TextChoices):
    """Admiralty code, source reliability: how far the source has proved trustworthy."""

    A = "A", "A — completely reliable"
    B = "B", "B — usually reliable"
    C = "C", "C — fairly reliable"
    D = "D", "D — not usually reliable"
    E = "E", "E — unreliable"
    F = "F", "F — reliability cannot be judged"


class Credibility(models.TextChoices):
    """Admiralty code, information credibility: how well the information is confirmed."""

    CONFIRMED = "1", "1 — confirmed by other sources"
    PROBABLE = "2", "2 — probably true"
    POSSIBLE = "3", "3 — possibly true"
    DOUBTFUL = "4", "4 — doubtful"
    IMPROBABLE = "5", "5 — improbable"
    UNKNOWN = "6", "6 — truth cannot be judged"


class FactKind(models.TextChoices):
    """The kinds of fact the extraction pipeline emits (the contract's `kind`)."""

    MECHANISM = "mechanism", "Mechanism mention"
    QUANTITY = "quantity", "Quantity"
    PERIOD = "period", "Plan period"
    EVENT = "event", "Event"


class FactStatus(models.TextChoices):
    """Where a fact stands in review; the extractor's payload never changes."""

    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    EDITED = "edited", "Accepted with edits"
    REJECTED = "rejected", "Rejected"


class Decision(models.TextChoices):
    """What a reviewer decided about a fact."""

    ACCEPT = "accept", "Accept"
    EDIT = "edit", "Accept with edits"
    REJECT = "reject", "Reject"


DECISION_STATUS: dict[str, str] = {
    Decision.ACCEPT: FactStatus.ACCEPTED,
    Decision.EDIT: FactStatus.EDITED,
    Decision.REJECT: FactStatus.REJECTED,
}

# Which decisions each review state still allows (a proposed fact may be decided once; a
# rejected one may be reconsidered; an accepted one is final, its record is edited in its app).
REVIEW_MOVES: dict[str, frozenset[str]] = {
    FactStatus.PROPOSED: frozenset({Decision.ACCEPT, Decision.EDIT, Decision.REJECT}),
    FactStatus.REJECTED: frozenset({Decision.ACCEPT, Decision.EDIT}),
    FactStatus.ACCEPTED: frozenset(),
    FactStatus.EDITED: frozenset(),
}

# Operations whose personnel figures become contribution snapshots.
OPERATION_CODES = ("ISAF", "RSM", "KFOR")
# Plan mechanisms whose periods become plans.
PLAN_CODES = ("IPAP", "IPCP", "ITPP", "ANP")
# Words in a quantity's `counted` that mean personnel.
PERSONNEL_WORDS = (
    "troop",
    "servicem",
    "soldier",
    "personnel",
    "peacekeeper",
    "military",
    "officer",
    "staff",
    "contingent",
)
# Largest upload accepted before the pipeline (which has its own, equal limit) sees it.
MAX_UPLOAD_BYTES = 5_000_000
