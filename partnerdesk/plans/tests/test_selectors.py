"""Plan selectors: visibility of children through their parents, comparison of two plans."""

from __future__ import annotations

from typing import Any

import pytest

from partnerdesk.plans import selectors, services
from partnerdesk.plans.models import Objective
from partnerdesk.plans.tests import helpers as h

pytestmark = pytest.mark.django_db


def test_children_of_a_hidden_plan_stay_hidden(world: Any) -> None:
    plan = h.plan(world, marking="BILATERAL")
    objective = h.objective(plan, "2.1", "Reform")
    h.commitment(objective, "Law")
    # Written around the services on purpose: a child wider than its plan must not leak.
    Objective.objects.filter(pk=objective.pk).update(marking="PUBLIC")
    objective.commitments.update(marking="PUBLIC")
    plan.chapters.update(marking="PUBLIC")
    geo = world.users["geo_viewer"]
    assert list(selectors.objective_list(geo)) == []
    assert list(selectors.commitment_list(geo)) == []
    assert list(selectors.chapter_list(geo)) == []
    aze = world.users["aze_viewer"]
    assert [o.code for o in selectors.objective_list(aze, plan_id=plan.pk)] == ["2.1"]
    assert selectors.commitment_list(aze).count() == 1


def test_national_annex_objectives_and_their_commitments_are_hidden_from_staff(world: Any) -> None:
    plan = h.plan(world)
    annex = h.objective(plan, "6.1", "Tasking", chapter_code="6", marking="NATIONAL_ONLY")
    h.commitment(annex, "Quarterly report")
    shared = h.objective(plan, "2.1", "Reform")
    h.commitment(shared, "Law")
    h.commitment(shared, "Internal note", marking="NATIONAL_ONLY")
    staff = world.users["staff_all"]
    contents = selectors.plan_contents(staff, plan)
    shown = {
        (o.code, tuple(c.text for c in o.visible_commitments))  # type: ignore[attr-defined]
        for _, objectives in contents
        for o in objectives
    }
    assert shown == {("2.1", ("Law",))}
    coordinator = world.users["aze_coordinator"]
    shown = {
        (o.code, tuple(c.text for c in o.visible_commitments))  # type: ignore[attr-defined]
        for _, objectives in selectors.plan_contents(coordinator, plan)
        for o in objectives
    }
    assert shown == {("2.1", ("Law", "Internal note")), ("6.1", ("Quarterly report",))}


def test_word_diff_marks_deleted_and_inserted_words() -> None:
    assert selectors.word_diff(
        "Improve defence  planning", "Improve national defence budgeting"
    ) == [
        ("same", "Improve"),
        ("ins", "national"),
        ("same", "defence"),
        ("del", "planning"),
        ("ins", "budgeting"),
    ]
    assert selectors.similarity("a b c", "a  b c") == 1.0


@pytest.fixture
def pair(world: Any) -> tuple[Any, Any]:
    """A hand-made pair of plans with one objective of every kind of change."""
    old = h.plan(world, start=2015)
    h.objective(old, "1.1", "Hold regular political consultations with Allies.")
    h.objective(old, "2.1", "Introduce defence planning based on multi-year programmes.")
    h.objective(old, "2.2", "Restructure the declared units to NATO standards.")
    h.objective(old, "3.1", "Run a NATO week at universities every year.")
    h.objective(old, "4.1", "Survey contaminated land near former depots.", chapter_code="4")
    new = h.plan(world, start=2017)
    services.plan_carry_over(old, new, actor=h.SYSTEM)
    copies = {o.code: o for o in new.objectives.all()}
    # carried by link, unchanged: 1.1; carried by link, reworded: 2.1
    services.objective_update(
        copies["2.1"],
        actor=h.SYSTEM,
        expected_version=1,
        data={"text": "Introduce defence planning and budgeting based on multi-year programmes."},
    )
    # 2.2, 3.1 and 4.1 lose their link and are rewritten or replaced
    for code in ("2.2", "3.1", "4.1"):
        Objective.objects.filter(pk=copies[code].pk).update(carried_from=None)
    services.objective_update(
        copies["2.2"],
        actor=h.SYSTEM,
        expected_version=1,
        data={"code": "2.7", "text": "Restructure all declared units to NATO standards."},
    )  # similar wording → reworded
    services.objective_delete(copies["4.1"], actor=h.SYSTEM, expected_version=1)  # dropped
    h.objective(new, "5.9", "Assess national resilience.", chapter_code="5")  # added
    # 3.1 keeps identical wording without a link → carried by text
    return old, new


def test_compare_sorts_objectives_into_the_four_categories(world: Any, pair: Any) -> None:
    old, new = pair
    result = selectors.plan_compare(world.users["aze_viewer"], old, new)
    assert result.counts == {"added": 1, "dropped": 1, "reworded": 2, "carried": 2}
    assert [(m.old.code, m.new.code, m.via, m.ratio) for m in result.carried] == [
        ("1.1", "1.1", "link", 1.0),
        ("3.1", "3.1", "text", 1.0),
    ]
    reworded = {(m.old.code, m.new.code, m.via) for m in result.reworded}
    assert reworded == {("2.1", "2.1", "link"), ("2.2", "2.7", "similarity")}
    for match in result.reworded:
        assert 0.6 <= match.ratio < 1.0
    assert [o.code for o in result.added] == ["5.9"]
    assert [o.code for o in result.dropped] == ["4.1"]
    link = next(m for m in result.reworded if m.via == "link")
    assert link.diff == [
        ("same", "Introduce defence planning"),
        ("ins", "and budgeting"),
        ("same", "based on multi-year programmes."),
    ]


def test_compare_only_sees_what_the_user_may_see(world: Any, pair: Any) -> None:
    old, new = pair
    Objective.objects.filter(plan=new, code="5.9").update(marking="NATIONAL_ONLY")
    staff = selectors.plan_compare(world.users["staff_all"], old, new)
    assert staff.counts == {"added": 0, "dropped": 1, "reworded": 2, "carried": 2}
    analyst = selectors.plan_compare(world.users["analyst"], old, new)
    assert analyst.counts == {"added": 0, "dropped": 0, "reworded": 0, "carried": 0}


def test_unrelated_texts_are_not_rewordings(world: Any) -> None:
    old = h.plan(world, start=2015)
    new = h.plan(world, start=2017)
    h.objective(old, "1.1", "Hold regular political consultations with Allies.")
    h.objective(new, "1.1", "Clean up former military sites safely.")
    result = selectors.plan_compare(world.users["aze_viewer"], old, new)
    assert result.counts == {"added": 1, "dropped": 1, "reworded": 0, "carried": 0}
