"""Derived unit state at given dates, the due list, visibility and date rendering."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from partnerdesk.core.actor import Actor
from partnerdesk.occ.models import Certification, format_date, format_period
from partnerdesk.occ.selectors import (
    certification_due,
    certification_flag,
    evaluation_list,
    occunit_get,
    occunit_list,
    occunit_state,
    remedial_list,
)
from partnerdesk.occ.services import remedial_create, remedial_transition
from partnerdesk.occ.tests.helpers import evaluation, unit

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "precision", "text"),
    [
        (D(2010, 1, 1), None, "YEAR", "2010"),
        (D(2008, 5, 1), None, "MONTH", "May 2008"),
        (D(2011, 10, 7), D(2011, 10, 16), "DAY", "7–16 Oct 2011"),
        (D(2017, 5, 31), D(2017, 6, 2), "DAY", "31 May–2 Jun 2017"),
        (D(2016, 12, 30), D(2017, 1, 2), "DAY", "30 Dec 2016–2 Jan 2017"),
        (D(2012, 6, 18), None, "DAY", "18 Jun 2012"),
        (D(2012, 6, 18), D(2012, 6, 18), "DAY", "18 Jun 2012"),
        (None, None, "DAY", "—"),
    ],
)
def test_dates_render_at_their_precision(
    start: dt.date | None, end: dt.date | None, precision: str, text: str
) -> None:
    assert format_period(start, end, precision) == text


def test_single_dates_render_at_their_precision() -> None:
    assert [format_date(D(2014, 1, 1), p) for p in ("YEAR", "MONTH", "DAY")] == [
        "2014",
        "January 2014",
        "1 Jan 2014",
    ]


def _battalion(world: Any, **extra: Any) -> Any:
    battalion = unit(world, **extra)
    evaluation(battalion, "SEL1", D(2011, 10, 7), end_on=D(2011, 10, 16))
    evaluation(battalion, "NEL1", D(2012, 6, 18), end_on=D(2012, 6, 24))
    evaluation(battalion, "SEL2", D(2013, 10, 1), precision="MONTH")
    evaluation(battalion, "NEL2", D(2014, 6, 2), end_on=D(2014, 6, 6))
    return battalion


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("today", "stage", "days_left"),
    [
        (D(2010, 6, 1), "DECLARED", None),
        (D(2011, 10, 7), "SEL1_DONE", None),
        (D(2012, 6, 30), "NEL1_PASSED", None),
        (D(2013, 10, 1), "SEL2_DONE", None),
        (D(2014, 6, 6), "COMBAT_READY", 1096),
        (D(2016, 12, 7), "COMBAT_READY", 181),
        (D(2016, 12, 8), "REVALIDATION_DUE", 180),
        (D(2017, 6, 6), "REVALIDATION_DUE", 0),
        (D(2017, 6, 7), "LAPSED", -1),
    ],
)
def test_derived_state_at_a_given_day(
    world: Any, today: dt.date, stage: str, days_left: int | None
) -> None:
    _battalion(world)
    loaded = occunit_list(world.users["aze_viewer"]).get()
    state = occunit_state(loaded, today=today, due_days=180)
    assert (state.stage, state.status, state.days_left, state.remedial_open) == (
        stage,
        stage,
        days_left,
        False,
    )


@pytest.mark.django_db
def test_due_window_is_configurable(world: Any, settings: Any) -> None:
    _battalion(world)
    loaded = occunit_list(world.users["aze_viewer"]).get()
    assert occunit_state(loaded, today=D(2017, 1, 1), due_days=30).stage == "COMBAT_READY"
    settings.PARTNERDESK_OCC_DUE_DAYS = 365
    assert occunit_state(loaded, today=D(2016, 7, 1)).stage == "REVALIDATION_DUE"


@pytest.mark.django_db
def test_revalidation_restores_combat_ready_and_open_remedial_actions_show(world: Any) -> None:
    battalion = _battalion(world)
    reeval = evaluation(battalion, "REEVAL", D(2017, 9, 1))  # after the lapse on 6 Jun 2017
    user = world.users["aze_viewer"]
    state = occunit_state(occunit_list(user).get(), today=D(2017, 9, 1), due_days=180)
    assert (state.stage, getattr(state.certification, "based_on_id", None)) == (
        "COMBAT_READY",
        reeval.pk,
    )
    action = remedial_create(
        actor=Actor.system(), data={"evaluation": reeval, "text": "Fix radios"}
    )
    state = occunit_state(occunit_list(user).get(), today=D(2017, 9, 2), due_days=180)
    assert (state.status, state.stage, state.status_label) == (
        "REMEDIAL_PLAN_OPEN",
        "COMBAT_READY",
        "Remedial plan open",
    )
    remedial_transition(action, actor=Actor.system(), expected_version=1, target="DONE")
    state = occunit_state(occunit_list(user).get(), today=D(2017, 9, 2), due_days=180)
    assert state.status == "COMBAT_READY"


@pytest.mark.django_db
def test_due_list_holds_unrenewed_certificates_expiring_within_the_window(world: Any) -> None:
    battalion = _battalion(world)  # certificate 6 Jun 2014 – 6 Jun 2017
    party = unit(world, name="Boarding party", service="MARITIME", marking="PUBLIC")
    evaluation(party, "NEL2", D(2022, 11, 1), precision="MONTH", earlier_steps_unrecorded=True)
    georgian = unit(world, owner=world.geo, name="Light infantry battalion")
    evaluation(georgian, "NEL1", D(2019, 4, 1), precision="MONTH")
    evaluation(georgian, "NEL2", D(2024, 3, 14), end_on=D(2024, 3, 18))
    staff = world.users["staff_all"]
    today = D(2026, 11, 23)
    due = certification_due(staff, today=today, days=180)
    assert [(c.unit.name, str(c.valid_to)) for c in due] == [
        ("Infantry battalion", "2017-06-06"),
        ("Boarding party", "2025-11-01"),
        ("Light infantry battalion", "2027-03-18"),
    ]
    assert [certification_flag(c, today=today, days=180) for c in due] == [
        "LAPSED",
        "LAPSED",
        "DUE",
    ]
    assert [c.unit.name for c in certification_due(staff, today=today, days=100)] == [
        "Infantry battalion",
        "Boarding party",
    ]
    # renewing the battalion takes it off the list
    evaluation(battalion, "REEVAL", D(2026, 10, 1))
    assert [c.unit.name for c in certification_due(staff, today=today, days=100)] == [
        "Boarding party"
    ]
    # each reader sees only the certificates of units they may see
    assert [c.unit.name for c in certification_due(world.users["geo_viewer"], today=today)] == [
        "Boarding party",
        "Light infantry battalion",
    ]
    assert [c.unit.name for c in certification_due(world.users["aze_viewer"], today=today)] == [
        "Boarding party",
    ]
    assert Certification.objects.count() == 4


@pytest.mark.django_db
def test_children_of_a_hidden_unit_are_hidden_even_when_marked_public(world: Any) -> None:
    battalion = unit(world, marking="BILATERAL")
    sel1 = evaluation(battalion, "SEL1", D(2011, 10, 7), marking="PUBLIC")
    remedial_create(
        actor=Actor.system(),
        data={"evaluation": sel1, "text": "Public action", "marking": "PUBLIC"},
    )
    geo = world.users["geo_viewer"]
    assert (
        occunit_list(geo).count(),
        evaluation_list(geo).count(),
        remedial_list(geo).count(),
    ) == (0, 0, 0)
    aze = world.users["aze_viewer"]
    assert (evaluation_list(aze).count(), remedial_list(aze).count()) == (1, 1)


@pytest.mark.django_db
def test_state_uses_only_what_the_reader_may_see(world: Any) -> None:
    battalion = unit(world, marking="PUBLIC")
    evaluation(battalion, "SEL1", D(2011, 10, 7), marking="PUBLIC")
    evaluation(battalion, "NEL1", D(2012, 6, 18), marking="BILATERAL")
    today = D(2020, 1, 1)
    partner = occunit_get(world.users["geo_viewer"], battalion.pk)
    own = occunit_get(world.users["aze_viewer"], battalion.pk)
    assert occunit_state(partner, today=today).stage == "SEL1_DONE"
    assert occunit_state(own, today=today).stage == "NEL1_PASSED"
