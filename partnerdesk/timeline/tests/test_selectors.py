"""The merged chronology: order, precision, filters, visibility, overview buckets."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerdesk.timeline.selectors import overview, timeline
from partnerdesk.timeline.tests.helpers import milestone, seed

pytestmark = pytest.mark.django_db


def _rows(entries: list[Any]) -> list[tuple[str, str, str]]:
    return [(e.date.isoformat(), e.mechanism, e.title) for e in entries]


def test_the_timeline_merges_mechanisms_in_date_order(world: Any) -> None:
    seed(world)
    entries = timeline(world.users["staff_all"], nation_id=world.aze.pk)
    assert _rows(entries) == [
        ("1992-03-01", "milestones", "Joins NACC"),
        ("1994-05-04", "entrydocs", "PfP Framework Document signed"),
        ("1997-01-01", "milestones", "EAPC replaces NACC"),
        ("1997-11-21", "milestones", "Mission decree"),
    ]
    first = entries[0]
    assert (first.precision, first.source_keys, first.confidence) == (
        "MONTH",
        ("S200", "S67"),
        "SINGLE_SOURCE",
    )


def test_a_year_entry_sorts_before_the_day_entries_of_its_first_day(world: Any) -> None:
    milestone(world, "A day", dt.date(2008, 1, 1))
    milestone(world, "A year", dt.date(2008, 1, 1), precision="YEAR")
    milestone(world, "A month", dt.date(2008, 1, 1), precision="MONTH")
    titles = [e.title for e in timeline(world.users["staff_all"], nation_id=world.aze.pk)]
    assert titles == ["A year", "A month", "A day"]


def test_filters_by_mechanism_and_years(world: Any) -> None:
    seed(world)
    staff = world.users["staff_all"]
    only_docs = timeline(staff, nation_id=world.aze.pk, mechanisms=["entrydocs"])
    assert _rows(only_docs) == [("1994-05-04", "entrydocs", "PfP Framework Document signed")]
    nineties = timeline(staff, nation_id=world.aze.pk, year_from=1994, year_to=1997)
    assert [e.title for e in nineties] == [
        "PfP Framework Document signed",
        "EAPC replaces NACC",
        "Mission decree",
    ]


def test_each_reader_sees_exactly_what_they_may_open(world: Any) -> None:
    seed(world)
    users = world.users
    all_aze = [
        "Joins NACC",
        "PfP Framework Document signed",
        "EAPC replaces NACC",
        "Mission decree",
    ]
    assert [e.title for e in timeline(users["aze_viewer"], nation_id=world.aze.pk)] == all_aze
    # Georgia sees Azerbaijan's PUBLIC and PARTNERS records, not its BILATERAL decree.
    assert [e.title for e in timeline(users["geo_viewer"], nation_id=world.aze.pk)] == all_aze[:3]
    assert [e.title for e in timeline(users["analyst"], nation_id=world.aze.pk)] == all_aze[:3]
    assert timeline(users["deactivated"], nation_id=world.aze.pk) == []
    assert [e.title for e in timeline(users["aze_viewer"], nation_id=world.geo.pk)] == [
        "Georgian fact"
    ]


def test_overview_counts_per_year_and_per_month(world: Any) -> None:
    seed(world)
    entries = timeline(world.users["staff_all"], nation_id=world.aze.pk)
    years = overview(entries)
    assert [(b.label, b.count) for b in years] == [
        ("1992", 1),
        ("1993", 0),
        ("1994", 1),
        ("1995", 0),
        ("1996", 0),
        ("1997", 2),
    ]
    months = overview(entries, year=1997)
    # The year-precision entry has no month; the decree falls in November.
    assert [b.count for b in months] == [0] * 10 + [1, 0]
    assert overview([]) == []


def test_query_count_does_not_grow_with_the_records(world: Any) -> None:
    def count(n: int) -> int:
        for i in range(n):
            milestone(world, f"m{n}-{i}", dt.date(2000 + i, 1, 1))
        with CaptureQueriesContext(connection) as queries:
            timeline(world.users["staff_all"], nation_id=world.aze.pk)
        return len(queries)

    assert count(3) == count(6)
