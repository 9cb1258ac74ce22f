"""The events API: CRUD, transitions with ETag/If-Match, invitations and answers, reminders,
reports and calendar feeds, with the one error format."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from rest_framework.test import APIClient

from partnerdesk.events.models import CalendarFeed, Event, Invitation
from partnerdesk.events.tests.helpers import event, invitation, move_to

pytestmark = pytest.mark.django_db


def _api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_create_update_and_delete_an_event(world: Any) -> None:
    client = _api(world.users["aze_coordinator"])
    response = client.post(
        "/api/v1/events/",
        {
            "nation": "AZE",
            "title": "Mine action seminar",
            "area": "DISARM",
            "format": "SEMINAR",
            "host": "AZE",
            "location": "Baku",
            "start_date": "2030-04-01",
            "end_date": "2030-04-02",
            "capacity": 15,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["state"], body["nation"], body["host"], body["version"]) == (
        "DRAFT",
        "AZE",
        "AZE",
        1,
    )
    assert body["allowed_moves"] == ["PROPOSED", "CANCELLED"]
    assert response["ETag"] == '"1"'
    url = f"/api/v1/events/{body['id']}/"
    assert client.patch(url, {"capacity": 18}, format="json").status_code == 428
    stale = client.patch(url, {"capacity": 18}, format="json", HTTP_IF_MATCH='"7"')
    assert stale.status_code == 412
    assert stale.json()["error"]["code"] == "precondition_failed"
    changed = client.patch(url, {"capacity": 18}, format="json", HTTP_IF_MATCH='"1"')
    assert (changed.status_code, changed.json()["capacity"], changed["ETag"]) == (200, 18, '"2"')
    assert client.delete(url, HTTP_IF_MATCH='"2"').status_code == 204
    assert not Event.objects.filter(pk=body["id"]).exists()


def test_create_with_bad_input_gives_field_errors(world: Any) -> None:
    client = _api(world.users["aze_coordinator"])
    response = client.post(
        "/api/v1/events/",
        {
            "nation": "AZE",
            "location": "Baku",
            "start_date": "2030-04-03",
            "end_date": "2030-04-02",
            "capacity": 0,
        },
        format="json",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["fields"]["capacity"] == ["Ensure this value is greater than or equal to 1."]
    assert Event.objects.count() == 0
    response = client.post(
        "/api/v1/events/",
        {
            "nation": "AZE",
            "location": "Baku",
            "start_date": "2030-04-03",
            "end_date": "2030-04-04",
            "capacity": 3,
        },
        format="json",
    )
    assert response.json()["error"]["fields"] == {
        "title": ["Required for an event without a catalogue activity."],
        "area": ["Required for an event without a catalogue activity."],
        "format": ["Required for an event without a catalogue activity."],
    }


def test_transition_needs_if_match_and_explains_refusals(world: Any) -> None:
    draft = event(world)
    client = _api(world.users["aze_coordinator"])
    url = f"/api/v1/events/{draft.pk}/transition/"
    assert client.post(url, {"to": "PROPOSED"}, format="json").status_code == 428
    assert (
        client.post(url, {"to": "PROPOSED"}, format="json", HTTP_IF_MATCH='"5"').status_code == 412
    )
    illegal = client.post(url, {"to": "HELD"}, format="json", HTTP_IF_MATCH='"1"')
    assert illegal.status_code == 400
    assert illegal.json()["error"]["fields"] == {
        "state": ["Cannot move from Draft to Held. From Draft it can move to: Cancelled, Proposed."]
    }
    moved = client.post(url, {"to": "PROPOSED"}, format="json", HTTP_IF_MATCH='"1"')
    assert (moved.status_code, moved.json()["state"], moved["ETag"]) == (200, "PROPOSED", '"2"')
    assert moved.json()["proposed_by"] == "aze_coordinator"
    assert moved.json()["allowed_moves"] == ["DRAFT", "CANCELLED"]
    refused = client.post(url, {"to": "APPROVED"}, format="json", HTTP_IF_MATCH='"2"')
    assert refused.status_code == 403
    assert refused.json()["error"]["message"].startswith("A partner never approves")
    staff = _api(world.users["staff_all"])
    assert staff.get(f"/api/v1/events/{draft.pk}/").json()["allowed_moves"] == [
        "DRAFT",
        "APPROVED",
        "REJECTED",
        "CANCELLED",
    ]
    no_reason = staff.post(url, {"to": "REJECTED"}, format="json", HTTP_IF_MATCH='"2"')
    assert no_reason.json()["error"]["fields"] == {
        "note": ["Give the reason for rejecting the event."]
    }
    approved = staff.post(url, {"to": "APPROVED"}, format="json", HTTP_IF_MATCH='"2"')
    assert (approved.json()["state"], approved.json()["decided_by"]) == ("APPROVED", "staff_all")
    hidden = _api(world.users["geo_coordinator"]).post(
        url, {"to": "CANCELLED", "note": "x"}, format="json", HTTP_IF_MATCH='"3"'
    )
    assert hidden.status_code == 404


def test_invite_answer_and_remind_through_the_api(world: Any) -> None:
    target = move_to(event(world), "APPROVED")
    organiser = _api(world.users["aze_coordinator"])
    created = organiser.post(
        "/api/v1/event-invitations/", {"event": target.pk, "nations": ["GEO"]}, format="json"
    )
    assert created.status_code == 201
    assert [(i["nation"], i["answer"]) for i in created.json()] == [("GEO", "NO_ANSWER")]
    again = organiser.post(
        "/api/v1/event-invitations/", {"event": target.pk, "nations": ["GEO"]}, format="json"
    )
    assert (again.status_code, again.json()) == (201, [])
    bad = organiser.post(
        "/api/v1/event-invitations/", {"event": target.pk, "nations": ["ZZZ"]}, format="json"
    )
    assert bad.json()["error"]["fields"] == {"nations": ["Unknown nation code(s): ZZZ."]}
    organiser.post(
        f"/api/v1/events/{target.pk}/transition/",
        {"to": "INVITATIONS_SENT"},
        format="json",
        HTTP_IF_MATCH=f'"{target.version}"',
    )
    geo = world.users["geo_coordinator"]
    geo.email = "geo@example.org"
    geo.save()
    reminded = organiser.post(f"/api/v1/events/{target.pk}/remind/")
    assert reminded.json() == {"sent": 1, "skipped": 0, "invitations": 1}
    assert organiser.post(f"/api/v1/events/{target.pk}/remind/").json() == {
        "sent": 0,
        "skipped": 1,
        "invitations": 1,
    }
    log = organiser.get(f"/api/v1/events/{target.pk}/reminders/").json()["results"]
    assert [r["recipient_email"] for r in log] == ["geo@example.org"]
    assert _api(geo).get(f"/api/v1/events/{target.pk}/reminders/").json()["results"] == []
    assert _api(geo).post(f"/api/v1/events/{target.pk}/remind/").status_code == 403
    assert len(mail.outbox) == 1
    inv = invitation(target, world.geo)
    url = f"/api/v1/event-invitations/{inv.pk}/answer/"
    assert (
        organiser.post(url, {"answer": "ACCEPTED"}, format="json", HTTP_IF_MATCH='"1"').status_code
        == 403
    )
    answered = _api(geo).post(url, {"answer": "ACCEPTED"}, format="json", HTTP_IF_MATCH='"1"')
    assert (answered.status_code, answered.json()["answer"], answered.json()["answered_by"]) == (
        200,
        "ACCEPTED",
        "geo_coordinator",
    )
    listed = _api(geo).get(f"/api/v1/event-invitations/?event={target.pk}").json()["results"]
    assert [(i["nation"], i["answer"]) for i in listed] == [("GEO", "ACCEPTED")]


def test_withdraw_unanswered_invitation(world: Any) -> None:
    target = move_to(event(world), "APPROVED")
    organiser = _api(world.users["aze_coordinator"])
    organiser.post(
        "/api/v1/event-invitations/", {"event": target.pk, "nations": ["GEO"]}, format="json"
    )
    inv = Invitation.objects.get()
    assert organiser.delete(f"/api/v1/event-invitations/{inv.pk}/").status_code == 428
    assert (
        organiser.delete(f"/api/v1/event-invitations/{inv.pk}/", HTTP_IF_MATCH='"1"').status_code
        == 204
    )
    assert Invitation.objects.count() == 0


def test_reports_through_the_api(world: Any) -> None:
    held = move_to(event(world), "HELD")
    organiser = _api(world.users["aze_coordinator"])
    created = organiser.post(
        "/api/v1/event-reports/",
        {"event": held.pk, "summary": "All objectives met.", "marking": "BILATERAL"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    report_id = created.json()["id"]
    assert (
        _api(world.users["geo_viewer"]).get(f"/api/v1/event-reports/{report_id}/").status_code
        == 200
    )
    assert (
        _api(world.users["analyst"]).get(f"/api/v1/event-reports/{report_id}/").status_code == 404
    )
    changed = organiser.patch(
        f"/api/v1/event-reports/{report_id}/",
        {"lessons": "Start earlier."},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    assert (changed.status_code, changed.json()["lessons"]) == (200, "Start earlier.")
    refused = _api(world.users["staff_geo"]).patch(
        f"/api/v1/event-reports/{report_id}/", {"lessons": "x"}, format="json", HTTP_IF_MATCH='"2"'
    )
    assert refused.status_code == 403


def test_feeds_through_the_api(world: Any) -> None:
    client = _api(world.users["geo_viewer"])
    created = client.post(
        "/api/v1/calendar-feeds/",
        {"label": "Georgia", "scope": "NATION", "nation": "GEO"},
        format="json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["url"] == f"http://testserver/events/feeds/{body['token']}.ics"
    assert client.get("/api/v1/calendar-feeds/").json()["results"][0]["label"] == "Georgia"
    assert "token" not in client.get("/api/v1/calendar-feeds/").json()["results"][0]
    other = _api(world.users["geo_coordinator"])
    assert other.get("/api/v1/calendar-feeds/").json()["results"] == []
    assert other.delete(f"/api/v1/calendar-feeds/{body['id']}/").status_code == 404
    missing = client.post(
        "/api/v1/calendar-feeds/", {"label": "x", "scope": "NATION"}, format="json"
    )
    assert missing.json()["error"]["fields"] == {"nation": ["A nation feed needs a nation."]}
    assert client.delete(f"/api/v1/calendar-feeds/{body['id']}/").status_code == 204
    assert CalendarFeed.objects.get(pk=body["id"]).revoked_at is not None
    assert APIClient().get(f"/events/feeds/{body['token']}.ics").status_code == 404


def test_list_filters(world: Any) -> None:
    event(world, title="Early", start=dt.date(2030, 1, 5))
    event(world, title="Late", start=dt.date(2031, 1, 5), format="SEMINAR")
    client = _api(world.users["staff_all"])

    def titles(query: str) -> list[str]:
        return [e["title"] for e in client.get(f"/api/v1/events/?{query}").json()["results"]]

    assert titles("year=2031") == ["Late"]
    assert titles("kind=SEMINAR") == ["Late"]
    assert titles("nation=aze") == ["Early", "Late"]
    assert titles("date_from=2030-06-01") == ["Late"]
    assert titles("q=earl") == ["Early"]
    assert titles("state=DRAFT&state=HELD") == ["Early", "Late"]
