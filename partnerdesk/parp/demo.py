"""PARP demo data: Azerbaijan's cycles whose goal counts equal the sourced series, plus one
illustrative cycle each for Georgia and Armenia.

Sourced (domain.md §3.5): Azerbaijan joined PARP in November 1997 [S69][S67]; 27 goals in the
2000–2002 cycle and 33 in 2004–2006 [S66]; 44 goals in April 2013, 31 of them for the armed
forces (General 18, Land 7, Navy 2, Air 4) [S65]; 42 in March 2014, 28 for the armed forces
(General 18, Land 5, Navy 1, Air 4) [S64]; 41 in November 2016, 27 for the armed forces [S63];
the PCSC discussed the 2017 PARP Assessment on 2 May 2017 in "NATO + Azerbaijan" format [S73].

Not public, so ILLUSTRATIVE (cited "DEMO"): goal codes and titles, statuses, target dates, the
service split of the 2016 armed-forces goals and of the two early cycles, survey answers and
assessments. The goal rows are laid out so the computed counts equal the sourced ones exactly.
Idempotent: a cycle that exists already (same nation and start year) is left untouched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from partnerdesk.core.actor import Actor
from partnerdesk.organisations.models import Organisation
from partnerdesk.parp import services
from partnerdesk.parp.choices import GoalStatus, ParpStep, Service, SurveySection
from partnerdesk.parp.models import ParpCycle, PartnershipGoal
from partnerdesk.sources.models import Source

G, L, N, A, X = Service.GENERAL, Service.LAND, Service.NAVY, Service.AIR, Service.OTHER
CODE_PREFIX = {G: "G", L: "L", N: "N", A: "A", X: "X"}

# Illustrative goal titles in our own words (the real titles are not public).
TITLES: dict[str, list[str]] = {
    G: [
        "English-language training of staff officers",
        "Development of a professional NCO corps",
        "Logistics standards compatible with NATO procedures",
        "Military medical support to deployed units",
        "Defence planning and programming methodology",
        "Transparent defence budgeting",
        "Personnel management and career planning",
        "Military education reform along NATO curricula",
        "Secure communications with NATO-led headquarters",
        "Operational planning staff trained in NATO procedures",
        "Codification of equipment in the NATO system",
        "Interoperable command and control information systems",
        "Military legal advisers for deployed forces",
        "Civil-military cooperation capability",
        "Lessons-learned process for exercises and operations",
        "Standardisation office and adoption of STANAGs",
        "Military police for deployed contingents",
        "Ammunition storage safety and stockpile management",
        "Gender perspective in training and operations",
        "Host nation support arrangements",
    ],
    L: [
        "Interoperability of a light infantry battalion's communications",
        "Engineer unit for route clearance and demining",
        "Peacekeeping company declared to the PARP pool",
        "Field medical team (Role 1) for deployed forces",
        "Light infantry battalion trained to NATO standards",
        "Combat service support for a deployed company",
        "Explosive ordnance disposal team",
        "Tactical air control party for land units",
        "Night-fighting equipment and training",
    ],
    N: [
        "Maritime surveillance in the Caspian Sea",
        "Naval boarding team trained to NATO procedures",
        "Mine countermeasures diving team",
        "Coastal radar data exchange",
    ],
    A: [
        "Air Situation Data Exchange with NATO",
        "Air traffic management compatible with civil standards",
        "Airfield operations to NATO standards",
        "Air search and rescue capability",
        "Aeromedical evacuation procedures",
        "Air policing procedures and training",
    ],
    X: [
        "Civil emergency planning with the emergencies ministry",
        "Border security and border guard training",
        "Democratic control of the armed forces",
        "Public information about defence reform",
        "Crisis management procedures at national level",
        "Protection of critical infrastructure",
        "Counter-terrorism cooperation and training",
        "Defence industry standards and quality assurance",
        "Cyber defence of government networks",
        "Energy security of defence installations",
        "Cooperation with the national mine action agency",
        "Chemical, biological, radiological and nuclear protection of civilians",
        "Security sector governance training for civil servants",
        "Parliamentary oversight of defence spending",
        "Disaster response coordination with the EADRCC",
        "Protection of classified information",
    ],
}


@dataclass(frozen=True)
class CycleSpec:
    """One demo cycle: years, goal counts per service (armed forces and other), sources."""

    start: int
    armed_forces: dict[str, int]
    other: int
    sources: tuple[str, ...]
    af_recorded: bool
    step: str
    note: str
    shift: int = 0
    marking: str = "PUBLIC"
    extra: dict[str, Any] = field(default_factory=dict)


AZE_CYCLES = (
    CycleSpec(
        start=2000,
        armed_forces={G: 10, L: 6, N: 3, A: 3},
        other=5,
        sources=("S66", "S69", "S67", "DEMO"),
        af_recorded=False,
        step=ParpStep.ASSESSMENT_NOTED,
        note=(
            "27 Partnership Goals in this cycle [S66]. Azerbaijan joined PARP in November 1997 "
            "[S69][S67]. Which goals concerned the armed forces is not recorded; codes, titles, "
            "services and statuses are illustrative (DEMO)."
        ),
        shift=0,
    ),
    CycleSpec(
        start=2004,
        armed_forces={G: 12, L: 6, N: 3, A: 4},
        other=8,
        sources=("S66", "DEMO"),
        af_recorded=False,
        step=ParpStep.ASSESSMENT_NOTED,
        note=(
            "33 Partnership Goals in this cycle [S66]. Which goals concerned the armed forces is "
            "not recorded; codes, titles, services and statuses are illustrative (DEMO)."
        ),
        shift=3,
    ),
    CycleSpec(
        start=2012,
        armed_forces={G: 18, L: 7, N: 2, A: 4},
        other=13,
        sources=("S65", "DEMO"),
        af_recorded=True,
        step=ParpStep.ASSESSMENT_NOTED,
        note=(
            "As reported in April 2013: 44 Partnership Goals, 31 for the armed forces (General "
            "18, Land 7, Navy 2, Air 4) [S65]. Codes, titles and statuses are illustrative (DEMO)."
        ),
        shift=1,
    ),
    CycleSpec(
        start=2014,
        armed_forces={G: 18, L: 5, N: 1, A: 4},
        other=14,
        sources=("S64", "DEMO"),
        af_recorded=True,
        step=ParpStep.ASSESSMENT_NOTED,
        note=(
            "As reported in March 2014: 42 Partnership Goals, 28 for the armed forces (General "
            "18, Land 5, Navy 1, Air 4) [S64]. Codes, titles and statuses are illustrative (DEMO)."
        ),
        shift=3,
    ),
    CycleSpec(
        start=2016,
        armed_forces={G: 17, L: 5, N: 1, A: 4},
        other=14,
        sources=("S63", "S73", "DEMO"),
        af_recorded=True,
        step=ParpStep.ASSESSMENT_DISCUSSED,
        note=(
            "As reported in November 2016: 41 Partnership Goals, 27 for the armed forces; some "
            "completed, others long-term or in progress [S63]. The PCSC discussed the 2017 PARP "
            "Assessment on 2 May 2017 in NATO + Azerbaijan format [S73]. The service split of "
            "the armed-forces goals, codes, titles and statuses are illustrative (DEMO)."
        ),
        shift=5,
        extra={
            "assessment_discussed_on": dt.date(2017, 5, 2),
            "forum": "PCSC (NATO + Azerbaijan)",
        },
    ),
)

OTHER_NATIONS = (
    (
        "GEO",
        CycleSpec(
            start=2016,
            armed_forces={G: 3, L: 2, N: 0, A: 1},
            other=1,
            sources=("DEMO",),
            af_recorded=True,
            step=ParpStep.GOALS_APPROVED,
            note="An illustrative cycle (DEMO): the goals of Georgia are not public.",
            shift=7,
        ),
    ),
    (
        "ARM",
        CycleSpec(
            start=2016,
            armed_forces={G: 2, L: 2, N: 0, A: 0},
            other=1,
            sources=("DEMO",),
            af_recorded=True,
            step=ParpStep.BILATERAL_TALKS,
            note="An illustrative cycle (DEMO): the goals of Armenia are not public.",
            shift=11,
            marking="PARTNERS",
        ),
    ),
)


def _goal_plan(spec: CycleSpec) -> list[dict[str, Any]]:
    """The goals of a cycle: per service, codes 01… and titles from the pool (shifted)."""
    counts = dict(spec.armed_forces) | {X: spec.other}
    return [
        {
            "code": f"{CODE_PREFIX[service]}{index + 1:02d}",
            "title": TITLES[service][(index + spec.shift) % len(TITLES[service])],
            "service": service,
            "armed_forces": service != X,
        }
        for service in (G, L, N, A, X)
        for index in range(counts.get(service, 0))
    ]


def _status(spec: CycleSpec, index: int, carried_on: bool) -> str:
    """Illustrative statuses: goals that reappear in the next cycle were carried over or
    partially implemented; the last cycle has some completed and others in progress [S63]."""
    if spec.step == ParpStep.ASSESSMENT_DISCUSSED:
        return GoalStatus.IMPLEMENTED if index % 4 == 0 else GoalStatus.IN_PROGRESS
    if spec.step == ParpStep.GOALS_APPROVED:
        return GoalStatus.AGREED
    if spec.step != ParpStep.ASSESSMENT_NOTED:
        return GoalStatus.PROPOSED
    if carried_on:
        return GoalStatus.PARTIALLY_IMPLEMENTED if index % 2 else GoalStatus.CARRIED_OVER
    return GoalStatus.IMPLEMENTED if index % 5 else GoalStatus.DROPPED


SURVEY = (
    (
        SurveySection.FORCES_OFFERED,
        "Which units are offered to the PARP pool of forces?",
        "A light infantry company and a field medical team (illustrative).",
        None,
    ),
    (
        SurveySection.DEFENCE_PLANS,
        "Which defence reform documents guide the planning period?",
        "The national security concept and a military doctrine under revision (illustrative).",
        None,
    ),
    (
        SurveySection.FORCE_STRUCTURE,
        "How are land, naval and air forces organised?",
        "Corps-level land forces, a Caspian flotilla and an air and air defence force "
        "(illustrative).",
        None,
    ),
    (
        SurveySection.BUDGET,
        "Planned defence budget (illustrative placeholder, not the real figure)",
        "Placeholder value for the demo only.",
        (Decimal("1000000000.00"), "AZN", 2017),
    ),
)


def _cite(sources: dict[str, int], *keys: str) -> list[int]:
    """The ids of the cited sources that exist (reference data loads S1…S145 and DEMO)."""
    return [sources[key] for key in keys if key in sources]


def _cycle_values(nation: Organisation, spec: CycleSpec) -> dict[str, Any]:
    return {
        "owner": nation,
        "marking": spec.marking,
        "start_year": spec.start,
        "end_year": spec.start + 2,
        "step": spec.step,
        "armed_forces_recorded": spec.af_recorded,
        "note": spec.note,
    } | spec.extra


def _load_cycle(
    actor: Actor,
    nation: Organisation,
    spec: CycleSpec,
    next_spec: CycleSpec | None,
    previous: ParpCycle | None,
    sources: dict[str, int],
) -> tuple[ParpCycle, int]:
    cycle = services.cycle_create(
        actor=actor,
        data=_cycle_values(nation, spec) | {"sources": _cite(sources, *spec.sources)},
    )
    created = 1
    later_titles = (
        {(g["service"], g["title"]) for g in _goal_plan(next_spec)} if next_spec else set()
    )
    for index, goal in enumerate(_goal_plan(spec)):
        carried_from = None
        if previous is not None:
            carried_from = PartnershipGoal.objects.filter(
                cycle=previous,
                title=goal["title"],
                service=goal["service"],
                status__in=[GoalStatus.CARRIED_OVER, GoalStatus.PARTIALLY_IMPLEMENTED],
            ).first()
        data = goal | {
            "status": _status(spec, index, (goal["service"], goal["title"]) in later_titles),
            "target_date": dt.date(spec.start + 2, 12, 31) if spec.start >= 2012 else None,
            "carried_from": carried_from,
            "sources": _cite(sources, "DEMO"),
        }
        services.goal_create(actor=actor, cycle=cycle, data=data)
        created += 1
    return cycle, created


def _load_survey_and_assessments(actor: Actor, cycle: ParpCycle, sources: dict[str, int]) -> int:
    created = 0
    for section, question, answer, budget in SURVEY:
        data: dict[str, Any] = {
            "marking": "BILATERAL",
            "section": section,
            "question": question,
            "answer": answer,
            "sources": _cite(sources, "DEMO"),
        }
        if budget is not None:
            data |= {"amount": budget[0], "currency": budget[1], "year": budget[2]}
        services.survey_answer_create(actor=actor, cycle=cycle, data=data)
        created += 1
    goals = list(PartnershipGoal.objects.filter(cycle=cycle).order_by("code")[:4])
    for index, goal in enumerate(goals):
        services.assessment_create(
            actor=actor,
            goal=goal,
            data={
                "marking": "BILATERAL",
                "year": cycle.start_year + 1,
                "progress": (100, 60, 45, 30)[index],
                "narrative": (
                    "Illustrative assessment (DEMO): "
                    + ("completed as planned." if index == 0 else "work continues; see plan.")
                ),
                "sources": _cite(sources, "DEMO"),
            },
        )
        created += 1
    return created


def load_demo(*, actor: Actor) -> int:
    """Load the PARP demo data through the services; return the number of rows created."""
    sources = {
        str(key): pk
        for key, pk in Source.objects.filter(key__isnull=False).values_list("key", "pk")
    }
    created = 0
    with transaction.atomic():
        aze = Organisation.objects.filter(code="AZE").first()
        if aze is not None:
            previous: ParpCycle | None = None
            for position, spec in enumerate(AZE_CYCLES):
                next_spec = AZE_CYCLES[position + 1] if position + 1 < len(AZE_CYCLES) else None
                existing = ParpCycle.objects.filter(owner=aze, start_year=spec.start).first()
                if existing is not None:
                    previous = existing
                    continue
                cycle, count = _load_cycle(actor, aze, spec, next_spec, previous, sources)
                created += count
                if spec.start == 2016:
                    created += _load_survey_and_assessments(actor, cycle, sources)
                previous = cycle
        for code, spec in OTHER_NATIONS:
            nation = Organisation.objects.filter(code=code).first()
            if nation is None:
                continue
            if ParpCycle.objects.filter(owner=nation, start_year=spec.start).exists():
                continue
            _cycle, count = _load_cycle(actor, nation, spec, None, None, sources)
            created += count
    return created
