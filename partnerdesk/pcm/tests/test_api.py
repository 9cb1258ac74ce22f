"""The pcm API: CRUD with ETags, publish, import (dry run) and export, filters, line
validation errors, and list query counts that do not grow with the rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerdesk.pcm import exports
from partnerdesk.pcm.models import Activity, ProgrammeLine
from partnerdesk.pcm.tests import helpers as h

pytestmark = pytest.mark.django_db


def test_activity_crud_with_etags(world: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["staff_all"])
    catalogue = h.catalogue(2015)
    created = client.post(
        "/api/v1/pcm/activities/",
        {
            "catalogue": catalogue.pk,
            "title": "Border workshop",
            "area": "BORDER",
            "format": "WORKSHOP",
            "organiser": "NATO-IS",
            "eligible_frameworks": ["EAPC_PFP"],
            "eligible_nations": ["GEO"],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["code"], body["year"], body["eligible_nations"], created["ETag"]) == (
        "PCM-2015-BORDER-0001",
        2015,
        ["GEO"],
        '"1"',
    )
    url = f"/api/v1/pcm/activities/{body['id']}/"
    assert client.patch(url, {"title": "x"}, format="json").status_code == 428
    assert client.patch(url, {"title": "x"}, format="json", HTTP_IF_MATCH='"7"').status_code == 412
    changed = client.patch(url, {"duration_days": 3}, format="json", HTTP_IF_MATCH='"1"')
    assert (changed.status_code, changed.json()["duration_days"], changed["ETag"]) == (
        200,
        3,
        '"2"',
    )
    bad = client.patch(url, {"code": "PCM-2015-LOG-0001"}, format="json", HTTP_IF_MATCH='"2"')
    assert bad.status_code == 400
    assert client.get(url + "history/").json()["count"] == 2
    assert client.delete(url, HTTP_IF_MATCH='"2"').status_code == 204
    assert Activity.objects.count() == 0


def test_activity_filters(world: Any, api_client_for: Any) -> None:
    h.activity(world, 2015, "CYBER", 1)
    h.activity(world, 2015, "CT", 2, eligible_frameworks=["MD"])
    h.activity(world, 2016, "CYBER", 3)
    client = api_client_for(world.users["analyst"])

    def codes(query: str) -> list[str]:
        return [
            row["code"] for row in client.get(f"/api/v1/pcm/activities/?{query}").json()["results"]
        ]

    assert codes("year=2015") == ["PCM-2015-CT-0002", "PCM-2015-CYBER-0001"]
    assert codes("area=CYBER&year=2016") == ["PCM-2016-CYBER-0003"]
    assert codes("eligible_for=AZE&year=2015") == ["PCM-2015-CYBER-0001"]
    assert codes("q=ct+course") == ["PCM-2015-CT-0002"]


def test_catalogue_import_export_and_publish(world: Any, api_client_for: Any) -> None:
    h.activity(world, 2015, "CYBER", 1)
    catalogue = h.catalogue(2015)
    client = api_client_for(world.users["admin"])
    exported = client.get(f"/api/v1/pcm/catalogues/{catalogue.pk}/export/?format=csv")
    assert (exported.status_code, exported["Content-Type"]) == (200, exports.FORMATS["csv"])
    assert (
        client.get(f"/api/v1/pcm/catalogues/{catalogue.pk}/export/?format=pdf").status_code == 400
    )
    content = exported.content.replace(
        b"PCM-2015-CYBER-0001,CYBER course 1", b"PCM-2015-CYBER-0001,Renamed"
    )
    dry = client.post(
        "/api/v1/pcm/catalogues/import/?year=2015&dry_run=1",
        {"file": SimpleUploadedFile("m.csv", content)},
    )
    assert (dry.status_code, dry.json()["rows"][0]["changes"], dry.json()["written"]) == (
        200,
        ["title"],
        False,
    )
    assert Activity.objects.get().title == "CYBER course 1"
    real = client.post(
        "/api/v1/pcm/catalogues/import/?year=2015", {"file": SimpleUploadedFile("m.csv", content)}
    )
    assert (real.status_code, real.json()["summary"]) == (
        200,
        "0 activities were created, 1 updated, 0 unchanged in the 2015 menu.",
    )
    broken = client.post(
        "/api/v1/pcm/catalogues/import/?year=2015",
        {"file": SimpleUploadedFile("m.csv", content.replace(b",COURSE,", b",NAP,"))},
    )
    assert broken.status_code == 400
    assert broken.json()["error"]["fields"] == {
        "row 2.format": [
            "Unknown format 'NAP'; use one of COURSE, SEMINAR, WORKSHOP, EXERCISE, CONFERENCE, TRAINING, OTHER."
        ]
    }
    published = client.post(
        f"/api/v1/pcm/catalogues/{catalogue.pk}/publish/",
        {"published_on": "2014-12-01"},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    assert (
        published.status_code,
        published.json()["status"],
        published.json()["published_on"],
    ) == (200, "PUBLISHED", "2014-12-01")
    again = client.post(
        f"/api/v1/pcm/catalogues/{catalogue.pk}/publish/", {}, format="json", HTTP_IF_MATCH='"2"'
    )
    assert again.status_code == 400


def test_line_crud_and_validation(world: Any, api_client_for: Any) -> None:
    plan = h.plan(world)
    activity = h.activity(world)
    objective = h.objective(plan)
    client = api_client_for(world.users["aze_coordinator"])
    created = client.post(
        "/api/v1/pcm/programme-lines/",
        {
            "plan": plan.pk,
            "activity": activity.pk,
            "objectives": [objective.pk],
            "priority": "HIGH",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert (created.json()["nation"], created.json()["objectives"], created.json()["marking"]) == (
        "AZE",
        [objective.pk],
        "BILATERAL",
    )
    duplicate = client.post(
        "/api/v1/pcm/programme-lines/", {"plan": plan.pk, "activity": activity.pk}, format="json"
    )
    assert duplicate.status_code == 400
    assert duplicate.json()["error"]["fields"] == {
        "activity": ["PCM-2015-CYBER-0001 is already in this programme."]
    }
    geo = api_client_for(world.users["geo_coordinator"])
    foreign = geo.post(
        "/api/v1/pcm/programme-lines/", {"plan": plan.pk, "activity": activity.pk}, format="json"
    )
    assert foreign.status_code == 400
    assert ProgrammeLine.objects.count() == 1
    listing = client.get(f"/api/v1/pcm/programme-lines/?objective={objective.pk}").json()
    assert [row["activity_code"] for row in listing["results"]] == ["PCM-2015-CYBER-0001"]


def _grow(world: Any, plan: Any, start: int, count: int) -> None:
    for number in range(start, start + count):
        activity = h.activity(world, 2015, "LOG", number, eligible_nations=[world.aze, world.geo])
        h.line(plan, activity, objectives=[h.objective(plan, f"8.{number}")])


@pytest.mark.parametrize(
    "path", ["/api/v1/pcm/activities/", "/api/v1/pcm/programme-lines/", "/api/v1/pcm/catalogues/"]
)
def test_list_query_counts_do_not_grow(world: Any, api_client_for: Any, path: str) -> None:
    plan = h.plan(world)
    _grow(world, plan, 1, 3)
    client = api_client_for(world.users["staff_all"])
    client.get(path)
    with CaptureQueriesContext(connection) as small:
        assert client.get(path).status_code == 200
    _grow(world, plan, 4, 6)
    h.catalogue(2016)
    with CaptureQueriesContext(connection) as large:
        assert client.get(path).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
