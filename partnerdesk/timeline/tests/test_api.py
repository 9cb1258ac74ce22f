"""The timeline API and the milestones collection."""

from __future__ import annotations

from typing import Any

import pytest

from partnerdesk.core.models import ChangeRecord
from partnerdesk.timeline.models import Milestone
from partnerdesk.timeline.tests.helpers import seed

pytestmark = pytest.mark.django_db


def test_timeline_api_lists_entries_with_precision_and_sources(
    world: Any, api_client_for: Any
) -> None:
    seed(world)
    client = api_client_for(world.users["staff_all"])
    response = client.get("/api/v1/timeline/?nation=AZE&to=1995")
    assert response.status_code == 200
    assert response.json() == [
        {
            "date": "1992-03-01",
            "precision": "MONTH",
            "when": "March 1992",
            "mechanism": "milestones",
            "kind": "Cooperation milestone",
            "title": "Joins NACC",
            "url": f"/timeline/milestones/{Milestone.objects.get(title='Joins NACC').pk}/",
            "source_keys": ["S200", "S67"],
            "confidence": "SINGLE_SOURCE",
        },
        {
            "date": "1994-05-04",
            "precision": "DAY",
            "when": "4 May 1994",
            "mechanism": "entrydocs",
            "kind": "signed",
            "title": "PfP Framework Document signed",
            "url": f"/entry-documents/{seed_doc_pk()}/",
            "source_keys": [],
            "confidence": "",
        },
    ]


def seed_doc_pk() -> int:
    from partnerdesk.entrydocs.models import EntryDocument

    return int(EntryDocument.objects.get().pk)


def test_timeline_api_refuses_bad_queries_in_the_one_error_format(
    world: Any, api_client_for: Any
) -> None:
    client = api_client_for(world.users["staff_all"])
    missing = client.get("/api/v1/timeline/")
    assert missing.status_code == 400
    assert missing.json()["error"]["fields"] == {"nation": ["Choose a nation: ?nation=CODE."]}
    bad = client.get("/api/v1/timeline/?nation=AZE&year=3000&mechanism=nope")
    assert bad.json()["error"]["fields"] == {
        "mechanism": ["Unknown mechanism: nope."],
        "year": ["“3000” is not a year between 1945 and 2100."],
    }


def test_milestones_crud_with_etags(world: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    created = client.post(
        "/api/v1/milestones/",
        {
            "nation": "AZE",
            "marking": "BILATERAL",
            "date": "2004-06-28",
            "precision": "MONTH",
            "title": "PAP-DIB endorsed",
            "category": "ALLIANCE",
        },
        format="json",
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["date"], body["when"], body["version"]) == ("2004-06-01", "June 2004", 1)
    url = f"/api/v1/milestones/{body['id']}/"
    no_etag = client.patch(url, {"title": "x"}, format="json")
    assert no_etag.status_code == 428
    changed = client.patch(
        url, {"title": "PAP-DIB endorsed by Azerbaijan"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert changed.status_code == 200
    assert changed["ETag"] == '"2"'
    stale = client.patch(url, {"title": "again"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412
    foreign = client.post(
        "/api/v1/milestones/",
        {"nation": "GEO", "date": "2004-06-01", "title": "Not ours", "marking": "BILATERAL"},
        format="json",
    )
    assert foreign.status_code == 400
    assert foreign.json()["error"]["fields"] == {
        "owner": ["You may not create a record for this nation with this marking."]
    }
    analyst = api_client_for(world.users["analyst"])
    assert analyst.get(url).status_code == 404
    changes = ChangeRecord.objects.filter(content_type__model="milestone").order_by("pk")
    assert list(changes.values_list("action", flat=True)) == ["CREATE", "UPDATE"]
