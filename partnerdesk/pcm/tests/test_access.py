"""Who may see and change the menu and programme lines: every pcm route × role (× marking).

The menu is reference data: every active user reads it, alliance staff and administrators
write it. Lines follow the access table of docs/architecture.md for a record of Azerbaijan.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from partnerdesk.pcm.models import ProgrammeLine
from partnerdesk.pcm.tests import helpers as h
from partnerdesk.pcm.tests.access_rules import API_OPERATIONS, ROUTES
from partnerdesk.plans.models import Plan
from partnerdesk.testing.access import (
    MARKINGS,
    MAY_CHANGE,
    MAY_VIEW,
)
from partnerdesk.testing.world import ROLE_USERS

pytestmark = pytest.mark.django_db

NOT_NATIONAL = {"PUBLIC", "PARTNERS", "BILATERAL", "ALLIANCE_ONLY"}
MENU_WRITERS = {"staff_all", "staff_geo", "admin"}
ACTIVE = [name for name in ROLE_USERS if name != "deactivated"]

MENU_ROUTES: dict[str, str] = {
    "pcm:catalogue-detail": "catalogue",
    "pcm:catalogue-history": "catalogue",
    "pcm:catalogue-export": "catalogue",
    "pcm:activity-detail": "activity",
    "pcm:activity-history": "activity",
}
MENU_WRITE_ROUTES: dict[str, str | None] = {
    "pcm:catalogue-create": None,
    "pcm:catalogue-update": "catalogue",
    "pcm:catalogue-delete": "catalogue",
    "pcm:import": None,
    "pcm:carry-over": None,
    "pcm:activity-create": "catalogue",
    "pcm:activity-update": "activity",
    "pcm:activity-delete": "activity",
}
LINE_ROUTES: dict[str, tuple[str, str]] = {
    "pcm:programme": ("view", "plan"),
    "pcm:line-detail": ("view", "line"),
    "pcm:line-history": ("view", "line"),
    "pcm:line-create": ("change", "plan"),
    "pcm:line-update": ("change", "line"),
    "pcm:line-delete": ("change", "line"),
}


def test_every_app_tested_route_is_checked_here() -> None:
    app_tested = {name for name, kind in ROUTES.items() if kind == "app_tested" and ":" in name}
    assert app_tested == set(MENU_ROUTES) | set(MENU_WRITE_ROUTES) | set(LINE_ROUTES)
    assert len(API_OPERATIONS) == 25


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_menu_routes_by_role(world: Any, name: str) -> None:
    activity = h.activity(world)
    objects = {"catalogue": activity.catalogue.pk, "activity": activity.pk}
    client = _client(world.users[name])
    seen, expected = {}, {}
    for route, kind in MENU_ROUTES.items():
        seen[route] = client.get(reverse(route, args=[objects[kind]])).status_code
        expected[route] = 302 if name == "deactivated" else 200
    for route, write_kind in MENU_WRITE_ROUTES.items():
        args = [objects[write_kind]] if write_kind else []
        seen[route] = client.get(reverse(route, args=args)).status_code
        expected[route] = 302 if name == "deactivated" else 200 if name in MENU_WRITERS else 403
    assert seen == expected


def _line(world: Any, marking: str) -> ProgrammeLine:
    """A plan and line of Azerbaijan, both with `marking` (fixture data, written directly)."""
    plan = Plan.objects.create(
        owner=world.aze,
        marking=marking,
        plan_type="IPCP",
        title=f"IPCP {marking}",
        period_start="2015-01-01",
        period_end="2016-12-31",
    )
    activity = h.activity(world, 2015, "CYBER", MARKINGS.index(marking) + 1)
    return ProgrammeLine.objects.create(
        owner=world.aze, marking=marking, plan=plan, activity=activity
    )


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_line_routes_follow_the_marking_rules(world: Any, name: str) -> None:
    lines = {marking: _line(world, marking) for marking in MARKINGS}
    client = _client(world.users[name])
    seen, expected = {}, {}
    for marking, line in lines.items():
        for route, (kind, target) in LINE_ROUTES.items():
            pk = line.plan_id if target == "plan" else line.pk
            seen[(route, marking)] = client.get(reverse(route, args=[pk])).status_code
            if name == "deactivated":
                expected[(route, marking)] = 302
            elif kind == "view" or marking in MAY_CHANGE[name]:
                expected[(route, marking)] = 200 if marking in MAY_VIEW[name] else 404
            else:
                expected[(route, marking)] = 403 if marking in MAY_VIEW[name] else 404
    assert seen == expected
    listing = client.get(reverse("pcm:line-list"))
    if name != "deactivated":
        shown = {m for m in MARKINGS if f"IPCP {m}<" in listing.content.decode()}
        assert shown == MAY_VIEW[name]


@pytest.mark.parametrize("name", ACTIVE)
def test_api_by_role(world: Any, name: str, api_client_for: Any) -> None:
    lines = {marking: _line(world, marking) for marking in MARKINGS}
    client = api_client_for(world.users[name])
    catalogue = lines["PUBLIC"].activity.catalogue
    assert client.get("/api/v1/pcm/catalogues/").json()["count"] == 1
    assert client.get(f"/api/v1/pcm/catalogues/{catalogue.pk}/history/").status_code == 200
    assert client.get("/api/v1/pcm/activities/").json()["count"] == len(MARKINGS)
    created = client.post("/api/v1/pcm/catalogues/", {"year": 2020}, format="json")
    assert created.status_code == (201 if name in MENU_WRITERS else 403)
    publish = client.post(
        f"/api/v1/pcm/catalogues/{catalogue.pk}/publish/", {}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert publish.status_code == (200 if name in MENU_WRITERS else 403)
    carry = client.post(
        "/api/v1/pcm/catalogues/carry-over/",
        {"source_year": 2015, "target_year": 2016},
        format="json",
    )
    assert carry.status_code == (200 if name in MENU_WRITERS else 403)
    listed = client.get("/api/v1/pcm/programme-lines/").json()
    assert {row["marking"] for row in listed["results"]} == MAY_VIEW[name]
    for marking, line in lines.items():
        visible = marking in MAY_VIEW[name]
        item = client.get(f"/api/v1/pcm/programme-lines/{line.pk}/")
        patch = client.patch(
            f"/api/v1/pcm/programme-lines/{line.pk}/",
            {"priority": "LOW"},
            format="json",
            HTTP_IF_MATCH='"1"',
        )
        expected_patch = 200 if marking in MAY_CHANGE[name] else 403 if visible else 404
        assert (marking, item.status_code, patch.status_code) == (
            marking,
            200 if visible else 404,
            expected_patch,
        )
