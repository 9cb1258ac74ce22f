"""Who may see and change trust-fund records: every route × every role × every marking.

Expectations are written out here as the specification (independently of core.permissions):
for a project owned by Azerbaijan whose phase, contribution, agreement and KPI carry the
project's marking.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from partnerdesk.core.actor import Actor
from partnerdesk.testing.access import (
    MARKINGS,
    MAY_CHANGE,
    MAY_CREATE,
    MAY_VIEW,
)
from partnerdesk.testing.access import (
    token_client as _api,
)
from partnerdesk.testing.access import (
    web_client as _web,
)
from partnerdesk.testing.world import ROLE_USERS
from partnerdesk.trustfunds.models import Agreement, Contribution, Kpi, Phase, Project
from partnerdesk.trustfunds.services import agreement_create
from partnerdesk.trustfunds.tests.helpers import contribution, kpi, phase, project

pytestmark = pytest.mark.django_db


@dataclass
class Records:
    """One project per marking with a phase, contribution, agreement and KPI."""

    project: Project
    phase: Phase
    contribution: Contribution
    agreement: Agreement
    kpi: Kpi


def _records(world: Any, marking: str) -> Records:
    target = project(world, title=f"Project marked {marking}", marking=marking)
    first = phase(target, 1, budget="100.00")
    agreement = agreement_create(
        actor=Actor.system(),
        data={"project": target, "kind": "MOU", "signed_on": dt.date(2003, 4, 2)},
    )
    return Records(
        target,
        first,
        contribution(first, world.aze, "10.00"),
        agreement,
        kpi(first, "HECTARES_CLEARED", "5", dt.date(2008, 6, 1)),
    )


@pytest.fixture
def records(world: Any) -> dict[str, Records]:
    return {marking: _records(world, marking) for marking in MARKINGS}


def _view(name: str, marking: str) -> int:
    if name == "deactivated":
        return 302
    return 200 if marking in MAY_VIEW[name] else 404


def _change(name: str, marking: str) -> int:
    if name == "deactivated":
        return 302
    if marking in MAY_CHANGE[name]:
        return 200
    return 403 if marking in MAY_VIEW[name] else 404


VIEW_ROUTES = {"trustfunds:detail": "project", "trustfunds:history": "project"}
CHANGE_ROUTES = {
    "trustfunds:update": "project",
    "trustfunds:delete": "project",
    "trustfunds:phase-create": "project",
    "trustfunds:phase-update": "phase",
    "trustfunds:phase-delete": "phase",
    "trustfunds:contribution-create": "phase",
    "trustfunds:contribution-update": "contribution",
    "trustfunds:contribution-delete": "contribution",
    "trustfunds:agreement-create": "project",
    "trustfunds:agreement-update": "agreement",
    "trustfunds:agreement-delete": "agreement",
    "trustfunds:kpi-create": "phase",
    "trustfunds:kpi-update": "kpi",
    "trustfunds:kpi-delete": "kpi",
}


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_web_routes_follow_the_marking_rules(
    world: Any, records: dict[str, Records], name: str
) -> None:
    client = _web(world.users[name])
    seen: dict[tuple[str, str], int] = {}
    expected: dict[tuple[str, str], int] = {}
    for marking, rows in records.items():
        for route, attr in (VIEW_ROUTES | CHANGE_ROUTES).items():
            pk = getattr(rows, attr).pk
            seen[(route, marking)] = client.get(reverse(route, args=[pk])).status_code
            rule = _view if route in VIEW_ROUTES else _change
            expected[(route, marking)] = rule(name, marking)
    assert seen == expected


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_web_list_create_and_moves_follow_the_rules(
    world: Any, records: dict[str, Records], name: str
) -> None:
    client = _web(world.users[name])
    listing = client.get(reverse("trustfunds:list"))
    create = client.get(reverse("trustfunds:create"))
    if name == "deactivated":
        assert (listing.status_code, create.status_code) == (302, 302)
    else:
        body = listing.content.decode()
        assert {m for m in MARKINGS if f"Project marked {m}<" in body} == MAY_VIEW[name]
        assert create.status_code == (200 if name in MAY_CREATE else 403)
    for marking, rows in records.items():
        url = reverse("trustfunds:transition", args=[rows.project.pk])
        response = client.post(url, {"target": "SCOPING", "version": "1"})
        expected = _change(name, marking)
        assert (marking, response.status_code) == (marking, 302 if expected == 200 else expected)
        rows.project.refresh_from_db()
        assert rows.project.status == ("SCOPING" if expected == 200 else "REQUESTED")


API = {
    "project": "/api/v1/trustfund-projects/",
    "phase": "/api/v1/trustfund-phases/",
    "contribution": "/api/v1/trustfund-contributions/",
    "agreement": "/api/v1/trustfund-agreements/",
    "kpi": "/api/v1/trustfund-kpis/",
}


def _api_change(name: str, marking: str) -> int:
    if name == "deactivated":
        return 401
    if marking in MAY_CHANGE[name]:
        return 200
    return 403 if marking in MAY_VIEW[name] else 404


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_api_follows_the_marking_rules(world: Any, records: dict[str, Records], name: str) -> None:
    client = _api(world.users[name])
    if name == "deactivated":
        assert client.get(API["project"]).status_code == 401
        assert client.get(API["project"] + "totals/").status_code == 401
        return
    seen: dict[tuple[str, str, str], int] = {}
    expected: dict[tuple[str, str, str], int] = {}
    for kind, path in API.items():
        listed = client.get(path, {"page_size": 100}).json()["results"]
        assert {r["marking"] for r in listed} == MAY_VIEW[name], kind
        for marking, rows in records.items():
            url = f"{path}{getattr(rows, kind).pk}/"
            visible = _view(name, marking)
            seen[(kind, marking, "get")] = client.get(url).status_code
            seen[(kind, marking, "history")] = client.get(url + "history/").status_code
            expected[(kind, marking, "get")] = visible
            expected[(kind, marking, "history")] = visible
            patch = client.patch(
                url,
                {"note" if kind != "project" else "summary": "edited"},
                format="json",
                HTTP_IF_MATCH='"1"',
            )
            seen[(kind, marking, "patch")] = patch.status_code
            expected[(kind, marking, "patch")] = _api_change(name, marking)
            if kind == "project":
                totals = client.get(url + "totals/")
                seen[(kind, marking, "totals")] = totals.status_code
                expected[(kind, marking, "totals")] = visible
                move = client.post(
                    url + "transition/",
                    {"status": "SCOPING"},
                    format="json",
                    HTTP_IF_MATCH='"2"' if patch.status_code == 200 else '"1"',
                )
                seen[(kind, marking, "move")] = move.status_code
                expected[(kind, marking, "move")] = _api_change(name, marking)
    assert seen == expected
    totals = client.get(API["project"] + "totals/").json()
    assert totals["total"]["budget"] == {"EUR": f"{100 * len(MAY_VIEW[name])}.00"}
