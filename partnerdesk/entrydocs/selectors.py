"""Read use-cases for PfP entry documents, always restricted to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from partnerdesk.core.permissions import Action, restrict
from partnerdesk.core.selectors import get_changeable, get_visible
from partnerdesk.entrydocs.models import EntryDocument


def entrydoc_list(user: Any, *, nation_id: int | None = None) -> QuerySet[EntryDocument]:
    """Entry documents `user` may see (optionally of one nation), with owner and sources loaded."""
    queryset = EntryDocument.objects.select_related("owner").prefetch_related("sources")
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    return restrict(queryset, user, Action.VIEW)


def entrydoc_get(user: Any, pk: Any) -> EntryDocument:
    """One visible entry document; NotFound for missing, foreign or over-marked ones."""
    return get_visible(entrydoc_list(user), user, pk)


def entrydoc_get_for_change(user: Any, pk: Any) -> EntryDocument:
    """One entry document `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(entrydoc_list(user), user, pk)
