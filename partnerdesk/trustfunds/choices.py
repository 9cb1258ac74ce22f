"""Enumerations of the trust-fund domain: themes, programmes, the project life cycle, money."""

from __future__ import annotations

from django.db import models

from partnerdesk.core.dates import DatePrecision

__all__ = ["DatePrecision"]


class Theme(models.TextChoices):
    """What a project is about (domain.md §3.8)."""

    DEMINING = "DEMINING", "Demining / UXO clearance"
    SALW = "SALW", "Small arms and light weapons"
    MUNITIONS = "MUNITIONS", "Munitions and rocket fuel"
    DEFENCE_REFORM = "DEFENCE_REFORM", "Defence-reform consequences"
    CAPACITY_BUILDING = "CAPACITY_BUILDING", "Capacity building"
    OTHER = "OTHER", "Other"


class Programme(models.TextChoices):
    """Which NATO programme funds the project (Mélange was SPS-funded, not a trust fund)."""

    TRUST_FUND = "TRUST_FUND", "NATO/PfP Trust Fund"
    SPS = "SPS", "Science for Peace and Security programme"


class ProjectStatus(models.TextChoices):
    """Where a project stands; moves are in `PROJECT_TRANSITIONS`."""

    REQUESTED = "REQUESTED", "Requested"
    SCOPING = "SCOPING", "Scoping"
    LEAD_NATION_FOUND = "LEAD_NATION_FOUND", "Lead nation found"
    FEASIBILITY = "FEASIBILITY", "Feasibility study"
    PROPOSAL_AGREED = "PROPOSAL_AGREED", "Proposal agreed"
    PRESENTED = "PRESENTED", "Presented"
    FUNDRAISING = "FUNDRAISING", "Fundraising"
    AGREEMENTS_SIGNED = "AGREEMENTS_SIGNED", "Agreements signed"
    IN_EXECUTION = "IN_EXECUTION", "In execution"
    PHASE_COMPLETED = "PHASE_COMPLETED", "Phase completed"
    CLOSED = "CLOSED", "Closed"


STATUS_ORDER: tuple[str, ...] = tuple(ProjectStatus.values)
STATUS_LABELS: dict[str, str] = dict(ProjectStatus.choices)


def _project_transitions() -> dict[str, frozenset[str]]:
    """Each status moves to the next one or back one step (to correct a mistake); a completed
    phase leads either to the execution of the next phase or to closing the project."""
    table: dict[str, frozenset[str]] = {}
    for index, status in enumerate(STATUS_ORDER):
        moves: set[str] = set()
        if index + 1 < len(STATUS_ORDER):
            moves.add(STATUS_ORDER[index + 1])
        if index > 0:
            moves.add(STATUS_ORDER[index - 1])
        table[status] = frozenset(moves)
    # PHASE_COMPLETED → IN_EXECUTION is both "next phase" and "one step back".
    return table


PROJECT_TRANSITIONS: dict[str, frozenset[str]] = _project_transitions()


def next_statuses(status: str) -> list[str]:
    """The statuses `status` may move to, in life-cycle order."""
    allowed = PROJECT_TRANSITIONS.get(status, frozenset())
    return [s for s in STATUS_ORDER if s in allowed]


class Currency(models.TextChoices):
    """ISO 4217 codes of the currencies trust-fund money is given in."""

    EUR = "EUR", "EUR — euro"
    USD = "USD", "USD — US dollar"
    GBP = "GBP", "GBP — pound sterling"
    CHF = "CHF", "CHF — Swiss franc"
    NOK = "NOK", "NOK — Norwegian krone"
    SEK = "SEK", "SEK — Swedish krona"
    DKK = "DKK", "DKK — Danish krone"
    CAD = "CAD", "CAD — Canadian dollar"
    JPY = "JPY", "JPY — yen"
    AUD = "AUD", "AUD — Australian dollar"
    PLN = "PLN", "PLN — złoty"
    CZK = "CZK", "CZK — Czech koruna"
    HUF = "HUF", "HUF — forint"
    RON = "RON", "RON — Romanian leu"
    BGN = "BGN", "BGN — Bulgarian lev"
    TRY = "TRY", "TRY — Turkish lira"
    AZN = "AZN", "AZN — Azerbaijani manat"
    GEL = "GEL", "GEL — Georgian lari"


class ContributionStatus(models.TextChoices):
    """Whether a contribution is promised or paid."""

    PLEDGED = "PLEDGED", "Pledged"
    PAID = "PAID", "Paid"


class AgreementKind(models.TextChoices):
    """The legal instruments of a trust-fund project (domain.md §3.8 step 5)."""

    MOU = "MOU", "Memorandum of understanding"
    IMPLEMENTING = "IMPLEMENTING", "Implementing agreement"
    EXEC_AGENT = "EXEC_AGENT", "Executing-agent agreement"
    FMA = "FMA", "Financial management agreement"


class KpiMetric(models.TextChoices):
    """What a key performance indicator counts."""

    HECTARES_CLEARED = "HECTARES_CLEARED", "Hectares cleared"
    SQUARE_METRES_CLEARED = "SQUARE_METRES_CLEARED", "Square metres cleared"
    AREA_COVERED = "AREA_COVERED", "Area covered"
    ITEMS_LOCATED = "ITEMS_LOCATED", "Items located"
    ITEMS_DESTROYED = "ITEMS_DESTROYED", "Items destroyed"
    LIVE_ITEMS_RECOVERED = "LIVE_ITEMS_RECOVERED", "Live items recovered"
    TONNES_NEUTRALISED = "TONNES_NEUTRALISED", "Tonnes neutralised"
    PEOPLE_RETRAINED = "PEOPLE_RETRAINED", "People retrained"
    OTHER = "OTHER", "Other"


DEFAULT_UNITS: dict[str, str] = {
    KpiMetric.HECTARES_CLEARED: "ha",
    KpiMetric.SQUARE_METRES_CLEARED: "m²",
    KpiMetric.AREA_COVERED: "km²",
    KpiMetric.ITEMS_LOCATED: "items",
    KpiMetric.ITEMS_DESTROYED: "items",
    KpiMetric.LIVE_ITEMS_RECOVERED: "items",
    KpiMetric.TONNES_NEUTRALISED: "t",
    KpiMetric.PEOPLE_RETRAINED: "people",
}


class Qualifier(models.TextChoices):
    """How exact a reported figure is."""

    EXACT = "EXACT", "Exact"
    APPROXIMATE = "APPROXIMATE", "About"
    MORE_THAN = "MORE_THAN", "More than"


QUALIFIER_PREFIX: dict[str, str] = {
    Qualifier.EXACT: "",
    Qualifier.APPROXIMATE: "~",
    Qualifier.MORE_THAN: ">",
}
