"""Reads: filters, the strength series and timeline entries, scoped and in constant queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerdesk.operations.selectors import (
    TimelineEntry,
    contribution_list,
    strength_series,
    timeline_entries,
)
from partnerdesk.operations.tests.helpers import operation, snapshot
from partnerdesk.sources.models import Source

pytestmark = pytest.mark.django_db

D = dt.date


def test_filters_by_nation_operation_and_years(world: Any) -> None:
    isaf, kfor = operation("ISAF"), operation("KFOR")
    snapshot(world, kfor, D(1999, 1, 1), precision="YEAR", infantry=30)
    snapshot(world, isaf, D(2002, 11, 20), infantry=22)
    snapshot(world, isaf, D(2009, 1, 1), precision="YEAR", infantry=90)
    snapshot(world, isaf, D(2009, 1, 1), precision="YEAR", owner=world.geo, infantry=7)
    staff = world.users["staff_all"]

    def totals(**filters: Any) -> list[int]:
        rows = contribution_list(staff, **filters).order_by("owner__name", "as_of")
        return [row.total_strength for row in rows]  # type: ignore[attr-defined]

    assert totals() == [30, 22, 90, 7]
    assert totals(nation_id=world.aze.pk, operation_ids=[isaf.pk]) == [22, 90]
    assert totals(year_from=2002, year_to=2009) == [22, 90, 7]
    assert totals(year_from=2003) == [90, 7]


def test_strength_series_is_scoped_and_ordered(world: Any) -> None:
    isaf, rsm = operation("ISAF"), operation("RSM")
    s79 = Source.objects.create(key="S79", title="chronology")
    snapshot(world, rsm, D(2018, 1, 9), marking="PUBLIC", infantry=120).sources.add(s79)
    snapshot(world, isaf, D(2008, 1, 15), marking="BILATERAL", infantry=40)
    snapshot(world, isaf, D(2002, 11, 20), marking="PARTNERS", infantry=22)
    staff = strength_series(world.users["staff_all"], world.aze.pk)
    assert [
        (s.code, [(p.date_display, p.label, p.source_keys) for p in s.points]) for s in staff
    ] == [
        ("ISAF", [("20 Nov 2002", "22", ()), ("15 Jan 2008", "40", ())]),
        ("RSM", [("9 Jan 2018", "120", ("S79",))]),
    ]
    geo = strength_series(world.users["geo_coordinator"], world.aze.pk, [isaf.pk])
    assert [(s.code, [p.total for p in s.points]) for s in geo] == [("ISAF", [22])]


def test_timeline_entries_cover_snapshots_and_mandates_once(world: Any) -> None:
    isaf, rsm = operation("ISAF"), operation("RSM")
    verified = Source.objects.create(key="S79", title="a", confidence="VERIFIED")
    single = Source.objects.create(key="S63", title="b", confidence="SINGLE_SOURCE")
    isaf.sources.add(verified)
    first = snapshot(world, isaf, D(2002, 11, 20), marking="PUBLIC", infantry=22)
    first.sources.add(verified, single)
    snapshot(world, isaf, D(2009, 1, 1), precision="YEAR", infantry=90, approximate=True)
    snapshot(world, rsm, D(2021, 8, 26), marking="PUBLIC", infantry=0, withdrawal=True)
    snapshot(world, isaf, D(2003, 1, 1), owner=world.geo, marking="PUBLIC")
    entries = timeline_entries(world.users["staff_all"], nation_id=world.aze.pk)
    assert entries[1] == TimelineEntry(
        date=D(2002, 11, 20),
        precision="DAY",
        mechanism="operations",
        kind="contribution",
        title="ISAF: 22 personnel",
        url=first.get_absolute_url(),
        owner_id=world.aze.pk,
        source_keys=("S63", "S79"),
        confidence="SINGLE_SOURCE",
    )
    assert [(e.date.isoformat(), e.precision, e.kind, e.title, e.confidence) for e in entries] == [
        (
            "2001-01-01",
            "YEAR",
            "operation start",
            "ISAF (International Security Assistance Force) starts",
            "VERIFIED",
        ),
        ("2002-11-20", "DAY", "contribution", "ISAF: 22 personnel", "SINGLE_SOURCE"),
        ("2009-01-01", "YEAR", "contribution", "ISAF: about 90 personnel", ""),
        (
            "2014-12-28",
            "DAY",
            "operation end",
            "ISAF (International Security Assistance Force) ends",
            "VERIFIED",
        ),
        ("2015-01-01", "DAY", "operation start", "RSM (Resolute Support Mission) starts", ""),
        ("2021-08-26", "DAY", "withdrawal", "RSM: contingent withdrawn (0)", ""),
    ]
    everyone = timeline_entries(world.users["staff_all"])
    assert len(everyone) == 6 + 1 + 2  # Georgia's snapshot and ISAF's mandate for Georgia
    analyst = timeline_entries(world.users["analyst"], world.aze.pk)
    assert [e.kind for e in analyst] == [
        "operation start",
        "contribution",
        "operation end",
        "operation start",
        "withdrawal",
    ]
    assert (
        timeline_entries(world.users["geo_viewer"], world.aze.pk)[1].title == "ISAF: 22 personnel"
    )


def test_timeline_entries_take_constant_queries(world: Any) -> None:
    source = Source.objects.create(key="S1", title="a")
    user = world.users["staff_all"]

    def fill(start: int, count: int) -> None:
        for index in range(start, start + count):
            target = operation(f"OP{index}", mandate_start=D(1990, 1, 1))
            target.sources.add(source)
            snapshot(world, target, D(2000 + index, 1, 1)).sources.add(source)

    fill(0, 2)
    with CaptureQueriesContext(connection) as small:
        assert len(timeline_entries(user, world.aze.pk)) == 4
    fill(2, 2)
    with CaptureQueriesContext(connection) as large:
        assert len(timeline_entries(user, world.aze.pk)) == 8
    assert len(large.captured_queries) == len(small.captured_queries) == 4
