"""Who may see, upload, review and find which documents: every route × role × marking."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from partnerdesk.core.actor import Actor
from partnerdesk.core.markings import Marking
from partnerdesk.evidence.models import Document, Fact
from partnerdesk.evidence.search import search
from partnerdesk.evidence.services import document_ingest
from partnerdesk.evidence.tests.conftest import ARTICLE
from partnerdesk.testing.access import (
    MARKINGS,
    MAY_CHANGE,
    MAY_CREATE,
    MAY_VIEW,
    token_client,
    web_client,
)
from partnerdesk.testing.world import ROLE_USERS

pytestmark = pytest.mark.django_db

ACTIVE = [name for name in ROLE_USERS if name != "deactivated"]


@pytest.fixture
def documents(world: Any, pipeline: None) -> dict[str, Document]:
    """One Azerbaijani document per marking (NATIONAL_ONLY written by the nation itself)."""
    made = {}
    for marking in MARKINGS:
        writer = "aze_coordinator" if marking == Marking.NATIONAL_ONLY else "staff_all"
        document, _ = document_ingest(
            actor=Actor(user=world.users[writer], source="web"),
            data=f"{ARTICLE} Marked {marking}.".encode(),
            source=f"{marking}.txt",
            owner=world.aze,
            marking=marking,
        )
        made[marking] = document
    return made


def _client(world: Any, name: str) -> Client:
    return web_client(world.users[name])


@pytest.mark.parametrize("name", ACTIVE)
def test_document_pages_by_role_and_marking(world: Any, documents: Any, name: str) -> None:
    client = _client(world, name)
    for marking, document in documents.items():
        expected = 200 if marking in MAY_VIEW[name] else 404
        for route in ("evidence:detail", "evidence:raw"):
            response = client.get(reverse(route, args=[document.pk]))
            assert response.status_code == expected, (route, marking)
        api = client.get(f"/api/v1/evidence-documents/{document.pk}/")
        assert api.status_code == expected, marking
        history = client.get(f"/api/v1/evidence-documents/{document.pk}/history/")
        assert history.status_code == expected, marking
        fact = document.facts.first()
        assert client.get(f"/api/v1/evidence-facts/{fact.pk}/").status_code == expected
        assert client.get(f"/api/v1/evidence-facts/{fact.pk}/history/").status_code == expected


@pytest.mark.parametrize("name", ACTIVE)
def test_lists_and_search_show_exactly_the_visible_documents(
    world: Any, documents: Any, name: str
) -> None:
    client = _client(world, name)
    visible = sorted(d.pk for m, d in documents.items() if m in MAY_VIEW[name])
    listed = client.get("/api/v1/evidence-documents/?page_size=100").json()["results"]
    assert sorted(row["id"] for row in listed) == visible
    found = client.get("/api/v1/evidence-documents/search/?q=servicemen").json()
    assert sorted(row["document"]["id"] for row in found) == visible
    assert sorted(h.document.pk for h in search(world.users[name], "Marked servicemen")) == visible
    facts = client.get("/api/v1/evidence-facts/?page_size=100").json()["results"]
    assert {row["document"] for row in facts} == set(visible)
    page = client.get(reverse("evidence:search"), {"q": "Vershbow"})
    assert page.status_code == 200
    assert len(page.context["hits"]) == len(visible)


@pytest.mark.parametrize("name", ACTIVE)
def test_review_by_role_and_marking(world: Any, documents: Any, name: str) -> None:
    client = _client(world, name)
    for marking, document in documents.items():
        fact = Fact.objects.get(document=document, kind="period")
        web = client.post(
            reverse("evidence:review", args=[fact.pk]), {"version": 1, "decision": "reject"}
        )
        api = client.post(
            f"/api/v1/evidence-facts/{fact.pk}/review/",
            {"decision": "reject"},
            content_type="application/json",
            HTTP_IF_MATCH='"1"',
        )
        if marking in MAY_CHANGE[name]:
            assert web.status_code == 302, marking
            assert api.status_code == 412, marking  # the web decision moved it to version 2
        elif marking in MAY_VIEW[name]:
            assert (web.status_code, api.status_code) == (403, 403), marking
        else:
            assert (web.status_code, api.status_code) == (404, 404), marking
        fact.refresh_from_db()
        assert fact.status == ("rejected" if marking in MAY_CHANGE[name] else "proposed")


@pytest.mark.parametrize("name", ACTIVE)
def test_upload_page_by_role(world: Any, name: str) -> None:
    response = _client(world, name).get(reverse("evidence:upload"))
    assert response.status_code == (200 if name in MAY_CREATE else 403)


def test_anonymous_users_are_sent_to_login(world: Any, documents: Any) -> None:
    client = Client()
    for url in (
        reverse("evidence:list"),
        reverse("evidence:search"),
        reverse("evidence:upload"),
        reverse("evidence:detail", args=[documents["PUBLIC"].pk]),
    ):
        assert client.get(url).status_code == 302
    assert client.get("/api/v1/evidence-documents/").status_code in (401, 403)


def test_partner_cannot_ingest_for_another_nation(world: Any, pipeline: None) -> None:
    client = _client(world, "geo_coordinator")
    response = client.post(
        "/api/v1/evidence-documents/",
        {"text": ARTICLE, "nation": "AZE"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "owner": ["You may not create a record for this nation with this marking."]
    }
    assert Document.objects.count() == 0


def test_a_deactivated_user_gets_nothing(world: Any, documents: Any) -> None:
    user = world.users["deactivated"]
    api = token_client(user)
    assert api.get("/api/v1/evidence-documents/").status_code in (401, 403)
    assert api.get("/api/v1/evidence-documents/search/?q=servicemen").status_code in (401, 403)
    assert search(user, "servicemen") == []
    page = web_client(user).get(reverse("evidence:detail", args=[documents["PUBLIC"].pk]))
    assert page.status_code in (302, 404)
