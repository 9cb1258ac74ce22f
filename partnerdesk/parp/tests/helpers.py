"""Fixture rows for the PARP tests, written directly (they are test data, not user actions)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnerdesk.core.actor import Actor
from partnerdesk.parp.models import GoalAssessment, ParpCycle, PartnershipGoal, SurveyAnswer
from partnerdesk.plans.models import Chapter, Objective, Plan


def actor(world: Any, name: str, source: str = "web") -> Actor:
    """The actor of a test user."""
    return Actor(user=world.users[name], source=source, request_id="req-parp")


def make_cycle(
    owner: Any, start: int = 2016, marking: str = "BILATERAL", **extra: Any
) -> ParpCycle:
    """A cycle of `owner` starting in `start` (two years long)."""
    values = {"step": "SURVEY_ISSUED", "end_year": start + 2} | extra
    return ParpCycle.objects.create(owner=owner, marking=marking, start_year=start, **values)


def make_goal(cycle: ParpCycle, code: str, **extra: Any) -> PartnershipGoal:
    """A goal of `cycle` (same owner, the cycle's marking unless given)."""
    values = {
        "marking": cycle.marking,
        "title": f"Goal {code}",
        "service": "GENERAL",
        "armed_forces": True,
        "status": "AGREED",
    } | extra
    return PartnershipGoal.objects.create(cycle=cycle, owner=cycle.owner, code=code, **values)


def make_answer(cycle: ParpCycle, **extra: Any) -> SurveyAnswer:
    """A survey answer of `cycle`."""
    values = {"marking": cycle.marking, "section": "FORCES_OFFERED", "question": "Offered?"}
    return SurveyAnswer.objects.create(cycle=cycle, owner=cycle.owner, **(values | extra))


def make_assessment(goal: PartnershipGoal, year: int = 2017, **extra: Any) -> GoalAssessment:
    """An assessment of `goal` for `year`."""
    values = {"marking": goal.marking, "narrative": "On track.", "progress": 50} | extra
    return GoalAssessment.objects.create(goal=goal, owner=goal.owner, year=year, **values)


def make_objective(owner: Any, code: str = "1.1", marking: str = "BILATERAL") -> Objective:
    """A plan objective of `owner` (with its plan and chapter)."""
    plan = Plan.objects.create(
        owner=owner,
        marking=marking,
        plan_type="IPAP",
        title=f"IPAP of {owner.code} {code}",
        period_start=dt.date(2015, 1, 1),
        period_end=dt.date(2016, 12, 31),
    )
    chapter = Chapter.objects.create(
        owner=owner, marking=marking, plan=plan, code="1", title="Political and security issues"
    )
    return Objective.objects.create(
        owner=owner, marking=marking, plan=plan, chapter=chapter, code=code, text="An objective"
    )
