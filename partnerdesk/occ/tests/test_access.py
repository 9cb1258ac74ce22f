"""Who may see and change OCC records: every route × every role × every marking.

Expectations are written out here as the specification (independently of core.permissions):
for a unit owned by Azerbaijan whose evaluation, result, certificate and remedial action carry
the unit's marking.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from partnerdesk.core.actor import Actor
from partnerdesk.occ.models import Certification, Evaluation, OccUnit, RemedialAction
from partnerdesk.occ.services import remedial_create, result_create
from partnerdesk.occ.tests.helpers import evaluation, unit
from partnerdesk.testing.access import (
    MARKINGS,
    MAY_CHANGE,
    MAY_VIEW,
)
from partnerdesk.testing.access import (
    token_client as _api,
)
from partnerdesk.testing.access import (
    web_client as _web,
)
from partnerdesk.testing.world import ROLE_USERS

pytestmark = pytest.mark.django_db

MAY_CREATE_UNITS = {"aze_coordinator", "geo_coordinator", "staff_all", "staff_geo"}
ACTIVE = [name for name in ROLE_USERS if name != "deactivated"]


@dataclass
class Records:
    """One unit per marking, with an evaluation, result, certificate and remedial action."""

    unit: OccUnit
    evaluation: Evaluation
    result: Any
    certification: Certification
    action: RemedialAction


def _records(world: Any, marking: str) -> Records:
    target = unit(world, name=f"Unit marked {marking}", marking=marking)
    evaluation(target, "NEL1", dt.date(2012, 6, 18))
    nel2 = evaluation(target, "NEL2", dt.date(2024, 1, 10))
    system = Actor.system()
    result = result_create(
        actor=system, data={"evaluation": nel2, "area": "Logistics", "grade": "Good"}
    )
    action = remedial_create(actor=system, data={"evaluation": nel2, "text": "Fix radios"})
    return Records(target, nel2, result, Certification.objects.get(unit=target), action)


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


VIEW_ROUTES = {
    "occ:detail": "unit",
    "occ:history": "unit",
    "occ:evaluation": "evaluation",
    "occ:evaluation-history": "evaluation",
}
CHANGE_ROUTES = {
    "occ:update": "unit",
    "occ:delete": "unit",
    "occ:evaluation-create": "unit",
    "occ:evaluation-update": "evaluation",
    "occ:evaluation-delete": "evaluation",
    "occ:result-create": "evaluation",
    "occ:result-update": "result",
    "occ:result-delete": "result",
    "occ:remedial-create": "evaluation",
    "occ:remedial-update": "action",
    "occ:remedial-delete": "action",
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
def test_web_lists_show_exactly_the_visible_units(
    world: Any, records: dict[str, Records], name: str
) -> None:
    client = _web(world.users[name])
    listing = client.get(reverse("occ:list"))
    due = client.get(reverse("occ:due") + "?days=3650")
    create = client.get(reverse("occ:create"))
    if name == "deactivated":
        assert (listing.status_code, due.status_code, create.status_code) == (302, 302, 302)
        return
    body = listing.content.decode()
    assert {m for m in MARKINGS if f"Unit marked {m}<" in body} == MAY_VIEW[name]
    assert f"{len(MAY_VIEW[name])} in all" in body
    due_body = due.content.decode()
    assert {m for m in MARKINGS if f"Unit marked {m}<" in due_body} == MAY_VIEW[name]
    assert create.status_code == (200 if name in MAY_CREATE_UNITS else 403)


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_web_transition_follows_the_marking_rules(
    world: Any, records: dict[str, Records], name: str
) -> None:
    client = _web(world.users[name])
    for marking, rows in records.items():
        url = reverse("occ:remedial-transition", args=[rows.action.pk])
        response = client.post(url, {"status": "DONE", "version": "1"})
        expected = _change(name, marking)
        assert (marking, response.status_code) == (marking, 302 if expected == 200 else expected)
        rows.action.refresh_from_db()
        assert rows.action.status == ("DONE" if expected == 200 else "OPEN")


API = {
    "unit": "/api/v1/occ-units/",
    "evaluation": "/api/v1/occ-evaluations/",
    "result": "/api/v1/occ-results/",
    "certification": "/api/v1/occ-certifications/",
    "action": "/api/v1/occ-remedial-actions/",
}
PATCHES = {
    "unit": {"note": "edited"},
    "evaluation": {"place": "edited"},
    "result": {"note": "edited"},
    "certification": {"note": "edited"},
    "action": {"owner_name": "edited"},
}


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_api_follows_the_marking_rules(world: Any, records: dict[str, Records], name: str) -> None:
    client = _api(world.users[name])
    if name == "deactivated":
        for collection in API.values():
            assert client.get(collection).status_code == 401
        return
    visible = MAY_VIEW[name]
    for attr, collection in API.items():
        listing = client.get(collection).json()
        per_unit = 2 if attr == "evaluation" else 1  # NEL-1 and NEL-2
        assert (attr, listing["count"]) == (attr, per_unit * len(visible))
        due = client.get(collection + "due/?days=3650") if attr == "certification" else None
        if due is not None:
            assert due.json()["count"] == len(visible)
    for marking, rows in records.items():
        view = 200 if marking in visible else 404
        change = 200 if marking in MAY_CHANGE[name] else 403 if marking in visible else 404
        for attr, collection in API.items():
            obj = getattr(rows, attr)
            item = client.get(f"{collection}{obj.pk}/")
            history = client.get(f"{collection}{obj.pk}/history/")
            patch = client.patch(
                f"{collection}{obj.pk}/", PATCHES[attr], format="json", HTTP_IF_MATCH='"1"'
            )
            assert (attr, marking, item.status_code, history.status_code, patch.status_code) == (
                attr,
                marking,
                view,
                view,
                change,
            )
        transition = client.post(
            f"{API['action']}{rows.action.pk}/transition/",
            {"status": "IN_PROGRESS"},
            format="json",
            HTTP_IF_MATCH='"2"' if change == 200 else '"1"',
        )
        assert (marking, transition.status_code) == (marking, change)
        rows.action.refresh_from_db()
        assert rows.action.status == ("IN_PROGRESS" if change == 200 else "OPEN")
        rows.unit.refresh_from_db()
        assert rows.unit.note == ("edited" if change == 200 else "")


@pytest.mark.parametrize("name", ACTIVE)
def test_api_create_under_a_unit_follows_the_change_rules(
    world: Any, records: dict[str, Records], name: str, api_client_for: Any
) -> None:
    client = api_client_for(world.users[name])
    for marking, rows in records.items():
        response = client.post(
            API["action"],
            {"evaluation": rows.evaluation.pk, "text": f"by {name}"},
            format="json",
        )
        if marking in MAY_CHANGE[name]:
            expected = 201
        elif marking in MAY_VIEW[name]:
            expected = 400  # visible but not changeable: the service refuses by field
        else:
            expected = 400  # invisible parent: "does not exist", like a missing one
        assert (marking, response.status_code) == (marking, expected)
        if expected == 400:
            fields = response.json()["error"]["fields"]
            if marking in MAY_VIEW[name]:
                assert fields == {
                    "owner": ["You may not create a record for this nation with this marking."]
                }
            else:
                assert fields == {
                    "evaluation": [f'Invalid pk "{rows.evaluation.pk}" - object does not exist.']
                }
    created = RemedialAction.objects.filter(text=f"by {name}").count()
    assert created == len(MAY_CHANGE[name])
