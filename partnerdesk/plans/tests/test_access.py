"""Who may see and change plans and their contents: every plans route × role × marking.

The expectations are the access table of docs/architecture.md, written out independently of
core.permissions (the same table tests/test_access_matrix.py uses for entry documents).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from partnerdesk.plans.models import Chapter, Commitment, Decision, Objective, Plan
from partnerdesk.plans.tests.access_rules import ROUTES
from partnerdesk.testing.access import (
    MARKINGS,
    MAY_CHANGE,
    MAY_VIEW,
)
from partnerdesk.testing.access import (
    web_client as _web,
)
from partnerdesk.testing.world import ROLE_USERS

pytestmark = pytest.mark.django_db

NOT_NATIONAL = {"PUBLIC", "PARTNERS", "BILATERAL", "ALLIANCE_ONLY"}
MAY_CREATE_PLANS = {"aze_coordinator", "geo_coordinator", "staff_all", "staff_geo"}

# Route → (kind, which object's id it takes). Kinds: "view" (200 / 404) or "change"
# (200 / 403 / 404) for a record of Azerbaijan with the marking under test.
RECORD_ROUTES: dict[str, tuple[str, str]] = {
    "plans:detail": ("view", "plan"),
    "plans:history": ("view", "plan"),
    "plans:compare": ("view", "plan"),
    "plans:export": ("view", "plan"),
    "plans:update": ("change", "plan"),
    "plans:delete": ("change", "plan"),
    "plans:carry-over": ("change", "plan"),
    "plans:import": ("change", "plan"),
    "plans:decision-create": ("change", "plan"),
    "plans:decision-update": ("change", "decision"),
    "plans:decision-delete": ("change", "decision"),
    "plans:decision-history": ("view", "decision"),
    "plans:chapter-create": ("change", "plan"),
    "plans:chapter-update": ("change", "chapter"),
    "plans:chapter-delete": ("change", "chapter"),
    "plans:chapter-history": ("view", "chapter"),
    "plans:objective": ("view", "objective"),
    "plans:objective-create": ("change", "plan"),
    "plans:objective-update": ("change", "objective"),
    "plans:objective-delete": ("change", "objective"),
    "plans:objective-history": ("view", "objective"),
    "plans:commitment-create": ("change", "objective"),
    "plans:commitment-update": ("change", "commitment"),
    "plans:commitment-delete": ("change", "commitment"),
    "plans:commitment-history": ("view", "commitment"),
}


def _records(world: Any, marking: str, year: int) -> dict[str, Any]:
    """A plan of Azerbaijan with one row of every kind, all with `marking` (fixture data)."""
    plan = Plan.objects.create(
        owner=world.aze,
        marking=marking,
        plan_type="IPAP",
        title=f"Plan marked {marking}",
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year + 1, 12, 31),
    )
    common = {"owner": world.aze, "marking": marking}
    chapter = Chapter.objects.create(plan=plan, code="2", title="Defence", **common)
    objective = Objective.objects.create(
        plan=plan, chapter=chapter, code="2.1", text=f"Objective marked {marking}", **common
    )
    commitment = Commitment.objects.create(objective=objective, text="Law", **common)
    decision = Decision.objects.create(
        plan=plan, body="NAC", decided_on=dt.date(year, 3, 1), method="MEETING", **common
    )
    return {
        "plan": plan,
        "chapter": chapter,
        "objective": objective,
        "commitment": commitment,
        "decision": decision,
    }


@pytest.fixture
def records(world: Any) -> dict[str, dict[str, Any]]:
    return {m: _records(world, m, 2001 + 2 * i) for i, m in enumerate(MARKINGS)}


def _expected(name: str, marking: str, kind: str) -> int:
    if name == "deactivated":
        return 302
    visible = marking in MAY_VIEW[name]
    if kind == "view":
        return 200 if visible else 404
    if marking in MAY_CHANGE[name]:
        return 200
    return 403 if visible else 404


def test_every_app_tested_web_route_is_in_the_matrix() -> None:
    web = {r for r, kind in ROUTES.items() if ":" in r and kind == "app_tested"}
    assert web == set(RECORD_ROUTES) | {"plans:create"}


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_web_routes_follow_the_marking_rules(
    world: Any, records: dict[str, dict[str, Any]], name: str
) -> None:
    client = _web(world.users[name])
    seen: dict[tuple[str, str], int] = {}
    expected: dict[tuple[str, str], int] = {}
    for marking, rows in records.items():
        for route, (kind, target) in RECORD_ROUTES.items():
            status = client.get(reverse(route, args=[rows[target].pk])).status_code
            seen[(route, marking)] = status
            expected[(route, marking)] = _expected(name, marking, kind)
    assert seen == expected
    create = client.get(reverse("plans:create")).status_code
    if name == "deactivated":
        assert create == 302
    else:
        assert create == (200 if name in MAY_CREATE_PLANS else 403)


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_web_list_and_transition_follow_the_marking_rules(
    world: Any, records: dict[str, dict[str, Any]], name: str
) -> None:
    client = _web(world.users[name])
    response = client.get(reverse("plans:list"))
    if name == "deactivated":
        assert response.status_code == 302
        return
    body = response.content.decode()
    shown = {m for m in MARKINGS if f"Plan marked {m}<" in body}
    assert shown == MAY_VIEW[name]
    for marking, rows in records.items():
        plan = rows["plan"]
        url = reverse("plans:transition", args=[plan.pk])
        assert client.get(url).status_code == 405
        status = client.post(url, {"status": "SUBMITTED", "version": "1"}).status_code
        expected = _expected(name, marking, "change")
        assert (marking, status) == (marking, 302 if expected == 200 else expected)
        plan.refresh_from_db()
        assert plan.status == ("SUBMITTED" if expected == 200 else "DRAFT")
        Plan.objects.filter(pk=plan.pk).update(status="DRAFT", version=1)


def _api(world: Any, api_client_for: Any, name: str) -> Any:
    return api_client_for(world.users[name])


API_ITEMS = {
    "plans": "plan",
    "plan-decisions": "decision",
    "chapters": "chapter",
    "objectives": "objective",
    "commitments": "commitment",
}
PATCHES = {
    "plans": {"summary": "edited"},
    "plan-decisions": {"note": "edited"},
    "chapters": {"title": "edited"},
    "objectives": {"text": "edited"},
    "commitments": {"text": "edited"},
}


@pytest.mark.parametrize("name", [n for n in ROLE_USERS if n != "deactivated"])
def test_api_follows_the_marking_rules(
    world: Any, records: dict[str, dict[str, Any]], api_client_for: Any, name: str
) -> None:
    client = _api(world, api_client_for, name)
    for collection, key in API_ITEMS.items():
        listing = client.get(f"/api/v1/{collection}/").json()
        assert (collection, listing["count"]) == (collection, len(MAY_VIEW[name]))
        for marking, rows in records.items():
            pk = rows[key].pk
            view = _expected(name, marking, "view")
            change = _expected(name, marking, "change")
            item = client.get(f"/api/v1/{collection}/{pk}/")
            history = client.get(f"/api/v1/{collection}/{pk}/history/")
            assert (collection, marking, item.status_code, history.status_code) == (
                collection,
                marking,
                view,
                view,
            )
            patch = client.patch(
                f"/api/v1/{collection}/{pk}/",
                PATCHES[collection],
                format="json",
                HTTP_IF_MATCH='"1"',
            )
            assert (collection, marking, patch.status_code) == (collection, marking, change)
            model = type(rows[key])
            row = model.objects.get(pk=pk)
            assert row.version == (2 if change == 200 else 1)
            model.objects.filter(pk=pk).update(version=1)


@pytest.mark.parametrize("name", [n for n in ROLE_USERS if n != "deactivated"])
def test_api_plan_actions_follow_the_marking_rules(
    world: Any, records: dict[str, dict[str, Any]], api_client_for: Any, name: str
) -> None:
    client = _api(world, api_client_for, name)
    earlier = Plan.objects.create(
        owner=world.aze,
        marking="PUBLIC",
        plan_type="IPAP",
        title="Earlier",
        period_start=dt.date(1995, 1, 1),
        period_end=dt.date(1996, 12, 31),
    )
    csv = b"chapter_code,objective_code,text\n2,2.1,Objective\n"
    for marking, rows in records.items():
        pk = rows["plan"].pk
        view = _expected(name, marking, "view")
        change = _expected(name, marking, "change")
        base = f"/api/v1/plans/{pk}"
        seen = {
            "compare": client.get(f"{base}/compare/", {"with": earlier.pk}).status_code,
            "export": client.get(
                f"{base}/export/", {"list": "objectives", "format": "csv"}
            ).status_code,
            "transition": client.post(
                f"{base}/transition/", {"status": "SUBMITTED"}, format="json", HTTP_IF_MATCH='"1"'
            ).status_code,
            "import": client.post(
                f"{base}/import/?list=objectives&dry_run=1",
                {"file": _upload(csv)},
                format="multipart",
            ).status_code,
            "carry-over": client.post(
                f"{base}/carry-over/", {"from": earlier.pk}, format="json"
            ).status_code,
        }
        assert (marking, seen) == (
            marking,
            {
                "compare": view,
                "export": view,
                "transition": change,
                "import": change,
                "carry-over": change,
            },
        )


def _upload(content: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("objectives.csv", content, content_type="text/csv")
