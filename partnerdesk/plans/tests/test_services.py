"""Plan services: creation with chapters, rules, transitions, children, deletion, carry-over."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from partnerdesk.core.exceptions import Forbidden, NotFound, VersionConflict
from partnerdesk.core.models import ChangeRecord
from partnerdesk.organisations.models import Organisation
from partnerdesk.plans import services
from partnerdesk.plans.choices import PLAN_TRANSITIONS, PlanStatus
from partnerdesk.plans.models import Chapter, Commitment, Decision, Objective, Plan
from partnerdesk.plans.tests import helpers as h

pytestmark = pytest.mark.django_db


def _data(world: Any, **overrides: Any) -> dict[str, Any]:
    return {
        "owner": world.aze,
        "plan_type": "IPAP",
        "title": "IPAP 2015–2016",
        "marking": "BILATERAL",
        "start_year": 2015,
    } | overrides


def _log(model: str | None = None) -> list[tuple[str, str]]:
    records = ChangeRecord.objects.order_by("pk")
    if model:
        records = records.filter(content_type__model=model)
    return list(records.values_list("action", "object_repr"))


# -- creating plans --------------------------------------------------------------------------


def test_ipap_gets_the_six_standard_chapters_and_a_two_year_period(world: Any) -> None:
    plan = services.plan_create(actor=h.actor(world, "aze_coordinator"), data=_data(world))
    assert (plan.status, plan.version, plan.period_start, plan.period_end) == (
        "DRAFT",
        1,
        dt.date(2015, 1, 1),
        dt.date(2016, 12, 31),
    )
    assert list(plan.chapters.values_list("code", "title", "kind", "position", "marking")) == [
        ("1", "Political and security issues", "CHAPTER", 1, "BILATERAL"),
        ("2", "Defence, security and military issues", "CHAPTER", 2, "BILATERAL"),
        ("3", "Public diplomacy", "CHAPTER", 3, "BILATERAL"),
        ("4", "Science and environment", "CHAPTER", 4, "BILATERAL"),
        ("5", "Civil preparedness", "CHAPTER", 5, "BILATERAL"),
        ("6", "Administrative, protective security and resource issues", "CHAPTER", 6, "BILATERAL"),
    ]
    assert set(plan.chapters.values_list("owner_id", flat=True)) == {world.aze.pk}
    records = ChangeRecord.objects.order_by("pk")
    assert [r.content_type.model for r in records] == ["plan"] + ["chapter"] * 6
    assert {(r.action, r.actor_label, r.request_id) for r in records} == {
        ("CREATE", "aze_coordinator", "req-aze_coordinator")
    }


@pytest.mark.parametrize(
    ("plan_type", "chapters", "years"),
    [
        ("ITPP", [("E", "ENDS"), ("W", "WAYS"), ("M", "MEANS")], 2),
        ("IPCP", [("1", "CHAPTER")], 2),
        ("ANP", [("1", "CHAPTER")], 1),
    ],
)
def test_other_plan_types_get_their_chapters(
    world: Any, plan_type: str, chapters: list[tuple[str, str]], years: int
) -> None:
    plan = services.plan_create(
        actor=h.actor(world, "aze_coordinator"), data=_data(world, plan_type=plan_type)
    )
    assert list(plan.chapters.values_list("code", "kind")) == chapters
    assert plan.period_end == dt.date(2015 + years - 1, 12, 31)


def test_period_length_is_configurable_and_an_explicit_end_wins(world: Any) -> None:
    actor = h.actor(world, "aze_coordinator")
    four = services.plan_create(actor=actor, data=_data(world, plan_type="ITPP"), period_years=4)
    assert four.period_end == dt.date(2018, 12, 31)
    explicit = services.plan_create(
        actor=actor,
        data=_data(world, start_year=None, period_start=dt.date(2005, 5, 27))
        | {"period_end": dt.date(2007, 12, 31)},
    )
    assert (explicit.period_start, explicit.period_end) == (
        dt.date(2005, 5, 27),
        dt.date(2007, 12, 31),
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "This field cannot be blank."),
        ({"plan_type": "MEMO"}, "plan_type", "Value 'MEMO' is not a valid choice."),
        (
            {"period_end": dt.date(2014, 1, 1)},
            "period_end",
            "The period cannot end before it starts.",
        ),
        ({"start_year": "soon"}, "start_year", "Give the start year as a number."),
        ({"status": "AGREED"}, "status", "This field cannot be set."),
    ],
)
def test_invalid_plans_name_the_field_and_write_nothing(
    world: Any, overrides: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.plan_create(
            actor=h.actor(world, "aze_coordinator"), data=_data(world, **overrides)
        )
    assert message in caught.value.message_dict[field]
    assert (Plan.objects.count(), Chapter.objects.count(), ChangeRecord.objects.count()) == (
        0,
        0,
        0,
    )


def test_owner_must_be_a_state_and_predecessor_the_same_nations_earlier_plan(world: Any) -> None:
    actor = h.actor(world, "staff_all")
    mfa = Organisation.objects.get(code="AZE-MFA")
    with pytest.raises(ValidationError) as caught:
        services.plan_create(actor=actor, data=_data(world, owner=mfa))
    assert caught.value.message_dict["owner"] == ["Plans belong to a state."]
    georgian = h.plan(world, owner=world.geo, start=2010)
    later = h.plan(world, start=2017)
    for predecessor, message in (
        (georgian, "The previous plan belongs to another nation."),
        (later, "The previous plan must start before this one."),
    ):
        with pytest.raises(ValidationError) as caught:
            services.plan_create(actor=actor, data=_data(world, predecessor=predecessor))
        assert caught.value.message_dict["predecessor"] == [message]
    assert Plan.objects.count() == 2


@pytest.mark.parametrize(
    ("name", "overrides"),
    [
        ("geo_coordinator", {}),
        ("aze_coordinator", {"marking": "ALLIANCE_ONLY"}),
        ("staff_all", {"marking": "NATIONAL_ONLY"}),
        ("staff_geo", {}),
        ("aze_viewer", {}),
        ("analyst", {"marking": "PUBLIC"}),
    ],
)
def test_creating_outside_ones_rights_is_refused(
    world: Any, name: str, overrides: dict[str, Any]
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.plan_create(actor=h.actor(world, name), data=_data(world, **overrides))
    assert caught.value.message_dict["owner"] == [
        "You may not create a record for this nation with this marking."
    ]
    assert (Plan.objects.count(), Chapter.objects.count(), ChangeRecord.objects.count()) == (
        0,
        0,
        0,
    )


# -- updating and deleting plans -------------------------------------------------------------


def test_update_is_versioned_and_audited_but_keeps_the_nation(world: Any) -> None:
    actor = h.actor(world, "aze_coordinator")
    plan = services.plan_create(actor=actor, data=_data(world))
    plan = services.plan_update(plan, actor=actor, expected_version=1, data={"title": "IPAP 4"})
    assert (plan.title, plan.version) == ("IPAP 4", 2)
    record = ChangeRecord.objects.get(action="UPDATE")
    assert (record.changed_fields, record.before["title"], record.after["title"]) == (
        ["title", "version"],
        "IPAP 2015–2016",
        "IPAP 4",
    )
    with pytest.raises(VersionConflict):
        services.plan_update(plan, actor=actor, expected_version=1, data={"title": "Stale"})
    with pytest.raises(ValidationError) as caught:
        services.plan_update(plan, actor=actor, expected_version=2, data={"owner": world.geo})
    assert caught.value.message_dict["owner"] == [
        "A plan cannot move to another nation; create a new plan instead."
    ]
    plan.refresh_from_db()
    assert (plan.title, plan.owner_id, plan.version) == ("IPAP 4", world.aze.pk, 2)
    assert ChangeRecord.objects.filter(action="UPDATE").count() == 1


def test_a_plan_cannot_be_marked_narrower_than_its_contents(world: Any) -> None:
    plan = h.plan(world, marking="PUBLIC")
    h.objective(plan, "2.1", "Reform", marking="PUBLIC")
    actor = h.actor(world, "aze_coordinator")
    with pytest.raises(ValidationError) as caught:
        services.plan_update(plan, actor=actor, expected_version=1, data={"marking": "BILATERAL"})
    assert caught.value.message_dict["marking"] == [
        "7 record(s) of this plan are marked more widely than Bilateral (owning nation and "
        "alliance staff); narrow them first."
    ]
    plan.refresh_from_db()
    assert (plan.marking, plan.version) == ("PUBLIC", 1)


def test_delete_removes_everything_with_one_audit_row_each(world: Any) -> None:
    plan = h.plan(world)
    objective = h.objective(plan, "2.1", "Reform")
    h.commitment(objective, "Draft a law")
    services.decision_create(
        actor=h.SYSTEM,
        data={"plan": plan, "body": "NAC", "decided_on": dt.date(2015, 5, 1), "method": "MEETING"},
    )
    before = ChangeRecord.objects.count()
    services.plan_delete(plan, actor=h.actor(world, "aze_coordinator"), expected_version=1)
    assert [m.objects.count() for m in (Plan, Decision, Chapter, Objective, Commitment)] == [0] * 5
    deleted = ChangeRecord.objects.filter(pk__gt=0).order_by("pk")[before:]
    assert [(r.action, r.content_type.model) for r in deleted] == [
        ("DELETE", "commitment"),
        ("DELETE", "objective"),
        *[("DELETE", "chapter")] * 6,
        ("DELETE", "decision"),
        ("DELETE", "plan"),
    ]


def test_delete_is_refused_while_hidden_or_later_records_depend_on_it(world: Any) -> None:
    plan = h.plan(world)
    annex = h.objective(plan, "6.9", "Internal tasking", chapter_code="6", marking="NATIONAL_ONLY")
    with pytest.raises(Forbidden, match="holds records you may not change"):
        services.plan_delete(plan, actor=h.actor(world, "staff_all"), expected_version=1)
    assert Objective.objects.filter(pk=annex.pk).exists()
    later = h.plan(world, start=2017, predecessor=plan)
    with pytest.raises(ValidationError) as caught:
        services.plan_delete(plan, actor=h.actor(world, "aze_coordinator"), expected_version=1)
    assert caught.value.message_dict["predecessor"] == [
        "“IPAP 2017” follows this plan; unlink or delete it first."
    ]
    assert Plan.objects.filter(pk=plan.pk).exists()
    assert later.predecessor_id == plan.pk
    with pytest.raises(VersionConflict):
        services.plan_delete(later, actor=h.actor(world, "aze_coordinator"), expected_version=9)


# -- transitions -----------------------------------------------------------------------------

ALL_MOVES = [(a.value, b.value) for a in PlanStatus for b in PlanStatus]


@pytest.mark.parametrize(("current", "target"), ALL_MOVES)
def test_every_transition_is_allowed_or_refused_by_the_table(
    world: Any, current: str, target: str
) -> None:
    plan = h.plan(world)
    Plan.objects.filter(pk=plan.pk).update(status=current)
    plan.refresh_from_db()
    actor = h.actor(world, "aze_coordinator")
    before = ChangeRecord.objects.count()
    labels = dict(PlanStatus.choices)
    if target in PLAN_TRANSITIONS[current]:
        moved = services.plan_transition(plan, actor=actor, expected_version=1, target=target)
        assert (moved.status, moved.version) == (target, 2)
        record = ChangeRecord.objects.latest("pk")
        assert (record.action, record.before["status"], record.after["status"]) == (
            "UPDATE",
            current,
            target,
        )
        return
    with pytest.raises(ValidationError) as caught:
        services.plan_transition(plan, actor=actor, expected_version=1, target=target)
    message = caught.value.message_dict["status"][0]
    assert message.startswith(f"Cannot move from {labels[current]} to {labels[target]}.")
    possible = sorted(labels[s] for s in PLAN_TRANSITIONS[current])
    if possible:
        assert message.endswith(f"From {labels[current]} it can move to: {', '.join(possible)}.")
    else:
        assert message.endswith(f"{labels[current]} is final.")
    plan.refresh_from_db()
    assert (plan.status, plan.version, ChangeRecord.objects.count()) == (current, 1, before)


def test_transition_needs_rights_and_the_current_version(world: Any) -> None:
    plan = h.plan(world)
    with pytest.raises(Forbidden):
        services.plan_transition(
            plan, actor=h.actor(world, "aze_viewer"), expected_version=1, target="SUBMITTED"
        )
    with pytest.raises(VersionConflict):
        services.plan_transition(
            plan, actor=h.actor(world, "aze_coordinator"), expected_version=3, target="SUBMITTED"
        )
    with pytest.raises(ValidationError) as caught:
        services.plan_transition(
            plan, actor=h.actor(world, "aze_coordinator"), expected_version=1, target="DONE"
        )
    assert caught.value.message_dict == {"status": ["Unknown status 'DONE'."]}
    plan.refresh_from_db()
    assert (plan.status, plan.version) == ("DRAFT", 1)


def test_allowed_transitions_follow_the_table(world: Any) -> None:
    plan = h.plan(world)
    assert services.allowed_transitions(plan) == [("SUBMITTED", "Submitted")]
    plan.status = "IN_IMPLEMENTATION"
    assert [s for s, _ in services.allowed_transitions(plan)] == [
        "UNDER_ASSESSMENT",
        "CLOSED",
        "SUPERSEDED",
    ]


# -- decisions -------------------------------------------------------------------------------


def _decision(plan: Plan, **overrides: Any) -> dict[str, Any]:
    return {
        "plan": plan,
        "body": "NAC",
        "decided_on": dt.date(2015, 5, 27),
        "method": "MEETING",
    } | overrides


def test_decision_takes_owner_and_marking_from_its_plan(world: Any) -> None:
    plan = h.plan(world, marking="PARTNERS")
    decision = services.decision_create(
        actor=h.actor(world, "aze_coordinator"), data=_decision(plan)
    )
    assert (decision.owner_id, decision.marking) == (world.aze.pk, "PARTNERS")
    record = ChangeRecord.objects.latest("pk")
    assert (record.action, record.owner_id, record.marking) == ("CREATE", world.aze.pk, "PARTNERS")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"method": "SILENCE_PROCEDURE"},
            "silence_deadline",
            "A silence procedure has a deadline.",
        ),
        (
            {"silence_deadline": dt.datetime(2015, 6, 1, tzinfo=dt.UTC)},
            "silence_deadline",
            "Only a silence procedure has a deadline.",
        ),
        ({"decided_on": dt.date(2999, 1, 1)}, "decided_on", "This date is in the future."),
        ({"marking": "PUBLIC"}, "marking", "Marked Public, it would be shown to people"),
        ({"owner": "geo"}, "owner", "This field cannot be set."),
    ],
)
def test_decision_rules(world: Any, overrides: dict[str, Any], field: str, message: str) -> None:
    plan = h.plan(world)
    before = ChangeRecord.objects.count()
    data = _decision(plan, **overrides)
    if data.get("owner") == "geo":
        data["owner"] = world.geo
    with pytest.raises(ValidationError) as caught:
        services.decision_create(actor=h.actor(world, "aze_coordinator"), data=data)
    assert caught.value.message_dict[field][0].startswith(message)
    assert (Decision.objects.count(), ChangeRecord.objects.count()) == (0, before)


def test_decision_with_silence_procedure_and_its_deletion(world: Any) -> None:
    plan = h.plan(world)
    actor = h.actor(world, "staff_all")
    decision = services.decision_create(
        actor=actor,
        data=_decision(
            plan,
            method="SILENCE_PROCEDURE",
            silence_deadline=dt.datetime(2015, 5, 29, 12, tzinfo=dt.UTC),
        ),
    )
    with pytest.raises(ValidationError):
        services.decision_update(
            decision, actor=actor, expected_version=1, data={"silence_deadline": None}
        )
    services.decision_delete(decision, actor=actor, expected_version=1)
    assert Decision.objects.count() == 0
    assert _log("decision")[-1][0] == "DELETE"


def test_children_of_an_unchangeable_plan_are_refused(world: Any) -> None:
    plan = h.plan(world)
    with pytest.raises(Forbidden):
        services.decision_create(actor=h.actor(world, "aze_viewer"), data=_decision(plan))
    with pytest.raises(NotFound):
        services.chapter_create(
            actor=h.actor(world, "geo_coordinator"),
            data={"plan": plan, "code": "7", "title": "Extra"},
        )
    assert (Decision.objects.count(), Chapter.objects.count()) == (0, 6)


# -- chapters, objectives, commitments -------------------------------------------------------


def test_chapter_codes_are_unique_and_positions_follow_on(world: Any) -> None:
    plan = h.plan(world)
    actor = h.actor(world, "aze_coordinator")
    extra = services.chapter_create(actor=actor, data={"plan": plan, "code": "7", "title": "More"})
    assert (extra.position, extra.owner_id, extra.marking) == (7, world.aze.pk, "BILATERAL")
    with pytest.raises(ValidationError) as caught:
        services.chapter_create(actor=actor, data={"plan": plan, "code": "7", "title": "Again"})
    assert caught.value.message_dict["code"] == [
        "A chapter with code 7 already exists in this plan."
    ]
    with pytest.raises(ValidationError) as caught:
        services.chapter_update(extra, actor=actor, expected_version=1, data={"code": "1"})
    assert caught.value.message_dict["code"] == [
        "A chapter with code 1 already exists in this plan."
    ]
    assert plan.chapters.count() == 7


def test_objective_must_use_a_chapter_of_its_plan(world: Any) -> None:
    plan = h.plan(world)
    other = h.plan(world, start=2017)
    actor = h.actor(world, "aze_coordinator")
    with pytest.raises(ValidationError) as caught:
        services.objective_create(
            actor=actor,
            data={"plan": plan, "chapter": h.chapter(other), "code": "2.1", "text": "Reform"},
        )
    assert caught.value.message_dict["chapter"] == ["The chapter belongs to another plan."]
    objective = h.objective(plan, "2.1", "Reform")
    with pytest.raises(ValidationError) as caught:
        services.objective_update(
            objective, actor=actor, expected_version=1, data={"chapter": h.chapter(other)}
        )
    assert caught.value.message_dict["chapter"] == ["The chapter belongs to another plan."]
    with pytest.raises(ValidationError) as caught:
        h.objective(plan, "2.1", "Twice")
    assert caught.value.message_dict["code"] == [
        "An objective with code 2.1 already exists in this plan."
    ]
    moved = services.objective_update(
        objective, actor=actor, expected_version=1, data={"chapter": h.chapter(plan, "1")}
    )
    assert (moved.chapter.code, moved.plan_id, moved.version) == ("1", plan.pk, 2)
    assert Objective.objects.count() == 1


def test_objective_gets_plan_owner_and_chapter_marking_never_user_input(world: Any) -> None:
    plan = h.plan(world)
    actor = h.actor(world, "aze_coordinator")
    with pytest.raises(ValidationError) as caught:
        services.objective_create(
            actor=actor,
            data={"chapter": h.chapter(plan), "code": "2.1", "text": "x", "owner": world.geo},
        )
    assert caught.value.message_dict["owner"] == ["This field cannot be set."]
    objective = services.objective_create(
        actor=actor, data={"chapter": h.chapter(plan), "code": "2.1", "text": "x"}
    )
    assert (objective.plan_id, objective.owner_id, objective.marking, objective.position) == (
        plan.pk,
        world.aze.pk,
        "BILATERAL",
        1,
    )
    with pytest.raises(ValidationError) as caught:
        services.objective_update(
            objective, actor=actor, expected_version=1, data={"marking": "PARTNERS"}
        )
    assert "marking" in caught.value.message_dict


def test_commitment_agency_must_be_an_agency_of_the_plans_nation(world: Any) -> None:
    plan = h.plan(world)
    objective = h.objective(plan, "2.1", "Reform")
    actor = h.actor(world, "aze_coordinator")
    geo_mod = Organisation.objects.create(
        code="GEO-MOD", name="Georgian MoD", kind="NATIONAL_AGENCY", parent=world.geo
    )
    for agency in (geo_mod, world.aze, world.nato):
        with pytest.raises(ValidationError) as caught:
            services.commitment_create(
                actor=actor, data={"objective": objective, "text": "Do it", "agency": agency}
            )
        assert caught.value.message_dict["agency"] == [
            "The responsible agency must be a national agency of Azerbaijan."
        ]
    mfa = Organisation.objects.get(code="AZE-MFA")
    first = services.commitment_create(
        actor=actor, data={"objective": objective, "text": "Do it", "agency": mfa}
    )
    second = services.commitment_create(actor=actor, data={"objective": objective, "text": "Then"})
    assert [(c.position, c.agency_id, c.status, c.owner_id) for c in (first, second)] == [
        (1, mfa.pk, "NOT_STARTED", world.aze.pk),
        (2, None, "NOT_STARTED", world.aze.pk),
    ]
    updated = services.commitment_update(
        first, actor=actor, expected_version=1, data={"status": "COMPLETED_AHEAD"}
    )
    assert (updated.status, updated.version) == ("COMPLETED_AHEAD", 2)
    with pytest.raises(ValidationError):
        services.commitment_update(
            updated, actor=actor, expected_version=2, data={"agency": geo_mod}
        )
    assert Commitment.objects.count() == 2


def test_deleting_an_objective_or_chapter_deletes_below_it_with_audit(world: Any) -> None:
    plan = h.plan(world)
    objective = h.objective(plan, "2.1", "Reform")
    h.commitment(objective, "One")
    h.commitment(objective, "Two")
    actor = h.actor(world, "aze_coordinator")
    services.objective_delete(objective, actor=actor, expected_version=1)
    assert (Objective.objects.count(), Commitment.objects.count()) == (0, 0)
    assert [a for a, _ in _log()[-3:]] == ["DELETE"] * 3
    second = h.objective(plan, "2.2", "Another")
    h.commitment(second, "Three")
    services.chapter_delete(h.chapter(plan), actor=actor, expected_version=1)
    assert (Chapter.objects.count(), Objective.objects.count(), Commitment.objects.count()) == (
        5,
        0,
        0,
    )


# -- carry-over ------------------------------------------------------------------------------


@pytest.fixture
def two_plans(world: Any) -> tuple[Plan, Plan]:
    old = h.plan(world, start=2015)
    open_one = h.objective(old, "2.1", "Introduce multi-year defence planning")
    h.commitment(open_one, "Adopt the method", "DELAYED")
    h.commitment(open_one, "Publish the budget", "COMPLETED")
    done = h.objective(old, "2.2", "Restructure units")
    h.commitment(done, "Restructure the battalion", "COMPLETED_AHEAD")
    h.objective(old, "4.3", "Connect research institutes", chapter_code="4")
    cancelled = h.objective(old, "5.1", "Emergency plan", chapter_code="5")
    h.commitment(cancelled, "Update the plan", "CANCELLED")
    h.commitment(cancelled, "Train teams", "IN_PROGRESS")
    new = h.plan(world, start=2017)
    services.chapter_delete(h.chapter(new, "4"), actor=h.SYSTEM, expected_version=1)
    return old, new


def test_carry_over_copies_open_objectives_and_commitments_linked(
    world: Any, two_plans: tuple[Plan, Plan]
) -> None:
    old, new = two_plans
    actor = h.actor(world, "aze_coordinator")
    before = ChangeRecord.objects.count()
    copies = services.plan_carry_over(old, new, actor=actor)
    assert [(c.code, c.carried_from.code, c.chapter.code) for c in copies] == [
        ("2.1", "2.1", "2"),
        ("4.3", "4.3", "4"),
        ("5.1", "5.1", "5"),
    ]
    assert all(c.plan_id == new.pk and c.carried_from.plan_id == old.pk for c in copies)
    recreated = new.chapters.get(code="4")
    assert (recreated.title, recreated.marking) == ("Science and environment", "BILATERAL")
    assert list(
        Commitment.objects.filter(objective__plan=new).values_list(
            "objective__code", "text", "status"
        )
    ) == [("2.1", "Adopt the method", "DELAYED"), ("5.1", "Train teams", "IN_PROGRESS")]
    new.refresh_from_db()
    assert (new.predecessor_id, new.version) == (old.pk, 2)
    created = ChangeRecord.objects.order_by("pk")[before:]
    assert [(r.action, r.content_type.model) for r in created] == [
        ("CREATE", "objective"),
        ("CREATE", "commitment"),
        ("CREATE", "chapter"),
        ("CREATE", "objective"),
        ("CREATE", "objective"),
        ("CREATE", "commitment"),
        ("UPDATE", "plan"),
    ]
    assert {r.actor_label for r in created} == {"aze_coordinator"}


def test_carry_over_is_idempotent(world: Any, two_plans: tuple[Plan, Plan]) -> None:
    old, new = two_plans
    actor = h.actor(world, "aze_coordinator")
    services.plan_carry_over(old, new, actor=actor)
    count = (Objective.objects.count(), Commitment.objects.count(), ChangeRecord.objects.count())
    new.refresh_from_db()
    assert services.plan_carry_over(old, new, actor=actor) == []
    assert (
        Objective.objects.count(),
        Commitment.objects.count(),
        ChangeRecord.objects.count(),
    ) == count


@pytest.mark.parametrize(
    ("name", "error"),
    [("aze_viewer", Forbidden), ("geo_coordinator", NotFound), ("staff_geo", Forbidden)],
)
def test_carry_over_needs_the_right_to_change_the_target(
    world: Any, two_plans: tuple[Plan, Plan], name: str, error: type[Exception]
) -> None:
    old, new = two_plans
    before = (Objective.objects.count(), ChangeRecord.objects.count())
    with pytest.raises(error):
        services.plan_carry_over(old, new, actor=h.actor(world, name))
    assert (Objective.objects.count(), ChangeRecord.objects.count()) == before


def test_carry_over_refuses_wrong_pairs_and_code_clashes(
    world: Any, two_plans: tuple[Plan, Plan]
) -> None:
    old, new = two_plans
    actor = h.actor(world, "aze_coordinator")
    cases = [
        (old, old, "A plan cannot be carried over into itself."),
        (new, old, "Objectives are carried from an earlier plan only."),
        (h.plan(world, owner=world.geo, start=2010), new, "The plans belong to different nations."),
    ]
    for source, target, message in cases:
        with pytest.raises(ValidationError) as caught:
            services.plan_carry_over(
                source, target, actor=h.SYSTEM if source.owner_id != world.aze.pk else actor
            )
        assert caught.value.message_dict["from"] == [message]
    h.objective(new, "5.1", "Something else", chapter_code="5")
    before = (Objective.objects.count(), ChangeRecord.objects.count())
    with pytest.raises(ValidationError) as caught:
        services.plan_carry_over(old, new, actor=actor)
    assert caught.value.message_dict["from"] == [
        "The later plan already has other objectives with the codes 5.1; rename them first."
    ]
    assert (Objective.objects.count(), ChangeRecord.objects.count()) == before


def test_carried_objectives_block_deleting_their_origin(
    world: Any, two_plans: tuple[Plan, Plan]
) -> None:
    old, new = two_plans
    services.plan_carry_over(old, new, actor=h.SYSTEM)
    original = old.objectives.get(code="2.1")
    with pytest.raises(ValidationError) as caught:
        services.objective_delete(original, actor=h.SYSTEM, expected_version=1)
    assert caught.value.message_dict["__all__"] == [
        "This objective was carried into “IPAP 2017”; delete that copy first."
    ]
    assert Objective.objects.filter(pk=original.pk).exists()


def test_staff_carry_over_skips_the_national_annex(world: Any) -> None:
    old = h.plan(world, start=2015)
    h.objective(old, "6.1", "Internal tasking", chapter_code="6", marking="NATIONAL_ONLY")
    h.objective(old, "2.1", "Shared objective")
    new = h.plan(world, start=2017)
    copies = services.plan_carry_over(old, new, actor=h.actor(world, "staff_all"))
    assert [c.code for c in copies] == ["2.1"]
