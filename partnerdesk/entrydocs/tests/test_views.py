"""The entry-document web pages: create, edit, conflicts, history, query counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerdesk.core.models import ChangeRecord
from partnerdesk.entrydocs.models import EntryDocument

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(world: Any, **overrides: Any) -> dict[str, Any]:
    return {
        "owner": world.aze.pk,
        "doc_type": "IPP",
        "edition": "1",
        "title": "First IPP",
        "marking": "BILATERAL",
        "approved_on": "1996-10-14",
        "approval_body": "NAC",
        "approval_method": "MEETING",
        "signed_on": "",
        "submitted_on": "",
        "signatory_name": "",
        "signatory_title": "",
        "received_by": "",
        "summary": "",
    } | overrides


def test_create_edit_and_history_through_the_web(world: Any) -> None:
    client = _client(world.users["aze_coordinator"])
    response = client.post(reverse("entrydocs:create"), _form(world))
    doc = EntryDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("entrydocs:detail", args=[doc.pk])
    edit = client.post(
        reverse("entrydocs:update", args=[doc.pk]), _form(world, title="IPP 1996", version="1")
    )
    assert edit.status_code == 302
    doc.refresh_from_db()
    assert (doc.title, doc.version) == ("IPP 1996", 2)
    records = list(
        ChangeRecord.objects.order_by("pk").values_list("action", "source", "actor_label")
    )
    assert records == [("CREATE", "web", "aze_coordinator"), ("UPDATE", "web", "aze_coordinator")]
    history = client.get(reverse("entrydocs:history", args=[doc.pk])).content.decode()
    assert "<del>First IPP</del> → <ins>IPP 1996</ins>" in history


def test_stale_web_edit_shows_both_versions_and_saves_nothing(world: Any) -> None:
    client = _client(world.users["aze_coordinator"])
    client.post(reverse("entrydocs:create"), _form(world))
    doc = EntryDocument.objects.get()
    other = _client(world.users["staff_all"])
    assert (
        other.post(
            reverse("entrydocs:update", args=[doc.pk]),
            _form(world, title="Alliance wording", version="1"),
        ).status_code
        == 302
    )
    response = client.post(
        reverse("entrydocs:update", args=[doc.pk]), _form(world, title="My wording", version="1")
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this record" in page
    assert "You edited version 1, but the record is now at version 2" in page
    assert "My wording" in page
    assert "Alliance wording" in page
    doc.refresh_from_db()
    assert (doc.title, doc.version) == ("Alliance wording", 2)
    assert ChangeRecord.objects.filter(action="UPDATE").count() == 1


def test_invalid_form_shows_field_errors_and_writes_nothing(world: Any) -> None:
    client = _client(world.users["aze_coordinator"])
    response = client.post(
        reverse("entrydocs:create"), _form(world, approved_on="2999-01-01", title="", edition="x")
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {
        "title": ["This field is required."],
        "edition": ["Enter a whole number."],
    }
    response = client.post(reverse("entrydocs:create"), _form(world, approved_on="2999-01-01"))
    assert response.status_code == 400
    assert response.context["form"].errors == {"approved_on": ["This date is in the future."]}
    assert (EntryDocument.objects.count(), ChangeRecord.objects.count()) == (0, 0)


def test_partner_form_offers_only_its_own_nation(world: Any) -> None:
    response = _client(world.users["aze_coordinator"]).get(reverse("entrydocs:create"))
    owners = list(response.context["form"].fields["owner"].queryset.values_list("code", flat=True))
    assert owners == ["AZE"]
    staff = _client(world.users["staff_geo"]).get(reverse("entrydocs:create"))
    assert list(staff.context["form"].fields["owner"].queryset.values_list("code", flat=True)) == [
        "GEO"
    ]


def test_nation_switcher_narrows_lists_for_alliance_staff(world: Any) -> None:
    for owner in (world.aze, world.geo):
        EntryDocument.objects.create(
            owner=owner,
            marking="PUBLIC",
            doc_type="FRAMEWORK_DOCUMENT",
            title=f"FD {owner.code}",
            signed_on=dt.date(1994, 5, 4),
        )
    client = _client(world.users["staff_all"])
    client.post(
        reverse("accounts:switch-nation"), {"nation": world.geo.pk, "next": "/entry-documents/"}
    )
    body = client.get(reverse("entrydocs:list")).content.decode()
    assert ("FD GEO" in body, "FD AZE" in body) == (True, False)
    client.post(reverse("accounts:switch-nation"), {"nation": "", "next": "https://evil.example/"})
    body = client.get(reverse("entrydocs:list")).content.decode()
    assert ("FD GEO" in body, "FD AZE" in body) == (True, True)


def _create_docs(world: Any, count: int, start: int) -> None:
    for index in range(start, start + count):
        EntryDocument.objects.create(
            owner=world.aze, marking="PUBLIC", doc_type="IPP", edition=index, title=f"IPP {index}"
        )


@pytest.mark.parametrize(
    "url", ["/entry-documents/", "/api/v1/entry-documents/", "/sources/", "/changes/"]
)
def test_list_query_count_does_not_grow_with_rows(
    world: Any, url: str, api_client_for: Any
) -> None:
    user = world.users["staff_all"]
    client: Any = api_client_for(user) if url.startswith("/api/") else _client(user)
    _create_docs(world, 5, 1)
    client.get(url)  # warm caches (content types, session)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _create_docs(world, 10, 6)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_unknown_pages_get_the_404_page(world: Any) -> None:
    response = _client(world.users["aze_viewer"]).get("/no-such-page/")
    assert response.status_code == 404
    assert "There is nothing here, or nothing you may see." in response.content.decode()
