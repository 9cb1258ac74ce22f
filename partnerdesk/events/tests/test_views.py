"""Event pages: list with filters, calendar month and list views, the event page (moves,
invitations, answers, reminders, report, panels), forms, and query counts that do not grow
with the number of rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerdesk.events.models import Event, EventReport, Invitation
from partnerdesk.events.tests.helpers import event, invitation, move_to

pytestmark = pytest.mark.django_db


def _web(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_list_page_filters(world: Any) -> None:
    event(world, title="Alpha course", start=dt.date(2030, 1, 10))
    event(world, title="Beta seminar", format="SEMINAR", start=dt.date(2031, 1, 10))
    client = _web(world.users["aze_viewer"])
    page = client.get(reverse("events:list")).content.decode()
    assert "Alpha course" in page
    assert "Beta seminar" in page
    page = client.get(reverse("events:list"), {"kind": "SEMINAR"}).content.decode()
    assert "Alpha course" not in page
    assert "Beta seminar" in page
    page = client.get(reverse("events:list"), {"year": "2030"}).content.decode()
    assert "Alpha course" in page
    assert "Beta seminar" not in page
    assert "New event" not in page
    assert (
        "New event"
        in _web(world.users["aze_coordinator"]).get(reverse("events:list")).content.decode()
    )


def test_calendar_month_view(world: Any) -> None:
    event(world, title="Spanning course", marking="PARTNERS", start=dt.date(2030, 5, 30))
    event(world, title="Hidden national", marking="NATIONAL_ONLY", start=dt.date(2030, 5, 6))
    client = _web(world.users["geo_viewer"])
    response = client.get(reverse("events:calendar"), {"month": "2030-05"})
    assert response.status_code == 200
    grid = response.context["grid"]
    assert (grid.year, grid.month, len(grid.weeks)) == (2030, 5, 5)
    cells = {day.date: [e.title for e in day.events] for week in grid.weeks for day in week}
    assert cells[dt.date(2030, 5, 30)] == ["Spanning course"]
    assert cells[dt.date(2030, 6, 2)] == ["Spanning course"]  # the grid runs to Sunday 2 June
    assert cells[dt.date(2030, 5, 6)] == []
    page = response.content.decode()
    assert "May 2030" in page
    assert "month=2030-04" in page
    assert "month=2030-06" in page
    assert "Hidden national" not in page
    listed = client.get(reverse("events:calendar"), {"month": "2030-06", "view": "list"})
    assert [e.title for e in listed.context["grid"].events] == ["Spanning course"]
    today = timezone.localdate()
    current = client.get(reverse("events:calendar"), {"month": "garbage"})
    assert (current.context["grid"].year, current.context["grid"].month) == (
        today.year,
        today.month,
    )
    assert [d.date for w in current.context["grid"].weeks for d in w if d.is_today] == [today]
    assert 'aria-current="date"' in current.content.decode()


def test_calendar_filters(world: Any) -> None:
    event(world, title="Course", start=dt.date(2030, 5, 6), marking="PUBLIC")
    event(world, title="Seminar", format="SEMINAR", start=dt.date(2030, 5, 13), marking="PUBLIC")
    client = _web(world.users["analyst"])
    response = client.get(reverse("events:calendar"), {"month": "2030-05", "kind": "SEMINAR"})
    assert [e.title for e in response.context["grid"].events] == ["Seminar"]


def test_event_page_offers_allowed_moves_and_panels(world: Any) -> None:
    proposed = move_to(event(world, title="Proposed course"), "PROPOSED")
    staff = _web(world.users["staff_all"]).get(reverse("events:detail", args=[proposed.pk]))
    assert [m["state"] for m in staff.context["moves"]] == [
        "DRAFT",
        "APPROVED",
        "REJECTED",
        "CANCELLED",
    ]
    viewer = _web(world.users["aze_viewer"]).get(reverse("events:detail", args=[proposed.pk]))
    assert viewer.context["moves"] == []
    assert "You have no move to make" in viewer.content.decode()
    assert isinstance(staff.context["panels"], list)


def test_refused_transition_shows_a_message(world: Any) -> None:
    draft = event(world)
    client = _web(world.users["aze_coordinator"])
    response = client.post(
        reverse("events:transition", args=[draft.pk]), {"to": "HELD", "version": 1}, follow=True
    )
    assert "Cannot move from Draft to Held. From Draft it can move to: Cancelled, Proposed." in (
        response.content.decode()
    )
    response = client.post(
        reverse("events:transition", args=[draft.pk]),
        {"to": "CANCELLED", "version": 1},
        follow=True,
    )
    assert "Give the reason for cancelling the event." in response.content.decode()
    response = client.post(
        reverse("events:transition", args=[draft.pk]), {"to": "PROPOSED", "version": 1}, follow=True
    )
    assert "The event is now Proposed." in response.content.decode()


def test_create_from_activity_and_edit(world: Any) -> None:
    from partnerdesk.pcm.models import Activity, Catalogue

    activity = Activity.objects.create(
        catalogue=Catalogue.objects.create(year=2030),
        code="PCM-2030-LOG-0007",
        title="Logistics course",
        area="LOG",
        format="COURSE",
        organiser=world.nato,
    )
    client = _web(world.users["staff_all"])
    assert client.get(reverse("events:create") + f"?activity={activity.pk}").status_code == 200
    response = client.post(
        reverse("events:create"),
        {
            "owner": world.nato.pk,
            "activity": activity.pk,
            "marking": "PARTNERS",
            "location": "Brussels",
            "start_date": "2030-09-01",
            "end_date": "2030-09-05",
            "capacity": 30,
        },
    )
    assert response.status_code == 302, response.content.decode()
    created = Event.objects.get()
    assert (created.title, created.host, created.area) == ("Logistics course", world.nato, "LOG")
    bad = client.post(
        reverse("events:update", args=[created.pk]),
        {
            "version": 1,
            "title": "Logistics course",
            "marking": "PARTNERS",
            "location": "Brussels",
            "start_date": "2030-09-05",
            "end_date": "2030-09-01",
            "capacity": 30,
            "area": "LOG",
            "format": "COURSE",
            "host": world.nato.pk,
            "activity": activity.pk,
            "languages": "English",
        },
    )
    assert bad.status_code == 400
    assert "The event cannot end before it starts." in bad.content.decode()
    partner = _web(world.users["aze_coordinator"])
    assert partner.get(reverse("events:create")).status_code == 200
    assert _web(world.users["analyst"]).get(reverse("events:create")).status_code == 403


def test_invite_answer_remind_and_report_on_the_web(world: Any) -> None:
    approved = move_to(event(world), "APPROVED")
    organiser = _web(world.users["aze_coordinator"])
    response = organiser.post(
        reverse("events:invite", args=[approved.pk]), {"nations": [world.geo.pk], "codes": ""}
    )
    assert response.status_code == 302
    assert list(Invitation.objects.values_list("owner__code", flat=True)) == ["GEO"]
    empty = organiser.post(reverse("events:invite", args=[approved.pk]), {"codes": ""})
    assert "Choose at least one nation to invite." in empty.content.decode()
    approved.refresh_from_db()
    organiser.post(
        reverse("events:transition", args=[approved.pk]),
        {"to": "INVITATIONS_SENT", "version": approved.version},
    )
    geo = world.users["geo_coordinator"]
    geo.email = "geo@example.org"
    geo.save()
    reminded = organiser.post(reverse("events:remind", args=[approved.pk]), follow=True)
    assert "Reminders sent: 1; skipped (reminded recently): 0." in reminded.content.decode()
    assert "geo@example.org" in reminded.content.decode()  # the reminder log, for organisers
    geo_page = _web(geo).get(reverse("events:detail", args=[approved.pk])).content.decode()
    assert "geo@example.org" not in geo_page
    assert "Accept" in geo_page
    answered = _web(geo).post(
        reverse("events:answer", args=[invitation(approved, world.geo).pk]),
        {"answer": "DECLINED", "version": 1},
        follow=True,
    )
    assert "Your answer is recorded." in answered.content.decode()
    held = move_to(event(world, title="Held"), "HELD")
    response = organiser.post(
        reverse("events:report-create", args=[held.pk]),
        {"marking": "BILATERAL", "summary": "Objectives met."},
    )
    assert response.status_code == 302
    report = EventReport.objects.get()
    assert report.summary == "Objectives met."
    page = organiser.get(reverse("events:detail", args=[held.pk])).content.decode()
    assert "Objectives met." in page
    update = organiser.post(
        reverse("events:report-update", args=[report.pk]),
        {
            "version": 1,
            "marking": "BILATERAL",
            "summary": "Objectives met.",
            "lessons": "More time.",
        },
    )
    assert update.status_code == 302


def _fill(world: Any, count: int, offset: int) -> None:
    for index in range(offset, offset + count):
        target = move_to(
            event(world, title=f"Event {index}", start=dt.date(2030, 5, 1 + index)),
            "INVITATIONS_SENT",
            invite=("GEO",),
        )
        assert target.pk is not None


@pytest.mark.parametrize("page", ["list", "calendar", "calendar-list"])
def test_query_count_does_not_grow_with_rows(world: Any, page: str) -> None:
    urls = {
        "list": reverse("events:list"),
        "calendar": reverse("events:calendar") + "?month=2030-05",
        "calendar-list": reverse("events:calendar") + "?month=2030-05&view=list",
    }
    client = _web(world.users["geo_viewer"])
    _fill(world, 3, 0)
    with CaptureQueriesContext(connection) as small:
        assert client.get(urls[page]).status_code == 200
    _fill(world, 6, 3)
    with CaptureQueriesContext(connection) as large:
        assert client.get(urls[page]).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_event_page_query_count_does_not_grow_with_invitations(world: Any) -> None:
    from partnerdesk.organisations.models import Organisation

    codes = ["ARM", "MDA", "UKR", "KAZ", "UZB", "SRB"]
    for code in codes:
        Organisation.objects.create(code=code, name=f"State {code}", kind="STATE")
    small_event = move_to(event(world, title="Small"), "INVITATIONS_SENT", invite=("GEO",))
    large_event = move_to(event(world, title="Large"), "INVITATIONS_SENT", invite=("GEO", *codes))
    client = _web(world.users["staff_all"])
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("events:detail", args=[small_event.pk])).status_code == 200
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse("events:detail", args=[large_event.pk])).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
