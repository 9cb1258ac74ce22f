"""Who may see and change events: every route × every role × every marking.

Expectations are written out here as the specification (independently of core.permissions):
for an event organised by Azerbaijan and invited nothing yet, and for a NATO event that
invites Georgia (the release of BILATERAL events to invited nations).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from partnerdesk.core.actor import Actor
from partnerdesk.events.models import Event
from partnerdesk.events.services import invitation_create, report_create
from partnerdesk.events.tests.helpers import event, invitation, move_to
from partnerdesk.testing.access import (
    ALL_BUT_NATIONAL,
    MARKINGS,
    MAY_VIEW,
    OWN_PARTNER,
)
from partnerdesk.testing.access import (
    web_client as _web,
)
from partnerdesk.testing.world import ROLE_USERS

pytestmark = pytest.mark.django_db

# Organisers of an Azerbaijani event.
MAY_ORGANISE: dict[str, set[str]] = {name: set() for name in MAY_VIEW} | {
    "aze_coordinator": OWN_PARTNER,
    "staff_all": ALL_BUT_NATIONAL,
}
ACTIVE = [name for name in ROLE_USERS if name != "deactivated"]


def _api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def held(world: Any) -> dict[str, Event]:
    """One held Azerbaijani event per marking, inviting Georgia, with a report of the same
    marking as the event."""
    events = {}
    for marking in MARKINGS:
        target = move_to(event(world, title=f"Held {marking}", marking=marking), "HELD")
        report_create(
            actor=Actor.system(), event=target, data={"summary": "Done.", "marking": marking}
        )
        events[marking] = target
    return events


def _expected_view(name: str, marking: str) -> bool:
    # Georgia is invited: a BILATERAL event is released to it.
    released = name in ("geo_coordinator", "geo_viewer") and marking == "BILATERAL"
    return marking in MAY_VIEW[name] or released


@pytest.mark.parametrize("name", [*ACTIVE, "deactivated"])
def test_event_pages_by_role_and_marking(world: Any, held: dict[str, Event], name: str) -> None:
    client = _web(world.users[name]) if name != "deactivated" else Client()
    seen: dict[tuple[str, str], int] = {}
    expected: dict[tuple[str, str], int] = {}
    for marking, target in held.items():
        visible = _expected_view(name, marking)
        organiser = marking in MAY_ORGANISE[name]
        for route in ("detail", "history"):
            seen[(route, marking)] = client.get(
                reverse(f"events:{route}", args=[target.pk])
            ).status_code
            expected[(route, marking)] = 200 if visible else 404
        for route in ("update", "delete", "invite", "report-create"):
            url = reverse(f"events:{route}", args=[target.pk])
            seen[(route, marking)] = client.get(url).status_code
            expected[(route, marking)] = 200 if organiser else 403 if visible else 404
        report_url = reverse("events:report-update", args=[target.report.pk])
        seen[("report-update", marking)] = client.get(report_url).status_code
        report_visible = marking in MAY_VIEW[name] or (
            name in ("geo_coordinator", "geo_viewer") and marking == "BILATERAL"
        )
        expected[("report-update", marking)] = 200 if organiser else 403 if report_visible else 404
    if name == "deactivated":
        expected = dict.fromkeys(expected, 302)
    assert seen == expected


@pytest.mark.parametrize("name", ACTIVE)
def test_event_api_by_role_and_marking(world: Any, held: dict[str, Event], name: str) -> None:
    client = _api(world.users[name])
    listed = {e["title"] for e in client.get("/api/v1/events/?page_size=100").json()["results"]}
    assert listed == {f"Held {m}" for m in MARKINGS if _expected_view(name, m)}
    seen = {}
    expected = {}
    for marking, target in held.items():
        visible = _expected_view(name, marking)
        for suffix in ("", "history/", "reminders/"):
            seen[(suffix, marking)] = client.get(f"/api/v1/events/{target.pk}/{suffix}").status_code
            expected[(suffix, marking)] = 200 if visible else 404
        seen[("report", marking)] = client.get(
            f"/api/v1/event-reports/{target.report.pk}/"
        ).status_code
        expected[("report", marking)] = 200 if visible else 404
        inv = invitation(target, world.geo)
        seen[("invitation", marking)] = client.get(
            f"/api/v1/event-invitations/{inv.pk}/"
        ).status_code
        # The invitation (BILATERAL, owned by Georgia) is seen with its event by Georgia,
        # the alliance and the organiser.
        sees_invitation = visible and (
            name in ("geo_coordinator", "geo_viewer")
            or name in ("staff_all", "staff_geo", "alliance_assessor", "admin")
            or name in ("aze_coordinator", "aze_assessor", "aze_viewer")
        )
        expected[("invitation", marking)] = 200 if sees_invitation else 404
    assert seen == expected


@pytest.mark.parametrize("name", ACTIVE)
def test_web_writes_by_role(world: Any, name: str) -> None:
    """Transition, invite, remind, answer: refusals are messages; nothing changes."""
    client = _web(world.users[name])
    proposed = move_to(event(world, title="Proposed"), "PROPOSED")
    response = client.post(
        reverse("events:transition", args=[proposed.pk]),
        {"to": "APPROVED", "version": proposed.version},
        follow=True,
    )
    proposed.refresh_from_db()
    approved = proposed.state == "APPROVED"
    assert approved == (name == "staff_all")
    if name in (
        "aze_coordinator",
        "aze_viewer",
        "aze_assessor",
        "staff_all",
        "staff_geo",
        "admin",
        "alliance_assessor",
    ):
        assert response.status_code == 200
    else:
        assert response.status_code == 404
    sent = move_to(event(world, title="Sent"), "INVITATIONS_SENT", invite=("GEO",))
    geo_invitation = invitation(sent, world.geo)
    client.post(
        reverse("events:answer", args=[geo_invitation.pk]),
        {"answer": "ACCEPTED", "version": 1},
    )
    geo_invitation.refresh_from_db()
    assert (geo_invitation.answer == "ACCEPTED") == (name == "geo_coordinator")
    response = client.post(reverse("events:invite", args=[sent.pk]), {"codes": "AZE"})
    assert response.status_code == {"aze_coordinator": 400, "staff_all": 400}.get(
        name, 404 if name == "analyst" else 403
    )


def test_deactivated_and_anonymous_users_are_sent_to_login(
    world: Any, held: dict[str, Event]
) -> None:
    target = held["PUBLIC"]
    anonymous = Client()
    for url in (
        reverse("events:list"),
        reverse("events:calendar"),
        reverse("events:feeds"),
        reverse("events:detail", args=[target.pk]),
    ):
        assert anonymous.get(url).status_code == 302
    assert APIClient().get("/api/v1/events/").status_code in (401, 403)


def test_invited_partner_sees_event_before_invitations_are_sent(world: Any) -> None:
    """Decision: the release applies as soon as the invitation exists (from APPROVED)."""
    approved = move_to(event(world, owner=world.nato, host=world.nato), "APPROVED")
    client = _web(world.users["geo_viewer"])
    assert client.get(reverse("events:detail", args=[approved.pk])).status_code == 404
    invitation_create(actor=Actor.system(), event=approved, nations=["GEO"])
    assert client.get(reverse("events:detail", args=[approved.pk])).status_code == 200
