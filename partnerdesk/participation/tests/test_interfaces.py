"""The web pages, the API and the CLI of participation: the same services behind each, clear
refusals, ETags, and list pages and panels whose query count does not grow with the rows."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerdesk.core.web.registry import panels_for
from partnerdesk.participation import services
from partnerdesk.participation.models import Registration
from partnerdesk.participation.tests.helpers import actor, event, nominate, set_state

pytestmark = pytest.mark.django_db


def _web(world: Any, name: str) -> Client:
    client = Client()
    client.force_login(world.users[name])
    return client


def _count(fn: Any) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx)


# -- web -----------------------------------------------------------------------------------


def test_web_nominate_waitlist_cancel_and_promotion(world: Any) -> None:
    course = event(world, capacity=1)
    client = _web(world, "aze_coordinator")
    url = reverse("participation:nominate", args=[course.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert "Seats: 0 of 1 held" in form.content.decode()
    data = {"owner": world.aze.pk, "person_name": "", "category": "MILITARY"}
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "This field is required." in refused.content.decode()
    for name in ("Participant AZE-0001", "Participant AZE-0002"):
        response = client.post(
            url, data | {"person_name": name, "organisation_name": "Ministry of Defence"}
        )
        assert response.status_code == 302
    first, second = Registration.objects.order_by("pk")
    assert (first.status, second.status) == ("PENDING", "WAITLISTED")
    response = client.post(
        reverse("participation:registration-decide", args=[first.pk]),
        {"status": "CANCELLED", "version": 1, "next": "/participation/"},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("CANCELLED", "PENDING")
    stale = client.post(
        reverse("participation:registration-decide", args=[first.pk]),
        {"status": "CANCELLED", "version": 1},
        follow=True,
    )
    assert "This record was changed by someone else" in stale.content.decode()


def test_web_refused_decision_is_a_message_not_an_error(world: Any) -> None:
    course = event(world)
    registration = nominate(world, course)
    response = _web(world, "aze_coordinator").post(
        reverse("participation:registration-decide", args=[registration.pk]),
        {"status": "APPROVED", "version": 1},
        follow=True,
    )
    assert response.status_code == 200
    assert "Only the organisers of “Cyber defence course” may approve registrations." in (
        response.content.decode()
    )
    assert Registration.objects.get().status == "PENDING"


def test_web_check_in_list_and_feedback(world: Any) -> None:
    course = event(world)
    regs = [nominate(world, course, f"Participant AZE-000{n}") for n in (1, 2)]
    staff = actor(world, "staff_all")
    for r in regs:
        services.registration_approve(r, actor=staff, expected_version=1)
    set_state(course, "HELD")
    organiser = _web(world, "staff_all")
    url = reverse("participation:participants", args=[course.pk])
    page = organiser.get(url).content.decode()
    assert f'name="attended-{regs[0].pk}"' in page
    response = organiser.post(
        url, {f"attended-{regs[0].pk}": "yes", f"attended-{regs[1].pk}": "no"}
    )
    assert response.status_code == 302
    assert [r.attended for r in Registration.objects.order_by("pk")] == [True, False]
    denied = _web(world, "aze_coordinator").post(url, {f"attended-{regs[0].pk}": "no"})
    assert denied.status_code == 403
    coordinator = _web(world, "aze_coordinator")
    feedback_url = reverse("participation:feedback-create", args=[regs[0].pk])
    bad = coordinator.post(feedback_url, {"overall": "9", "relevance": "4", "marking": "BILATERAL"})
    assert bad.status_code == 400
    ok = coordinator.post(
        feedback_url,
        {"overall": "4", "relevance": "5", "marking": "NATIONAL_ONLY", "comments": "Good"},
    )
    assert ok.status_code == 302
    detail = coordinator.get(reverse("participation:registration-detail", args=[regs[0].pk]))
    assert "4 / 5" in detail.content.decode()
    organiser_view = organiser.get(reverse("participation:registration-detail", args=[regs[0].pk]))
    assert "No feedback you may read." in organiser_view.content.decode()
    assert coordinator.get(feedback_url).status_code == 403  # once per participant


def test_registration_list_query_count_does_not_grow(world: Any) -> None:
    course = event(world, capacity=100)
    client = _web(world, "staff_all")
    url = reverse("participation:list")
    for n in range(3):
        nominate(world, course, f"Participant AZE-A{n:03d}")
    before = _count(lambda: client.get(url))
    other = event(world, title="Second course", capacity=100)
    for n in range(6):
        nominate(world, other, f"Participant AZE-B{n:03d}")
    assert _count(lambda: client.get(url)) == before
    body = client.get(url).content.decode()
    assert "9 in all" in body


def test_event_panel_and_participants_page_query_counts(world: Any) -> None:
    course = event(world, capacity=100)
    user = world.users["staff_all"]
    client = _web(world, "staff_all")
    url = reverse("participation:participants", args=[course.pk])
    for n in range(3):
        nominate(world, course, f"Participant AZE-A{n:03d}")
    panels_for("events.event", user, course)  # warm caches (content types) of every panel
    panel_before = _count(lambda: panels_for("events.event", user, course))
    page_before = _count(lambda: client.get(url))
    for n in range(6):
        nominate(world, course, f"Participant AZE-B{n:03d}")
    assert _count(lambda: panels_for("events.event", user, course)) == panel_before
    assert _count(lambda: client.get(url)) == page_before


def _participation_panel(user: Any, course: Any) -> Any:
    """This app's panel among those the event page shows (other apps add their own)."""
    (panel,) = [
        p
        for p in panels_for("events.event", user, course)
        if p["template"] == "participation/_event_panel.html"
    ]
    return panel


