"""Demo assessment rounds: illustrative national and alliance ratings of Azerbaijan's IPAPs.

Facts (domain.md §3.4): IPAP implementation is assessed annually, with NATO expert teams
visiting [S65] and Allies discussing the past year [S63]; a 2016 interview adds that national
and NATO experts each assess and that their assessments "mostly coincide" (🟡, single source).
The ratings themselves are not public: every level and rationale here is our own illustrative
design, cites the DEMO source and is labelled "Illustrative ratings" on the round.

Rounds are added to the plans the plans demo created (looked up by nation, type and period):
Azerbaijan 2015, 2016 and 2017 closed, 2018 open with only the national side submitted, and
one closed 2017 round of Armenia's illustrative IPAP. Nothing is created when a plan is
missing; a round that already exists is left exactly as it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db import transaction

from partnerdesk.assessments import services
from partnerdesk.assessments.choices import Side
from partnerdesk.assessments.models import AssessmentRound
from partnerdesk.core.actor import Actor
from partnerdesk.plans.models import Objective, Plan
from partnerdesk.sources.models import Source

NOTE = (
    "Illustrative ratings: the real assessments are not public. Levels and rationales are "
    "our own design to show how the dual assessment works."
)
FACT_SOURCES = ("S65", "S63", "DEMO")


@dataclass(frozen=True)
class RoundSpec:
    """One demo round: which plan, which year, and how far the round has got."""

    nation: str
    start: int
    end: int
    year: int
    closed: bool
    base: int  # typical national level that year (progress grows over the years)
    divergent: int  # how many objectives the two sides see 2+ levels apart


ROUNDS: tuple[RoundSpec, ...] = (
    RoundSpec("AZE", 2015, 2016, 2015, True, 2, 2),
    RoundSpec("AZE", 2015, 2016, 2016, True, 3, 1),
    RoundSpec("AZE", 2017, 2018, 2017, True, 3, 2),
    RoundSpec("AZE", 2017, 2018, 2018, False, 4, 1),
    RoundSpec("ARM", 2017, 2018, 2017, True, 3, 1),
)
NATIONAL_WORDS = {
    1: "work has not started yet; the responsible agency reports preparations only",
    2: "first steps are taken; a working group and a draft timetable exist",
    3: "about half of the planned measures are in place according to agency reports",
    4: "most measures are in place; remaining steps are scheduled for next year",
    5: "all planned measures are completed and reported to the commission",
}
ALLIANCE_WORDS = {
    1: "the expert team found no implemented measure during its visit",
    2: "the expert team saw initial steps but little change in practice",
    3: "the expert team confirmed partial implementation with clear gaps",
    4: "the expert team confirmed substantial implementation",
    5: "the expert team confirmed full implementation",
}


def _spread(year: int, code: str, salt: str) -> int:
    """A stable pseudo-random number 0..999 for an objective and year (same on every run)."""
    digest = hashlib.sha256(f"{salt}:{year}:{code}".encode()).hexdigest()
    return int(digest[:8], 16) % 1000


def _levels(spec: RoundSpec, objectives: list[Objective], levels: int) -> list[tuple[int, int]]:
    """(national, alliance) per objective: mostly equal or one apart, a few 2+ apart."""
    ranked = sorted(objectives, key=lambda o: _spread(spec.year, o.code, "divergent"))
    divergent = {o.pk for o in ranked[: spec.divergent]}
    pairs = []
    for objective in objectives:
        wobble = _spread(spec.year, objective.code, "national") % 3 - 1  # -1, 0 or +1
        national = min(levels, max(1, spec.base + wobble))
        roll = _spread(spec.year, objective.code, "alliance")
        if objective.pk in divergent:
            alliance = national - 2 if national >= 3 else national + 2
        elif roll < 720:
            alliance = national
        elif roll < 930:
            alliance = national - 1 if national > 1 else national + 1
        else:
            alliance = national + 1 if national < levels else national - 1
        pairs.append((national, min(levels, max(1, alliance))))
    return pairs


def _rationale(side: str, level: int, objective: Objective) -> str:
    words = (NATIONAL_WORDS if side == Side.NATIONAL else ALLIANCE_WORDS)[level]
    return f"Illustrative: {words} ({objective.code})."


def _plan(spec: RoundSpec) -> Plan | None:
    return (
        Plan.objects.filter(
            owner__code=spec.nation,
            plan_type="IPAP",
            period_start__year=spec.start,
            period_end__year=spec.end,
        )
        .order_by("pk")
        .first()
    )


def _load_round(actor: Actor, spec: RoundSpec, plan: Plan, source_ids: list[int]) -> int:
    if AssessmentRound.objects.filter(plan=plan, year=spec.year).exists():
        return 0  # never touch a round that exists (it may have been changed since)
    objectives = list(
        Objective.objects.filter(plan=plan, marking__in=("PUBLIC", "PARTNERS", "BILATERAL"))
        .select_related("chapter")
        .order_by("chapter__position", "position", "code")
    )
    if not objectives:
        return 0
    assessment = services.round_open(
        actor=actor,
        data={
            "plan": plan,
            "year": spec.year,
            "opens_on": dt.date(spec.year, 11, 1),
            "deadline": dt.date(spec.year + 1, 1, 31),
            "note": NOTE,
            "sources": source_ids,
        },
    )
    created = 1
    pairs = _levels(spec, objectives, assessment.levels)
    drafts_only = 0 if spec.closed else len(objectives) // 2
    for index, (objective, (national, alliance)) in enumerate(zip(objectives, pairs, strict=True)):
        for side, level in ((Side.NATIONAL, national), (Side.ALLIANCE, alliance)):
            if side == Side.ALLIANCE and not spec.closed and index >= drafts_only:
                continue  # the open round: the alliance has drafts for half the objectives
            services.rating_create(
                actor=actor,
                data={
                    "round": assessment,
                    "objective": objective,
                    "side": side,
                    "level": level,
                    "rationale": _rationale(side, level, objective),
                },
            )
            created += 1
    services.side_submit(actor=actor, assessment=assessment, side=Side.NATIONAL)
    created += 1
    if spec.closed:
        services.side_submit(actor=actor, assessment=assessment, side=Side.ALLIANCE)
        created += 1
        assessment.refresh_from_db()
        services.round_close(assessment, actor=actor, expected_version=assessment.version)
    return created


def load_demo(*, actor: Actor) -> int:
    """Create the demo rounds that do not exist yet; returns the number of rows created."""
    source_ids = list(
        Source.objects.filter(key__in=FACT_SOURCES).order_by("key").values_list("pk", flat=True)
    )
    created = 0
    with transaction.atomic():
        for spec in ROUNDS:
            plan = _plan(spec)
            if plan is None:
                continue
            created += _load_round(actor, spec, plan, source_ids)
    return created
