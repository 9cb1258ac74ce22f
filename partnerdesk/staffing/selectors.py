"""Read use-cases of the staffing app, always restricted to what the user may see.

**Pseudonyms.** A posting's person name is treated as the sending nation's internal data: it
is shown only to users who may see that nation's NATIONAL_ONLY records (the nation's own partner
users), whatever the posting's marking. Everyone else — alliance staff, administrators, other
partners, analysts — sees a stable pseudonym such as "AZE officer 7F3A2C", an HMAC of the
posting id keyed with SECRET_KEY (not reversible, the same on every page, API response, CLI
output and export). Every read path gets rows from `posting_list`, whose rows carry
`display_name` and `name_visible` for the viewer and have `person_name` blanked when hidden, so
no template or serializer can show the name by mistake.

**Headcount.** A posting counts on day D when it started on or before D (its start read as the
first day of its period) and has not ended before D (its end read as the last day of its
period; an open end means still serving). Scope NATO_HQ counts hosts in
`choices.NATO_HQ_BODIES` and bodies under them; ALL_BODIES counts every host.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac

from partnerdesk.core.dates import period_end
from partnerdesk.core.permissions import Action, restrict
from partnerdesk.core.selectors import get_changeable, get_visible
from partnerdesk.core.timeline import TimelineEntry, cited
from partnerdesk.organisations.models import Organisation
from partnerdesk.staffing.choices import NATO_HQ_BODIES, Measure, Scope
from partnerdesk.staffing.models import (
    Posting,
    PostingQuerySet,
    ReportedHeadcount,
    may_see_name,
    name_nations,
)

__all__ = ["TimelineEntry", "may_see_name"]

PSEUDONYM_SALT = "partnerdesk.staffing.pseudonym"

# -- pseudonyms ----------------------------------------------------------------------------


def pseudonym(posting_id: int, nation_code: str) -> str:
    """The stable pseudonym of a posting's person: nation code, "officer", six hex digits.

    Derived from the posting id with an HMAC keyed by SECRET_KEY: the same everywhere, not
    reversible without the key, unchanged when the name is edited.
    """
    digest = salted_hmac(PSEUDONYM_SALT, str(posting_id)).hexdigest()
    return f"{nation_code} officer {digest[:6].upper()}"


def name_hook(user: Any) -> Callable[[Posting], None]:
    """The function that gives each fetched posting the name or pseudonym `user` may see."""
    nations = name_nations(user)

    def apply(posting: Posting) -> None:
        visible = nations is None or posting.owner_id in nations
        code = posting.owner.code
        posting.name_visible = visible
        if visible and posting.person_name:
            posting.display_name = posting.person_name
        else:
            posting.display_name = pseudonym(posting.pk, code)
        if not visible:
            posting.person_name = ""

    return apply


# -- postings ------------------------------------------------------------------------------


def posting_list(user: Any, *, nation_id: int | None = None) -> PostingQuerySet:
    """Postings `user` may see, with nation, host and sources loaded, each row carrying the
    viewer's `display_name` (see the module docstring)."""
    queryset = Posting.objects.select_related("owner", "host", "host__parent").prefetch_related(
        "sources"
    )
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    restricted = cast(PostingQuerySet, restrict(queryset, user, Action.VIEW))
    return restricted.with_row_hook(name_hook(user))


def posting_get(user: Any, pk: Any) -> Posting:
    """One visible posting (name or pseudonym set for `user`); NotFound when hidden."""
    return get_visible(posting_list(user), user, pk)


