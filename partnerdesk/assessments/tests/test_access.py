"""The role x marking matrix on every "app_tested" route of access_rules.py (web and API).

Expectations are written out independently of core.permissions: for a record owned by
Azerbaijan, which markings each user may see and change.
"""

from __future__ import annotations

from typing import Any

import pytest

from partnerdesk.assessments.models import AssessmentRound, FollowUp
from partnerdesk.assessments.tests.access_rules import ROUTES
from partnerdesk.assessments.tests.conftest import LATER, make_plan, open_round
from partnerdesk.testing.access import (
    MAY_CHANGE,
    MAY_VIEW,
)
from partnerdesk.testing.access import (
    web_client as _web,
)
from partnerdesk.testing.world import ROLE_USERS

pytestmark = pytest.mark.django_db

NOT_NATIONAL = {"PUBLIC", "PARTNERS", "BILATERAL", "ALLIANCE_ONLY"}
RATES: dict[str, str] = {
    "aze_coordinator": "NATIONAL",
    "aze_assessor": "NATIONAL",
    "staff_all": "ALLIANCE",
    "alliance_assessor": "ALLIANCE",
}
MAY_OPEN = {"aze_coordinator", "geo_coordinator", "staff_all", "staff_geo"}
ROUND_MARKINGS = ["PUBLIC", "PARTNERS", "BILATERAL"]
ALL_MARKINGS = ["PUBLIC", "PARTNERS", "BILATERAL", "ALLIANCE_ONLY", "NATIONAL_ONLY"]

WEB_VIEW = {"assessments:detail", "assessments:export", "assessments:history"}
WEB_CHANGE = {"assessments:update"}
FOLLOW_UP_VIEW = {"assessments:followup-detail", "assessments:followup-history"}
FOLLOW_UP_CHANGE = {"assessments:followup-update"}


def test_every_app_tested_route_is_covered_here() -> None:
    covered = (
        WEB_VIEW
        | WEB_CHANGE
        | FOLLOW_UP_VIEW
        | FOLLOW_UP_CHANGE
        | {"assessments:create", "assessments:plan-analytics"}
        | {
            "assessment-round-list",
            "assessment-round-detail",
            "assessment-round-history",
            "assessment-round-submit",
            "assessment-round-close",
            "assessment-round-analytics",
            "assessment-round-plan-analytics",  # test_plan_analytics.py
            "assessment-round-export",
            "assessment-round-divergences-to-follow-ups",
            "rating-list",
            "rating-detail",
            "rating-history",
            "follow-up-list",
            "follow-up-detail",
            "follow-up-history",
        }
    )
    assert covered == {route for route, kind in ROUTES.items() if kind == "app_tested"}


@pytest.fixture
def rounds(world: Any) -> dict[str, AssessmentRound]:
    made = {}
    for marking in ROUND_MARKINGS:
        fixture = make_plan(world.aze, marking=marking, title=f"Plan {marking}")
        made[marking] = open_round(fixture.plan, deadline=LATER)
    return made


