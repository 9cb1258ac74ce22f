"""Web pages: list, detail, forms, ledger, briefing; errors; N vs 2N query counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerdesk.dialogue.models import FollowUp, Meeting, Participant
from partnerdesk.dialogue.tests.helpers import followup, meeting, participant

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_record_a_meeting_then_participant_and_followup(world: Any) -> None:
    client = _client(world.users["aze_coordinator"])
    response = client.post(
        reverse("dialogue:create"),
        {
            "owner": world.aze.pk,
            "title": "FM at the NAC",
            "date": "2016-05-31",
            "precision": "DAY",
            "format": "NAC_PARTNER",
            "direction": "TO_NATO_HQ",
            "topics": ["ENERGY_SECURITY", "AFGHANISTAN"],
            "marking": "PUBLIC",
            "status": "HELD",
        },
    )
    assert response.status_code == 302
    m = Meeting.objects.get()
    assert m.topics == ["AFGHANISTAN", "ENERGY_SECURITY"]
    assert response["Location"] == m.get_absolute_url()
    response = client.post(
        reverse("dialogue:participant-create", args=[m.pk]),
        {
            "person": "Elmar Mammadyarov",
            "title": "Foreign Minister",
            "side": "PARTNER",
            "position": 1,
            "marking": "PUBLIC",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("dialogue:followup-create", args=[m.pk]),
        {
            "text": "Send the CIP paper",
            "responsible_side": "PARTNER",
            "due_on": "2016-09-30",
            "marking": "PUBLIC",
        },
    )
    assert response.status_code == 302
    page = client.get(m.get_absolute_url()).content.decode()
    assert "31 May 2016" in page
    assert "Elmar Mammadyarov" in page
    assert "Send the CIP paper" in page
    assert "Overdue" in page
    assert (Participant.objects.count(), FollowUp.objects.count()) == (1, 1)


def test_bad_form_input_shows_field_errors_and_writes_nothing(world: Any) -> None:
    client = _client(world.users["aze_coordinator"])
    response = client.post(
        reverse("dialogue:create"),
        {
            "owner": world.aze.pk,
            "title": "Visit",
            "date": "2016-02-01",
            "precision": "MONTH",
            "end_date": "2016-02-03",
            "format": "SR_VISIT",
            "direction": "TO_PARTNER_CAPITAL",
            "marking": "PUBLIC",
            "status": "HELD",
        },
    )
    assert response.status_code == 400
    assert "Give an end date only for meetings dated to the day." in response.content.decode()
    assert Meeting.objects.count() == 0


def test_month_meeting_never_shows_a_day(world: Any) -> None:
    m = meeting(world, title="May meeting", date=dt.date(2008, 5, 1), precision="MONTH")
    client = _client(world.users["staff_all"])
    for url in (reverse("dialogue:list"), m.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "May 2008" in page
        assert "1 May 2008" not in page


def test_transitions_from_the_pages(world: Any) -> None:
    m = meeting(world, status="PLANNED")
    f = followup(meeting(world, title="Earlier", date=dt.date(2010, 1, 1)))
    client = _client(world.users["staff_all"])
    client.post(reverse("dialogue:transition", args=[m.pk]), {"status": "CANCELLED", "version": 1})
    client.post(
        reverse("dialogue:followup-transition", args=[f.pk]),
        {"status": "IN_PROGRESS", "version": 1, "next": "https://evil.example/"},
    )
    m.refresh_from_db()
    f.refresh_from_db()
    assert (m.status, f.status) == ("CANCELLED", "IN_PROGRESS")
    response = client.post(
        reverse("dialogue:followup-transition", args=[f.pk]), {"status": "OPEN", "version": 1}
    )
    assert response["Location"] == f.get_absolute_url()
    f.refresh_from_db()
    assert f.status == "IN_PROGRESS"


def test_briefing_page_shows_open_followups(world: Any) -> None:
    earlier = meeting(world, title="Earlier", date=dt.date(2021, 12, 14))
    followup(earlier, "Share the ITPP timetable", due=dt.date(2022, 6, 30))
    followup(earlier, "Already done", status="DONE")
    planned = meeting(
        world, title="Planned", date=dt.date(2099, 3, 1), precision="MONTH", status="PLANNED"
    )
    client = _client(world.users["aze_viewer"])
    detail = client.get(planned.get_absolute_url()).content.decode()
    assert reverse("dialogue:briefing", args=[planned.pk]) in detail
    page = client.get(reverse("dialogue:briefing", args=[planned.pk])).content.decode()
    assert "Share the ITPP timetable" in page
    assert "Already done" not in page
    assert "March 2099" in page


def test_meeting_with_followups_cannot_be_deleted_from_the_page(world: Any) -> None:
    m = meeting(world)
    followup(m)
    client = _client(world.users["staff_all"])
    response = client.post(reverse("dialogue:delete", args=[m.pk]), {"version": 1})
    assert response.status_code == 400
    assert "still has 1 follow-up(s)" in response.content.decode()


@pytest.mark.parametrize("page", ["list", "followups", "detail", "briefing"])
def test_page_query_count_does_not_grow(world: Any, page: str) -> None:
    client = _client(world.users["staff_all"])
    anchor = meeting(world, title="Anchor", date=dt.date(2099, 1, 1), status="PLANNED")

    def fill(n: int, start: int) -> None:
        for i in range(start, start + n):
            m = meeting(world, title=f"M{i}", date=dt.date(2000 + i, 1, 1))
            participant(m, f"P{i}")
            participant(anchor, f"Anchor P{i}")
            followup(m, f"F{i}", due=dt.date(2001, 1, 1))
            followup(anchor, f"Anchor F{i}")

    urls = {
        "list": reverse("dialogue:list"),
        "followups": reverse("dialogue:followups"),
        "detail": anchor.get_absolute_url(),
        "briefing": reverse("dialogue:briefing", args=[anchor.pk]),
    }
    fill(2, 0)
    with CaptureQueriesContext(connection) as small:
        assert client.get(urls[page]).status_code == 200
    fill(4, 2)
    with CaptureQueriesContext(connection) as large:
        assert client.get(urls[page]).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
