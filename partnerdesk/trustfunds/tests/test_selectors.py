"""Money totals per project, phase, donor and currency; visibility; timeline entries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerdesk.core.actor import Actor
from partnerdesk.sources.services import source_create
from partnerdesk.trustfunds.selectors import TimelineEntry, money_totals, timeline_entries
from partnerdesk.trustfunds.services import agreement_create
from partnerdesk.trustfunds.tests.helpers import contribution, kpi, org, phase, project

pytestmark = pytest.mark.django_db
D = Decimal


def _saloglu(world: Any) -> Any:
    saloglu = project(world, marking="PUBLIC")
    first = phase(saloglu, 1, budget="1400000.00", estimated=True)
    second = phase(saloglu, 2, budget="440000.00")
    aze, tur, bgr = org("AZE"), org("TUR", "Türkiye"), org("BGR", "Bulgaria")
    contribution(second, aze, "131000.00")
    contribution(second, tur, "50000.00", status="PAID")
    contribution(second, bgr, "15000.00")
    contribution(first, org("FIN", "Finland"), None)
    contribution(first, org("USA", "United States"), "25000.00", currency="USD")
    return saloglu, first, second


def test_totals_are_exact_per_currency_and_never_mixed(world: Any) -> None:
    saloglu, first, second = _saloglu(world)
    totals = money_totals(world.users["aze_viewer"], project_id=saloglu.pk)
    phase2 = totals.by_phase[second.pk]
    # 131,000 + 50,000 + 15,000 = 196,000 EUR of the 440,000 EUR phase 2 budget
    assert (phase2.budget, phase2.contributed, phase2.remaining) == (
        {"EUR": D("440000.00")},
        {"EUR": D("196000.00")},
        {"EUR": D("244000.00")},
    )
    assert (phase2.pledged, phase2.paid) == ({"EUR": D("146000.00")}, {"EUR": D("50000.00")})
    phase1 = totals.by_phase[first.pk]
    assert (phase1.contributed, phase1.undisclosed, phase1.remaining) == (
        {"USD": D("25000.00")},
        1,
        {"EUR": D("1400000.00")},  # the USD gift is not counted against a EUR budget
    )
    total = totals.total
    assert total.budget == {"EUR": D("1840000.00")}
    assert total.estimated == {"EUR": D("1400000.00")}
    assert total.contributed == {"EUR": D("196000.00"), "USD": D("25000.00")}
    assert total.currencies == ["EUR", "USD"]
    assert totals.by_project == {saloglu.pk: total}
    assert {totals.names[pk]: b.contributed for pk, b in totals.by_donor.items()} == {
        "Azerbaijan": {"EUR": D("131000.00")},
        "Bulgaria": {"EUR": D("15000.00")},
        "Finland": {},
        "Türkiye": {"EUR": D("50000.00")},
        "United States": {"USD": D("25000.00")},
    }
    assert next(totals.names[pk] for pk in totals.by_donor) == "Azerbaijan"
    assert totals.phase_labels[second.pk] == "Saloglu UXO clearance, phase 2"
    assert all(isinstance(v, Decimal) for v in total.contributed.values())


def test_hidden_rows_never_count(world: Any) -> None:
    saloglu, _first, second = _saloglu(world)
    contribution(second, org("NOR", "Norway"), "1000.00", marking="NATIONAL_ONLY")
    phase(saloglu, 3, budget="1900000.00", marking="ALLIANCE_ONLY")
    own = money_totals(world.users["aze_viewer"], project_id=saloglu.pk).total
    staff = money_totals(world.users["staff_all"], project_id=saloglu.pk).total
    analyst = money_totals(world.users["analyst"]).total
    assert (own.budget, own.contributed["EUR"]) == ({"EUR": D("1840000.00")}, D("197000.00"))
    assert (staff.budget, staff.contributed["EUR"]) == ({"EUR": D("3740000.00")}, D("196000.00"))
    assert (analyst.budget, analyst.contributed) == (
        {"EUR": D("1840000.00")},
        {"EUR": D("196000.00"), "USD": D("25000.00")},
    )
    geo = money_totals(world.users["geo_viewer"], nation_id=world.geo.pk).total
    assert (geo.budget, geo.contributed) == ({}, {})


def test_timeline_entries_cover_every_dated_record(world: Any) -> None:
    s41 = source_create(
        actor=Actor.system(),
        data={"key": "S41", "title": "ANAMA: Saloglu", "confidence": "VERIFIED"},
    )
    single = source_create(
        actor=Actor.system(),
        data={"key": "S99", "title": "One interview", "confidence": "SINGLE_SOURCE"},
    )
    saloglu = project(world, marking="PUBLIC", sources=[s41.pk])
    first = phase(
        saloglu,
        1,
        announced_on=dt.date(2003, 4, 28),
        start_on=dt.date(2005, 12, 15),
        start_precision="MONTH",
        end_on=dt.date(2007, 1, 1),
        end_precision="YEAR",
        sources=[s41.pk, single.pk],
    )
    phase(saloglu, 2)  # no dates: no entries
    agreement_create(
        actor=Actor.system(),
        data={
            "project": saloglu,
            "kind": "MOU",
            "signed_on": dt.date(2003, 4, 2),
            "parties": [world.aze.pk],
        },
    )
    kpi(first, "ITEMS_DESTROYED", "155623", dt.date(2008, 6, 1), marking="NATIONAL_ONLY")
    url = saloglu.get_absolute_url()
    expected = [
        TimelineEntry(
            dt.date(2001, 12, 1),
            "MONTH",
            "trustfunds",
            "project requested",
            "Saloglu UXO clearance: requested by Azerbaijan",
            url,
            world.aze.pk,
            ("S41",),
            "VERIFIED",
        ),
        TimelineEntry(
            dt.date(2003, 4, 2),
            "DAY",
            "trustfunds",
            "agreement signed",
            "Saloglu UXO clearance: Memorandum of understanding signed",
            url + "#agreements",
            world.aze.pk,
            (),
            "",
        ),
        TimelineEntry(
            dt.date(2003, 4, 28),
            "DAY",
            "trustfunds",
            "phase presented",
            "Saloglu UXO clearance, phase 1 presented",
            url + "#phase-1",
            world.aze.pk,
            ("S41", "S99"),
            "SINGLE_SOURCE",
        ),
        TimelineEntry(
            dt.date(2005, 12, 1),
            "MONTH",
            "trustfunds",
            "phase starts",
            "Saloglu UXO clearance, phase 1 starts",
            url + "#phase-1",
            world.aze.pk,
            ("S41", "S99"),
            "SINGLE_SOURCE",
        ),
        TimelineEntry(
            dt.date(2007, 1, 1),
            "YEAR",
            "trustfunds",
            "phase ends",
            "Saloglu UXO clearance, phase 1 ends",
            url + "#phase-1",
            world.aze.pk,
            ("S41", "S99"),
            "SINGLE_SOURCE",
        ),
    ]
    kpi_entry = TimelineEntry(
        dt.date(2008, 6, 1),
        "MONTH",
        "trustfunds",
        "result reported",
        "Saloglu UXO clearance, phase 1: Items destroyed 155,623 items",
        url + "#phase-1",
        world.aze.pk,
        (),
        "",
    )
    assert timeline_entries(world.users["staff_all"]) == expected
    assert timeline_entries(world.users["aze_viewer"], nation_id=world.aze.pk) == [
        *expected,
        kpi_entry,
    ]
    assert timeline_entries(world.users["aze_viewer"], nation_id=world.geo.pk) == []
    assert timeline_entries(world.users["analyst"]) == expected  # children default to PUBLIC


def _projects(world: Any, count: int, start: int) -> None:
    for index in range(start, start + count):
        target = project(world, title=f"Project {index}", marking="PUBLIC")
        first = phase(target, 1, budget="10.00", start_on=dt.date(2010, 1, 1))
        contribution(first, world.aze, "1.00")
        kpi(first, "HECTARES_CLEARED", "5", dt.date(2011, 1, 1))
        agreement_create(
            actor=Actor.system(),
            data={"project": target, "kind": "FMA", "signed_on": dt.date(2009, 1, 1)},
        )


def test_timeline_and_totals_take_a_fixed_number_of_queries(world: Any) -> None:
    user = world.users["staff_all"]
    _projects(world, 3, 0)
    with CaptureQueriesContext(connection) as small:
        entries = timeline_entries(user)
        money_totals(user)
    _projects(world, 3, 3)
    with CaptureQueriesContext(connection) as large:
        more = timeline_entries(user)
        totals = money_totals(user)
    assert (len(entries), len(more)) == (12, 24)
    assert totals.total.budget == {"EUR": D("60.00")}
    assert len(large.captured_queries) == len(small.captured_queries)
