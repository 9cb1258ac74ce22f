"""The blind rule from every role's point of view: web page, API, CSV exports, analytics, log.

Before the reveal, a rater sees only their own side; viewers, analysts, administrators and
staff who do not rate see no rating at all; another nation sees nothing. After the reveal
everyone who may see the round sees both sides.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client

from partnerdesk.assessments.tests.conftest import make_plan, open_round, submit
from partnerdesk.testing.world import ROLE_USERS

pytestmark = pytest.mark.django_db

ACTIVE = [name for name in ROLE_USERS if name != "deactivated"]
NATIONAL_RATERS = {"aze_assessor", "aze_coordinator"}
ALLIANCE_RATERS = {"alliance_assessor", "staff_all"}
NATIONAL_PEOPLE = {"aze_assessor", "aze_coordinator", "aze_viewer"}
ALLIANCE_PEOPLE = {"alliance_assessor", "staff_all", "staff_geo", "admin"}
SEES_RELEASED_ONLY = {"geo_coordinator", "geo_viewer", "analyst"}


def may_see_round(name: str, marking: str) -> bool:
    return marking == "PUBLIC" or name not in SEES_RELEASED_ONLY


def sides_before(name: str) -> set[str]:
    if name in NATIONAL_RATERS:
        return {"NATIONAL"}
    if name in ALLIANCE_RATERS:
        return {"ALLIANCE"}
    return set()


def _rate_with_secrets(user: Any, assessment: Any, objectives: list[Any], side: str) -> None:
    from partnerdesk.assessments import services
    from partnerdesk.assessments.tests.conftest import actor_of

    for objective in objectives:
        services.rating_create(
            actor=actor_of(user),
            data={
                "round": assessment,
                "objective": objective,
                "level": 2 if side == "NATIONAL" else 4,
                "rationale": f"{side.lower()} secret {objective.code}",
            },
        )


@pytest.fixture(params=["BILATERAL", "PUBLIC"])
def setup(request: Any, world: Any) -> dict[str, Any]:
    """National side rated all and submitted; the alliance has drafts for two objectives."""
    fixture = make_plan(world.aze, marking=request.param)
    assessment = open_round(fixture.plan)
    _rate_with_secrets(world.users["aze_assessor"], assessment, fixture.objectives, "NATIONAL")
    submit(world.users["aze_assessor"], assessment, "NATIONAL")
    _rate_with_secrets(
        world.users["alliance_assessor"], assessment, fixture.objectives[:2], "ALLIANCE"
    )
    return {"round": assessment, "plan": fixture, "marking": request.param}


def _finish(world: Any, setup: dict[str, Any]) -> None:
    """The alliance rates the rest and submits: the round is revealed."""
    _rate_with_secrets(
        world.users["alliance_assessor"], setup["round"], setup["plan"].objectives[2:], "ALLIANCE"
    )
    submit(world.users["alliance_assessor"], setup["round"], "ALLIANCE")


def _web(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _secrets(text: str) -> set[str]:
    return {side for side in ("NATIONAL", "ALLIANCE") if f"{side.lower()} secret" in text}


def _observe(world: Any, name: str, assessment: Any, api_client_for: Any) -> dict[str, Any]:
    """What `name` learns about the ratings of `assessment` through every read path."""
    user = world.users[name]
    web = _web(user)
    api = api_client_for(user)
    pk = assessment.pk
    page = web.get(f"/assessments/{pk}/")
    web_csv = web.get(f"/assessments/{pk}/export/?format=csv")
    api_csv = api.get(f"/api/v1/assessment-rounds/{pk}/export/?format=csv")
    listing = api.get(f"/api/v1/ratings/?round={pk}&page_size=500")
    stats = api.get(f"/api/v1/assessment-rounds/{pk}/analytics/")
    seen: dict[str, Any] = {
        "page": page.status_code,
        "web_csv": web_csv.status_code,
        "api_csv": api_csv.status_code,
        "stats": stats.status_code,
    }
    if page.status_code == 200:
        seen["page_sides"] = _secrets(page.content.decode())
    if web_csv.status_code == 200:
        rows = list(csv.DictReader(io.StringIO(web_csv.content.decode("utf-8-sig"))))
        seen["csv_sides"] = {
            side
            for row in rows
            for side in ("NATIONAL", "ALLIANCE")
            if row[f"{side.lower()}_level"]
        }
        seen["csv_same"] = web_csv.content == api_csv.content
    seen["api_sides"] = {row["side"] for row in listing.json()["results"]}
    if stats.status_code == 200:
        seen["pairs"] = stats.json()["overall"]["n"]
    return seen


def _expected(name: str, marking: str, sides: set[str], pairs: int) -> dict[str, Any]:
    if not may_see_round(name, marking):
        return {"page": 404, "web_csv": 404, "api_csv": 404, "stats": 404, "api_sides": set()}
    return {
        "page": 200,
        "web_csv": 200,
        "api_csv": 200,
        "stats": 200,
        "page_sides": sides,
        "csv_sides": sides,
        "csv_same": True,
        "api_sides": sides,
        "pairs": pairs,
    }


@pytest.mark.parametrize("name", ACTIVE)
def test_before_the_reveal_each_role_sees_at_most_its_own_side(
    world: Any, setup: dict[str, Any], name: str, api_client_for: Any
) -> None:
    seen = _observe(world, name, setup["round"], api_client_for)
    assert seen == _expected(name, setup["marking"], sides_before(name), 0)


@pytest.mark.parametrize("name", ACTIVE)
def test_after_the_reveal_everyone_who_sees_the_round_sees_both_sides(
    world: Any, setup: dict[str, Any], name: str, api_client_for: Any
) -> None:
    _finish(world, setup)
    seen = _observe(world, name, setup["round"], api_client_for)
    assert seen == _expected(name, setup["marking"], {"NATIONAL", "ALLIANCE"}, 4)


@pytest.mark.parametrize("name", ACTIVE)
def test_the_other_sides_rating_answers_404_item_and_history(
    world: Any, setup: dict[str, Any], name: str, api_client_for: Any
) -> None:
    api = api_client_for(world.users[name])
    from partnerdesk.assessments.models import Rating

    for rating in Rating.objects.filter(round=setup["round"]):
        visible = rating.side in sides_before(name)
        item = api.get(f"/api/v1/ratings/{rating.pk}/")
        history = api.get(f"/api/v1/ratings/{rating.pk}/history/")
        assert (rating.side, item.status_code, history.status_code) == (
            rating.side,
            200 if visible else 404,
            200 if visible else 404,
        )


@pytest.mark.parametrize("name", ACTIVE)
def test_the_change_log_never_shows_the_other_sides_ratings_before_the_reveal(
    world: Any, setup: dict[str, Any], name: str, api_client_for: Any
) -> None:
    api = api_client_for(world.users[name])
    logged = _secrets(api.get("/api/v1/changes/?page_size=500").content.decode())
    page = _secrets(_web(world.users[name]).get("/changes/").content.decode())
    own = (
        {"NATIONAL"}
        if name in NATIONAL_PEOPLE
        else {"ALLIANCE"}
        if name in ALLIANCE_PEOPLE
        else set()
    )
    assert logged == own
    assert page <= own  # the page shows values of updates only


@pytest.mark.parametrize("name", ACTIVE)
def test_round_listings_say_only_whether_each_side_submitted(
    world: Any, setup: dict[str, Any], name: str, api_client_for: Any
) -> None:
    api = api_client_for(world.users[name])
    rows = api.get("/api/v1/assessment-rounds/").json()["results"]
    if not may_see_round(name, setup["marking"]):
        assert rows == []
        return
    (row,) = rows
    assert (row["national_submitted"], row["alliance_submitted"], row["revealed"]) == (
        True,
        False,
        False,
    )
    assert not {"ratings", "rating_count", "rated"} & set(row)
    body = _web(world.users[name]).get("/assessments/").content.decode()
    assert "secret" not in body


def test_xlsx_export_follows_the_same_rule(
    world: Any, setup: dict[str, Any], api_client_for: Any
) -> None:
    import openpyxl

    api = api_client_for(world.users["alliance_assessor"])
    response = api.get(f"/api/v1/assessment-rounds/{setup['round'].pk}/export/?format=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = values[0]
    national = header.index("national_level")
    alliance = header.index("alliance_level")
    assert [row[national] for row in values[1:]] == [None, None, None, None]
    assert [row[alliance] for row in values[1:]] == ["4", "4", None, None]
