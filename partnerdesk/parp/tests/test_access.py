"""Who may see and change PARP records: every app_tested route × every role × every marking.

Expectations are written out here (independently of core.permissions) for a record owned by
Azerbaijan: visible → 200, invisible → 404, visible but read-only → 403.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from partnerdesk.parp.models import ParpCycle, PartnershipGoal
from partnerdesk.parp.tests.helpers import make_answer, make_assessment, make_cycle, make_goal
from partnerdesk.testing.access import (
    MARKINGS,
    MAY_CHANGE,
    MAY_CREATE,
    MAY_VIEW,
)
from partnerdesk.testing.access import (
    web_client as _web,
)
from partnerdesk.testing.world import ROLE_USERS

pytestmark = pytest.mark.django_db

ACTIVE = [name for name in ROLE_USERS if name != "deactivated"]

# route → which object of the fixture it takes, and whether it needs view or change rights
VIEW_ROUTES = {
    "parp:detail": "cycle",
    "parp:history": "cycle",
    "parp:goal-export": "cycle",
    "parp:goal-detail": "goal",
    "parp:goal-history": "goal",
    "parp:answer-history": "answer",
    "parp:assessment-history": "assessment",
}
CHANGE_ROUTES = {
    "parp:update": "cycle",
    "parp:delete": "cycle",
    "parp:goal-import": "cycle",
    "parp:carry-over": "cycle",
    "parp:answer-create": "cycle",
    "parp:goal-create": "cycle",
    "parp:answer-update": "answer",
    "parp:answer-delete": "answer",
    "parp:goal-update": "goal",
    "parp:goal-delete": "goal",
    "parp:assessment-create": "goal",
    "parp:assessment-update": "assessment",
    "parp:assessment-delete": "assessment",
}


def _records(world: Any) -> dict[str, dict[str, Any]]:
    """For each marking: a cycle, a goal, a survey answer and an assessment with that marking."""
    out = {}
    for index, marking in enumerate(MARKINGS):
        cycle = make_cycle(world.aze, start=2000 + 2 * index, marking=marking)
        goal = make_goal(cycle, f"G{index}")
        out[marking] = {
            "cycle": cycle,
            "goal": goal,
            "answer": make_answer(cycle),
            "assessment": make_assessment(goal, year=cycle.start_year + 1),
        }
    return out


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
def test_web_routes_follow_the_marking_rules(world: Any, name: str) -> None:
    records = _records(world)
    client = _web(world.users[name])
    seen: dict[tuple[str, str], int] = {}
    expected: dict[tuple[str, str], int] = {}
    for marking, objects in records.items():
        for routes, rule in ((VIEW_ROUTES, _view), (CHANGE_ROUTES, _change)):
            for route, key in routes.items():
                url = reverse(route, args=[objects[key].pk])
                seen[(route, marking)] = client.get(url).status_code
                expected[(route, marking)] = rule(name, marking)
    assert seen == expected


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_transition_by_role_and_marking(world: Any, name: str) -> None:
    records = _records(world)
    client = _web(world.users[name])
    for marking, objects in records.items():
        cycle = objects["cycle"]
        response = client.post(
            reverse("parp:transition", args=[cycle.pk]),
            {"target": "SURVEY_RETURNED", "version": "1"},
        )
        allowed = marking in MAY_CHANGE[name]
        expected = 302 if (allowed or name == "deactivated") else _change(name, marking)
        assert (marking, response.status_code) == (marking, expected)
        cycle.refresh_from_db()
        assert (marking, cycle.step) == (marking, "SURVEY_RETURNED" if allowed else "SURVEY_ISSUED")


@pytest.mark.parametrize("name", ACTIVE)
def test_create_page_and_lists_by_role(world: Any, name: str) -> None:
    _records(world)
    client = _web(world.users[name])
    assert client.get(reverse("parp:create")).status_code == (200 if name in MAY_CREATE else 403)
    for route in ("parp:list", "parp:goals", "parp:series"):
        assert (route, client.get(reverse(route)).status_code) == (route, 200)
    body = client.get(reverse("parp:list")).content.decode()
    assert f"{len(MAY_VIEW[name])} in all" in body
    goals = client.get(reverse("parp:goals")).content.decode()
    assert f"{len(MAY_VIEW[name])} in all" in goals


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_api_follows_the_marking_rules(world: Any, name: str, api_client_for: Any) -> None:
    records = _records(world)
    user = world.users[name]
    if name == "deactivated":
        from rest_framework.test import APIClient

        assert APIClient().get("/api/v1/parp-cycles/").status_code == 401
        return
    client = api_client_for(user)
    collections = {
        "parp-cycles": "cycle",
        "partnership-goals": "goal",
        "survey-answers": "answer",
        "goal-assessments": "assessment",
    }
    for path, key in collections.items():
        listing = client.get(f"/api/v1/{path}/")
        assert (path, listing.status_code, listing.json()["count"]) == (
            path,
            200,
            len(MAY_VIEW[name]),
        )
        for marking, objects in records.items():
            pk = objects[key].pk
            visible = marking in MAY_VIEW[name]
            item = client.get(f"/api/v1/{path}/{pk}/")
            history = client.get(f"/api/v1/{path}/{pk}/history/")
            assert (path, marking, item.status_code, history.status_code) == (
                path,
                marking,
                200 if visible else 404,
                200 if visible else 404,
            )
            field = {
                "cycle": "note",
                "goal": "title",
                "answer": "answer",
                "assessment": "narrative",
            }[key]
            patch = client.patch(
                f"/api/v1/{path}/{pk}/", {field: f"by {name}"}, format="json", HTTP_IF_MATCH='"1"'
            )
            allowed = marking in MAY_CHANGE[name]
            assert (path, marking, patch.status_code) == (
                path,
                marking,
                200 if allowed else 403 if visible else 404,
            )
            model = type(objects[key])
            stored = model.objects.get(pk=pk)
            assert (path, marking, stored.version) == (path, marking, 2 if allowed else 1)
            if allowed:  # put it back for the routes below
                model.objects.filter(pk=pk).update(version=1)
    for marking, objects in records.items():
        cycle = objects["cycle"]
        visible = marking in MAY_VIEW[name]
        allowed = marking in MAY_CHANGE[name]
        denied = 403 if visible else 404
        moved = client.post(
            f"/api/v1/parp-cycles/{cycle.pk}/transition/",
            {"step": "SURVEY_RETURNED"},
            format="json",
            HTTP_IF_MATCH='"1"',
        )
        assert (marking, moved.status_code) == (marking, 200 if allowed else denied)
        exported = client.get(f"/api/v1/parp-cycles/{cycle.pk}/export-goals/")
        assert (marking, exported.status_code) == (marking, 200 if visible else 404)
        upload = client.post(
            f"/api/v1/parp-cycles/{cycle.pk}/import-goals/",
            {"file": _csv(), "dry_run": "true"},
            format="multipart",
        )
        assert (marking, upload.status_code) == (marking, 200 if allowed else denied)
        carry = client.post(
            f"/api/v1/parp-cycles/{cycle.pk}/carry-over/", {"target": cycle.pk}, format="json"
        )
        assert (marking, carry.status_code) == (marking, 400 if allowed else denied)
    series = client.get("/api/v1/parp-cycles/series/", {"nation": "AZE"})
    assert [p["total"] for p in series.json()] == [1] * len(MAY_VIEW[name])
    steps = set(ParpCycle.objects.values_list("marking", "step"))
    assert steps == {
        (m, "SURVEY_RETURNED" if m in MAY_CHANGE[name] else "SURVEY_ISSUED") for m in MARKINGS
    }
    assert PartnershipGoal.objects.count() == len(MARKINGS)


def _csv() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(
        "goals.csv",
        b"code,title,service,armed_forces\nN1,New goal,NAVY,yes\n",
        content_type="text/csv",
    )


@pytest.mark.parametrize("name", ACTIVE)
def test_api_create_of_children_needs_rights_on_the_parent(
    world: Any, name: str, api_client_for: Any
) -> None:
    records = _records(world)
    client = api_client_for(world.users[name])
    for marking, objects in records.items():
        response = client.post(
            "/api/v1/partnership-goals/",
            {"cycle": objects["cycle"].pk, "code": f"NEW-{marking}", "title": "New"},
            format="json",
        )
        allowed = marking in MAY_CHANGE[name]
        assert (marking, response.status_code) == (marking, 201 if allowed else 400)
        if not allowed and marking not in MAY_VIEW[name]:
            assert response.json()["error"]["fields"]["cycle"] == [
                f'Invalid pk "{objects["cycle"].pk}" - object does not exist.'
            ]
    assert PartnershipGoal.objects.filter(code__startswith="NEW-").count() == len(MAY_CHANGE[name])
