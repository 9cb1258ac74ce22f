"""Who may see and change what: every web route and API operation × every role × marking.

The expectations here are written out independently of `core.permissions`, as the
specification a reviewer can read. A route that is not listed in ROUTES fails the inventory
test, so a new page cannot ship without a rule.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from partnerdesk.accounts.models import ApiToken, hash_token
from partnerdesk.entrydocs.models import EntryDocument
from partnerdesk.sources.models import Source
from partnerdesk.testing.access import (
    MARKINGS,
    MAY_CHANGE,
    MAY_VIEW,
)
from partnerdesk.testing.access import (
    token_client as _api,
)
from partnerdesk.testing.access import (
    web_client as _web,
)
from partnerdesk.testing.world import ROLE_USERS

pytestmark = pytest.mark.django_db


MAY_CREATE_ENTRYDOCS = {"aze_coordinator", "geo_coordinator", "staff_all", "staff_geo"}
MAY_WRITE_SOURCES = {"aze_coordinator", "geo_coordinator", "staff_all", "staff_geo", "admin"}
ACTIVE = [name for name in ROLE_USERS if name != "deactivated"]

# Every named route and how it is checked. Kinds:
#   page          GET by any active user → 200
#   public        GET by anyone → 200
#   post_only     GET → 405 for active users (POST is exercised by the flow tests)
#   entrydoc_view / entrydoc_change   record routes checked by the marking matrix
#   entrydoc_create, source_write     creation/edit rights by role
#   ref_view      reference record pages, any active user → 200
#   api_*         API operations
ROUTES: dict[str, str] = {
    "home": "page",
    "accounts:login": "public",
    "accounts:logout": "post_only",
    "accounts:account": "page",
    "accounts:token-create": "post_only",
    "accounts:token-revoke": "post_only",
    "accounts:switch-nation": "post_only",
    "accounts:list": "admin_page",
    "accounts:user-create": "admin_page",
    "accounts:user-set-active": "post_only",
    "entrydocs:list": "page",
    "entrydocs:create": "entrydoc_create",
    "entrydocs:detail": "entrydoc_view",
    "entrydocs:update": "entrydoc_change",
    "entrydocs:delete": "entrydoc_change",
    "entrydocs:history": "entrydoc_view",
    "organisations:list": "page",
    "organisations:detail": "ref_view",
    "organisations:history": "ref_view",
    "sources:list": "page",
    "sources:create": "source_write",
    "sources:detail": "ref_view",
    "sources:update": "source_write",
    "sources:history": "ref_view",
    "core:changes": "page",
    "entry-document-list": "api_entrydoc_list",
    "entry-document-detail": "api_entrydoc_item",
    "entry-document-history": "api_entrydoc_item",
    "organisation-list": "api_page",
    "organisation-detail": "api_ref_item",
    "membership-list": "api_page",
    "membership-detail": "api_ref_item",
    "membership-history": "api_ref_item",
    "organisation-history": "api_ref_item",
    "user-history": "api_users",
    "source-list": "api_page",
    "source-detail": "api_ref_item",
    "source-history": "api_ref_item",
    "api-me": "api_page",
    "user-list": "api_users",
    "user-detail": "api_users",
    "change-list": "api_page",
    "change-detail": "api_change_item",
    "api-schema": "api_page",
    "api-docs": "api_page",
    "api-redoc": "api_page",
}


def _app_routes() -> dict[str, str]:
    """Rules declared by mechanism apps in `<app>/tests/access_rules.py` (ROUTES dict).

    Kinds there: "page" (any active user GETs 200), "post_only" (GET answers 405), and
    "app_tested" (the app's own tests run the role × marking matrix for that route).
    """
    merged: dict[str, str] = {}
    for module in _rule_modules():
        merged |= module.ROUTES
    return merged


def _rule_modules() -> list[Any]:
    import importlib

    from django.apps import apps

    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("partnerdesk."):
            continue
        try:
            modules.append(importlib.import_module(f"{config.name}.tests.access_rules"))
        except ModuleNotFoundError:  # an app without rules has no routes of its own
            continue
    return modules


ALL_ROUTES = ROUTES | _app_routes()


def _route_names() -> set[str]:
    def walk(patterns: list[Any], namespace: str) -> set[str]:
        names: set[str] = set()
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                inner = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
                names |= walk(pattern.url_patterns, inner or "")
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
            else:
                names.add(f"<unnamed {pattern.pattern}>")
        return names

    return walk(get_resolver().url_patterns, "")


def test_every_route_has_an_access_rule() -> None:
    assert _route_names() == set(ALL_ROUTES)


@pytest.mark.parametrize("name", [*ACTIVE, "deactivated"])
def test_app_pages_by_role(world: Any, name: str) -> None:
    client = _web(world.users[name])
    seen = {}
    expected = {}
    for route, kind in _app_routes().items():
        if kind == "page" and not route.endswith(("-list", "-detail")) and ":" in route:
            seen[route] = client.get(reverse(route)).status_code
            expected[route] = 302 if name == "deactivated" else 200
        elif kind == "post_only" and name != "deactivated":
            try:
                url = reverse(route)
            except Exception:
                continue
            seen[route] = client.get(url).status_code
            expected[route] = 405
    assert seen == expected


def test_every_api_operation_is_covered(world: Any) -> None:
    client = APIClient()
    client.force_authenticate(world.users["admin"])
    schema = client.get("/api/schema/?format=json").json()
    operations = {
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }
    app_operations: set[str] = set()
    for module in _rule_modules():
        app_operations |= set(module.API_OPERATIONS)
    assert operations - app_operations == {
        "GET /api/v1/changes/",
        "GET /api/v1/changes/{id}/",
        "GET /api/v1/entry-documents/",
        "POST /api/v1/entry-documents/",
        "GET /api/v1/entry-documents/{id}/",
        "PUT /api/v1/entry-documents/{id}/",
        "PATCH /api/v1/entry-documents/{id}/",
        "DELETE /api/v1/entry-documents/{id}/",
        "GET /api/v1/entry-documents/{id}/history/",
        "GET /api/v1/me/",
        "GET /api/v1/memberships/",
        "GET /api/v1/memberships/{id}/",
        "GET /api/v1/memberships/{id}/history/",
        "GET /api/v1/organisations/{id}/history/",
        "GET /api/v1/users/{id}/history/",
        "GET /api/v1/organisations/",
        "GET /api/v1/organisations/{id}/",
        "GET /api/v1/sources/",
        "POST /api/v1/sources/",
        "GET /api/v1/sources/{id}/",
        "PUT /api/v1/sources/{id}/",
        "PATCH /api/v1/sources/{id}/",
        "GET /api/v1/sources/{id}/history/",
        "GET /api/v1/users/",
        "GET /api/v1/users/{id}/",
    }


def _doc(world: Any, marking: str) -> EntryDocument:
    return EntryDocument.objects.create(
        owner=world.aze,
        marking=marking,
        doc_type="IPP",
        edition=MARKINGS.index(marking) + 1,
        title=f"IPP marked {marking}",
        approved_on=dt.date(1996, 10, 14),
        approval_body="NAC",
    )


@pytest.fixture
def docs(world: Any) -> dict[str, EntryDocument]:
    return {marking: _doc(world, marking) for marking in MARKINGS}


def _expected_view(name: str, marking: str) -> int:
    if name == "deactivated":
        return 302
    return 200 if marking in MAY_VIEW[name] else 404


def _expected_change(name: str, marking: str) -> int:
    if name == "deactivated":
        return 302
    if marking in MAY_CHANGE[name]:
        return 200
    return 403 if marking in MAY_VIEW[name] else 404


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_web_record_routes_follow_the_marking_rules(
    world: Any, docs: dict[str, Any], name: str
) -> None:
    client = _web(world.users[name])
    seen: dict[tuple[str, str], int] = {}
    expected: dict[tuple[str, str], int] = {}
    for marking, doc in docs.items():
        for route, kind in ROUTES.items():
            if kind not in {"entrydoc_view", "entrydoc_change"}:
                continue
            status = client.get(reverse(route, args=[doc.pk])).status_code
            seen[(route, marking)] = status
            rule = _expected_view if kind == "entrydoc_view" else _expected_change
            expected[(route, marking)] = rule(name, marking)
    assert seen == expected


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_web_list_shows_exactly_the_visible_records(
    world: Any, docs: dict[str, Any], name: str
) -> None:
    response = _web(world.users[name]).get(reverse("entrydocs:list"))
    if name == "deactivated":
        assert response.status_code == 302
        return
    body = response.content.decode()
    shown = {marking for marking in MARKINGS if f"IPP marked {marking}<" in body}
    assert shown == MAY_VIEW[name]
    assert f"{len(MAY_VIEW[name])} in all" in body


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_api_follows_the_marking_rules(world: Any, docs: dict[str, Any], name: str) -> None:
    client = _api(world.users[name])
    listing = client.get("/api/v1/entry-documents/")
    if name == "deactivated":
        assert listing.status_code == 401
        return
    assert listing.status_code == 200
    assert {row["title"] for row in listing.json()["results"]} == {
        f"IPP marked {m}" for m in MAY_VIEW[name]
    }
    assert listing.json()["count"] == len(MAY_VIEW[name])
    for marking, doc in docs.items():
        item = client.get(f"/api/v1/entry-documents/{doc.pk}/")
        history = client.get(f"/api/v1/entry-documents/{doc.pk}/history/")
        visible = marking in MAY_VIEW[name]
        assert (marking, item.status_code, history.status_code) == (
            marking,
            200 if visible else 404,
            200 if visible else 404,
        )
        patch = client.patch(
            f"/api/v1/entry-documents/{doc.pk}/",
            {"summary": f"edited by {name}"},
            format="json",
            HTTP_IF_MATCH='"1"',
        )
        expected_patch = 200 if marking in MAY_CHANGE[name] else 403 if visible else 404
        assert (marking, patch.status_code) == (marking, expected_patch)
        doc.refresh_from_db()
        changed = marking in MAY_CHANGE[name]
        assert doc.summary == (f"edited by {name}" if changed else "")
        assert doc.version == (2 if changed else 1)
        if changed:  # put it back for the next marking's expectations
            EntryDocument.objects.filter(pk=doc.pk).update(summary="", version=1)


@pytest.mark.parametrize("name", ACTIVE)
def test_pages_and_reference_routes_by_role(world: Any, name: str) -> None:
    user = world.users[name]
    client = _web(user)
    source = Source.objects.create(key="S1", title="A source")
    token = ApiToken.objects.create(user=user, prefix="pd_x", key_hash=hash_token("pd_x" + name))
    objects = {
        "organisations:detail": world.aze.pk,
        "organisations:history": world.aze.pk,
        "sources:detail": source.pk,
        "sources:history": source.pk,
        "sources:update": source.pk,
        "accounts:token-revoke": token.pk,
        "accounts:user-set-active": user.pk,
    }
    seen: dict[str, int] = {}
    expected: dict[str, int] = {}
    for route, kind in ROUTES.items():
        args = [objects[route]] if route in objects else []
        if kind in {"page", "public", "ref_view"}:
            expected[route] = 200
        elif kind == "admin_page":
            expected[route] = 200 if name == "admin" else 403
        elif kind == "post_only":
            expected[route] = 405
        elif kind == "entrydoc_create":
            expected[route] = 200 if name in MAY_CREATE_ENTRYDOCS else 403
        elif kind == "source_write":
            expected[route] = 200 if name in MAY_WRITE_SOURCES else 403
        else:
            continue
        if route == "accounts:login":
            seen[route] = Client().get(reverse(route)).status_code
        else:
            seen[route] = client.get(reverse(route, args=args)).status_code
    assert seen == expected


@pytest.mark.parametrize("name", ACTIVE)
def test_api_reference_and_account_routes_by_role(
    world: Any, docs: dict[str, Any], name: str
) -> None:
    client = _api(world.users[name])
    source = Source.objects.create(key="S1", title="A source")
    membership = world.aze.memberships.get()
    assert client.get("/api/v1/organisations/").status_code == 200
    assert client.get(f"/api/v1/organisations/{world.aze.pk}/").status_code == 200
    assert client.get(f"/api/v1/memberships/{membership.pk}/").status_code == 200
    assert client.get(f"/api/v1/memberships/{membership.pk}/history/").status_code == 200
    assert client.get(f"/api/v1/organisations/{world.aze.pk}/history/").status_code == 200
    assert client.get(f"/api/v1/sources/{source.pk}/").status_code == 200
    assert client.get(f"/api/v1/sources/{source.pk}/history/").status_code == 200
    assert client.get("/api/v1/me/").json()["username"] == name
    for path in (
        "/api/v1/memberships/",
        "/api/v1/sources/",
        "/api/v1/changes/",
        "/api/schema/",
        "/api/docs/",
        "/api/redoc/",
    ):
        assert (path, client.get(path).status_code) == (path, 200)
    users = client.get("/api/v1/users/").json()
    other = world.users["geo_viewer"]
    assert users["count"] == (len(ROLE_USERS) if name == "admin" else 0)
    assert client.get(f"/api/v1/users/{other.pk}/").status_code == (200 if name == "admin" else 404)
    user_history = client.get(f"/api/v1/users/{other.pk}/history/")
    assert user_history.status_code == (200 if name == "admin" else 404)
    create = client.post("/api/v1/sources/", {"title": f"by {name}"}, format="json")
    assert create.status_code == (201 if name in MAY_WRITE_SOURCES else 403)
    assert Source.objects.filter(title=f"by {name}").count() == (
        1 if name in MAY_WRITE_SOURCES else 0
    )


def test_change_log_rows_follow_their_records(world: Any, api_client_for: Any) -> None:
    coordinator = api_client_for(world.users["aze_coordinator"])
    ids = {}
    for marking in MARKINGS:
        if marking == "ALLIANCE_ONLY":
            continue
        response = coordinator.post(
            "/api/v1/entry-documents/",
            {
                "nation": "AZE",
                "marking": marking,
                "doc_type": "IPP",
                "edition": MARKINGS.index(marking) + 1,
                "title": f"log {marking}",
            },
            format="json",
        )
        assert response.status_code == 201
        ids[marking] = response.json()["id"]
    from partnerdesk.core.models import ChangeRecord

    for name in ACTIVE:
        client = _api(world.users[name])
        for marking, pk in ids.items():
            record = ChangeRecord.objects.get(
                object_id=str(pk), content_type__model="entrydocument"
            )
            status = client.get(f"/api/v1/changes/{record.pk}/").status_code
            assert (name, marking, status) == (
                name,
                marking,
                200 if marking in MAY_VIEW[name] else 404,
            )


def test_anonymous_requests_are_refused(world: Any, docs: dict[str, Any]) -> None:
    web = Client()
    doc = docs["PUBLIC"]
    for route in ("home", "entrydocs:list", "organisations:list", "sources:list", "core:changes"):
        response = web.get(reverse(route))
        assert (route, response.status_code, response["Location"].split("?")[0]) == (
            route,
            302,
            "/accounts/login/",
        )
    assert web.get(reverse("entrydocs:detail", args=[doc.pk])).status_code == 302
    api = APIClient()
    for path in (
        "/api/v1/entry-documents/",
        f"/api/v1/entry-documents/{doc.pk}/",
        "/api/v1/me/",
        "/api/schema/",
    ):
        response = api.get(path)
        assert (path, response.status_code) == (path, 401)
        if path.startswith("/api/v1/"):
            assert response.json()["error"]["code"] == "not_authenticated"
