"""The evidence pages: list, upload, review page with marked quotes, decisions, search."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerdesk.core.actor import Actor
from partnerdesk.core.web.registry import panels_for
from partnerdesk.dialogue.models import Meeting
from partnerdesk.evidence.models import Document, Fact
from partnerdesk.evidence.services import document_ingest
from partnerdesk.evidence.tests.conftest import ARTICLE

pytestmark = pytest.mark.django_db


def _client(world: Any, name: str = "aze_coordinator") -> Client:
    client = Client()
    client.force_login(world.users[name])
    return client


def _ingest(world: Any, suffix: str = "") -> Document:
    document, _ = document_ingest(
        actor=Actor(user=world.users["aze_coordinator"], source="web"),
        data=(ARTICLE + suffix).encode(),
        source="a.txt",
    )
    return document


@pytest.mark.parametrize("page", ["list", "detail", "search"])
def test_page_query_count_does_not_grow(world: Any, pipeline: None, page: str) -> None:
    client = _client(world)
    anchor = _ingest(world)
    for n in range(2):
        _ingest(world, f" Item {n}.")
    urls = {
        "list": reverse("evidence:list"),
        "detail": reverse("evidence:detail", args=[anchor.pk]),
        "search": reverse("evidence:search") + "?q=servicemen",
    }
    with CaptureQueriesContext(connection) as small:
        assert client.get(urls[page]).status_code == 200
    for n in range(2, 6):
        _ingest(world, f" Item {n}.")
    with CaptureQueriesContext(connection) as large:
        assert client.get(urls[page]).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_api_list_query_count_does_not_grow(world: Any, pipeline: None) -> None:
    client = _client(world)
    _ingest(world)
    for path in ("/api/v1/evidence-documents/", "/api/v1/evidence-facts/"):
        with CaptureQueriesContext(connection) as small:
            assert client.get(path).status_code == 200
        _ingest(world, f" More {path}.")
        _ingest(world, f" Even more {path}.")
        with CaptureQueriesContext(connection) as large:
            assert client.get(path).status_code == 200
        assert len(large.captured_queries) == len(small.captured_queries)


def test_upload_a_file_then_the_same_file_again(world: Any, pipeline: None) -> None:
    client = _client(world)
    form = {"owner": world.aze.pk, "marking": "PUBLIC", "reliability": "B", "credibility": "2"}
    upload = SimpleUploadedFile("article.txt", ARTICLE.encode(), content_type="text/plain")
    response = client.post(reverse("evidence:upload"), form | {"file": upload})
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("evidence:detail", args=[document.pk])
    assert (document.source_name, document.grading) == ("article.txt", "B2")
    again = SimpleUploadedFile("copy.txt", ARTICLE.encode(), content_type="text/plain")
    response = client.post(reverse("evidence:upload"), form | {"file": again}, follow=True)
    assert Document.objects.count() == 1
    assert "These exact bytes were stored before; here they are." in response.content.decode()


def test_upload_of_pasted_text(world: Any, pipeline: None) -> None:
    response = _client(world).post(
        reverse("evidence:upload"),
        {
            "text": ARTICLE,
            "owner": world.aze.pk,
            "marking": "PUBLIC",
            "reliability": "F",
            "credibility": "6",
        },
    )
    assert response.status_code == 302
    assert Document.objects.get().source_name == "pasted text"


def test_a_refused_file_is_shown_on_the_form(world: Any, pipeline: None) -> None:
    upload = SimpleUploadedFile("x.bin", b"\x00\x01\x02", content_type="application/octet-stream")
    response = _client(world).post(
        reverse("evidence:upload"),
        {
            "file": upload,
            "owner": world.aze.pk,
            "marking": "PUBLIC",
            "reliability": "F",
            "credibility": "6",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "file": ["[binary] This looks like a binary file, not text or HTML."]
    }
    assert Document.objects.count() == 0


def test_upload_needs_a_file_or_text(world: Any, pipeline: None) -> None:
    response = _client(world).post(
        reverse("evidence:upload"),
        {"owner": world.aze.pk, "marking": "PUBLIC", "reliability": "F", "credibility": "6"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"file": ["Choose a file or paste the text."]}


def test_review_page_marks_every_quote_and_escapes_the_text(world: Any, pipeline: None) -> None:
    document = _ingest(world, " <script>alert(1)</script>")
    html = _client(world).get(reverse("evidence:detail", args=[document.pk])).content.decode()
    for fact in Fact.objects.filter(document=document):
        assert f'<mark id="q-{fact.pk}">{fact.quote}</mark>' in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_accept_on_the_web_creates_the_meeting_and_its_page_panel(
    world: Any, pipeline: None
) -> None:
    document = _ingest(world)
    fact = Fact.objects.get(document=document, kind="event")
    client = _client(world)
    response = client.post(
        reverse("evidence:review", args=[fact.pk]),
        {"version": 1, "decision": "accept"},
        follow=True,
    )
    meeting = Meeting.objects.get()
    assert f"Created “{meeting}”." in response.content.decode()
    assert meeting.get_absolute_url() in response.content.decode()
    [panel] = panels_for("dialogue.meeting", world.users["aze_viewer"], meeting)
    html = render_to_string(panel["template"], {"panel_data": panel["context"]})
    assert (
        "<mark>NATO Deputy Secretary General Alexander Vershbow visited Baku in May</mark>" in html
    )
    assert f'href="/evidence/{document.pk}/#q-{fact.pk}"' in html


def test_a_refused_decision_is_explained_on_the_page(world: Any, pipeline: None) -> None:
    document = _ingest(world)
    fact = Fact.objects.get(document=document, kind="period")
    client = _client(world)
    client.post(reverse("evidence:review", args=[fact.pk]), {"version": 1, "decision": "accept"})
    response = client.post(
        reverse("evidence:review", args=[fact.pk]),
        {"version": 2, "decision": "reject"},
        follow=True,
    )
    assert (
        "This fact is accepted; possible decisions: none (the fact is decided)."
        in response.content.decode()
    )


def test_edit_with_bad_json_is_refused(world: Any, pipeline: None) -> None:
    document = _ingest(world)
    fact = Fact.objects.get(document=document, kind="event")
    response = _client(world).post(
        reverse("evidence:review", args=[fact.pk]),
        {"version": 1, "decision": "edit", "payload": "{when"},
        follow=True,
    )
    assert "payload: Not valid JSON" in response.content.decode()
    fact.refresh_from_db()
    assert fact.status == "proposed"


def test_search_page_shows_marked_snippets(world: Any, pipeline: None) -> None:
    _ingest(world)
    response = _client(world, "analyst").get(reverse("evidence:search"), {"q": "Vershbow"})
    html = response.content.decode()
    assert "<mark>Vershbow</mark>" in html
    assert "1 document found" in html


def test_awaiting_filter_and_start_page_card(world: Any, pipeline: None) -> None:
    document = _ingest(world)
    client = _client(world)
    assert len(client.get(reverse("evidence:list") + "?awaiting=1").context["page"]) == 1
    for fact in Fact.objects.filter(document=document):
        client.post(
            reverse("evidence:review", args=[fact.pk]), {"version": 1, "decision": "reject"}
        )
    assert len(client.get(reverse("evidence:list") + "?awaiting=1").context["page"]) == 0
    cards = client.get(reverse("home")).context["cards"]
    [card] = [c for c in cards if c["title"] == "Evidence: facts awaiting review"]
    assert card["count"] == 0


def test_search_page_lists_records_by_title_as_far_as_visible(world: Any, pipeline: None) -> None:
    document = _ingest(world)
    fact = Fact.objects.get(document=document, kind="event")
    client = _client(world)
    client.post(reverse("evidence:review", args=[fact.pk]), {"version": 1, "decision": "accept"})
    meeting = Meeting.objects.get()
    found = client.get(reverse("evidence:search"), {"q": "vershbow baku"}).context["records"]
    assert [(r.kind, r.title, r.url) for r in found] == [
        ("Meeting", str(meeting), meeting.get_absolute_url())
    ]
    Meeting.objects.filter(pk=meeting.pk).update(marking="BILATERAL")
    hidden = _client(world, "geo_viewer").get(reverse("evidence:search"), {"q": "vershbow"})
    assert hidden.context["records"] == []