def test_event_panel_shows_own_nation_or_all(world: Any) -> None:
    course = event(world)
    nominate(world, course, "Participant AZE-0001")
    nominate(world, course, "Participant GEO-0001", by="geo_coordinator")
    aze_panel = _participation_panel(world.users["aze_coordinator"], course)
    staff_panel = _participation_panel(world.users["staff_all"], course)
    analyst_panel = _participation_panel(world.users["analyst"], course)
    names = {
        label: [row.registration.person_name for row in panel["context"]["panel"].rows]
        for label, panel in (("aze", aze_panel), ("staff", staff_panel), ("analyst", analyst_panel))
    }
    assert names == {
        "aze": ["Participant AZE-0001"],
        "staff": ["Participant AZE-0001", "Participant GEO-0001"],
        "analyst": [],
    }
    assert staff_panel["context"]["panel"].seats == {
        "capacity": 10,
        "held": 2,
        "free": 8,
        "waitlisted": 0,
    }
    assert [n.code for n in aze_panel["context"]["panel"].nations] == ["AZE"]


# -- API -----------------------------------------------------------------------------------


def test_api_nominate_decide_and_etag(world: Any, api_client_for: Any) -> None:
    course = event(world, capacity=1)
    coordinator = api_client_for(world.users["aze_coordinator"])
    body = {"event": course.pk, "person_name": "Participant AZE-0001", "category": "CIVILIAN"}
    missing = coordinator.post("/api/v1/registrations/", body, format="json")
    assert missing.status_code == 400
    assert list(missing.json()["error"]["fields"]) == ["organisation"]
    created = coordinator.post(
        "/api/v1/registrations/", body | {"organisation": "AZE-MFA"}, format="json"
    )
    assert (created.status_code, created.json()["status"], created["ETag"]) == (
        201,
        "PENDING",
        '"1"',
    )
    waiting = coordinator.post(
        "/api/v1/registrations/",
        body | {"person_name": "Participant AZE-0002", "organisation_name": "MOD"},
        format="json",
    )
    assert waiting.json()["status"] == "WAITLISTED"
    pk = created.json()["id"]
    staff = api_client_for(world.users["staff_all"])
    no_etag = staff.post(f"/api/v1/registrations/{pk}/approve/", {}, format="json")
    assert no_etag.status_code == 428
    approved = staff.post(
        f"/api/v1/registrations/{pk}/approve/", {}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert (approved.status_code, approved.json()["status"], approved["ETag"]) == (
        200,
        "APPROVED",
        '"2"',
    )
    again = staff.post(
        f"/api/v1/registrations/{pk}/approve/", {}, format="json", HTTP_IF_MATCH='"2"'
    )
    assert again.status_code == 400
    assert again.json()["error"]["fields"]["status"] == [
        "Cannot move from Approved to Approved. From Approved it can move to: Cancelled, Rejected."
    ]
    patched = coordinator.patch(
        f"/api/v1/registrations/{pk}/",
        {"rank_title": "Adviser"},
        format="json",
        HTTP_IF_MATCH='"2"',
    )
    assert (patched.status_code, patched.json()["rank_title"]) == (200, "Adviser")
    history = coordinator.get(f"/api/v1/registrations/{pk}/history/").json()
    assert [row["action"] for row in history["results"]] == ["UPDATE", "UPDATE", "CREATE"]
    closed = event(world, title="Closed", state="REGISTRATION_CLOSED")
    refused = coordinator.post(
        "/api/v1/registrations/",
        body | {"event": closed.pk, "organisation_name": "MOD"},
        format="json",
    )
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"]["event"] == [
        "“Closed” is Registration closed: participants are nominated only while it is "
        "Registration open."
    ]
    assert coordinator.delete(f"/api/v1/registrations/{pk}/").status_code == 405


