"""PARP services: cycles and their steps, the calendar rule, survey answers, goals and their
objective links, assessments, carry-over — validation, permissions and audit."""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from partnerdesk.core.exceptions import Forbidden, VersionConflict
from partnerdesk.core.models import ChangeRecord
from partnerdesk.parp import selectors, services
from partnerdesk.parp.choices import STEP_ORDER, year_kind
from partnerdesk.parp.models import GoalAssessment, ParpCycle, PartnershipGoal, SurveyAnswer
from partnerdesk.parp.tests.helpers import (
    actor,
    make_cycle,
    make_goal,
    make_objective,
)

pytestmark = pytest.mark.django_db


def _cycle_data(world: Any, **overrides: Any) -> dict[str, Any]:
    return {"owner": world.aze, "marking": "BILATERAL", "start_year": 2016} | overrides


# -- cycles ---------------------------------------------------------------------------------


def test_create_cycle_defaults_end_year_and_audits(world: Any) -> None:
    cycle = services.cycle_create(actor=actor(world, "aze_coordinator"), data=_cycle_data(world))
    assert (cycle.start_year, cycle.end_year, cycle.step, cycle.goals_year_parity) == (
        2016,
        2018,
        "SURVEY_ISSUED",
        "even",
    )
    assert (str(cycle), cycle.owner_id, cycle.version) == ("PARP 2016–2018", world.aze.pk, 1)
    record = ChangeRecord.objects.get()
    assert (record.action, record.actor_label, record.owner_id, record.marking) == (
        "CREATE",
        "aze_coordinator",
        world.aze.pk,
        "BILATERAL",
    )
    assert (record.after["start_year"], record.after["end_year"]) == (2016, 2018)


def test_end_year_is_configurable_and_checked(world: Any) -> None:
    coordinator = actor(world, "aze_coordinator")
    cycle = services.cycle_create(actor=coordinator, data=_cycle_data(world, end_year=2019))
    assert cycle.end_year == 2019
    with pytest.raises(ValidationError) as caught:
        services.cycle_create(
            actor=coordinator, data=_cycle_data(world, start_year=2010, end_year=2009)
        )
    assert caught.value.message_dict["end_year"] == ["The cycle cannot end before it starts."]
    with pytest.raises(ValidationError) as caught:
        services.cycle_create(actor=coordinator, data=_cycle_data(world, end_year=2020))
    assert "__all__" in caught.value.message_dict  # same nation and start year again
    assert (ParpCycle.objects.count(), ChangeRecord.objects.count()) == (1, 1)


