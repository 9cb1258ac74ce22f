"""Enumerations of the PARP domain, the cycle's step machine and the calendar rule."""

from __future__ import annotations

from django.db import models


class ParpStep(models.TextChoices):
    """Where a PARP cycle stands; moves are in `STEP_TRANSITIONS` (one forward, one back)."""

    SURVEY_ISSUED = "SURVEY_ISSUED", "Survey issued"
    SURVEY_RETURNED = "SURVEY_RETURNED", "Survey returned"
    DRAFT_GOALS = "DRAFT_GOALS", "Draft Partnership Goals"
    BILATERAL_TALKS = "BILATERAL_TALKS", "Bilateral talks"
    MULTILATERAL_REVIEW = "MULTILATERAL_REVIEW", "Multilateral review"
    GOALS_APPROVED = "GOALS_APPROVED", "Goals approved"
    ASSESSMENT_DRAFTED = "ASSESSMENT_DRAFTED", "Assessment drafted"
    ASSESSMENT_DISCUSSED = "ASSESSMENT_DISCUSSED", "Assessment discussed"
    ASSESSMENT_NOTED = "ASSESSMENT_NOTED", "Assessment noted"


STEP_ORDER: tuple[str, ...] = tuple(ParpStep.values)


def _step_transitions() -> dict[str, frozenset[str]]:
    """Each step may move to the next one, or back one step to correct a mistake."""
    table: dict[str, frozenset[str]] = {}
    for index, step in enumerate(STEP_ORDER):
        moves = set()
        if index + 1 < len(STEP_ORDER):
            moves.add(STEP_ORDER[index + 1])
        if index > 0:
            moves.add(STEP_ORDER[index - 1])
        table[step] = frozenset(moves)
    return table


STEP_TRANSITIONS: dict[str, frozenset[str]] = _step_transitions()
STEP_LABELS: dict[str, str] = dict(ParpStep.choices)


def next_step(step: str) -> str | None:
    """The step after `step`, or None at the end."""
    index = STEP_ORDER.index(step)
    return STEP_ORDER[index + 1] if index + 1 < len(STEP_ORDER) else None


def previous_step(step: str) -> str | None:
    """The step before `step`, or None at the start."""
    index = STEP_ORDER.index(step)
    return STEP_ORDER[index - 1] if index > 0 else None


class YearParity(models.TextChoices):
    """Which years of a cycle are goals years (the others are assessment years)."""

    EVEN = "even", "Goals in even years, assessment in odd years"
    ODD = "odd", "Goals in odd years, assessment in even years"


class YearKind(models.TextChoices):
    """What a year of a PARP cycle is for."""

    GOALS = "GOALS", "Goals year"
    ASSESSMENT = "ASSESSMENT", "Assessment year"


def year_kind(year: int, parity: str) -> str:
    """GOALS or ASSESSMENT for `year` under the rule `parity` ("even": goals in even years)."""
    is_even = year % 2 == 0
    goals_year = is_even if parity == YearParity.EVEN else not is_even
    return YearKind.GOALS if goals_year else YearKind.ASSESSMENT


class ApprovedBy(models.TextChoices):
    """Who approved the package of Partnership Goals."""

    AMBASSADORS = "AMBASSADORS", "Allied ambassadors"
    PARTNER = "PARTNER", "The partner"


class SurveySection(models.TextChoices):
    """The parts of the PARP Survey."""

    FORCES_OFFERED = "FORCES_OFFERED", "Forces and capabilities offered"
    DEFENCE_PLANS = "DEFENCE_PLANS", "Defence plans"
    FORCE_STRUCTURE = "FORCE_STRUCTURE", "Force structure"
    BUDGET = "BUDGET", "Budget"
    OTHER = "OTHER", "Other"


class Service(models.TextChoices):
    """The service a Partnership Goal concerns."""

    GENERAL = "GENERAL", "General (force-wide)"
    LAND = "LAND", "Land Forces"
    NAVY = "NAVY", "Navy"
    AIR = "AIR", "Air Force"
    SOF = "SOF", "Special operations forces"
    OTHER = "OTHER", "Other"


SERVICE_SHORT: dict[str, str] = {
    Service.GENERAL: "General",
    Service.LAND: "Land",
    Service.NAVY: "Navy",
    Service.AIR: "Air",
    Service.SOF: "SOF",
    Service.OTHER: "Other",
}


class GoalStatus(models.TextChoices):
    """Where a Partnership Goal stands (the public reports name implemented, partially
    implemented and transferred to the next cycle; the rest is our design)."""

    PROPOSED = "PROPOSED", "Proposed"
    AGREED = "AGREED", "Agreed"
    IN_PROGRESS = "IN_PROGRESS", "In progress"
    IMPLEMENTED = "IMPLEMENTED", "Implemented"
    PARTIALLY_IMPLEMENTED = "PARTIALLY_IMPLEMENTED", "Partially implemented"
    CARRIED_OVER = "CARRIED_OVER", "Carried over to the next cycle"
    DROPPED = "DROPPED", "Dropped"


# Goals with these statuses are finished: carry-over leaves them behind.
CLOSED_GOAL_STATUSES = frozenset({GoalStatus.IMPLEMENTED, GoalStatus.DROPPED})
# Goals still open when carried over are marked as transferred in their old cycle.
OPEN_GOAL_STATUSES = frozenset({GoalStatus.PROPOSED, GoalStatus.AGREED, GoalStatus.IN_PROGRESS})


# The columns of a goal import or export file, in order.
GOAL_COLUMNS = ("code", "title", "service", "armed_forces", "target_date", "status")
