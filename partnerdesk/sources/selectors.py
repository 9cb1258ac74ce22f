"""Read use-cases for sources (reference data every active user may read)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from partnerdesk.core.permissions import Action, restrict
from partnerdesk.core.selectors import get_changeable, get_visible
from partnerdesk.sources.models import Source


def source_list(user: Any) -> QuerySet[Source]:
    """Sources `user` may see."""
    return restrict(Source.objects.all(), user, Action.VIEW)


def source_get(user: Any, pk: Any) -> Source:
    """One source, or NotFound."""
    return get_visible(source_list(user), user, pk)


def source_get_for_change(user: Any, pk: Any) -> Source:
    """One source `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(source_list(user), user, pk)