@pytest.mark.parametrize(
    ("name", "overrides"),
    [
        ("geo_coordinator", {}),
        ("aze_coordinator", {"marking": "ALLIANCE_ONLY"}),
        ("staff_geo", {}),
        ("aze_viewer", {}),
        ("analyst", {}),
    ],
)
def test_create_cycle_outside_ones_rights_is_refused(
    world: Any, name: str, overrides: dict[str, Any]
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.cycle_create(actor=actor(world, name), data=_cycle_data(world, **overrides))
    assert caught.value.message_dict["owner"] == [
        "You may not create a record for this nation with this marking."
    ]
    assert (ParpCycle.objects.count(), ChangeRecord.objects.count()) == (0, 0)


def test_cycle_owner_must_be_a_partner_state(world: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        services.cycle_create(
            actor=actor(world, "staff_all"), data=_cycle_data(world, owner=world.nato)
        )
    assert caught.value.message_dict["owner"] == ["A PARP cycle belongs to a state."]
    assert ParpCycle.objects.count() == 0


def test_update_refuses_step_and_nation_changes(world: Any) -> None:
    coordinator = actor(world, "aze_coordinator")
    cycle = services.cycle_create(actor=coordinator, data=_cycle_data(world))
    with pytest.raises(ValidationError) as caught:
        services.cycle_update(
            cycle, actor=coordinator, expected_version=1, data={"step": "DRAFT_GOALS"}
        )
    assert caught.value.message_dict["step"] == ["Change the step with a transition."]
    with pytest.raises(ValidationError) as caught:
        services.cycle_update(
            cycle, actor=actor(world, "staff_all"), expected_version=1, data={"owner": world.geo}
        )
    assert caught.value.message_dict["owner"] == ["A cycle cannot move to another nation."]
    updated = services.cycle_update(
        cycle, actor=coordinator, expected_version=1, data={"forum": "PCSC (NATO + Azerbaijan)"}
    )
    assert (updated.version, updated.forum, updated.step) == (
        2,
        "PCSC (NATO + Azerbaijan)",
        "SURVEY_ISSUED",
    )
    assert list(ChangeRecord.objects.values_list("action", flat=True).order_by("pk")) == [
        "CREATE",
        "UPDATE",
    ]


def test_steps_move_forward_one_at_a_time_to_the_end(world: Any) -> None:
    coordinator = actor(world, "aze_coordinator")
    cycle = services.cycle_create(actor=coordinator, data=_cycle_data(world))
    for version, target in enumerate(STEP_ORDER[1:], start=1):
        cycle = services.cycle_transition(
            cycle, actor=coordinator, expected_version=version, target=target
        )
        assert (cycle.step, cycle.version) == (target, version + 1)
    assert cycle.step == "ASSESSMENT_NOTED"
    updates = ChangeRecord.objects.filter(action="UPDATE").order_by("pk")
    assert [(r.before["step"], r.after["step"]) for r in updates] == list(
        itertools.pairwise(STEP_ORDER)
    )
    assert all(r.changed_fields == ["step", "version"] for r in updates)


def test_a_step_can_go_back_one_for_corrections(world: Any) -> None:
    coordinator = actor(world, "aze_coordinator")
    cycle = services.cycle_create(
        actor=coordinator, data=_cycle_data(world, step="BILATERAL_TALKS")
    )
    cycle = services.cycle_transition(
        cycle, actor=coordinator, expected_version=1, target="DRAFT_GOALS"
    )
    assert (cycle.step, cycle.version) == ("DRAFT_GOALS", 2)


@pytest.mark.parametrize(
    ("start", "target", "message"),
    [
        (
            "SURVEY_ISSUED",
            "DRAFT_GOALS",
            "Cannot move from Survey issued to Draft Partnership Goals. From Survey issued it can "
            "move to: Survey returned.",
        ),
        (
            "BILATERAL_TALKS",
            "SURVEY_RETURNED",
            "Cannot move from Bilateral talks to Survey returned. From Bilateral talks it can "
            "move to: Draft Partnership Goals, Multilateral review.",
        ),
        (
            "ASSESSMENT_NOTED",
            "SURVEY_ISSUED",
            "Cannot move from Assessment noted to Survey issued. From Assessment noted it can "
            "move to: Assessment discussed.",
        ),
        (
            "DRAFT_GOALS",
            "DRAFT_GOALS",
            "Cannot move from Draft Partnership Goals to Draft "
            "Partnership Goals. From Draft Partnership Goals it can move to: Bilateral talks, "
            "Survey returned.",
        ),
        ("SURVEY_ISSUED", "APPROVED", "Unknown status 'APPROVED'."),
    ],
)
def test_refused_moves_name_the_possible_ones_and_change_nothing(
    world: Any, start: str, target: str, message: str
) -> None:
    cycle = make_cycle(world.aze, step=start)
    with pytest.raises(ValidationError) as caught:
        services.cycle_transition(
            cycle, actor=actor(world, "aze_coordinator"), expected_version=1, target=target
        )
    assert caught.value.message_dict == {"step": [message]}
    cycle.refresh_from_db()
    assert (cycle.step, cycle.version, ChangeRecord.objects.count()) == (start, 1, 0)


def test_transition_is_refused_for_readers_and_stale_versions(world: Any) -> None:
    cycle = make_cycle(world.aze)
    with pytest.raises(Forbidden):
        services.cycle_transition(
            cycle, actor=actor(world, "aze_viewer"), expected_version=1, target="SURVEY_RETURNED"
        )
    with pytest.raises(VersionConflict):
        services.cycle_transition(
            cycle,
            actor=actor(world, "aze_coordinator"),
            expected_version=3,
            target="SURVEY_RETURNED",
        )
    cycle.refresh_from_db()
    assert (cycle.step, cycle.version, ChangeRecord.objects.count()) == ("SURVEY_ISSUED", 1, 0)


def test_delete_of_a_cycle_with_goals_is_refused(world: Any) -> None:
    cycle = make_cycle(world.aze)
    goal = make_goal(cycle, "G01")
    coordinator = actor(world, "aze_coordinator")
    with pytest.raises(ValidationError) as caught:
        services.cycle_delete(cycle, actor=coordinator, expected_version=1)
    assert caught.value.messages == [
        "Delete the cycle's goals and survey answers first; nothing was deleted."
    ]
    services.goal_delete(goal, actor=coordinator, expected_version=1)
    services.cycle_delete(cycle, actor=coordinator, expected_version=1)
    assert ParpCycle.objects.count() == 0
    assert list(ChangeRecord.objects.values_list("action", flat=True)) == ["DELETE", "DELETE"]


# -- the calendar rule ----------------------------------------------------------------------


def test_even_rule_goals_in_even_years_assessment_in_odd() -> None:
    assert [year_kind(y, "even") for y in (2016, 2017, 2018, 2013)] == [
        "GOALS",
        "ASSESSMENT",
        "GOALS",
        "ASSESSMENT",
    ]


def test_odd_rule_goals_in_odd_years_assessment_in_even() -> None:
    assert [year_kind(y, "odd") for y in (2016, 2017, 2018, 2013)] == [
        "ASSESSMENT",
        "GOALS",
        "ASSESSMENT",
        "GOALS",
    ]


def test_the_rule_is_a_setting_of_the_cycle(world: Any) -> None:
    even = make_cycle(world.aze, start=2016)
    odd = make_cycle(world.geo, start=2017, goals_year_parity="odd")
    assert selectors.year_kind(even, 2017) == "ASSESSMENT"
    assert selectors.year_kind(odd, 2017) == "GOALS"
    assert even.calendar() == [(2016, "GOALS"), (2017, "ASSESSMENT"), (2018, "GOALS")]
    assert odd.calendar() == [(2017, "GOALS"), (2018, "ASSESSMENT"), (2019, "GOALS")]


# -- survey answers -------------------------------------------------------------------------


def test_survey_answer_takes_owner_and_marking_from_the_cycle(world: Any) -> None:
    cycle = make_cycle(world.aze, marking="NATIONAL_ONLY")
    answer = services.survey_answer_create(
        actor=actor(world, "aze_coordinator"),
        cycle=cycle,
        data={"section": "FORCES_OFFERED", "question": "Units offered?", "answer": "A company"},
    )
    assert (answer.owner_id, answer.marking, answer.cycle_id) == (
        world.aze.pk,
        "NATIONAL_ONLY",
        cycle.pk,
    )
    record = ChangeRecord.objects.get()
    assert (record.action, record.marking, record.content_type.model) == (
        "CREATE",
        "NATIONAL_ONLY",
        "surveyanswer",
    )


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"section": "BUDGET", "question": "Budget"},
            {
                "amount": ["A budget answer needs an amount."],
                "currency": ["A budget answer needs a currency."],
                "year": ["A budget answer needs the budget year."],
            },
        ),
        (
            {
                "section": "BUDGET",
                "question": "Budget",
                "amount": Decimal("10"),
                "currency": "azn",
                "year": 2017,
            },
            {"currency": ["Use a three-letter ISO 4217 code in capitals, e.g. AZN."]},
        ),
        (
            {"section": "OTHER", "question": "Q", "amount": Decimal("10")},
            {"currency": ["Give the currency of the amount."]},
        ),
        (
            {"section": "OTHER", "question": "Q", "owner": "x"},
            {"owner": ["This field cannot be set."]},
        ),
    ],
)
def test_survey_answer_validation_writes_nothing(
    world: Any, data: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    cycle = make_cycle(world.aze)
    with pytest.raises(ValidationError) as caught:
        services.survey_answer_create(actor=actor(world, "aze_coordinator"), cycle=cycle, data=data)
    assert caught.value.message_dict == errors
    assert (SurveyAnswer.objects.count(), ChangeRecord.objects.count()) == (0, 0)


def test_budget_answer_with_amount_currency_and_year_is_kept(world: Any) -> None:
    cycle = make_cycle(world.aze)
    answer = services.survey_answer_create(
        actor=actor(world, "staff_all"),
        cycle=cycle,
        data={
            "section": "BUDGET",
            "question": "Budget",
            "amount": Decimal("1500.50"),
            "currency": "AZN",
            "year": 2017,
        },
    )
    answer.refresh_from_db()
    assert (answer.amount, answer.currency, answer.year) == (Decimal("1500.50"), "AZN", 2017)


def test_children_cannot_be_added_to_an_invisible_cycle(world: Any) -> None:
    cycle = make_cycle(world.aze, marking="NATIONAL_ONLY")
    with pytest.raises(ValidationError) as caught:
        services.goal_create(
            actor=actor(world, "staff_all"),
            cycle=cycle,
            data={"code": "G1", "title": "t", "marking": "PUBLIC"},
        )
    assert caught.value.message_dict == {"cycle": ["No such record."]}
    assert (PartnershipGoal.objects.count(), ChangeRecord.objects.count()) == (0, 0)


# -- goals and their objective links --------------------------------------------------------


def test_goal_belongs_to_the_cycles_nation_and_links_own_objectives(world: Any) -> None:
    cycle = make_cycle(world.aze)
    objective = make_objective(world.aze)
    goal = services.goal_create(
        actor=actor(world, "aze_coordinator"),
        cycle=cycle,
        data={
            "code": "G01",
            "title": "English-language training of staff officers",
            "service": "GENERAL",
            "armed_forces": True,
            "objectives": [objective.pk],
        },
    )
    assert (goal.owner_id, goal.marking, goal.status) == (world.aze.pk, "BILATERAL", "PROPOSED")
    assert list(goal.objectives.values_list("pk", flat=True)) == [objective.pk]
    assert [
        g.pk for g in selectors.goals_for_objective(world.users["aze_viewer"], objective.pk)
    ] == [goal.pk]
    assert list(selectors.goals_for_objective(world.users["geo_viewer"], objective.pk)) == []
    record = ChangeRecord.objects.get(content_type__model="partnershipgoal")
    assert (record.action, record.after["code"]) == ("CREATE", "G01")


def test_goal_refuses_an_objective_of_another_nation(world: Any) -> None:
    cycle = make_cycle(world.aze)
    foreign = make_objective(world.geo, marking="PUBLIC")
    with pytest.raises(ValidationError) as caught:
        services.goal_create(
            actor=actor(world, "staff_all"),
            cycle=cycle,
            data={"code": "G01", "title": "t", "objectives": [foreign.pk]},
        )
    assert caught.value.message_dict == {
        "objectives": [
            "Objective 1.1 belongs to another nation; a goal can only serve objectives of its "
            "own nation."
        ]
    }
    goal = make_goal(cycle, "G02")
    with pytest.raises(ValidationError):
        services.goal_update(
            goal,
            actor=actor(world, "staff_all"),
            expected_version=1,
            data={"objectives": [foreign.pk]},
        )
    assert list(goal.objectives.all()) == []
    assert (PartnershipGoal.objects.count(), ChangeRecord.objects.count()) == (1, 0)


def test_goal_refuses_an_objective_the_actor_cannot_see(world: Any) -> None:
    cycle = make_cycle(world.aze)
    hidden = make_objective(world.aze, marking="NATIONAL_ONLY")
    with pytest.raises(ValidationError) as caught:
        services.goal_create(
            actor=actor(world, "staff_all"),
            cycle=cycle,
            data={"code": "G01", "title": "t", "objectives": [hidden.pk]},
        )
    assert caught.value.message_dict == {"objectives": [f"Objective {hidden.pk} does not exist."]}
    assert PartnershipGoal.objects.count() == 0


def test_goal_codes_are_unique_per_cycle(world: Any) -> None:
    cycle = make_cycle(world.aze)
    make_goal(cycle, "G01")
    with pytest.raises(ValidationError) as caught:
        services.goal_create(
            actor=actor(world, "aze_coordinator"),
            cycle=cycle,
            data={"code": "G01", "title": "Again"},
        )
    assert caught.value.message_dict["__all__"] == [
        "Partnership Goal with this Cycle and Code already exists."
    ]
    other = make_cycle(world.aze, start=2018)
    services.goal_create(
        actor=actor(world, "aze_coordinator"), cycle=other, data={"code": "G01", "title": "Fine"}
    )
    assert PartnershipGoal.objects.filter(code="G01").count() == 2


def test_goal_cannot_move_to_another_cycle(world: Any) -> None:
    cycle = make_cycle(world.aze)
    other = make_cycle(world.aze, start=2018)
    goal = make_goal(cycle, "G01")
    with pytest.raises(ValidationError) as caught:
        services.goal_update(
            goal, actor=actor(world, "aze_coordinator"), expected_version=1, data={"cycle": other}
        )
    assert caught.value.message_dict == {"cycle": ["This record cannot move to another parent."]}


def test_goal_status_update_is_versioned_and_audited(world: Any) -> None:
    goal = make_goal(make_cycle(world.aze), "G01")
    goal = services.goal_update(
        goal,
        actor=actor(world, "aze_coordinator"),
        expected_version=1,
        data={"status": "IMPLEMENTED"},
    )
    assert (goal.status, goal.version) == ("IMPLEMENTED", 2)
    record = ChangeRecord.objects.get()
    assert (record.before["status"], record.after["status"], record.changed_fields) == (
        "AGREED",
        "IMPLEMENTED",
        ["status", "version"],
    )
    with pytest.raises(Forbidden):
        services.goal_update(
            goal,
            actor=actor(world, "geo_coordinator"),
            expected_version=2,
            data={"status": "DROPPED"},
        )


def test_goal_totals_count_by_service_and_flag(world: Any) -> None:
    cycle = make_cycle(world.aze)
    for code, service, flag in [
        ("G1", "GENERAL", True),
        ("G2", "GENERAL", True),
        ("L1", "LAND", True),
        ("X1", "OTHER", False),
    ]:
        make_goal(cycle, code, service=service, armed_forces=flag)
    totals = selectors.goal_totals(
        selectors.goal_list(world.users["aze_viewer"], cycle_id=cycle.pk)
    )
    assert (totals.total, totals.armed_forces) == (4, 3)
    assert totals.by_service == {"GENERAL": 2, "LAND": 1, "OTHER": 1}
    assert totals.armed_forces_by_service == {"GENERAL": 2, "LAND": 1}


def test_goals_of_an_invisible_cycle_are_invisible(world: Any) -> None:
    cycle = make_cycle(world.aze, marking="BILATERAL")
    make_goal(cycle, "G1", marking="PUBLIC")
    assert selectors.goal_list(world.users["aze_viewer"]).count() == 1
    assert selectors.goal_list(world.users["geo_viewer"]).count() == 0
    assert selectors.goal_series(world.users["geo_viewer"], world.aze.pk) == []


# -- carry-over -----------------------------------------------------------------------------


def test_carry_over_copies_open_goals_once(world: Any) -> None:
    first = make_cycle(world.aze, start=2014)
    second = make_cycle(world.aze, start=2016)
    objective = make_objective(world.aze)
    open_goal = make_goal(first, "G01", status="IN_PROGRESS")
    open_goal.objectives.set([objective])
    partial = make_goal(first, "G02", status="PARTIALLY_IMPLEMENTED")
    make_goal(first, "G03", status="IMPLEMENTED")
    make_goal(first, "G04", status="DROPPED")
    coordinator = actor(world, "aze_coordinator")
    result = services.goal_carry_over(actor=coordinator, source=first, target=second)
    copies = list(PartnershipGoal.objects.filter(cycle=second).order_by("code"))
    assert [(g.code, g.status, g.carried_from_id) for g in copies] == [
        ("G01", "PROPOSED", open_goal.pk),
        ("G02", "PROPOSED", partial.pk),
    ]
    assert list(copies[0].objectives.all()) == [objective]
    open_goal.refresh_from_db()
    partial.refresh_from_db()
    assert (open_goal.status, open_goal.version, partial.status, partial.version) == (
        "CARRIED_OVER",
        2,
        "PARTIALLY_IMPLEMENTED",
        1,
    )
    assert (len(result.created), len(result.marked), result.skipped) == (2, 1, 0)
    assert ChangeRecord.objects.filter(action="CREATE").count() == 2
    assert ChangeRecord.objects.filter(action="UPDATE").count() == 1
    again = services.goal_carry_over(actor=coordinator, source=first, target=second)
    assert (len(again.created), len(again.marked), again.skipped) == (0, 0, 2)
    assert ChangeRecord.objects.count() == 3
    assert PartnershipGoal.objects.filter(cycle=second).count() == 2


def test_carry_over_refuses_backwards_foreign_and_clashing_targets(world: Any) -> None:
    first = make_cycle(world.aze, start=2014)
    second = make_cycle(world.aze, start=2016)
    make_goal(first, "G01")
    coordinator = actor(world, "staff_all")
    with pytest.raises(ValidationError) as caught:
        services.goal_carry_over(actor=coordinator, source=second, target=first)
    assert caught.value.message_dict == {"target": ["Carry goals over to a later cycle."]}
    foreign = make_cycle(world.geo, start=2016)
    with pytest.raises(ValidationError) as caught:
        services.goal_carry_over(actor=coordinator, source=first, target=foreign)
    assert caught.value.message_dict == {
        "target": ["Goals can only be carried over within one nation."]
    }
    make_goal(second, "G01", title="Another goal with the same code")
    with pytest.raises(ValidationError) as caught:
        services.goal_carry_over(actor=coordinator, source=first, target=second)
    assert caught.value.message_dict == {
        "target": ["The target cycle already has goals coded G01."]
    }
    assert (PartnershipGoal.objects.count(), ChangeRecord.objects.count()) == (2, 0)


def test_carry_over_by_a_reader_changes_nothing(world: Any) -> None:
    first = make_cycle(world.aze, start=2014)
    second = make_cycle(world.aze, start=2016)
    make_goal(first, "G01")
    with pytest.raises(ValidationError):
        services.goal_carry_over(actor=actor(world, "aze_viewer"), source=first, target=second)
    assert (PartnershipGoal.objects.count(), ChangeRecord.objects.count()) == (1, 0)


def test_carried_from_must_be_an_earlier_goal_of_the_same_nation(world: Any) -> None:
    later = make_cycle(world.aze, start=2016)
    earlier_goal = make_goal(make_cycle(world.aze, start=2014), "G01")
    same_cycle_goal = make_goal(later, "G02")
    staff = actor(world, "staff_all")
    with pytest.raises(ValidationError) as caught:
        services.goal_create(
            actor=staff,
            cycle=later,
            data={"code": "G03", "title": "t", "carried_from": same_cycle_goal},
        )
    assert caught.value.message_dict == {
        "carried_from": ["The original goal must be in an earlier cycle."]
    }
    goal = services.goal_create(
        actor=staff, cycle=later, data={"code": "G03", "title": "t", "carried_from": earlier_goal}
    )
    assert goal.carried_from_id == earlier_goal.pk


# -- assessments ----------------------------------------------------------------------------


def test_assessment_belongs_to_the_goals_nation_and_checks_year_and_progress(world: Any) -> None:
    goal = make_goal(make_cycle(world.aze, marking="PARTNERS"), "G01")
    coordinator = actor(world, "aze_coordinator")
    assessment = services.assessment_create(
        actor=coordinator, goal=goal, data={"year": 2017, "narrative": "Half done.", "progress": 50}
    )
    assert (assessment.owner_id, assessment.marking, str(assessment)) == (
        world.aze.pk,
        "PARTNERS",
        "G01 assessment 2017",
    )
    with pytest.raises(ValidationError) as caught:
        services.assessment_create(
            actor=coordinator, goal=goal, data={"year": 2021, "narrative": "x", "progress": 101}
        )
    assert caught.value.message_dict == {
        "year": ["The year must fall within the cycle (2016–2018)."]
    }
    with pytest.raises(ValidationError) as caught:
        services.assessment_create(
            actor=coordinator, goal=goal, data={"year": 2018, "narrative": "x", "progress": 101}
        )
    assert caught.value.message_dict == {
        "progress": ["Ensure this value is less than or equal to 100."]
    }
    with pytest.raises(ValidationError) as caught:
        services.assessment_create(
            actor=coordinator, goal=goal, data={"year": 2017, "narrative": "x", "progress": 10}
        )
    assert "__all__" in caught.value.message_dict
    assert GoalAssessment.objects.count() == 1
    with pytest.raises(ValidationError) as caught:
        services.goal_delete(goal, actor=coordinator, expected_version=1)
    assert caught.value.messages == ["Delete the goal's assessments first."]


def test_series_is_computed_from_visible_goal_rows(world: Any) -> None:
    old = make_cycle(world.aze, start=2012, marking="PUBLIC")
    new = make_cycle(world.aze, start=2014, marking="PUBLIC", armed_forces_recorded=False)
    for index in range(3):
        make_goal(old, f"G{index}", armed_forces=index < 2)
    make_goal(old, "L1", service="LAND", marking="BILATERAL")
    make_goal(new, "G1")
    points = selectors.goal_series(world.users["aze_viewer"], world.aze.pk)
    assert [(p.label, p.total, p.armed_forces) for p in points] == [
        ("2012–2014", 4, 3),
        ("2014–2016", 1, None),
    ]
    assert points[0].totals.armed_forces_by_service == {"GENERAL": 2, "LAND": 1}
    outsider = selectors.goal_series(world.users["geo_viewer"], world.aze.pk)
    assert [(p.label, p.total, p.armed_forces) for p in outsider] == [
        ("2012–2014", 3, 2),
        ("2014–2016", 1, None),
    ]
