"""Read use-cases for PfP entry documents, always restricted to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from partnerdesk.core.permissions import Action, restrict
from partnerdesk.core.selectors import get_changeable, get_visible
from partnerdesk.core.timeline import TimelineEntry, cited
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


def timeline_entries(user: Any, nation_id: int | None = None) -> list[TimelineEntry]:
    """The signed, handed-over and approved dates of the entry documents `user` may see."""
    entries: list[TimelineEntry] = []
    for doc in entrydoc_list(user, nation_id=nation_id):
        keys, confidence = cited(doc.sources.all())
        for day, kind in (
            (doc.signed_on, "signed"),
            (doc.submitted_on, "handed to NATO"),
            (doc.approved_on, "approved"),
        ):
            if day is not None:
                entries.append(
                    TimelineEntry(
                        date=day,
                        precision="DAY",
                        mechanism="entrydocs",
                        kind=kind,
                        title=f"{doc.title} {kind}",
                        url=doc.get_absolute_url(),
                        owner_id=doc.owner_id,
                        source_keys=keys,
                        confidence=confidence,
                    )
                )
    return entries
