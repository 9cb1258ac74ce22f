"""The staffing API: pseudonyms per role (items, lists, history), ETag/If-Match, headcount and
series, field errors, constant queries."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerdesk.staffing.selectors import pseudonym
from partnerdesk.staffing.tests.helpers import SECRET_NAME, posting, reported

pytestmark = pytest.mark.django_db
D = dt.date
BASE = "/api/v1/staff-postings/"
OWN = ["aze_coordinator", "aze_assessor", "aze_viewer"]
OTHERS = [
    "geo_coordinator",
    "geo_viewer",
    "staff_all",
    "staff_geo",
    "alliance_assessor",
    "analyst",
    "admin",
]


@pytest.mark.parametrize("name", OWN + OTHERS)
def test_person_is_the_name_only_for_the_sending_nation(
    world: Any, api_client_for: Any, name: str
) -> None:
    row = posting(world, marking="PUBLIC")
    client = api_client_for(world.users[name])
    item = client.get(f"{BASE}{row.pk}/")
    listed = client.get(BASE)
    history = client.get(f"{BASE}{row.pk}/history/")
    assert (item.status_code, listed.status_code, history.status_code) == (200, 200, 200)
    expected = SECRET_NAME if name in OWN else pseudonym(row.pk, "AZE")
    assert (item.json()["person"], item.json()["person_is_pseudonym"]) == (
        expected,
        name not in OWN,
    )
    assert "person_name" not in item.json()
    assert [r["person"] for r in listed.json()["results"]] == [expected]
    assert SECRET_NAME not in history.content.decode()
    if name not in OWN:
        assert SECRET_NAME not in item.content.decode() + listed.content.decode()


def test_update_needs_if_match_and_refuses_stale_versions(world: Any, api_client_for: Any) -> None:
    row = posting(world)
    client = api_client_for(world.users["aze_coordinator"])
    url = f"{BASE}{row.pk}/"
    assert client.get(url)["ETag"] == '"1"'
    assert client.patch(url, {"rank": "Colonel"}, format="json").status_code == 428
    changed = client.patch(url, {"rank": "Colonel"}, format="json", HTTP_IF_MATCH='"1"')
    assert changed.status_code == 200
    assert (changed["ETag"], changed.json()["rank"]) == ('"2"', "Colonel")
    stale = client.patch(url, {"rank": "General"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412
    assert client.delete(url, HTTP_IF_MATCH='"2"').status_code == 204


def test_staff_may_edit_but_not_name(world: Any, api_client_for: Any) -> None:
    row = posting(world)
    client = api_client_for(world.users["staff_all"])
    url = f"{BASE}{row.pk}/"
    refused = client.patch(url, {"person_name": "X"}, format="json", HTTP_IF_MATCH='"1"')
    assert refused.status_code == 400
    assert "Only users of the sending nation may set the person's name." in json.dumps(
        refused.json()
    )
    ok = client.patch(url, {"post_title": "Liaison"}, format="json", HTTP_IF_MATCH='"1"')
    assert ok.status_code == 200
    assert ok.json()["person"] == pseudonym(row.pk, "AZE")


def test_create_with_field_errors(world: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    body: dict[str, Any] = {
        "nation": "AZE",
        "scheme": "PSE",
        "person_name": "Kamran Testov",
        "host": "NATO-IS",
        "post_title": "Staff officer",
        "start_on": "2016-03-01",
        "end_on": "2015-01-01",
    }
    bad = client.post(BASE, body, format="json")
    assert bad.status_code == 400
    assert "The end (1 Jan 2015) is before the start (1 Mar 2016)." in json.dumps(bad.json())
    body["end_on"] = None
    created = client.post(BASE, body, format="json")
    assert created.status_code == 201
    assert (created.json()["person"], created.json()["end"]) == ("Kamran Testov", "serving")
    staff_view = api_client_for(world.users["staff_all"]).get(f"{BASE}{created.json()['id']}/")
    assert staff_view.json()["person"] == pseudonym(created.json()["id"], "AZE")


def test_headcount_and_series_endpoints(world: Any, api_client_for: Any) -> None:
    posting(world, marking="PUBLIC", start=D(2016, 1, 1), end=D(2016, 5, 1), end_precision="MONTH")
    posting(world, marking="PUBLIC", start=D(2015, 1, 1), at="SHAPE")
    client = api_client_for(world.users["analyst"])
    hq = client.get(f"{BASE}headcount/", {"nation": "AZE", "on": "2016-05-31", "scope": "NATO_HQ"})
    assert hq.json() == {
        "nation": "AZE",
        "on": "2016-05-31",
        "scope": "NATO_HQ",
        "scheme": "",
        "count": 1,
    }
    every = client.get(f"{BASE}headcount/", {"nation": "aze", "on": "2016-06-01"})
    assert (every.json()["scope"], every.json()["count"]) == ("ALL_BODIES", 1)
    missing = client.get(f"{BASE}headcount/", {"nation": "XXX", "on": "2016-06-01"})
    assert missing.status_code == 400
    assert "No nation with code 'XXX'." in json.dumps(missing.json())
    bad = client.get(f"{BASE}headcount/", {"nation": "AZE", "on": "June", "scope": "HQ"})
    assert bad.status_code == 400
    assert {"on", "scope"} <= set(json.dumps(bad.json()).replace('"', " ").split())
    series = client.get(f"{BASE}series/", {"nation": "AZE", "start": 2015, "end": 2017})
    assert series.json()["points"] == [
        {"year": 2015, "on": "2015-07-01", "count": 1, "started": 1, "ended": 0},
        {"year": 2016, "on": "2016-07-01", "count": 1, "started": 1, "ended": 1},
        {"year": 2017, "on": "2017-07-01", "count": 1, "started": 0, "ended": 0},
    ]
    half = client.get(f"{BASE}series/", {"nation": "AZE", "start": 2015})
    assert half.status_code == 400


def test_reported_headcounts_api(world: Any, api_client_for: Any) -> None:
    row = reported(world, marking="PUBLIC", qualifier="MORE_THAN", count=40, wording="over 40")
    client = api_client_for(world.users["geo_viewer"])
    item = client.get(f"/api/v1/staff-reported-headcounts/{row.pk}/").json()
    assert (item["figure"], item["as_of_display"], item["scope"]) == (
        ">40",
        "7 Mar 2016",
        "NATO_HQ",
    )
    coordinator = api_client_for(world.users["aze_coordinator"])
    created = coordinator.post(
        "/api/v1/staff-reported-headcounts/",
        {
            "nation": "AZE",
            "as_of": "2014-03-25",
            "as_of_precision": "MONTH",
            "scope": "ALL_BODIES",
            "count": 7,
        },
        format="json",
    )
    assert created.status_code == 201
    assert created.json()["as_of_display"] == "March 2014"


def test_list_query_count_does_not_grow(world: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["staff_all"])
    for index in range(3):
        posting(world, post_title=f"Post {index}")
    client.get(BASE)
    with CaptureQueriesContext(connection) as small:
        assert len(client.get(BASE).json()["results"]) == 3
    for index in range(3, 9):
        posting(world, post_title=f"Post {index}")
    with CaptureQueriesContext(connection) as large:
        assert len(client.get(BASE).json()["results"]) == 9
    assert len(large.captured_queries) == len(small.captured_queries)
