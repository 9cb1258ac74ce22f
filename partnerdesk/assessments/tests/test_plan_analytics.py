"""Agreement of a whole plan across its revealed rounds (web, API, CLI); blind rounds never count."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from partnerdesk.assessments.models import RevealEvent
from partnerdesk.assessments.tests.conftest import PlanFixture, open_round, rate, submit
from partnerdesk.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_years(world: Any, azeplan: PlanFixture, rated_round: Any) -> PlanFixture:
    """2016 revealed (4,3,2,5 vs 4,1,2,4); 2017 revealed (1,1,1,1 vs 1,1,1,2); 2018 blind."""
    # Fixture data: stretch the plan's period so it can be assessed three years running.
    Plan.objects.filter(pk=azeplan.plan.pk).update(period_end=dt.date(2018, 12, 31))
    azeplan.plan.refresh_from_db()
    later = open_round(azeplan.plan, year=2017)
    rate(world.users["aze_assessor"], later, azeplan.objectives, [1, 1, 1, 1])
    rate(world.users["alliance_assessor"], later, azeplan.objectives, [1, 1, 1, 2])
    submit(world.users["aze_assessor"], later, "NATIONAL")
    submit(world.users["alliance_assessor"], later, "ALLIANCE")
    blind = open_round(azeplan.plan, year=2018)
    rate(world.users["aze_assessor"], blind, azeplan.objectives, [5, 5, 5, 5])
    submit(world.users["aze_assessor"], blind, "NATIONAL")
    return azeplan


def test_api_pools_revealed_rounds_by_year(
    world: Any, two_years: PlanFixture, api_client_for: Any
) -> None:
    client = api_client_for(world.users["staff_all"])
    data = client.get(
        "/api/v1/assessment-rounds/plan-analytics/", {"plan": two_years.plan.pk}
    ).json()
    assert (data["plan"], data["rounds"]) == (two_years.plan.pk, 2)
    # 8 pairs: gaps 0,2,0,1 (2016) and 0,0,0,-1 (2017): 5 exact, 7 within one, mean gap 2/8.
    assert (data["overall"]["n"], data["overall"]["exact"], data["overall"]["within_one"]) == (
        8,
        0.625,
        0.875,
    )
    assert data["overall"]["mean_gap"] == 0.25
    assert [(y["year"], y["n"], y["exact"]) for y in data["by_year"]] == [
        (2016, 4, 0.5),
        (2017, 4, 0.75),
    ]
    assert [(d["objective_code"], d["gap"]) for d in data["divergences"]] == [("1.2", 2)]
    assert RevealEvent.objects.filter(user=world.users["staff_all"]).count() == 2


def test_plan_analytics_is_scoped_and_validated(
    world: Any, two_years: PlanFixture, api_client_for: Any
) -> None:
    geo = api_client_for(world.users["geo_viewer"])
    response = geo.get("/api/v1/assessment-rounds/plan-analytics/", {"plan": two_years.plan.pk})
    assert response.status_code == 404
    bad = api_client_for(world.users["staff_all"]).get("/api/v1/assessment-rounds/plan-analytics/")
    assert (bad.status_code, bad.json()["error"]["fields"]) == (
        400,
        {"plan": ["Give the plan id as ?plan=<id>."]},
    )


def test_plan_analytics_page(world: Any, two_years: PlanFixture) -> None:
    client = Client()
    client.force_login(world.users["aze_viewer"])
    response = client.get(f"/assessments/plans/{two_years.plan.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "pooled over the 2 revealed rounds you may see" in page
    assert "<svg" in page
    other = Client()
    other.force_login(world.users["geo_viewer"])
    assert other.get(f"/assessments/plans/{two_years.plan.pk}/").status_code == 404


def test_plan_analytics_from_the_cli(world: Any, two_years: PlanFixture) -> None:
    out = io.StringIO()
    call_command(
        "assessments",
        "plan-analytics",
        "--plan",
        str(two_years.plan.pk),
        "--as",
        "alliance_assessor",
        "--json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert (data["rounds"], data["overall"]["n"], data["overall"]["exact"]) == (2, 8, 0.625)