@pytest.fixture
def follow_ups(world: Any) -> dict[str, FollowUp]:
    fixture = make_plan(world.aze, marking="PUBLIC", title="Plan for follow-ups")
    return {
        marking: FollowUp.objects.create(
            owner=world.aze,
            marking=marking,
            objective=fixture.objectives[0],
            text=f"Follow-up {marking}",
        )
        for marking in ALL_MARKINGS
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
def test_web_round_and_follow_up_routes_follow_the_marking_rules(
    world: Any, rounds: dict[str, Any], follow_ups: dict[str, Any], name: str
) -> None:
    client = _web(world.users[name])
    seen: dict[tuple[str, str], int] = {}
    expected: dict[tuple[str, str], int] = {}
    paths = {
        "assessments:detail": "/assessments/{}/",
        "assessments:export": "/assessments/{}/export/?format=csv",
        "assessments:history": "/assessments/{}/history/",
        "assessments:update": "/assessments/{}/edit/",
        "assessments:followup-detail": "/assessments/follow-ups/{}/",
        "assessments:followup-history": "/assessments/follow-ups/{}/history/",
        "assessments:followup-update": "/assessments/follow-ups/{}/edit/",
    }
    for marking, assessment in rounds.items():
        for route in WEB_VIEW | WEB_CHANGE:
            seen[(route, marking)] = client.get(paths[route].format(assessment.pk)).status_code
            rule = _view if route in WEB_VIEW else _change
            expected[(route, marking)] = rule(name, marking)
    for marking, follow_up in follow_ups.items():
        for route in FOLLOW_UP_VIEW | FOLLOW_UP_CHANGE:
            seen[(route, marking)] = client.get(paths[route].format(follow_up.pk)).status_code
            rule = _view if route in FOLLOW_UP_VIEW else _change
            expected[(route, marking)] = rule(name, marking)
    create = client.get("/assessments/new/").status_code
    seen[("assessments:create", "-")] = create
    expected[("assessments:create", "-")] = (
        302 if name == "deactivated" else 200 if name in MAY_OPEN else 403
    )
    assert seen == expected


@pytest.mark.parametrize("name", [n for n in ROLE_USERS if n != "deactivated"])
def test_api_routes_follow_the_marking_rules(
    world: Any,
    rounds: dict[str, Any],
    follow_ups: dict[str, Any],
    name: str,
    api_client_for: Any,
) -> None:
    client = api_client_for(world.users[name])
    listed = {r["marking"] for r in client.get("/api/v1/assessment-rounds/").json()["results"]}
    assert listed == {m for m in ROUND_MARKINGS if m in MAY_VIEW[name]}
    listed_follow_ups = {r["marking"] for r in client.get("/api/v1/follow-ups/").json()["results"]}
    assert listed_follow_ups == MAY_VIEW[name]
    assert client.get("/api/v1/ratings/").json()["count"] == 0
    seen: dict[tuple[str, str], int] = {}
    expected: dict[tuple[str, str], int] = {}
    for marking, assessment in rounds.items():
        base = f"/api/v1/assessment-rounds/{assessment.pk}/"
        visible = 200 if marking in MAY_VIEW[name] else 404
        for suffix in ("", "history/", "analytics/", "export/?format=csv"):
            seen[(base + suffix, marking)] = client.get(base + suffix).status_code
            expected[(base + suffix, marking)] = visible
        patch = client.patch(base, {"note": name}, format="json", HTTP_IF_MATCH='"1"')
        seen[("patch", marking)] = patch.status_code
        expected[("patch", marking)] = _change(name, marking)
        close = client.post(
            base + "close/", HTTP_IF_MATCH='"2"' if patch.status_code == 200 else '"1"'
        )
        seen[("close", marking)] = close.status_code
        # the deadline has not passed and nobody submitted: managers get a clear 400
        expected[("close", marking)] = (
            400 if _change(name, marking) == 200 else _change(name, marking)
        )
        submit = client.post(base + "submit/", {"side": RATES.get(name, "NATIONAL")}, format="json")
        seen[("submit", marking)] = submit.status_code
        if visible == 404:
            expected[("submit", marking)] = 404
        else:
            # a rater may submit, but nothing is rated yet: 400; everyone else: 403
            expected[("submit", marking)] = 400 if name in RATES else 403
        divergences = client.post(base + "divergences-to-follow-ups/")
        seen[("divergences", marking)] = divergences.status_code
        expected[("divergences", marking)] = (
            400 if _change(name, marking) == 200 else _change(name, marking)
        )
    for marking, follow_up in follow_ups.items():
        base = f"/api/v1/follow-ups/{follow_up.pk}/"
        visible = 200 if marking in MAY_VIEW[name] else 404
        seen[(base, marking)] = client.get(base).status_code
        seen[(base + "history/", marking)] = client.get(base + "history/").status_code
        expected[(base, marking)] = expected[(base + "history/", marking)] = visible
        patch = client.patch(base, {"text": name}, format="json", HTTP_IF_MATCH='"1"')
        seen[("follow-up patch", marking)] = patch.status_code
        expected[("follow-up patch", marking)] = _change(name, marking)
    assert seen == expected
    assert AssessmentRound.objects.filter(status="CLOSED").count() == 0
