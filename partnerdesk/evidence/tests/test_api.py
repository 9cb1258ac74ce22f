"""The evidence API: upload (text or base64), idempotency, facts, review with If-Match."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from partnerdesk.dialogue.models import Meeting
from partnerdesk.evidence.models import Document, Fact
from partnerdesk.evidence.tests.conftest import ARTICLE

pytestmark = pytest.mark.django_db


def test_upload_text_then_the_same_bytes_as_base64(
    world: Any, pipeline: None, api_client_for: Any
) -> None:
    client = api_client_for(world.users["staff_all"])
    first = client.post(
        "/api/v1/evidence-documents/",
        {"text": ARTICLE, "nation": "AZE", "grading": "b2", "source_name": "apa.txt"},
        format="json",
    )
    assert first.status_code == 201
    body = first.json()
    assert (body["nation"], body["grading"], body["title"]) == (
        "AZE",
        "B2",
        "NATO envoy visits Baku",
    )
    assert first["ETag"] == '"1"'
    again = client.post(
        "/api/v1/evidence-documents/",
        {"content_base64": base64.b64encode(ARTICLE.encode()).decode(), "nation": "AZE"},
        format="json",
    )
    assert again.status_code == 200
    assert again.json()["id"] == body["id"]
    assert Document.objects.count() == 1
    detail = client.get(f"/api/v1/evidence-documents/{body['id']}/").json()
    assert detail["text"].startswith("NATO Deputy Secretary General")
    assert detail["boilerplate"] == [[0, 8]]


def test_upload_errors_name_the_field(world: Any, pipeline: None, api_client_for: Any) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    cases = [
        ({}, {"text": ["Give either text or content_base64."]}),
        ({"content_base64": "***"}, {"content_base64": ["Not valid base64."]}),
        (
            {"text": "x", "grading": "Z9"},
            {"grading": ["Give the Admiralty code as a letter A–F and a digit 1–6, e.g. B2."]},
        ),
        (
            {"content_base64": base64.b64encode(b"\x00\x01").decode()},
            {"data": ["[binary] This looks like a binary file, not text or HTML."]},
        ),
    ]
    for payload, fields in cases:
        response = client.post("/api/v1/evidence-documents/", payload, format="json")
        assert response.status_code == 400, payload
        assert response.json()["error"]["fields"] == fields
    assert Document.objects.count() == 0


def test_review_needs_if_match_and_creates_the_meeting(
    world: Any, pipeline: None, api_client_for: Any
) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    document_id = client.post(
        "/api/v1/evidence-documents/", {"text": ARTICLE}, format="json"
    ).json()["id"]
    facts = client.get(f"/api/v1/evidence-facts/?document={document_id}&status=proposed").json()
    assert [f["kind"] for f in facts["results"]] == [
        "event",
        "quantity",
        "mechanism",
        "period",
        "quantity",
    ]
    event = facts["results"][0]
    url = f"/api/v1/evidence-facts/{event['id']}/review/"
    assert client.post(url, {"decision": "accept"}, format="json").status_code == 428
    response = client.post(url, {"decision": "accept"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "accepted"
    assert body["version"] == 2
    [decision] = body["decisions"]
    meeting = Meeting.objects.get()
    assert decision["record_type"] == "dialogue.meeting"
    assert decision["record_id"] == str(meeting.pk)
    assert decision["record_created"] is True
    assert decision["reviewer"] == "aze_coordinator"
    stale = client.post(url, {"decision": "reject"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412


def test_refused_decision_lists_the_possible_moves(
    world: Any, pipeline: None, api_client_for: Any
) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    client.post("/api/v1/evidence-documents/", {"text": ARTICLE}, format="json")
    fact = Fact.objects.get(kind="period")
    url = f"/api/v1/evidence-facts/{fact.pk}/review/"
    client.post(url, {"decision": "accept"}, format="json", HTTP_IF_MATCH='"1"')
    response = client.post(url, {"decision": "reject"}, format="json", HTTP_IF_MATCH='"2"')
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "decision": ["This fact is accepted; possible decisions: none (the fact is decided)."]
    }


def test_facts_cannot_be_posted_directly(world: Any, api_client_for: Any) -> None:
    response = api_client_for(world.users["staff_all"]).post(
        "/api/v1/evidence-facts/", {}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "non_field_errors": ["Facts come from ingesting a document."]
    }


def test_search_filters(world: Any, pipeline: None, api_client_for: Any) -> None:
    client = api_client_for(world.users["staff_all"])
    aze = client.post(
        "/api/v1/evidence-documents/", {"text": ARTICLE, "nation": "AZE"}, format="json"
    ).json()["id"]
    geo = client.post(
        "/api/v1/evidence-documents/",
        {"text": ARTICLE.replace("Azernews", "Civil.ge"), "nation": "GEO"},
        format="json",
    ).json()["id"]
    plain = client.post(
        "/api/v1/evidence-documents/",
        {
            "text": "Civil.ge\nA note\nno date\nGeorgia hosted servicemen from many nations.",
            "nation": "GEO",
        },
        format="json",
    ).json()["id"]

    def ids(query: str) -> list[int]:
        response = client.get(f"/api/v1/evidence-documents/search/?{query}")
        assert response.status_code == 200, response.json()
        return sorted(hit["document"]["id"] for hit in response.json())

    assert ids("q=servicemen") == sorted([aze, geo, plain])
    assert ids("q=servicemen&nation=GEO") == sorted([geo, plain])
    assert ids("q=servicemen&mechanism=RSM") == sorted([aze, geo])
    assert ids("q=servicemen&outlet=azernews") == [aze]
    assert ids("q=servicemen&date_from=2016-06-30&date_to=2016-06-30") == sorted([aze, geo])
    assert ids("q=servicemen&date_from=2017-01-01") == []
    assert ids("q=servicemen hosted") == [plain]
    # operators are words like any other: every word must match
    assert ids("q=servicemen%20OR%20zzz") == []
    assert ids("q=%22servicemen%22%20*") == sorted([aze, geo, plain])
    bad = client.get("/api/v1/evidence-documents/search/?q=x&date_from=June")
    assert bad.status_code == 400
    assert bad.json()["error"]["fields"] == {"date_from": ["Give a date as YYYY-MM-DD."]}
    assert ids("q=") == []
    assert ids("q=servicemen&limit=1") in ([aze], [geo], [plain])