def posting_get_for_change(user: Any, pk: Any) -> Posting:
    """One posting `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(posting_list(user), user, pk)


# -- reported headcounts -------------------------------------------------------------------


def reported_list(user: Any, *, nation_id: int | None = None) -> QuerySet[ReportedHeadcount]:
    """Reported headcounts `user` may see, dated ones first by date, with their sources."""
    queryset = (
        ReportedHeadcount.objects.select_related("owner")
        .prefetch_related(Prefetch("sources"))
        .order_by("owner__name", F("as_of").asc(nulls_last=True), "pk")
    )
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    return restrict(queryset, user, Action.VIEW)


def reported_get(user: Any, pk: Any) -> ReportedHeadcount:
    """One visible reported headcount; NotFound when hidden."""
    return get_visible(reported_list(user), user, pk)


def reported_get_for_change(user: Any, pk: Any) -> ReportedHeadcount:
    """One reported headcount `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(reported_list(user), user, pk)


# -- headcounts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """What a headcount needs to know about one posting."""

    owner_id: int
    scheme: str
    start: dt.date
    last_day: dt.date | None
    at_hq: bool

    def counts(self, day: dt.date, scope: str, scheme: str | None) -> bool:
        """Whether this posting counts on `day` in `scope` (and `scheme`, None = any)."""
        if scheme and self.scheme != scheme:
            return False
        if scope == Scope.NATO_HQ and not self.at_hq:
            return False
        return self.start <= day and (self.last_day is None or self.last_day >= day)


def spans(user: Any, nation_id: int | None) -> list[Span]:
    """The visible postings of a nation (or of every visible nation) as spans; one query."""
    queryset = restrict(Posting.objects.all(), user, Action.VIEW)
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    rows = queryset.values_list(
        "owner_id", "scheme", "start_on", "end_last_day", "host__code", "host__parent__code"
    )
    return [
        Span(owner, scheme, start, last, code in NATO_HQ_BODIES or parent in NATO_HQ_BODIES)
        for owner, scheme, start, last, code, parent in rows
    ]


def _check_scope(scope: str) -> None:
    if scope not in Scope.values:
        raise ValueError(f"Unknown scope {scope!r}; use one of {', '.join(Scope.values)}.")


def headcount(
    user: Any,
    nation_id: int | None,
    *,
    on: dt.date,
    scope: str = Scope.ALL_BODIES,
    scheme: str | None = None,
) -> int:
    """How many of the postings `user` may see were serving on `on` in `scope` (see the module
    docstring for how imprecise dates count)."""
    _check_scope(scope)
    return sum(1 for span in spans(user, nation_id) if span.counts(on, scope, scheme))


@dataclass(frozen=True)
class SeriesPoint:
    """One year of the series: the headcount on the reference day, and postings started/ended."""

    year: int
    on: dt.date
    count: int
    started: int
    ended: int


def series_from_spans(
    rows: Iterable[Span],
    *,
    scope: str,
    scheme: str | None = None,
    years: tuple[int, int] | None = None,
    month: int = 7,
    day: int = 1,
) -> list[SeriesPoint]:
    """The yearly series of `rows` (pure): for each year, the headcount on `day`.`month` and
    how many postings in scope started or ended in that year. Without `years` the series runs
    from the first start to the current year; empty when there are no postings."""
    _check_scope(scope)
    chosen = [s for s in rows if (not scheme or s.scheme == scheme)]
    if scope == Scope.NATO_HQ:
        chosen = [s for s in chosen if s.at_hq]
    if years is None:
        if not chosen:
            return []
        years = (min(s.start.year for s in chosen), timezone.localdate().year)
    first, last = years
    points = []
    for year in range(first, last + 1):
        on = dt.date(year, month, day)
        points.append(
            SeriesPoint(
                year=year,
                on=on,
                count=sum(1 for s in chosen if s.counts(on, scope, None)),
                started=sum(1 for s in chosen if s.start.year == year),
                ended=sum(1 for s in chosen if s.last_day is not None and s.last_day.year == year),
            )
        )
    return points


def headcount_series(
    user: Any,
    nation_id: int | None,
    *,
    scope: str = Scope.ALL_BODIES,
    scheme: str | None = None,
    years: tuple[int, int] | None = None,
    month: int = 7,
    day: int = 1,
) -> list[SeriesPoint]:
    """The yearly headcount series of the postings `user` may see (one query)."""
    return series_from_spans(
        spans(user, nation_id), scope=scope, scheme=scheme, years=years, month=month, day=day
    )


@dataclass(frozen=True)
class Comparison:
    """A reported figure beside the figure computed from the postings (same scope and date)."""

    reported: ReportedHeadcount
    computed: int | None
    computed_on: dt.date | None

    @property
    def matches(self) -> bool | None:
        """Whether the computed figure agrees with the reported one (None when not computed)."""
        if self.computed is None:
            return None
        reported = self.reported
        if reported.qualifier == "MORE_THAN":
            return self.computed > reported.count
        if reported.qualifier == "APPROXIMATE":
            return abs(self.computed - reported.count) <= max(1, reported.count // 10)
        return self.computed == reported.count


def compare_reported(
    user: Any, nation_id: int | None, *, today: dt.date | None = None
) -> list[Comparison]:
    """Every visible reported figure of the nation with the computed one beside it (two
    queries whatever the number of rows).

    Serving figures are computed on their as-of date (the first day of a month or year);
    cumulative ones count postings started from 1 January of `since_year` to the end of the
    as-of period (or `today` when undated). Undated serving figures get no computed value.
    """
    today = today or timezone.localdate()
    reported = list(reported_list(user, nation_id=nation_id))
    by_nation: dict[int, list[Span]] = {}
    for span in spans(user, nation_id):
        by_nation.setdefault(span.owner_id, []).append(span)
    result = []
    for row in reported:
        rows = by_nation.get(row.owner_id, [])
        computed: int | None = None
        on: dt.date | None = None
        if row.measure == Measure.SERVING and row.as_of is not None:
            on = row.as_of
            computed = sum(1 for s in rows if s.counts(on, row.scope, None))
        elif row.measure == Measure.PROVIDED_SINCE and row.since_year is not None:
            on = period_end(row.as_of, row.as_of_precision) if row.as_of else today
            first = dt.date(row.since_year, 1, 1)
            computed = sum(
                1
                for s in rows
                if first <= s.start <= on and (row.scope != Scope.NATO_HQ or s.at_hq)
            )
        result.append(Comparison(row, computed, on))
    return result


# -- timeline ------------------------------------------------------------------------------


def timeline_entries(user: Any, nation_id: int | None = None) -> list[TimelineEntry]:
    """Posting starts and ends (titled with the name or pseudonym the user may see) and dated
    reported headcounts, each at its precision, citing its sources. Three queries."""
    entries: list[TimelineEntry] = []
    for posting in posting_list(user, nation_id=nation_id):
        keys, confidence = cited(posting.sources.all())
        who = posting.display_name + (f" ({posting.rank})" if posting.rank else "")
        where = f"{posting.post_title}, {posting.host.code}, {posting.scheme}"
        ends = [("posting start", posting.start_on, posting.start_precision, "starts")]
        if posting.end_on is not None:
            ends.append(("posting end", posting.end_on, posting.end_precision, "ends"))
        for kind, day, precision, verb in ends:
            entries.append(
                TimelineEntry(
                    date=day,
                    precision=precision,
                    mechanism="staffing",
                    kind=kind,
                    title=f"{who} {verb} as {where}",
                    url=posting.get_absolute_url(),
                    owner_id=posting.owner_id,
                    source_keys=keys,
                    confidence=confidence,
                )
            )
    for row in reported_list(user, nation_id=nation_id):
        if row.as_of is None:
            continue
        keys, confidence = cited(row.sources.all())
        words = f" — “{row.wording}”" if row.wording else ""
        entries.append(
            TimelineEntry(
                date=row.as_of,
                precision=row.as_of_precision,
                mechanism="staffing",
                kind="reported headcount",
                title=f"Reported: {row.figure} officers, {row.get_scope_display()}{words}",
                url=row.get_absolute_url(),
                owner_id=row.owner_id,
                source_keys=keys,
                confidence=confidence,
            )
        )
    return entries


def nation_choices(user: Any) -> QuerySet[Organisation]:
    """States with postings or reported figures `user` may see (for the headcount page)."""
    owners = set(restrict(Posting.objects.all(), user).values_list("owner_id", flat=True))
    owners |= set(
        restrict(ReportedHeadcount.objects.all(), user).values_list("owner_id", flat=True)
    )
    return Organisation.objects.filter(pk__in=sorted(owners)).order_by("name")
