"""Reading: precision sorting and filtering, the ledger, the briefing and the timeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from partnerdesk.dialogue import selectors
from partnerdesk.dialogue.filtersets import FollowUpFilter, MeetingFilter
from partnerdesk.dialogue.tests.helpers import followup, meeting, participant, plan_objective

pytestmark = pytest.mark.django_db


def _filter(world: Any, **params: str) -> list[str]:
    query = QueryDict(mutable=True)
    query.update(params)
    rows = MeetingFilter(query, queryset=selectors.meeting_list(world.users["staff_all"])).qs
    return [m.title for m in rows]


def test_a_month_sorts_between_the_days_around_it(world: Any) -> None:
    meeting(world, title="June", date=dt.date(2008, 6, 1))
    meeting(world, title="May", date=dt.date(2008, 5, 17), precision="MONTH")
    meeting(world, title="April", date=dt.date(2008, 4, 30))
    titles = [m.title for m in selectors.meeting_list(world.users["staff_all"])]
    assert titles == ["April", "May", "June"]


def test_filter_by_years_counts_a_year_only_meeting_in_its_year(world: Any) -> None:
    meeting(world, title="In 2010", date=dt.date(2010, 1, 1), precision="YEAR")
    meeting(world, title="Dec 2009", date=dt.date(2009, 12, 31))
    meeting(world, title="2011", date=dt.date(2011, 3, 1), precision="MONTH")
    assert _filter(world, year_from="2010", year_to="2010") == ["In 2010"]
    assert _filter(world, year_from="2010") == ["In 2010", "2011"]
    assert _filter(world, year_to="2009") == ["Dec 2009"]


def test_filter_by_topic_format_direction_status_and_nation(world: Any) -> None:
    meeting(world, title="Energy", topics=["ENERGY_SECURITY", "CRITICAL_INFRASTRUCTURE"])
    meeting(
        world,
        title="Visit",
        format="SR_VISIT",
        direction="TO_PARTNER_CAPITAL",
        topics=["AFGHANISTAN"],
        status="PLANNED",
    )
    meeting(world, title="Georgia", owner=world.geo, topics=["ENERGY_SECURITY"])
    assert _filter(world, topic="ENERGY_SECURITY") == ["Energy", "Georgia"]
    assert _filter(world, topic="CRITICAL_INFRASTRUCTURE") == ["Energy"]
    assert _filter(world, format="SR_VISIT") == ["Visit"]
    assert _filter(world, direction="TO_PARTNER_CAPITAL") == ["Visit"]
    assert _filter(world, status="PLANNED") == ["Visit"]
    assert _filter(world, nation="geo") == ["Georgia"]


def test_children_of_a_hidden_meeting_stay_hidden(world: Any) -> None:
    hidden = meeting(world, marking="BILATERAL")
    participant(hidden)
    followup(hidden, marking="PUBLIC")
    geo = world.users["geo_coordinator"]
    assert list(selectors.participant_list(geo)) == []
    assert list(selectors.followup_list(geo)) == []
    staff = world.users["staff_all"]
    assert selectors.followup_list(staff).count() == 1


def test_ledger_filters_status_overdue_and_due_before(world: Any) -> None:
    m = meeting(world)
    followup(m, "late", due=dt.date(2020, 1, 1))
    followup(m, "future", due=dt.date(2099, 1, 1))
    followup(m, "done late", due=dt.date(2020, 1, 1), status="DONE")
    followup(m, "no date")

    def texts(**params: str) -> list[str]:
        query = QueryDict(mutable=True)
        query.update(params)
        qs = selectors.followup_list(world.users["aze_viewer"])
        return [f.text for f in FollowUpFilter(query, queryset=qs).qs]

    assert texts(overdue="true") == ["late"]
    assert texts(status="DONE") == ["done late"]
    assert texts(due_before="2021-01-01") == ["late", "done late"]
    assert sorted(texts(open="true")) == ["future", "late", "no date"]


def test_briefing_lists_exactly_the_open_followups_of_earlier_meetings(world: Any) -> None:
    first = meeting(world, title="First", date=dt.date(2020, 3, 1), precision="MONTH")
    second = meeting(world, title="Second", date=dt.date(2021, 6, 10))
    same_day = meeting(world, title="Same day", date=dt.date(2024, 5, 1))
    planned = meeting(world, title="Planned", date=dt.date(2024, 5, 1), status="PLANNED")
    later = meeting(world, title="Later", date=dt.date(2025, 1, 1), status="PLANNED")
    georgian = meeting(world, title="Georgia", owner=world.geo, date=dt.date(2019, 1, 1))
    objective = plan_objective(world)
    a = followup(first, "open, due later", due=dt.date(2099, 1, 1))
    b = followup(
        second,
        "in progress, overdue",
        due=dt.date(2022, 1, 1),
        status="IN_PROGRESS",
        objectives=[objective],
    )
    followup(first, "done", status="DONE")
    followup(second, "dropped", status="DROPPED")
    followup(same_day, "same day is not earlier")
    followup(later, "later meeting")
    followup(georgian, "other nation")
    c = followup(first, "open, overdue, older", due=dt.date(2021, 1, 1))
    brief = selectors.briefing(
        world.users["staff_all"],
        selectors.meeting_get(world.users["staff_all"], planned.pk),
        today=dt.date(2024, 4, 1),
    )
    assert [i.followup.pk for i in brief.items] == [c.pk, b.pk, a.pk]
    assert [i.overdue for i in brief.items] == [True, True, False]
    assert brief.overdue_count == 2
    assert [s.objective.pk for s in brief.objectives] == [objective.pk]
    assert brief.objectives[0].plan_status == "Draft"


def test_briefing_query_count_does_not_grow(world: Any) -> None:
    planned = meeting(world, title="Planned", date=dt.date(2030, 1, 1), status="PLANNED")
    user = world.users["staff_all"]

    def fill(n: int, start: int) -> None:
        for i in range(start, start + n):
            m = meeting(world, title=f"M{i}", date=dt.date(2010 + i, 1, 1))
            participant(m, f"Person {i}")
            followup(
                m,
                f"F{i}",
                due=dt.date(2015, 1, 1),
                objectives=[plan_objective(world, code=f"{i}.1")],
            )

    fill(2, 0)
    with CaptureQueriesContext(connection) as small:
        brief = selectors.briefing(
            user, selectors.meeting_get(user, planned.pk), today=dt.date(2024, 1, 1)
        )
        assert len(brief.items) == 2
    fill(4, 2)
    with CaptureQueriesContext(connection) as large:
        brief = selectors.briefing(
            user, selectors.meeting_get(user, planned.pk), today=dt.date(2024, 1, 1)
        )
        assert len(brief.items) == 6
    assert len(large.captured_queries) == len(small.captured_queries)


def test_timeline_entries_per_visible_meeting_and_due_followup(world: Any) -> None:
    from partnerdesk.sources.models import Source

    verified = Source.objects.create(key="S72", title="Speech", confidence="VERIFIED")
    single = Source.objects.create(key="S62", title="Interview", confidence="SINGLE_SOURCE")
    visit = meeting(
        world,
        title="Appathurai visit",
        date=dt.date(2016, 2, 1),
        precision="MONTH",
        format="SR_VISIT",
        marking="PUBLIC",
        sources=[verified, single],
    )
    hidden = meeting(world, title="Hidden", marking="NATIONAL_ONLY")
    followup(visit, "Write back", due=dt.date(2016, 6, 30), marking="PUBLIC")
    followup(hidden, "Hidden follow-up", due=dt.date(2016, 7, 1))
    entries = selectors.timeline_entries(world.users["staff_all"], nation_id=world.aze.pk)
    assert [(e.date, e.precision, e.kind, e.source_keys, e.confidence) for e in entries] == [
        (dt.date(2016, 2, 1), "MONTH", "visit", ("S62", "S72"), "SINGLE_SOURCE"),
        (dt.date(2016, 6, 30), "DAY", "follow-up due", (), ""),
    ]
    assert entries[0].url == visit.get_absolute_url()
    assert entries[0].mechanism == "dialogue"
    assert entries[0].owner_id == world.aze.pk
    assert len(selectors.timeline_entries(world.users["aze_viewer"])) == 4
    assert selectors.timeline_entries(world.users["staff_all"], nation_id=world.geo.pk) == []


def test_timeline_query_count_does_not_grow(world: Any) -> None:
    user = world.users["staff_all"]

    def fill(n: int, start: int) -> None:
        for i in range(start, start + n):
            followup(meeting(world, title=f"M{i}"), f"F{i}", due=dt.date(2017, 1, 1))

    fill(2, 0)
    with CaptureQueriesContext(connection) as small:
        assert len(selectors.timeline_entries(user)) == 4
    fill(4, 2)
    with CaptureQueriesContext(connection) as large:
        assert len(selectors.timeline_entries(user)) == 12
    assert len(large.captured_queries) == len(small.captured_queries)
