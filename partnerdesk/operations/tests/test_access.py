"""Who may see and change operations records: every route × every role × every marking.

Expectations are written out here as the specification (independently of core.permissions),
for one Azerbaijani snapshot per marking under one operation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from partnerdesk.operations.models import ContributionSnapshot, Operation
from partnerdesk.operations.tests.helpers import operation, snapshot
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

MAY_CREATE_SNAPSHOTS = {"aze_coordinator", "geo_coordinator", "staff_all", "staff_geo"}
MAY_WRITE_OPERATIONS = {"staff_all", "staff_geo", "admin"}
ACTIVE = [name for name in ROLE_USERS if name != "deactivated"]


@pytest.fixture
def rows(world: Any) -> tuple[Operation, dict[str, ContributionSnapshot]]:
    rsm = operation("RSM")
    return rsm, {
        m: snapshot(world, rsm, dt.date(2015 + i, 1, 1), marking=m, task=f"Task marked {m}")
        for i, m in enumerate(MARKINGS)
    }


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


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_web_snapshot_routes_follow_the_marking_rules(world: Any, rows: Any, name: str) -> None:
    _, snapshots = rows
    client = _web(world.users[name])
    seen: dict[tuple[str, str], int] = {}
    expected: dict[tuple[str, str], int] = {}
    for marking, row in snapshots.items():
        for route in ("detail", "history", "update", "delete"):
            seen[(route, marking)] = client.get(
                reverse(f"operations:{route}", args=[row.pk])
            ).status_code
            rule = _view if route in {"detail", "history"} else _change
            expected[(route, marking)] = rule(name, marking)
    assert seen == expected


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_web_lists_and_pages_show_exactly_the_visible_snapshots(
    world: Any, rows: Any, name: str
) -> None:
    rsm, _ = rows
    client = _web(world.users[name])
    pages = {
        "list": client.get(reverse("operations:list")),
        "nation": client.get(reverse("operations:nation", args=["AZE"])),
        "operation": client.get(reverse("operations:operation-detail", args=[rsm.pk])),
        "create": client.get(reverse("operations:create")),
        "operation-create": client.get(reverse("operations:operation-create")),
        "operation-update": client.get(reverse("operations:operation-update", args=[rsm.pk])),
        "operation-delete": client.get(reverse("operations:operation-delete", args=[rsm.pk])),
        "operation-history": client.get(reverse("operations:operation-history", args=[rsm.pk])),
        "unknown-nation": client.get(reverse("operations:nation", args=["XXX"])),
    }
    statuses = {key: response.status_code for key, response in pages.items()}
    if name == "deactivated":
        assert set(statuses.values()) == {302}
        return
    writes = 200 if name in MAY_WRITE_OPERATIONS else 403
    assert statuses == {
        "list": 200,
        "nation": 200,
        "operation": 200,
        "create": 200 if name in MAY_CREATE_SNAPSHOTS else 403,
        "operation-create": writes,
        "operation-update": writes,
        "operation-delete": writes,
        "operation-history": 200,
        "unknown-nation": 404,
    }
    for key in ("list", "nation", "operation"):
        body = pages[key].content.decode()
        assert (key, {m for m in MARKINGS if f"Task marked {m}<" in body}) == (key, MAY_VIEW[name])
    assert f"{len(MAY_VIEW[name])} in all" in pages["list"].content.decode()
    chart = pages["nation"].content.decode()
    assert chart.count("<circle") == len(MAY_VIEW[name])


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_api_follows_the_marking_rules(world: Any, rows: Any, name: str) -> None:
    rsm, snapshots = rows
    client = _api(world.users[name])
    collection = "/api/v1/operation-contributions/"
    if name == "deactivated":
        for path in (collection, "/api/v1/operations/", collection + "series/?nation=AZE"):
            assert client.get(path).status_code == 401
        return
    visible = MAY_VIEW[name]
    assert client.get(collection).json()["count"] == len(visible)
    series = client.get(collection + "series/?nation=AZE").json()
    assert [len(s["points"]) for s in series] == [len(visible)]
    for marking, row in snapshots.items():
        view = 200 if marking in visible else 404
        change = 200 if marking in MAY_CHANGE[name] else 403 if marking in visible else 404
        item = client.get(f"{collection}{row.pk}/")
        history = client.get(f"{collection}{row.pk}/history/")
        patch = client.patch(
            f"{collection}{row.pk}/", {"notes": "edited"}, format="json", HTTP_IF_MATCH='"1"'
        )
        assert (marking, item.status_code, history.status_code, patch.status_code) == (
            marking,
            view,
            view,
            change,
        )
        row.refresh_from_db()
        assert row.notes == ("edited" if change == 200 else "")
    ops = "/api/v1/operations/"
    assert client.get(ops).json()["count"] == 1
    assert client.get(f"{ops}{rsm.pk}/").status_code == 200
    assert client.get(f"{ops}{rsm.pk}/history/").status_code == 200
    patch = client.patch(
        f"{ops}{rsm.pk}/", {"notes": f"by {name}"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert patch.status_code == (200 if name in MAY_WRITE_OPERATIONS else 403)
    if patch.status_code == 200:
        Operation.objects.filter(pk=rsm.pk).update(version=1)


@pytest.mark.parametrize("name", ACTIVE)
def test_api_create_follows_the_change_rules(world: Any, rows: Any, name: str) -> None:
    client = _api(world.users[name])
    created = {}
    for marking in MARKINGS:
        response = client.post(
            "/api/v1/operation-contributions/",
            {
                "nation": "AZE",
                "marking": marking,
                "operation": "RSM",
                "as_of": "2020-05-01",
                "as_of_precision": "MONTH",
                "infantry": 5,
            },
            format="json",
        )
        created[marking] = response.status_code
        if response.status_code == 201:
            ContributionSnapshot.objects.filter(pk=response.json()["id"]).delete()
        else:
            assert response.json()["error"]["fields"] == {
                "owner": ["You may not create a record for this nation with this marking."]
            }
    assert created == {m: 201 if m in MAY_CHANGE[name] else 400 for m in MARKINGS}
    response = client.post(
        "/api/v1/operations/", {"code": f"OPS-{ACTIVE.index(name)}", "name": "x"}, format="json"
    )
    assert response.status_code == (201 if name in MAY_WRITE_OPERATIONS else 403)
