"""Enumerations of the plans domain."""

from django.db import models


class PlanType(models.TextChoices):
    """The bilateral plan and programme documents."""

    IPAP = "IPAP", "Individual Partnership Action Plan"
    IPCP = "IPCP", "Individual Partnership and Cooperation Programme"
    ITPP = "ITPP", "Individually Tailored Partnership Programme"
    ANP = "ANP", "Annual National Programme"


class PlanStatus(models.TextChoices):
    """Life cycle of a plan; allowed moves are in `PLAN_TRANSITIONS`."""

    DRAFT = "DRAFT", "Draft"
    SUBMITTED = "SUBMITTED", "Submitted"
    UNDER_NEGOTIATION = "UNDER_NEGOTIATION", "Under negotiation"
    AGREED = "AGREED", "Agreed"
    IN_IMPLEMENTATION = "IN_IMPLEMENTATION", "In implementation"
    UNDER_ASSESSMENT = "UNDER_ASSESSMENT", "Under assessment"
    CLOSED = "CLOSED", "Closed"
    SUPERSEDED = "SUPERSEDED", "Superseded"
    STALLED = "STALLED", "Stalled"


S = PlanStatus
PLAN_TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.UNDER_NEGOTIATION, S.DRAFT, S.STALLED}),
    S.UNDER_NEGOTIATION: frozenset({S.AGREED, S.STALLED, S.DRAFT}),
    S.STALLED: frozenset({S.UNDER_NEGOTIATION, S.SUPERSEDED}),
    S.AGREED: frozenset({S.IN_IMPLEMENTATION, S.SUPERSEDED}),
    S.IN_IMPLEMENTATION: frozenset({S.UNDER_ASSESSMENT, S.SUPERSEDED, S.CLOSED}),
    S.UNDER_ASSESSMENT: frozenset({S.IN_IMPLEMENTATION, S.CLOSED, S.SUPERSEDED}),
    S.CLOSED: frozenset(),
    S.SUPERSEDED: frozenset(),
}


class DecisionBody(models.TextChoices):
    """Who took a decision on a plan."""

    NAC = "NAC", "North Atlantic Council"
    AMBASSADORS = "AMBASSADORS", "Allied ambassadors"
    PARTNER = "PARTNER", "The partner"
    COMMITTEE = "COMMITTEE", "A committee in +1 format"


class DecisionMethod(models.TextChoices):
    """How a decision was taken."""

    MEETING = "MEETING", "At a meeting"
    SILENCE_PROCEDURE = "SILENCE_PROCEDURE", "Silence procedure"


class ChapterKind(models.TextChoices):
    """IPAP chapters are plain; ITPP structures them as ends → ways → means."""

    CHAPTER = "CHAPTER", "Chapter"
    ENDS = "ENDS", "Ends (strategic objectives)"
    WAYS = "WAYS", "Ways (partnership goals)"
    MEANS = "MEANS", "Means (supporting activities)"


class CommitmentStatus(models.TextChoices):
    """Progress of a commitment or action under an objective."""

    NOT_STARTED = "NOT_STARTED", "Not started"
    IN_PROGRESS = "IN_PROGRESS", "In progress"
    COMPLETED = "COMPLETED", "Completed"
    COMPLETED_AHEAD = "COMPLETED_AHEAD", "Completed ahead of schedule"
    DELAYED = "DELAYED", "Delayed"
    DEFERRED_TO_NEXT_PLAN = "DEFERRED_TO_NEXT_PLAN", "Deferred to the next plan"
    CANCELLED = "CANCELLED", "Cancelled"


OPEN_COMMITMENT_STATUSES = frozenset(
    {CommitmentStatus.NOT_STARTED, CommitmentStatus.IN_PROGRESS, CommitmentStatus.DELAYED}
)

# The six standard IPAP chapters (domain.md §3.4, current NATO wording [S13], 2012 wording [S14]).
STANDARD_IPAP_CHAPTERS: tuple[tuple[str, str], ...] = (
    ("1", "Political and security issues"),
    ("2", "Defence, security and military issues"),
    ("3", "Public diplomacy"),
    ("4", "Science and environment"),
    ("5", "Civil preparedness"),
    ("6", "Administrative, protective security and resource issues"),
)
