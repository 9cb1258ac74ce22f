"""The access specification the tests check, written out independently of core.permissions.

For a record owned by Azerbaijan in the test world: the markings each user may see and
change. Apps' access tests import these tables (and the two client builders) instead of
keeping copies, so a change of the rules is made in one place — and in `core.permissions`,
whose tests then disagree with this file until both say the same.
"""

from __future__ import annotations

from typing import Any

from partnerdesk.core.markings import Marking

MARKINGS = [m.value for m in Marking]
ALL_BUT_NATIONAL = {"PUBLIC", "PARTNERS", "BILATERAL", "ALLIANCE_ONLY"}
OWN_PARTNER = {"PUBLIC", "PARTNERS", "BILATERAL", "NATIONAL_ONLY"}
RELEASED = {"PUBLIC", "PARTNERS"}

MAY_VIEW: dict[str, set[str]] = {
    "aze_coordinator": OWN_PARTNER,
    "aze_assessor": OWN_PARTNER,
    "aze_viewer": OWN_PARTNER,
    "geo_coordinator": RELEASED,
    "geo_viewer": RELEASED,
    "staff_all": ALL_BUT_NATIONAL,
    "staff_geo": ALL_BUT_NATIONAL,
    "alliance_assessor": ALL_BUT_NATIONAL,
    "analyst": RELEASED,
    "admin": ALL_BUT_NATIONAL,
    "deactivated": set(),
}
MAY_CHANGE: dict[str, set[str]] = {name: set() for name in MAY_VIEW} | {
    "aze_coordinator": OWN_PARTNER,
    "staff_all": ALL_BUT_NATIONAL,
}
# Who may create a nation-owned record for some nation.
MAY_CREATE = {"aze_coordinator", "geo_coordinator", "staff_all", "staff_geo"}


def web_client(user: Any) -> Any:
    """A Django test client signed in as `user` (works for a deactivated user too)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def token_client(user: Any) -> Any:
    """An API client with a token created directly, so it exists for a deactivated user too."""
    from rest_framework.test import APIClient

    from partnerdesk.accounts.models import ApiToken, hash_token

    client = APIClient()
    key = f"pd_test_{user.username}"
    ApiToken.objects.create(user=user, prefix=key[:10], key_hash=hash_token(key))
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client
