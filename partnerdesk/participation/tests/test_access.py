"""Who may see and do what with participation records: every app_tested route × every role.

Written out as the specification. The world: an event organised by NATO (PARTNERS, seen by
everyone) with Azerbaijan and Georgia invited; an Azerbaijani registration (always BILATERAL:
Azerbaijan, alliance staff, the organiser) and its BILATERAL feedback; and an open event for
nominations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from partnerdesk.accounts.models import ApiToken, hash_token
from partnerdesk.events.models import Event
from partnerdesk.participation import services
from partnerdesk.participation.models import Feedback, Registration
from partnerdesk.participation.tests.helpers import actor, event, nominate, set_state
from partnerdesk.testing.world import ROLE_USERS

pytestmark = pytest.mark.django_db

ACTIVE = [name for name in ROLE_USERS if name != "deactivated"]
SEES_AZE_REGISTRATIONS = {
    "aze_coordinator",
    "aze_assessor",
    "aze_viewer",
    "staff_all",
    "staff_geo",
    "alliance_assessor",
    "admin",
}
CHANGES_AZE = {"aze_coordinator", "staff_all"}
ORGANISERS = {"staff_all"}
NOMINATES = {"aze_coordinator", "geo_coordinator", "staff_all", "staff_geo"}


@dataclass
class Records:
    open_event: Event
    held_event: Event
    pending: Registration
    attended: Registration
    feedback: Feedback


@pytest.fixture
def records(world: Any) -> Records:
    open_event = event(world, title="Open course")
    pending = nominate(world, open_event, "Participant AZE-0001")
    held = event(world, title="Held course", start=dt.date(2015, 2, 2))
    first = nominate(world, held, "Participant AZE-0002")
    second = nominate(world, held, "Participant AZE-0003")
    staff = actor(world, "staff_all")
    for registration in (first, second):
        services.registration_approve(registration, actor=staff, expected_version=1)
    set_state(held, "HELD")
    attended = [
        services.registration_check_in(
            Registration.objects.get(pk=r.pk), actor=staff, expected_version=2, attended=True
        )
        for r in (first, second)
    ]
    feedback = services.feedback_create(
        actor=actor(world, "aze_coordinator"),
        data={"registration": attended[0], "overall": 4, "relevance": 4},
    )
    return Records(open_event, held, pending, attended[1], feedback)


def _web(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _api(user: Any) -> APIClient:
    """A token client built directly, so it also exists for a deactivated user."""
    client = APIClient()
    key = f"pd_test_{user.username}"
    ApiToken.objects.create(user=user, prefix=key[:10], key_hash=hash_token(key))
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _view(name: str) -> int:
    return 200 if name in SEES_AZE_REGISTRATIONS else 404


def _change(name: str, allowed: set[str]) -> int:
    if name in allowed:
        return 200
    return 403 if name in SEES_AZE_REGISTRATIONS else 404


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_web_routes_by_role(world: Any, records: Records, name: str) -> None:
    client = _web(world.users[name])
    routes = {
        "participation:registration-detail": records.pending.pk,
        "participation:registration-history": records.pending.pk,
        "participation:registration-update": records.pending.pk,
        "participation:feedback-create": records.attended.pk,
        "participation:feedback-update": records.feedback.pk,
        "participation:nominate": records.open_event.pk,
        "participation:participants": records.held_event.pk,
    }
    seen = {
        route: client.get(reverse(route, args=[pk])).status_code for route, pk in routes.items()
    }
    if name == "deactivated":
        assert set(seen.values()) == {302}
        return
    assert seen == {
        "participation:registration-detail": _view(name),
        "participation:registration-history": _view(name),
        "participation:registration-update": _change(name, CHANGES_AZE),
        "participation:feedback-create": _change(name, CHANGES_AZE),
        "participation:feedback-update": _change(name, CHANGES_AZE),
        "participation:nominate": 200 if name in NOMINATES else 403,
        "participation:participants": 200,
    }


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_api_reads_by_role(world: Any, records: Records, name: str) -> None:
    client = _api(world.users[name])
    if name == "deactivated":
        assert client.get("/api/v1/registrations/").status_code == 401
        return
    visible = name in SEES_AZE_REGISTRATIONS
    registrations = client.get("/api/v1/registrations/").json()
    feedback = client.get("/api/v1/feedback/").json()
    assert (registrations["count"], feedback["count"]) == (3 if visible else 0, 1 if visible else 0)
    pk, fb = records.pending.pk, records.feedback.pk
    statuses = {
        path: client.get(path).status_code
        for path in (
            f"/api/v1/registrations/{pk}/",
            f"/api/v1/registrations/{pk}/history/",
            f"/api/v1/feedback/{fb}/",
            f"/api/v1/feedback/{fb}/history/",
        )
    }
    assert set(statuses.values()) == {200 if visible else 404}
    counts = client.get("/api/v1/participation-counts/?nation=AZE&year=2015")
    partner_elsewhere = name.startswith("geo_")
    assert counts.status_code == (404 if partner_elsewhere else 200)
    if not partner_elsewhere:
        assert counts.json()["participants"] == 2


@pytest.mark.parametrize("name", ACTIVE)
@pytest.mark.parametrize(
    ("operation", "allowed"),
    [
        ("approve", ORGANISERS),
        ("reject", ORGANISERS),
        ("cancel", CHANGES_AZE),
    ],
)
def test_api_decisions_by_role(
    world: Any, records: Records, name: str, operation: str, allowed: set[str]
) -> None:
    client = _api(world.users[name])
    response = client.post(
        f"/api/v1/registrations/{records.pending.pk}/{operation}/",
        {},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == _change(name, allowed)
    expected_status = {"approve": "APPROVED", "reject": "REJECTED", "cancel": "CANCELLED"}
    records.pending.refresh_from_db()
    assert records.pending.status == (expected_status[operation] if name in allowed else "PENDING")


@pytest.mark.parametrize("name", ACTIVE)
def test_api_check_in_and_remind_by_role(world: Any, records: Records, name: str) -> None:
    client = _api(world.users[name])
    check_in = client.post(
        f"/api/v1/registrations/{records.attended.pk}/check-in/",
        {"attended": False},
        format="json",
        HTTP_IF_MATCH='"3"',
    )
    assert check_in.status_code == _change(name, ORGANISERS)
    remind = client.post(
        "/api/v1/feedback/remind/", {"event": records.held_event.pk}, format="json"
    )
    assert remind.status_code == (200 if name in ORGANISERS else 403)
    update = client.patch(
        f"/api/v1/feedback/{records.feedback.pk}/",
        {"overall": 5},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    assert update.status_code == _change(name, CHANGES_AZE)
