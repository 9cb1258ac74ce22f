"""The trust-fund API: exact money as strings, ETag/If-Match, life-cycle moves, totals with an
explicit-rate conversion, one error format, constant query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerdesk.core.actor import Actor
from partnerdesk.trustfunds.models import Contribution, Phase, Project
from partnerdesk.trustfunds.services import agreement_create
from partnerdesk.trustfunds.tests.helpers import contribution, kpi, org, phase, project

pytestmark = pytest.mark.django_db


def test_money_round_trips_as_exact_strings(world: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    created = client.post(
        "/api/v1/trustfund-projects/",
        {
            "nation": "AZE",
            "title": "Saloglu UXO clearance",
            "theme": "DEMINING",
            "requested_on": "2001-12-17",
            "requested_precision": "MONTH",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["status"], body["requested"], body["moves"], created["ETag"]) == (
        "REQUESTED",
        "December 2001",
        ["SCOPING"],
        '"1"',
    )
    phase_response = client.post(
        "/api/v1/trustfund-phases/",
        {
            "project": body["id"],
            "number": 2,
            "budget": "440000.00",
            "currency": "EUR",
            "lead_nations": ["AZE"],
            "start_on": "2007-06-15",
            "start_precision": "MONTH",
        },
        format="json",
    )
    assert phase_response.status_code == 201, phase_response.json()
    phase_id = phase_response.json()["id"]
    assert (phase_response.json()["budget"], phase_response.json()["start"]) == (
        "440000.00",
        "June 2007",
    )
    amounts = ["131000.00", "50000.00", "15000.00", "0.10", "0.20"]
    for amount in amounts:
        response = client.post(
            "/api/v1/trustfund-contributions/",
            {"phase": phase_id, "donor": "AZE", "amount": amount, "currency": "EUR"},
            format="json",
        )
        assert (response.status_code, response.json()["amount"]) == (201, amount)
    stored = sorted(Contribution.objects.values_list("amount", flat=True))
    assert stored == sorted(Decimal(a) for a in amounts)
    totals = client.get(f"/api/v1/trustfund-projects/{body['id']}/totals/").json()
    assert totals["total"]["contributed"] == {"EUR": "196000.30"}  # no float drift
    assert totals["total"]["remaining"] == {"EUR": "243999.70"}
    assert totals["by_phase"][0]["name"] == "Saloglu UXO clearance, phase 2"
    too_fine = client.post(
        "/api/v1/trustfund-contributions/",
        {"phase": phase_id, "donor": "AZE", "amount": "1.005", "currency": "EUR"},
        format="json",
    )
    assert too_fine.status_code == 400
    assert too_fine.json()["error"]["fields"] == {
        "amount": ["Ensure that there are no more than 2 decimal places."]
    }
    no_currency = client.post(
        "/api/v1/trustfund-contributions/",
        {"phase": phase_id, "donor": "AZE", "amount": "5.00"},
        format="json",
    )
    assert no_currency.json()["error"]["fields"] == {
        "currency": ["Give the currency of the amount."]
    }
    assert Contribution.objects.count() == 5


def test_etag_if_match_and_moves(world: Any, api_client_for: Any) -> None:
    target = project(world)
    client = api_client_for(world.users["staff_all"])
    url = f"/api/v1/trustfund-projects/{target.pk}/"
    assert client.get(url)["ETag"] == '"1"'
    assert client.patch(url, {"summary": "x"}, format="json").status_code == 428
    changed = client.patch(url, {"summary": "Agstafa district"}, format="json", HTTP_IF_MATCH='"1"')
    assert (changed.status_code, changed["ETag"]) == (200, '"2"')
    stale = client.patch(url, {"summary": "y"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412
    skipped = client.post(
        url + "transition/", {"status": "PRESENTED"}, format="json", HTTP_IF_MATCH='"2"'
    )
    assert skipped.status_code == 400
    assert skipped.json()["error"]["fields"] == {
        "status": [
            "Cannot move from Requested to Presented. From Requested it can move to: Scoping."
        ]
    }
    moved = client.post(
        url + "transition/", {"status": "SCOPING"}, format="json", HTTP_IF_MATCH='"2"'
    )
    assert (moved.status_code, moved.json()["status"], moved["ETag"]) == (200, "SCOPING", '"3"')
    by_patch = client.patch(url, {"status": "CLOSED"}, format="json", HTTP_IF_MATCH='"3"')
    assert by_patch.json()["error"]["fields"] == {
        "status": ["Change the status with a move along the life cycle."]
    }
    history = client.get(url + "history/").json()
    assert [r["action"] for r in history["results"]] == ["UPDATE", "UPDATE", "CREATE"]
    assert client.delete(url, HTTP_IF_MATCH='"3"').status_code == 204
    assert not Project.objects.exists()


def test_totals_convert_only_at_explicit_rates(world: Any, api_client_for: Any) -> None:
    target = project(world)
    first = phase(target, 1, budget="440000.00")
    contribution(first, org("TUR"), "50000.00")
    contribution(first, org("USA"), "1000.00", currency="USD")
    client = api_client_for(world.users["aze_viewer"])
    url = f"/api/v1/trustfund-projects/{target.pk}/totals/"
    refused = client.get(url, {"to": "EUR"})
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"] == {
        "rate": [
            "Give a rate for USD to EUR (for example USD:1.0); currencies are never added "
            "without an explicit rate."
        ]
    }
    converted = client.get(url, {"to": "EUR", "rate": "USD:0.915"}).json()
    assert converted["total"]["contributed"] == {"EUR": "50000.00", "USD": "1000.00"}
    assert converted["conversion"] == {
        "target": "EUR",
        "rates": {"USD": "0.915"},
        "budget": {
            "lines": [
                {"currency": "EUR", "amount": "440000.00", "rate": "1", "converted": "440000.00"}
            ],
            "total": "440000.00",
        },
        "contributed": {
            "lines": [
                {"currency": "EUR", "amount": "50000.00", "rate": "1", "converted": "50000.00"},
                {"currency": "USD", "amount": "1000.00", "rate": "0.915", "converted": "915.00"},
            ],
            "total": "50915.00",
        },
    }
    assert client.get(url, {"rate": "USD:1"}).json()["error"]["fields"] == {
        "to": ["Name the currency to convert to (e.g. to=EUR)."]
    }
    everything = client.get("/api/v1/trustfund-projects/totals/", {"nation": "AZE"}).json()
    assert everything["total"]["budget"] == {"EUR": "440000.00"}
    assert client.get("/api/v1/trustfund-projects/totals/", {"nation": "XX"}).status_code == 400


def test_children_take_owner_from_the_project_and_hidden_parents_do_not_exist(
    world: Any, api_client_for: Any
) -> None:
    target = project(world, marking="NATIONAL_ONLY")
    client = api_client_for(world.users["staff_all"])
    hidden = client.post(
        "/api/v1/trustfund-phases/", {"project": target.pk, "number": 1}, format="json"
    )
    assert hidden.json()["error"]["fields"] == {
        "project": [f'Invalid pk "{target.pk}" - object does not exist.']
    }
    own = api_client_for(world.users["aze_coordinator"])
    created = own.post(
        "/api/v1/trustfund-phases/",
        {"project": target.pk, "number": 1, "executing_agent": "NATO-IS"},
        format="json",
    )
    assert created.status_code == 201
    assert (created.json()["nation"], created.json()["marking"]) == ("AZE", "NATIONAL_ONLY")
    first = Phase.objects.get()
    kpi_response = own.post(
        "/api/v1/trustfund-kpis/",
        {
            "phase": first.pk,
            "metric": "HECTARES_CLEARED",
            "value": "568",
            "as_of": "2008-06-30",
            "as_of_precision": "MONTH",
            "detail": "surface",
        },
        format="json",
    )
    assert kpi_response.status_code == 201, kpi_response.json()
    assert (kpi_response.json()["value"], kpi_response.json()["display"]) == ("568.000", "568 ha")
    agreement = own.post(
        "/api/v1/trustfund-agreements/",
        {
            "project": target.pk,
            "phase": first.pk,
            "kind": "FMA",
            "signed_on": "2005-02-14",
            "parties": ["AZE", "GEO"],
        },
        format="json",
    )
    assert agreement.status_code == 201
    assert (agreement.json()["parties"], agreement.json()["signed"]) == (
        ["AZE", "GEO"],
        "14 Feb 2005",
    )


def _fill(world: Any, count: int, start: int) -> None:
    for index in range(start, start + count):
        target = project(world, title=f"Project {index}", sources=[])
        first = phase(
            target, 1, budget="1.00", lead_nations=[world.aze.pk], executing_agent=world.nato
        )
        contribution(first, world.geo, "2.00")
        kpi(first, "ITEMS_DESTROYED", "3", dt.date(2010, 1, 1))
        agreement_create(
            actor=Actor.system(),
            data={
                "project": target,
                "kind": "MOU",
                "signed_on": dt.date(2003, 4, 2),
                "parties": [world.aze.pk],
            },
        )


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/trustfund-projects/",
        "/api/v1/trustfund-phases/",
        "/api/v1/trustfund-contributions/",
        "/api/v1/trustfund-agreements/",
        "/api/v1/trustfund-kpis/",
        "/api/v1/trustfund-projects/totals/",
    ],
)
def test_lists_take_a_fixed_number_of_queries(world: Any, api_client_for: Any, path: str) -> None:
    client = api_client_for(world.users["staff_all"])
    _fill(world, 2, 0)
    with CaptureQueriesContext(connection) as small:
        first = client.get(path)
    _fill(world, 2, 2)
    with CaptureQueriesContext(connection) as large:
        second = client.get(path)
    assert (first.status_code, second.status_code) == (200, 200)
    if "totals" not in path:
        assert (first.json()["count"], second.json()["count"]) == (2, 4)
    assert len(large.captured_queries) == len(small.captured_queries)
