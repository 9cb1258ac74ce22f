"""Postings and reported figures: validation, precision, name rights, audit without names,
headcount rules and the timeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from partnerdesk.core.models import ChangeRecord
from partnerdesk.staffing.selectors import (
    compare_reported,
    headcount,
    posting_get,
    posting_list,
    pseudonym,
    timeline_entries,
)
from partnerdesk.staffing.services import posting_create, posting_update, reported_create
from partnerdesk.staffing.tests.helpers import SECRET_NAME, actor, host, posting, reported

pytestmark = pytest.mark.django_db
D = dt.date


def _data(world: Any, **extra: Any) -> dict[str, Any]:
    return {
        "owner": world.aze,
        "marking": "BILATERAL",
        "scheme": "PSP",
        "host": world.nato,
        "post_title": "Staff officer",
        "start_on": D(2016, 5, 20),
        "start_precision": "MONTH",
    } | extra


def test_dates_are_kept_at_their_precision(world: Any) -> None:
    row = posting_create(
        actor=actor(world, "aze_coordinator"),
        data=_data(world, end_on=D(2018, 7, 9), end_precision="YEAR"),
    )
    row.refresh_from_db()
    assert (row.start_on, row.end_on, row.end_last_day) == (
        D(2016, 5, 1),
        D(2018, 1, 1),
        D(2018, 12, 31),
    )
    assert (row.start_display, row.end_display) == ("May 2016", "2018")
    assert str(row) == "PSP: Staff officer (NATO-IS, from May 2016)"


def test_end_before_start_and_foreign_host_are_refused(world: Any) -> None:
    coordinator = actor(world, "aze_coordinator")
    with pytest.raises(ValidationError) as caught:
        posting_create(actor=coordinator, data=_data(world, end_on=D(2016, 4, 30)))
    assert caught.value.message_dict == {
        "end_on": ["The end (30 Apr 2016) is before the start (May 2016)."]
    }
    # an end in the same month as a month-precision start is fine
    same = posting_create(actor=coordinator, data=_data(world, end_on=D(2016, 5, 2)))
    assert same.end_display == "2 May 2016"
    with pytest.raises(ValidationError) as caught:
        posting_create(actor=coordinator, data=_data(world, host=world.geo))
    assert caught.value.message_dict == {"host": ["Georgia is not a NATO body or agency."]}
    with pytest.raises(ValidationError) as caught:
        posting_create(actor=coordinator, data=_data(world, owner=world.nato))
    assert caught.value.message_dict == {"owner": ["Postings and headcounts belong to a state."]}
    with pytest.raises(ValidationError) as caught:
        posting_create(actor=coordinator, data=_data(world, person_id=3))
    assert caught.value.message_dict == {"person_id": ["This field cannot be set."]}
    assert ChangeRecord.objects.filter(content_type__app_label="staffing").count() == 1


def test_only_the_sending_nation_sets_the_name(world: Any) -> None:
    staff = actor(world, "staff_all")
    with pytest.raises(ValidationError) as caught:
        posting_create(actor=staff, data=_data(world, person_name="Someone"))
    assert caught.value.message_dict == {
        "person_name": ["Only users of the sending nation may set the person's name."]
    }
    created = posting_create(actor=staff, data=_data(world))
    assert created.person_name == ""
    with pytest.raises(ValidationError):
        posting_update(created, actor=staff, expected_version=1, data={"person_name": "Someone"})
    named = posting_update(
        created,
        actor=actor(world, "aze_coordinator"),
        expected_version=1,
        data={"person_name": SECRET_NAME},
    )
    assert (named.version, named.name_revision, named.person_name) == (2, 1, SECRET_NAME)
    # staff may change the other fields; sending the name back unchanged is not a change
    edited = posting_update(named, actor=staff, expected_version=2, data={"rank": "Colonel"})
    assert (edited.version, edited.rank, edited.person_name) == (3, "Colonel", SECRET_NAME)
    with pytest.raises(ValidationError) as caught:
        posting_update(edited, actor=staff, expected_version=3, data={"owner": world.geo})
    assert caught.value.message_dict == {
        "owner": ["A posting with a person's name cannot move to another nation."]
    }


def test_the_change_log_never_holds_the_name(world: Any) -> None:
    row = posting(world)
    posting_update(
        row,
        actor=actor(world, "aze_coordinator"),
        expected_version=1,
        data={"person_name": "Another Secretname"},
    )
    records = ChangeRecord.objects.filter(content_type__app_label="staffing").order_by("pk")
    assert [r.action for r in records] == ["CREATE", "UPDATE"]
    assert records[1].changed_fields == ["name_revision", "version"]
    for record in records:
        text = f"{record.before} {record.after} {record.object_repr}"
        assert SECRET_NAME not in text
        assert "Secretname" not in text
        assert "person_name" not in (record.after or {})


@override_settings(SECRET_KEY="a-test-secret-key-that-is-long-enough-0123456789")
def test_pseudonyms_are_stable_keyed_and_hide_the_name(world: Any) -> None:
    row = posting(world)
    first = pseudonym(row.pk, "AZE")
    assert first.startswith("AZE officer ")
    assert len(first) == len("AZE officer ") + 6
    assert pseudonym(row.pk, "AZE") == first
    assert pseudonym(row.pk + 1, "AZE") != first
    staff_view = posting_get(world.users["staff_all"], row.pk)
    assert (staff_view.display_name, staff_view.person_name, staff_view.name_visible) == (
        first,
        "",
        False,
    )
    own_view = posting_get(world.users["aze_viewer"], row.pk)
    assert (own_view.display_name, own_view.name_visible) == (SECRET_NAME, True)
    with override_settings(SECRET_KEY="another-secret-key-that-is-long-enough-9876543210"):
        assert pseudonym(row.pk, "AZE") != first


@pytest.mark.parametrize(
    ("name", "shows_name"),
    [
        ("aze_coordinator", True),
        ("aze_assessor", True),
        ("aze_viewer", True),
        ("geo_coordinator", False),
        ("geo_viewer", False),
        ("staff_all", False),
        ("staff_geo", False),
        ("alliance_assessor", False),
        ("analyst", False),
        ("admin", False),
    ],
)
def test_names_by_role(world: Any, name: str, shows_name: bool) -> None:
    row = posting(world, marking="PUBLIC")
    [seen] = list(posting_list(world.users[name]))
    expected = SECRET_NAME if shows_name else pseudonym(row.pk, "AZE")
    assert (seen.display_name, seen.name_visible) == (expected, shows_name)
    assert (seen.person_name == SECRET_NAME) is shows_name


def test_headcount_counts_dates_at_their_precision(world: Any) -> None:
    posting(world, start=D(2016, 5, 9), precision="MONTH", at="NATO-IS")  # from 1 May 2016
    posting(world, start=D(2015, 1, 1), end=D(2016, 5, 1), end_precision="MONTH", at="NATO-IS")
    posting(world, start=D(2014, 6, 1), precision="YEAR", end=D(2016, 1, 1), end_precision="YEAR")
    posting(world, start=D(2016, 5, 10), at="SHAPE")
    user = world.users["staff_all"]

    def count(day: dt.date, scope: str = "NATO_HQ") -> int:
        return headcount(user, world.aze.pk, on=day, scope=scope)

    assert count(D(2013, 12, 31)) == 0
    assert count(D(2014, 1, 1)) == 1  # "2014" counts from 1 January
    assert count(D(2016, 4, 30)) == 2
    assert count(D(2016, 5, 1)) == 3  # "May 2016" start counts from 1 May
    assert count(D(2016, 5, 31)) == 3  # "May 2016" end counts to 31 May
    assert count(D(2016, 12, 31)) == 2  # "2016" end counts to 31 December
    assert count(D(2017, 1, 1)) == 1
    assert count(D(2016, 5, 9), "ALL_BODIES") == 3
    assert count(D(2016, 5, 10), "ALL_BODIES") == 4
    assert headcount(user, world.geo.pk, on=D(2016, 5, 10)) == 0
    with pytest.raises(ValueError, match="Unknown scope 'HQ'"):
        headcount(user, world.aze.pk, on=D(2016, 5, 10), scope="HQ")


def test_hq_scope_includes_bodies_under_hq_bodies(world: Any) -> None:
    division = host("NATO-IS-OPS")
    division.parent = world.nato
    division.save()
    posting(world, at="NATO-IS-OPS")
    assert headcount(world.users["analyst"], None, on=D(2016, 1, 1), scope="NATO_HQ") == 0
    assert headcount(world.users["staff_all"], None, on=D(2016, 1, 1), scope="NATO_HQ") == 1


def test_headcount_follows_visibility(world: Any) -> None:
    posting(world, marking="BILATERAL")
    posting(world, marking="PUBLIC")
    posting(world, marking="NATIONAL_ONLY")
    day = D(2016, 1, 1)
    assert headcount(world.users["aze_viewer"], world.aze.pk, on=day) == 3
    assert headcount(world.users["staff_all"], world.aze.pk, on=day) == 2
    assert headcount(world.users["geo_viewer"], world.aze.pk, on=day) == 1
    assert headcount(world.users["deactivated"], world.aze.pk, on=day) == 0


def test_reported_figures_validate_and_compare(world: Any) -> None:
    coordinator = actor(world, "aze_coordinator")
    with pytest.raises(ValidationError) as caught:
        reported_create(
            actor=coordinator,
            data={
                "owner": world.aze,
                "scope": "ALL_BODIES",
                "count": 40,
                "measure": "PROVIDED_SINCE",
            },
        )
    assert caught.value.message_dict == {
        "since_year": ["A cumulative figure needs the year it counts from."]
    }
    posting(world, start=D(2016, 1, 1))
    posting(world, start=D(2001, 1, 1), end=D(2003, 1, 1))
    reported(world, as_of=D(2016, 3, 20), as_of_precision="MONTH", count=1)
    reported(
        world,
        as_of=None,
        measure="PROVIDED_SINCE",
        since_year=2002,
        count=1,
        qualifier="MORE_THAN",
        scope="ALL_BODIES",
    )
    rows = compare_reported(world.users["staff_all"], world.aze.pk, today=D(2026, 1, 1))
    assert [(r.reported.as_of_display, r.computed, r.computed_on, r.matches) for r in rows] == [
        ("March 2016", 1, D(2016, 3, 1), True),
        ("undated", 1, D(2026, 1, 1), False),
    ]


def test_timeline_entries_pseudonymise_and_cite(world: Any) -> None:
    from partnerdesk.sources.models import Source

    source = Source.objects.create(key="S61", title="Liaison officer", confidence="VERIFIED")
    weak = Source.objects.create(key="DEMO", title="Demo", confidence="ILLUSTRATIVE")
    row = posting(
        world,
        marking="PUBLIC",
        end=D(2018, 2, 1),
        end_precision="MONTH",
        sources=[source.pk, weak.pk],
    )
    reported(world, marking="PUBLIC", sources=[source.pk], wording="12 officers")
    reported(world, marking="PUBLIC", as_of=None, measure="PROVIDED_SINCE", since_year=2002)
    staff = timeline_entries(world.users["staff_all"], nation_id=world.aze.pk)
    alias = pseudonym(row.pk, "AZE")
    assert [(e.date, e.precision, e.kind, e.title, e.source_keys, e.confidence) for e in staff] == [
        (
            D(2015, 3, 1),
            "DAY",
            "posting start",
            f"{alias} (Major) starts as Staff officer, NATO-IS, PSE",
            ("DEMO", "S61"),
            "ILLUSTRATIVE",
        ),
        (
            D(2018, 2, 1),
            "MONTH",
            "posting end",
            f"{alias} (Major) ends as Staff officer, NATO-IS, PSE",
            ("DEMO", "S61"),
            "ILLUSTRATIVE",
        ),
        (
            D(2016, 3, 7),
            "DAY",
            "reported headcount",
            "Reported: 12 officers, NATO HQ (Brussels) only — “12 officers”",
            ("S61",),
            "VERIFIED",
        ),
    ]
    assert {e.mechanism for e in staff} == {"staffing"}
    assert staff[0].url == f"/staff/postings/{row.pk}/"
    own = timeline_entries(world.users["aze_viewer"])
    assert own[0].title.startswith(f"{SECRET_NAME} (Major) starts")
    assert timeline_entries(world.users["geo_viewer"], nation_id=world.geo.pk) == []


def test_timeline_query_count_does_not_grow(world: Any) -> None:
    for index in range(2):
        posting(world, post_title=f"Post {index}", end=D(2018, 1, 1))
        reported(world, count=index)
    user = world.users["staff_all"]
    with CaptureQueriesContext(connection) as small:
        assert len(timeline_entries(user)) == 6
    for index in range(2, 6):
        posting(world, post_title=f"Post {index}", end=D(2018, 1, 1))
        reported(world, count=index)
    with CaptureQueriesContext(connection) as large:
        assert len(timeline_entries(user)) == 18
    assert len(large.captured_queries) == len(small.captured_queries)
