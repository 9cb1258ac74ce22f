"""Template context shared by every page: navigation and the nation switcher."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from partnerdesk.core.markings import Marking
from partnerdesk.core.web.registry import nav_items

REFERENCE_NAVIGATION = (
    ("Organisations", "organisations:list", "organisations"),
    ("Sources", "sources:list", "sources"),
    ("Change log", "core:changes", "core"),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The mechanism navigation, the current section and the marking vocabulary."""
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    items: tuple[tuple[str, str, str], ...] = (
        *((item.label, item.url_name, item.namespace) for item in nav_items()),
        *REFERENCE_NAVIGATION,
    )
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "role", None) == "ADMINISTRATOR":
        items = (*items, ("Accounts", "accounts:list", "accounts"))
    return {
        "nav_items": items,
        "nav_current": namespace,
        "markings": Marking,
    }