def test_api_registration_list_query_count_does_not_grow(world: Any, api_client_for: Any) -> None:
    course = event(world, capacity=100)
    client = api_client_for(world.users["staff_all"])
    for n in range(3):
        nominate(world, course, f"Participant AZE-A{n:03d}")
    before = _count(lambda: client.get("/api/v1/registrations/"))
    for n in range(6):
        nominate(world, course, f"Participant AZE-B{n:03d}")
    assert _count(lambda: client.get("/api/v1/registrations/")) == before
    assert client.get("/api/v1/registrations/").json()["count"] == 9


def test_api_feedback_visibility(world: Any, api_client_for: Any) -> None:
    organiser_event = event(world, owner=world.geo, title="Georgian seminar")
    regs = [nominate(world, organiser_event, f"Participant AZE-000{n}") for n in (1, 2)]
    geo = actor(world, "geo_coordinator")
    for r in regs:
        services.registration_approve(r, actor=geo, expected_version=1)
    set_state(organiser_event, "HELD")
    for r in regs:
        services.registration_check_in(
            Registration.objects.get(pk=r.pk), actor=geo, expected_version=2, attended=True
        )
    coordinator = api_client_for(world.users["aze_coordinator"])
    for r, marking in zip(regs, ("BILATERAL", "NATIONAL_ONLY"), strict=True):
        made = coordinator.post(
            "/api/v1/feedback/",
            {"registration": r.pk, "overall": 4, "relevance": 3, "marking": marking},
            format="json",
        )
        assert made.status_code == 201, made.json()
    seen = {
        name: sorted(
            row["marking"]
            for row in api_client_for(world.users[name]).get("/api/v1/feedback/").json()["results"]
        )
        for name in ("aze_coordinator", "geo_coordinator", "staff_all", "analyst")
    }
    assert seen == {
        "aze_coordinator": ["BILATERAL", "NATIONAL_ONLY"],
        "geo_coordinator": ["BILATERAL"],  # the organiser
        "staff_all": ["BILATERAL"],
        "analyst": [],
    }


# -- CLI -----------------------------------------------------------------------------------


def _cli(*args: str) -> str:
    out = StringIO()
    call_command("participation", *args, stdout=out)
    return out.getvalue()


def test_cli_nominate_approve_checkin_feedback_list(world: Any) -> None:
    course = event(world)
    row = json.loads(
        _cli(
            "nominate",
            "--as",
            "aze_coordinator",
            "--event",
            str(course.pk),
            "--name",
            "Participant AZE-0001",
            "--category",
            "MILITARY",
            "--organisation",
            "AZE-MFA",
            "--json",
        )
    )[0]
    assert (row["status"], row["nation"], row["version"]) == ("PENDING", "AZE", 1)
    pk = str(row["id"])
    approved = json.loads(
        _cli("approve", pk, "--as", "staff_all", "--expected-version", "1", "--json")
    )
    assert approved[0]["status"] == "APPROVED"
    with pytest.raises(CommandError, match="not allowed: Only the organisers"):
        _cli("approve", pk, "--as", "aze_coordinator", "--expected-version", "2")
    set_state(course, "HELD")
    _cli("checkin", pk, "--as", "staff_all", "--attended", "yes", "--expected-version", "2")
    assert "feedback 1 recorded for registration" in _cli(
        "feedback", pk, "--as", "aze_coordinator", "--overall", "5", "--relevance", "4"
    ).replace(f"feedback {Registration.objects.get().feedback.pk}", "feedback 1")
    listing = _cli("list", "--as", "aze_coordinator", "--event", str(course.pk))
    assert "Participant AZE-0001" in listing
    assert "(1 rows)" in listing
    assert _cli("list", "--as", "analyst").strip().endswith("(0 rows)")
    assert _cli("remind-feedback", "--as", "staff_all", "--event", str(course.pk)) == (
        "feedback reminders sent: 0\n"
    )
    with pytest.raises(CommandError, match="invalid input"):
        _cli(
            "nominate",
            "--as",
            "aze_coordinator",
            "--event",
            "999999",
            "--name",
            "X",
            "--category",
            "MILITARY",
        )
    with pytest.raises(CommandError, match="needs --nation"):
        _cli("counts", "--as", "staff_all")
