"""The nation switcher's choices for alliance users."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from partnerdesk.core.web.views import current_nation_id
from partnerdesk.organisations.selectors import partner_states


def nation_switcher(request: HttpRequest) -> dict[str, Any]:
    """Partner states an alliance user can focus on, and the current choice."""
    user: Any = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not getattr(user, "is_alliance", False):
        return {}
    return {
        "switcher_nations": partner_states(user),
        "switcher_current": current_nation_id(request),
    }
