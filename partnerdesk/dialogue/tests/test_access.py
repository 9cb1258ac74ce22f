"""Who may see and change dialogue records: every app_tested route × every role × marking.

Expectations are written out here as the specification (independently of core.permissions):
for a meeting owned by Azerbaijan whose participant and follow-up carry its marking.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from partnerdesk.dialogue.tests.helpers import followup, meeting, participant
from partnerdesk.testing.access import (
    MARKINGS,
    MAY_CHANGE,
    MAY_CREATE,
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


@pytest.fixture
def records(world: Any) -> dict[str, dict[str, Any]]:
    out = {}
    for marking in MARKINGS:
        m = meeting(world, title=f"Meeting {marking}", marking=marking)
        out[marking] = {
            "meeting": m,
            "participant": participant(m),
            "followup": followup(m),
        }
    return out


def _view(name: str, marking: str, denied: int = 302) -> int:
    if name == "deactivated":
        return denied
    return 200 if marking in MAY_VIEW[name] else 404


def _change(name: str, marking: str) -> int:
    if name == "deactivated":
        return 302
    if marking in MAY_CHANGE[name]:
        return 200
    return 403 if marking in MAY_VIEW[name] else 404


VIEW_ROUTES = {
    "dialogue:detail": "meeting",
    "dialogue:history": "meeting",
    "dialogue:briefing": "meeting",
    "dialogue:followup-history": "followup",
}
CHANGE_ROUTES = {
    "dialogue:update": "meeting",
    "dialogue:delete": "meeting",
    "dialogue:participant-create": "meeting",
    "dialogue:followup-create": "meeting",
    "dialogue:participant-update": "participant",
    "dialogue:participant-delete": "participant",
    "dialogue:followup-update": "followup",
    "dialogue:followup-delete": "followup",
}


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_web_routes_by_role_and_marking(world: Any, records: Any, name: str) -> None:
    client = _web(world.users[name])
    for marking in MARKINGS:
        for route, kind in VIEW_ROUTES.items():
            url = reverse(route, args=[records[marking][kind].pk])
            assert client.get(url).status_code == _view(name, marking), (route, marking)
        for route, kind in CHANGE_ROUTES.items():
            url = reverse(route, args=[records[marking][kind].pk])
            assert client.get(url).status_code == _change(name, marking), (route, marking)
    create = client.get(reverse("dialogue:create")).status_code
    expected = 302 if name == "deactivated" else (200 if name in MAY_CREATE else 403)
    assert create == expected


API_ITEMS = {
    "dialogue-meeting-detail": ("meeting", ""),
    "dialogue-meeting-history": ("meeting", "history/"),
    "dialogue-meeting-briefing": ("meeting", "briefing/"),
    "dialogue-participant-detail": ("participant", ""),
    "dialogue-participant-history": ("participant", "history/"),
    "dialogue-followup-detail": ("followup", ""),
    "dialogue-followup-history": ("followup", "history/"),
}
COLLECTIONS = {"meeting": "meetings", "participant": "participants", "followup": "followups"}


@pytest.mark.parametrize("name", list(ROLE_USERS))
def test_api_by_role_and_marking(world: Any, records: Any, name: str) -> None:
    client = _api(world.users[name])
    for kind, plural in COLLECTIONS.items():
        response = client.get(f"/api/v1/dialogue-{plural}/")
        if name == "deactivated":
            assert response.status_code in (401, 403)
            continue
        seen = {row["id"] for row in response.json()["results"]}
        expected = {records[m][kind].pk for m in MARKINGS if m in MAY_VIEW[name]}
        assert seen == expected, (kind, name)
    for kind, suffix in API_ITEMS.values():
        plural = COLLECTIONS[kind]
        for marking in MARKINGS:
            url = f"/api/v1/dialogue-{plural}/{records[marking][kind].pk}/{suffix}"
            status = client.get(url).status_code
            if name == "deactivated":
                assert status in (401, 403)
            else:
                assert status == _view(name, marking), (url, name)


@pytest.mark.parametrize("name", [n for n in ROLE_USERS if n != "deactivated"])
def test_api_transitions_by_role(world: Any, records: Any, name: str) -> None:
    client = _api(world.users[name])
    for marking in MARKINGS:
        f = records[marking]["followup"]
        response = client.post(
            f"/api/v1/dialogue-followups/{f.pk}/transition/",
            {"status": "IN_PROGRESS"},
            format="json",
            HTTP_IF_MATCH='"1"',
        )
        expected = _change(name, marking)
        assert response.status_code == expected, (name, marking)
        m = records[marking]["meeting"]
        response = client.post(
            f"/api/v1/dialogue-meetings/{m.pk}/transition/",
            {"status": "CANCELLED"},
            format="json",
            HTTP_IF_MATCH=f'"{m.version}"',
        )
        # Held meetings are final: writers get the explained 400, others 403/404.
        assert response.status_code == (400 if expected == 200 else expected), (name, marking)
