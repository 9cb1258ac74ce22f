"""Template context shared by every page: navigation and the nation switcher."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from partnerdesk.core.markings import Marking

NAVIGATION = (
    ("Entry documents", "entrydocs:list", "entrydocs"),
    ("Organisations", "organisations:list", "organisations"),
    ("Sources", "sources:list", "sources"),
    ("Change log", "core:changes", "changes"),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The mechanism navigation, the current section and the marking vocabulary."""
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    return {
        "nav_items": NAVIGATION,
        "nav_current": namespace,
        "markings": Marking,
    }
