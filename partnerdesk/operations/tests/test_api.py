"""The operations API: derived totals, typed totals refused, ETag/If-Match, series, errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerdesk.operations.models import ContributionSnapshot
from partnerdesk.operations.tests.helpers import operation, snapshot, turkey
from partnerdesk.sources.models import Source

pytestmark = pytest.mark.django_db

URL = "/api/v1/operation-contributions/"
TOTAL_MESSAGE = (
    "The total is derived from the categories (infantry, medical officers, sappers, staff "
    "officers, other); give those instead."
)


def _body(**extra: Any) -> dict[str, Any]:
    return {
        "nation": "AZE",
        "marking": "PUBLIC",
        "operation": "RSM",
        "as_of": "2015-06-01",
        "as_of_precision": "YEAR",
        "infantry": 90,
        "medical_officers": 2,
        "engineers": 2,
    } | extra


def test_create_read_update_with_etags_and_derived_total(world: Any, api_client_for: Any) -> None:
    operation("RSM")
    turkey()
    source = Source.objects.create(key="S81", title="90+2+2")
    client = api_client_for(world.users["aze_coordinator"])
    created = client.post(
        URL,
        _body(framework_nation="TUR", task="Kabul airport", sources=[source.pk]),
        format="json",
    )
    assert created.status_code == 201
    data = created.json()
    assert created["ETag"] == '"1"'
    assert {
        k: data[k] for k in ("nation", "operation", "as_of", "date", "total", "total_label")
    } == {
        "nation": "AZE",
        "operation": "RSM",
        "as_of": "2015-01-01",
        "date": "2015",
        "total": 94,
        "total_label": "94",
    }
    assert (data["framework_nation"], data["sources"], data["version"]) == ("TUR", [source.pk], 1)
    item = f"{URL}{data['id']}/"
    assert client.patch(item, {"staff_officers": 6}, format="json").status_code == 428
    stale = client.patch(item, {"staff_officers": 6}, format="json", HTTP_IF_MATCH='"7"')
    assert (stale.status_code, stale["ETag"]) == (412, '"1"')
    patched = client.patch(item, {"staff_officers": 6}, format="json", HTTP_IF_MATCH='"1"')
    assert (patched.status_code, patched["ETag"], patched.json()["total"]) == (200, '"2"', 100)
    refused = client.patch(item, {"total": 120}, format="json", HTTP_IF_MATCH='"2"')
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"] == {"total": [TOTAL_MESSAGE]}
    assert ContributionSnapshot.objects.get().version == 2
    history = client.get(item + "history/").json()
    assert [row["action"] for row in history["results"]] == ["UPDATE", "CREATE"]
    deleted = client.delete(item, HTTP_IF_MATCH='"2"')
    assert deleted.status_code == 204


def test_typed_total_and_bad_counts_are_refused_by_field(world: Any, api_client_for: Any) -> None:
    operation("RSM")
    client = api_client_for(world.users["staff_all"])
    typed = client.post(URL, _body(total=94), format="json")
    assert typed.json()["error"]["fields"] == {"total": [TOTAL_MESSAGE]}
    negative = client.post(URL, _body(engineers=-1, operation="XYZ"), format="json")
    assert negative.json()["error"]["fields"] == {
        "engineers": ["Ensure this value is greater than or equal to 0."],
        "operation": ["Object with code=XYZ does not exist."],
    }
    zeros = client.post(
        URL, _body(infantry=0, medical_officers=0, engineers=0, as_of="2021-08-26"), format="json"
    )
    assert zeros.json()["error"] == {
        "status": 400,
        "code": "validation_error",
        "message": "The input is not valid.",
        "fields": {
            "headcount": [
                "Give at least one category above 0, or tick “withdrawal” to record that the "
                "contingent left."
            ]
        },
        "request_id": zeros.json()["error"]["request_id"],
    }
    assert ContributionSnapshot.objects.count() == 0


def test_series_endpoint_orders_each_operation_by_date(world: Any, api_client_for: Any) -> None:
    isaf, rsm = operation("ISAF"), operation("RSM")
    snapshot(
        world,
        rsm,
        dt.date(2018, 1, 9),
        marking="PUBLIC",
        infantry=112,
        staff_officers=6,
        medical_officers=2,
    )
    snapshot(world, isaf, dt.date(2009, 1, 1), precision="YEAR", infantry=90, approximate=True)
    snapshot(world, isaf, dt.date(2002, 11, 20), marking="PUBLIC", infantry=22)
    snapshot(world, rsm, dt.date(2021, 8, 26), marking="PUBLIC", infantry=0, withdrawal=True)
    client = api_client_for(world.users["staff_all"])
    series = client.get(URL + "series/?nation=aze").json()
    assert [
        (s["code"], [(p["date_display"], p["total_label"]) for p in s["points"]]) for s in series
    ] == [
        ("ISAF", [("20 Nov 2002", "22"), ("2009", "~90")]),
        ("RSM", [("9 Jan 2018", "120"), ("26 Aug 2021", "0")]),
    ]
    only_rsm = client.get(URL + "series/?nation=AZE&operation=rsm").json()
    assert [s["code"] for s in only_rsm] == ["RSM"]
    analyst = api_client_for(world.users["analyst"]).get(URL + "series/?nation=AZE").json()
    assert [(s["code"], len(s["points"])) for s in analyst] == [("ISAF", 1), ("RSM", 2)]
    missing = client.get(URL + "series/")
    assert missing.json()["error"]["fields"] == {"nation": ["Give the code of a nation, e.g. AZE."]}
    unknown = client.get(URL + "series/?nation=AZE&operation=NOPE")
    assert unknown.json()["error"]["fields"] == {"operation": ["No operation with the code NOPE."]}


def test_operation_api_refuses_a_mandate_that_excludes_snapshots(
    world: Any, api_client_for: Any
) -> None:
    isaf = operation("ISAF")
    snapshot(world, isaf, dt.date(2008, 1, 15), infantry=40)
    client = api_client_for(world.users["admin"])
    response = client.patch(
        f"/api/v1/operations/{isaf.pk}/",
        {"mandate_end": "2005-12-31"},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    assert response.json()["error"]["fields"] == {
        "mandate_end": ["Azerbaijan's contribution of 15 Jan 2008 would fall outside the mandate."]
    }
    item = client.get(f"/api/v1/operations/{isaf.pk}/").json()
    assert (item["mandate"], item["mandate_end_precision"], item["version"]) == (
        "2001–28 Dec 2014",
        "DAY",
        1,
    )
    refused = client.delete(f"/api/v1/operations/{isaf.pk}/", HTTP_IF_MATCH='"1"')
    assert refused.json()["error"]["fields"] == {
        "non_field_errors": ["“ISAF” still has contribution snapshots; delete those first."]
    }


@pytest.mark.parametrize("path", [URL, URL + "series/?nation=AZE", "/api/v1/operations/"])
def test_collection_query_count_does_not_grow(world: Any, api_client_for: Any, path: str) -> None:
    client = api_client_for(world.users["staff_all"])
    source = Source.objects.create(key="S79", title="chronology")

    def fill(start: int, count: int) -> None:
        for index in range(start, start + count):
            target = operation(f"OP{index}")
            target.sources.add(source)
            row = snapshot(world, target, dt.date(2000 + index, 1, 1), framework_nation=turkey())
            row.sources.add(source)

    fill(0, 3)
    with CaptureQueriesContext(connection) as small:
        assert client.get(path).status_code == 200
    fill(3, 3)
    with CaptureQueriesContext(connection) as large:
        assert client.get(path).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
