"""Fixtures of the assessment tests: a small plan of Azerbaijan and helpers to rate it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from partnerdesk.assessments import services
from partnerdesk.assessments.models import AssessmentRound, Rating
from partnerdesk.core.actor import Actor
from partnerdesk.plans.models import Chapter, Objective, Plan

TODAY = timezone.localdate()
OPENS = dt.date(2016, 1, 15)
LATER = TODAY + dt.timedelta(days=30)


@dataclass
class PlanFixture:
    plan: Plan
    objectives: list[Objective]


def make_plan(
    owner: Any,
    *,
    marking: str = "BILATERAL",
    objectives: Sequence[tuple[str, str]] = (
        ("1", "1.1"),
        ("1", "1.2"),
        ("2", "2.1"),
        ("2", "2.2"),
    ),
    title: str = "IPAP 2015-2016",
) -> PlanFixture:
    """A plan with chapters 1 and 2 and the given (chapter, objective code) pairs.

    Written directly: this is fixture data of another app, not a user action.
    """
    plan = Plan.objects.create(
        owner=owner,
        marking=marking,
        plan_type="IPAP",
        title=title,
        period_start=dt.date(2015, 1, 1),
        period_end=dt.date(2016, 12, 31),
    )
    chapters = {
        code: Chapter.objects.create(
            owner=owner, marking=marking, plan=plan, code=code, title=title_, position=int(code)
        )
        for code, title_ in (("1", "Political and security issues"), ("2", "Defence issues"))
    }
    created = [
        Objective.objects.create(
            owner=owner,
            marking=marking,
            plan=plan,
            chapter=chapters[chapter],
            code=code,
            text=f"Objective {code} in our own words",
            position=index,
        )
        for index, (chapter, code) in enumerate(objectives, start=1)
    ]
    return PlanFixture(plan, created)


@pytest.fixture
def azeplan(world: Any) -> PlanFixture:
    return make_plan(world.aze)


def open_round(
    plan: Plan, *, year: int = 2016, deadline: dt.date = LATER, **extra: Any
) -> AssessmentRound:
    return services.round_open(
        actor=Actor.system(),
        data={"plan": plan, "year": year, "opens_on": OPENS, "deadline": deadline} | extra,
    )


@pytest.fixture
def round_(azeplan: PlanFixture) -> AssessmentRound:
    return open_round(azeplan.plan)


def actor_of(user: Any, source: str = "web") -> Actor:
    return Actor(user=user, source=source, request_id="req-test")


def rate(
    user: Any, assessment: AssessmentRound, objectives: Sequence[Objective], levels: Sequence[int]
) -> list[Rating]:
    """`user` rates each objective at the given level (through the service)."""
    return [
        services.rating_create(
            actor=actor_of(user),
            data={
                "round": assessment,
                "objective": objective,
                "level": level,
                "rationale": f"Rationale for {objective.code} at {level}",
            },
        )
        for objective, level in zip(objectives, levels, strict=True)
    ]


def submit(user: Any, assessment: AssessmentRound, side: str) -> None:
    services.side_submit(actor=actor_of(user), assessment=assessment, side=side)


@pytest.fixture
def rated_round(world: Any, azeplan: PlanFixture, round_: AssessmentRound) -> AssessmentRound:
    """National 4,3,2,5 and alliance 4,1,2,4 on the four objectives, both submitted (revealed)."""
    rate(world.users["aze_assessor"], round_, azeplan.objectives, [4, 3, 2, 5])
    rate(world.users["alliance_assessor"], round_, azeplan.objectives, [4, 1, 2, 4])
    submit(world.users["aze_assessor"], round_, "NATIONAL")
    submit(world.users["alliance_assessor"], round_, "ALLIANCE")
    round_.refresh_from_db()
    return round_
