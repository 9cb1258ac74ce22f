"""Selectors: the eligibility filter, activity filters, line filters and traceability."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from partnerdesk.organisations.models import Membership
from partnerdesk.parp.models import ParpCycle, PartnershipGoal
from partnerdesk.pcm import selectors
from partnerdesk.pcm.tests import helpers as h

pytestmark = pytest.mark.django_db


def test_eligible_for_follows_open_frameworks_in_force_on_1_july_and_listed_nations(
    world: Any,
) -> None:
    open_all = h.activity(world, 2015, "CYBER", 1)
    pfp = h.activity(world, 2015, "CYBER", 2, eligible_frameworks=["EAPC_PFP"])
    md = h.activity(world, 2015, "CYBER", 3, eligible_frameworks=["MD"])
    listed = h.activity(world, 2015, "CYBER", 4, eligible_nations=[world.geo])
    late = h.activity(world, 2016, "CYBER", 5, eligible_frameworks=["GLOBAL"])
    Membership.objects.create(organisation=world.aze, framework="GLOBAL", start=dt.date(2016, 7, 1))
    Membership.objects.create(organisation=world.geo, framework="GLOBAL", start=dt.date(2016, 7, 2))
    user = world.users["analyst"]

    def codes(nation: Any) -> list[str]:
        rows = selectors.activity_list(user, eligible_for=nation.pk).order_by("code")
        return [a.code[-4:] for a in rows]

    assert codes(world.aze) == ["0001", "0002", "0005"]
    assert codes(world.geo) == ["0001", "0002", "0004"]
    assert [a.pk for a in (open_all, pfp, md, listed, late)] == sorted(
        a.pk for a in (open_all, pfp, md, listed, late)
    )
    assert [
        selectors.activity_is_eligible(a, world.aze) for a in (open_all, pfp, md, listed, late)
    ] == [
        True,
        True,
        False,
        False,
        True,
    ]


def test_activity_filters(world: Any) -> None:
    h.activity(world, 2015, "CYBER", 1, description="incident handling")
    h.activity(world, 2015, "LOG", 2, format="SEMINAR", organiser=world.aze)
    h.activity(world, 2016, "CYBER", 3)
    user = world.users["geo_viewer"]

    def codes(**filters: Any) -> list[str]:
        return [a.code for a in selectors.activity_list(user, **filters).order_by("code")]

    assert codes(year=2015) == ["PCM-2015-CYBER-0001", "PCM-2015-LOG-0002"]
    assert codes(area="CYBER") == ["PCM-2015-CYBER-0001", "PCM-2016-CYBER-0003"]
    assert codes(format="SEMINAR", organiser="aze") == ["PCM-2015-LOG-0002"]
    assert codes(q="INCIDENT") == ["PCM-2015-CYBER-0001"]
    assert codes(q="2016-cyber") == ["PCM-2016-CYBER-0003"]
    assert selectors.activity_list(world.users["deactivated"]).count() == 0


def test_lines_are_scoped_filterable_and_trace_both_ways(world: Any) -> None:
    plan = h.plan(world)
    objective = h.objective(plan)
    cycle = ParpCycle.objects.create(
        owner=world.aze, marking="BILATERAL", start_year=2014, end_year=2015
    )
    goal = PartnershipGoal.objects.create(
        owner=world.aze, marking="BILATERAL", cycle=cycle, code="G1", title="Goal one"
    )
    hidden = h.objective(plan, "1.2", marking="NATIONAL_ONLY")
    first = h.activity(world, 2015, "CYBER", 1)
    second = h.activity(world, 2016, "LOG", 2)
    h.line(plan, first, objectives=[objective, hidden], goals=[goal], marking="BILATERAL")
    h.line(plan, second, serves_reference="Border agreement")
    staff = world.users["staff_all"]
    aze = world.users["aze_viewer"]

    def ids(user: Any, **filters: Any) -> list[str]:
        return [
            line.activity.code
            for line in selectors.programme_line_list(user, **filters).order_by("activity__code")
        ]

    assert ids(staff, objective_id=objective.pk) == ["PCM-2015-CYBER-0001"]
    assert ids(staff, goal_id=goal.pk) == ["PCM-2015-CYBER-0001"]
    assert ids(staff, year=2016) == ["PCM-2016-LOG-0002"]
    assert ids(staff, nation_id=world.geo.pk) == []
    assert ids(aze, plan_id=plan.pk, area="LOG") == ["PCM-2016-LOG-0002"]
    assert ids(world.users["analyst"]) == []
    assert ids(world.users["geo_coordinator"]) == []
    line: Any = selectors.programme_line_list(staff, activity_id=first.pk).get()
    assert ([o.code for o in line.visible_objectives], [g.code for g in line.visible_goals]) == (
        ["1.1"],
        ["G1"],
    )
    own: Any = selectors.programme_line_list(aze, activity_id=first.pk).get()
    assert [o.code for o in own.visible_objectives] == ["1.1", "1.2"]
    assert [o.code for o in selectors.objectives_served_by_activity(staff, first)] == ["1.1"]
    assert [o.code for o in selectors.objectives_served_by_activity(aze, first)] == ["1.1", "1.2"]
    assert [g.code for g in selectors.goals_served_by_activity(staff, first)] == ["G1"]
    assert [line.activity.code for line in selectors.lines_serving_objective(staff, objective)] == [
        "PCM-2015-CYBER-0001"
    ]
    assert [line.activity.code for line in selectors.lines_serving_goal(staff, goal)] == [
        "PCM-2015-CYBER-0001"
    ]
    groups = selectors.programme_by_area(staff, plan)
    assert [(g.label, [ln.activity.code for ln in g.lines]) for g in groups] == [
        ("Cyber defence", ["PCM-2015-CYBER-0001"]),
        ("Logistics", ["PCM-2016-LOG-0002"]),
    ]
