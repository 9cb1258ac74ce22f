"""Read use-cases of the timeline: milestones, and the merged chronology of a nation.

The chronology asks every registered mechanism (`core.timeline`) for the entries the user may
see, so the timeline shows exactly what the user could open record by record.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from partnerdesk.core.dates import DatePrecision
from partnerdesk.core.permissions import restrict
from partnerdesk.core.selectors import get_changeable, get_visible
from partnerdesk.core.timeline import TimelineEntry, TimelineItem, cited, timeline_sources
from partnerdesk.timeline.models import Milestone

PRECISION_RANK: dict[str, int] = {
    DatePrecision.YEAR: 0,
    DatePrecision.MONTH: 1,
    DatePrecision.DAY: 2,
}


def milestone_list(user: Any, *, nation_id: int | None = None) -> QuerySet[Milestone]:
    """Milestones `user` may see (optionally of one nation), with owner and sources loaded."""
    queryset = Milestone.objects.select_related("owner").prefetch_related("sources")
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    return restrict(queryset, user)


def milestone_get(user: Any, pk: Any) -> Milestone:
    """One visible milestone, or NotFound."""
    return get_visible(milestone_list(user), user, pk)


def milestone_get_for_change(user: Any, pk: Any) -> Milestone:
    """One milestone the user may change: NotFound if invisible, Forbidden if read-only."""
    return get_changeable(milestone_list(user), user, pk)


def milestone_entries(user: Any, nation_id: int | None = None) -> list[TimelineEntry]:
    """The milestones `user` may see as timeline entries."""
    entries = []
    for milestone in milestone_list(user, nation_id=nation_id):
        keys, confidence = cited(milestone.sources.all())
        entries.append(
            TimelineEntry(
                date=milestone.date,
                precision=milestone.precision,
                mechanism="milestones",
                kind=milestone.get_category_display(),
                title=milestone.title,
                url=milestone.get_absolute_url(),
                owner_id=milestone.owner_id,
                source_keys=keys,
                confidence=confidence,
            )
        )
    return entries


def _sort_key(entry: TimelineItem) -> tuple[dt.date, int, str, str]:
    return (entry.date, PRECISION_RANK.get(entry.precision, 2), entry.mechanism, entry.title)


def timeline(
    user: Any,
    *,
    nation_id: int | None,
    mechanisms: Collection[str] | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
) -> list[TimelineItem]:
    """Every dated record of a nation that `user` may see, oldest first.

    A year- or month-precision entry sorts at the start of its period, before the day-precise
    entries of that period. `mechanisms` (codes) narrows the sources; `year_from`/`year_to`
    keep entries whose date falls in those years (inclusive).
    """
    entries: list[TimelineItem] = []
    for code, source in timeline_sources():
        if mechanisms and code not in mechanisms:
            continue
        for entry in source(user, nation_id=nation_id):
            if year_from is not None and entry.date.year < year_from:
                continue
            if year_to is not None and entry.date.year > year_to:
                continue
            entries.append(entry)
    return sorted(entries, key=_sort_key)


@dataclass(frozen=True)
class Bucket:
    """One bar of the overview: a year (or a month when zoomed into a year) and its count."""

    label: str
    count: int
    year: int
    month: int | None = None


def overview(entries: list[TimelineItem], *, year: int | None = None) -> list[Bucket]:
    """Counts per year over the span of `entries` (every year shown, empty ones as 0), or per
    month of `year` when zoomed in. Entries of year precision count in January of their year
    only at year zoom; at month zoom they are left out of the months (they have no month)."""
    if year is not None:
        per_month = Counter(
            e.date.month for e in entries if e.date.year == year and e.precision != "YEAR"
        )
        return [
            Bucket(dt.date(year, m, 1).strftime("%b"), per_month.get(m, 0), year, m)
            for m in range(1, 13)
        ]
    if not entries:
        return []
    per_year = Counter(e.date.year for e in entries)
    first, last = min(per_year), max(per_year)
    return [Bucket(str(y), per_year.get(y, 0), y) for y in range(first, last + 1)]
