"""Who may see and change staffing records: every route × every role × every marking.

Expectations are written out here as the specification (independently of core.permissions),
for a posting and a reported headcount owned by Azerbaijan in each marking.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from partnerdesk.staffing.tests.helpers import posting, reported
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

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(world: Any) -> dict[str, dict[str, Any]]:
    return {
        m: {
            "posting": posting(world, marking=m, post_title=f"Post marked {m}"),
            "reported": reported(world, marking=m, wording=f"figure marked {m}"),
        }
        for m in MARKINGS
    }


def _view(name: str, marking: str, login: int = 302) -> int:
    if name == "deactivated":
        return login
    return 200 if marking in MAY_VIEW[name] else 404


def _change(name: str, marking: str, login: int = 302) -> int:
    if name == "deactivated":
        return login
    if marking in MAY_CHANGE[name]:
        return 200
    return 403 if marking in MAY_VIEW[name] else 404


VIEW_ROUTES = {
    "staffing:detail": "posting",
    "staffing:history": "posting",
    "staffing:reported": "reported",
    "staffing:reported-history": "reported",
}
CHANGE_ROUTES = {
    "staffing:update": "posting",
    "staffing:delete": "posting",
    "staffing:reported-update": "reported",
    "staffing:reported-delete": "reported",
}


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_web_routes_follow_the_marking_rules(
    world: Any, records: dict[str, dict[str, Any]], name: str
) -> None:
    client = _web(world.users[name])
    seen: dict[tuple[str, str], int] = {}
    expected: dict[tuple[str, str], int] = {}
    for marking, rows in records.items():
        for route, kind in (VIEW_ROUTES | CHANGE_ROUTES).items():
            seen[(route, marking)] = client.get(reverse(route, args=[rows[kind].pk])).status_code
            rule = _view if route in VIEW_ROUTES else _change
            expected[(route, marking)] = rule(name, marking)
    assert seen == expected
    for route in ("staffing:create", "staffing:reported-create"):
        status = client.get(reverse(route)).status_code
        want = 302 if name == "deactivated" else (200 if name in MAY_CREATE else 403)
        assert (route, status) == (route, want)


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_web_list_and_headcount_show_exactly_the_visible_records(
    world: Any, records: dict[str, dict[str, Any]], name: str
) -> None:
    client = _web(world.users[name])
    listing = client.get(reverse("staffing:list"))
    counting = client.get(reverse("staffing:headcount") + "?nation=AZE&on=2016-01-01")
    if name == "deactivated":
        assert (listing.status_code, counting.status_code) == (302, 302)
        return
    body = listing.content.decode()
    assert {m for m in MARKINGS if f"Post marked {m}<" in body} == MAY_VIEW[name]
    page = counting.content.decode()
    if MAY_VIEW[name]:
        count = len(MAY_VIEW[name])
        assert f"<strong>{count}</strong> officers serving" in page
        assert {m for m in MARKINGS if f"figure marked {m}" in page} == MAY_VIEW[name]


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_web_posts_follow_the_marking_rules(
    world: Any, records: dict[str, dict[str, Any]], name: str
) -> None:
    client = _web(world.users[name])
    for marking, rows in records.items():
        url = reverse("staffing:delete", args=[rows["posting"].pk])
        response = client.post(url, {"version": "1"})
        expected = _change(name, marking)
        assert (marking, response.status_code) == (marking, 302 if expected == 200 else expected)


API = {"posting": "/api/v1/staff-postings/", "reported": "/api/v1/staff-reported-headcounts/"}
PATCHES = {"posting": {"notes": "edited"}, "reported": {"note": "edited"}}


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_api_follows_the_marking_rules(
    world: Any, records: dict[str, dict[str, Any]], name: str
) -> None:
    client = _api(world.users[name])
    seen: dict[tuple[str, str, str], int] = {}
    expected: dict[tuple[str, str, str], int] = {}
    for marking, rows in records.items():
        for kind, base in API.items():
            pk = rows[kind].pk
            seen[(kind, marking, "get")] = client.get(f"{base}{pk}/").status_code
            seen[(kind, marking, "history")] = client.get(f"{base}{pk}/history/").status_code
            seen[(kind, marking, "patch")] = client.patch(
                f"{base}{pk}/", PATCHES[kind], format="json", HTTP_IF_MATCH='"1"'
            ).status_code
            view = _view(name, marking, login=401)
            expected[(kind, marking, "get")] = view
            expected[(kind, marking, "history")] = view
            expected[(kind, marking, "patch")] = _change(name, marking, login=401)
    assert seen == expected
    for base in API.values():
        listed = client.get(base)
        if name == "deactivated":
            assert listed.status_code == 401
            continue
        assert listed.json()["count"] == len(MAY_VIEW[name])
    counted = client.get(f"{API['posting']}headcount/", {"nation": "AZE", "on": "2016-01-01"})
    series = client.get(f"{API['posting']}series/", {"nation": "AZE"})
    if name == "deactivated":
        assert (counted.status_code, series.status_code) == (401, 401)
    else:
        assert counted.json()["count"] == len(MAY_VIEW[name])
        assert series.status_code == 200
