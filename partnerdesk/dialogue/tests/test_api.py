"""The dialogue API: create with precision, ETag/If-Match, transitions, briefing, errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerdesk.dialogue.models import FollowUp, Meeting
from partnerdesk.dialogue.tests.helpers import followup, meeting, participant

pytestmark = pytest.mark.django_db

BASE = "/api/v1/dialogue-meetings/"


def test_create_meeting_at_month_precision(world: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    body = {
        "nation": "AZE",
        "title": "President at NATO HQ",
        "date": "2006-11-20",
        "precision": "MONTH",
        "format": "PRESIDENTIAL_VISIT",
        "direction": "TO_NATO_HQ",
        "topics": ["PARTNERSHIP_POLICY"],
    }
    response = client.post(BASE, body, format="json")
    assert response.status_code == 201
    data = response.json()
    assert (data["date"], data["dates"], data["status"], data["marking"]) == (
        "2006-11-01",
        "November 2006",
        "HELD",
        "BILATERAL",
    )
    assert response["ETag"] == '"1"'


def test_bad_input_names_the_fields_and_writes_nothing(world: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    response = client.post(
        BASE,
        {
            "nation": "AZE",
            "title": "X",
            "date": "2016-02-01",
            "precision": "MONTH",
            "end_date": "2016-02-02",
            "format": "SR_VISIT",
            "direction": "TO_PARTNER_CAPITAL",
            "topics": ["WEATHER"],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "topics" in str(response.json())
    response = client.post(
        BASE,
        {
            "nation": "AZE",
            "title": "X",
            "date": "2016-02-01",
            "precision": "MONTH",
            "end_date": "2016-02-02",
            "format": "SR_VISIT",
            "direction": "TO_PARTNER_CAPITAL",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "Give an end date only for meetings dated to the day." in str(response.json())
    assert Meeting.objects.count() == 0


def test_etag_and_if_match(world: Any, api_client_for: Any) -> None:
    m = meeting(world)
    client = api_client_for(world.users["staff_all"])
    url = f"{BASE}{m.pk}/"
    assert client.get(url)["ETag"] == '"1"'
    assert client.patch(url, {"place": "Brussels"}, format="json").status_code == 428
    ok = client.patch(url, {"place": "Brussels"}, format="json", HTTP_IF_MATCH='"1"')
    assert (ok.status_code, ok["ETag"], ok.json()["place"]) == (200, '"2"', "Brussels")
    stale = client.patch(url, {"place": "Baku"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412
    m.refresh_from_db()
    assert m.place == "Brussels"


def test_status_changes_only_through_transition(world: Any, api_client_for: Any) -> None:
    m = meeting(world, status="PLANNED")
    client = api_client_for(world.users["staff_all"])
    url = f"{BASE}{m.pk}/"
    refused = client.patch(url, {"status": "HELD"}, format="json", HTTP_IF_MATCH='"1"')
    assert refused.status_code == 400
    moved = client.post(f"{url}transition/", {"status": "HELD"}, format="json", HTTP_IF_MATCH='"1"')
    assert (moved.status_code, moved.json()["status"]) == (200, "HELD")
    again = client.post(
        f"{url}transition/", {"status": "PLANNED"}, format="json", HTTP_IF_MATCH='"2"'
    )
    assert again.status_code == 400
    assert "Cannot move from Held to Planned. Held is final." in str(again.json())


def test_followup_api_and_transition(world: Any, api_client_for: Any) -> None:
    m = meeting(world)
    client = api_client_for(world.users["aze_coordinator"])
    created = client.post(
        "/api/v1/dialogue-followups/",
        {"meeting": m.pk, "text": "Send it", "responsible_side": "PARTNER", "due_on": "2020-01-01"},
        format="json",
    )
    assert created.status_code == 201
    data = created.json()
    assert (data["nation"], data["status"], data["overdue"]) == ("AZE", "OPEN", True)
    url = f"/api/v1/dialogue-followups/{data['id']}/transition/"
    done = client.post(url, {"status": "DONE"}, format="json", HTTP_IF_MATCH='"1"')
    assert (done.status_code, done.json()["overdue"]) == (200, False)
    listed = client.get("/api/v1/dialogue-followups/?overdue=true").json()
    assert listed["count"] == 0


def test_followup_on_a_hidden_meeting_reads_as_missing(world: Any, api_client_for: Any) -> None:
    hidden = meeting(world, owner=world.aze, marking="NATIONAL_ONLY")
    client = api_client_for(world.users["staff_all"])
    response = client.post(
        "/api/v1/dialogue-followups/",
        {"meeting": hidden.pk, "text": "x", "responsible_side": "NATO"},
        format="json",
    )
    assert response.status_code == 400
    assert "meeting" in str(response.json())
    assert FollowUp.objects.count() == 0


def test_briefing_endpoint(world: Any, api_client_for: Any) -> None:
    earlier = meeting(world, title="Earlier", date=dt.date(2020, 1, 1))
    f = followup(earlier, due=dt.date(2020, 6, 1))
    planned = meeting(world, title="Next", date=dt.date(2099, 1, 1), status="PLANNED")
    participant(planned, "Ilham Aliyev")
    client = api_client_for(world.users["aze_viewer"])
    data = client.get(f"{BASE}{planned.pk}/briefing/").json()
    assert data["meeting"]["title"] == "Next"
    assert [p["person"] for p in data["participants"]] == ["Ilham Aliyev"]
    assert [(i["followup"]["id"], i["overdue"]) for i in data["items"]] == [(f.pk, True)]
    assert data["overdue_count"] == 1
    assert client.get(f"{BASE}{earlier.pk}/briefing/").json()["items"] == []


@pytest.mark.parametrize(
    "path",
    ["/api/v1/dialogue-meetings/", "/api/v1/dialogue-followups/", "/api/v1/dialogue-participants/"],
)
def test_list_query_count_does_not_grow(world: Any, api_client_for: Any, path: str) -> None:
    client = api_client_for(world.users["staff_all"])

    def fill(n: int, start: int) -> None:
        for i in range(start, start + n):
            m = meeting(world, title=f"M{i}")
            participant(m, f"P{i}")
            followup(m, f"F{i}")

    fill(2, 0)
    with CaptureQueriesContext(connection) as small:
        assert client.get(path).json()["count"] == 2
    fill(4, 2)
    with CaptureQueriesContext(connection) as large:
        assert client.get(path).json()["count"] == 6
    assert len(large.captured_queries) == len(small.captured_queries)
