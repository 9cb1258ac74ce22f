"""The entry-documents API: ETags, preconditions, error format, audit source."""

from __future__ import annotations

from typing import Any

import pytest

from partnerdesk.core.models import ChangeRecord
from partnerdesk.entrydocs.models import EntryDocument

pytestmark = pytest.mark.django_db

URL = "/api/v1/entry-documents/"
BODY = {
    "nation": "AZE",
    "marking": "BILATERAL",
    "doc_type": "PRESENTATION_DOCUMENT",
    "edition": 1,
    "title": "Presentation Document",
    "signed_on": "1996-04-19",
    "submitted_on": "1996-04-23",
    "received_by": "Javier Solana",
}


def test_create_answers_201_with_etag_and_audits_as_api(world: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    response = client.post(URL, BODY, format="json", HTTP_X_REQUEST_ID="trace-42")
    assert response.status_code == 201
    assert response["ETag"] == '"1"'
    data = response.json()
    assert (data["nation"], data["nation_name"], data["version"], data["signed_on"]) == (
        "AZE",
        "Azerbaijan",
        1,
        "1996-04-19",
    )
    record = ChangeRecord.objects.get(content_type__model="entrydocument")
    assert (record.source, record.action, record.actor_label, record.request_id) == (
        "api",
        "CREATE",
        "aze_coordinator",
        "trace-42",
    )


def test_update_needs_if_match(world: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    pk = client.post(URL, BODY, format="json").json()["id"]
    missing = client.patch(f"{URL}{pk}/", {"title": "New"}, format="json")
    assert missing.status_code == 428
    assert missing.json()["error"]["code"] == "precondition_required"
    stale = client.patch(f"{URL}{pk}/", {"title": "New"}, format="json", HTTP_IF_MATCH='"7"')
    assert stale.status_code == 412
    assert stale.json()["error"]["code"] == "precondition_failed"
    assert stale["ETag"] == '"1"'
    ok = client.patch(f"{URL}{pk}/", {"title": "New"}, format="json", HTTP_IF_MATCH='"1"')
    assert (ok.status_code, ok["ETag"], ok.json()["title"]) == (200, '"2"', "New")
    again = client.patch(f"{URL}{pk}/", {"title": "Newer"}, format="json", HTTP_IF_MATCH='"1"')
    assert again.status_code == 412
    assert EntryDocument.objects.get(pk=pk).title == "New"
    assert ChangeRecord.objects.filter(action="UPDATE").count() == 1


def test_put_replaces_and_delete_needs_the_current_version(world: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    pk = client.post(URL, BODY, format="json").json()["id"]
    put = client.put(
        f"{URL}{pk}/", BODY | {"title": "Replaced"}, format="json", HTTP_IF_MATCH='W/"1"'
    )
    assert (put.status_code, put.json()["title"], put.json()["version"]) == (200, "Replaced", 2)
    assert client.delete(f"{URL}{pk}/").status_code == 428
    assert client.delete(f"{URL}{pk}/", HTTP_IF_MATCH='"1"').status_code == 412
    assert client.delete(f"{URL}{pk}/", HTTP_IF_MATCH='"2"').status_code == 204
    assert not EntryDocument.objects.filter(pk=pk).exists()
    assert client.get(f"{URL}{pk}/").status_code == 404


def test_validation_errors_name_each_field(world: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    response = client.post(
        URL, BODY | {"nation": "XXX", "signed_on": "19-04-1996", "edition": -1}, format="json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["status"], error["code"], error["message"]) == (
        400,
        "validation_error",
        "The input is not valid.",
    )
    assert set(error["fields"]) == {"nation", "signed_on", "edition"}
    assert error["fields"]["nation"] == ["Object with code=XXX does not exist."]
    assert error["request_id"]
    business = client.post(
        URL, BODY | {"approved_on": "2999-01-01", "approval_body": "NAC"}, format="json"
    )
    assert business.status_code == 400
    assert business.json()["error"]["fields"] == {"approved_on": ["This date is in the future."]}
    assert EntryDocument.objects.count() == 0


def test_malformed_json_and_unknown_ids_get_the_error_format(
    world: Any, api_client_for: Any
) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    bad = client.post(URL, data="{not json", content_type="application/json")
    assert (bad.status_code, bad.json()["error"]["code"]) == (400, "parse_error")
    missing = client.get(f"{URL}999999/")
    assert missing.json() == {
        "error": {
            "status": 404,
            "code": "not_found",
            "message": "Not found.",
            "fields": {},
            "request_id": missing["X-Request-ID"],
        }
    }
    assert client.get(f"{URL}abc/").status_code == 404


def test_list_filters_and_orders(world: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["staff_all"])
    for edition, marking in ((1, "PUBLIC"), (2, "BILATERAL"), (3, "PUBLIC")):
        assert (
            client.post(
                URL,
                BODY | {"edition": edition, "marking": marking, "title": f"E{edition}"},
                format="json",
            ).status_code
            == 201
        )
    public = client.get(URL, {"marking": "PUBLIC", "ordering": "-title"}).json()
    assert [row["title"] for row in public["results"]] == ["E3", "E1"]
    assert client.get(URL, {"nation": "geo"}).json()["count"] == 0
    assert client.get(URL, {"search": "E2"}).json()["count"] == 1
    paged = client.get(URL, {"page_size": 2}).json()
    assert (paged["count"], len(paged["results"]), paged["next"] is not None) == (3, 2, True)


def test_revoked_token_and_deactivated_user_are_refused(world: Any, api_client_for: Any) -> None:
    from partnerdesk.accounts.models import ApiToken
    from partnerdesk.accounts.services import token_revoke, user_set_active
    from partnerdesk.core.actor import Actor

    user = world.users["aze_viewer"]
    client = api_client_for(user)
    assert client.get(URL).status_code == 200
    user_set_active(actor=Actor.system(), user=user, active=False)
    assert client.get(URL).status_code == 401
    user_set_active(actor=Actor.system(), user=user, active=True)
    token_revoke(actor=Actor.system(), token=ApiToken.objects.get(user=user))
    response = client.get(URL)
    assert (response.status_code, response.json()["error"]["message"]) == (
        401,
        "Invalid or revoked token.",
    )


def test_tokens_are_stored_hashed(world: Any) -> None:
    from partnerdesk.accounts.models import ApiToken, hash_token
    from partnerdesk.accounts.services import token_create
    from partnerdesk.core.actor import Actor

    token, key = token_create(actor=Actor.system(), user=world.users["aze_viewer"], name="script")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hash_token(key)
    assert key not in {stored.key_hash, stored.prefix, stored.name}
    assert stored.prefix == key[:10]
    record = ChangeRecord.objects.get(content_type__model="apitoken")
    assert "key_hash" not in record.after
    assert record.admin_only is True
