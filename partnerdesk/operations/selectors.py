"""Read use-cases of operations and contributions, always restricted to what the user may see:
lists, the strength series of a nation per operation, and the nation's timeline entries.

The total strength is derived (`total_strength` annotation, `ContributionSnapshot.total`),
never read from a stored column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import F, IntegerField, Prefetch, QuerySet
from django.db.models.expressions import CombinedExpression

from partnerdesk.core.dates import DatePrecision
from partnerdesk.core.permissions import Action, restrict
from partnerdesk.core.selectors import get_changeable, get_visible
from partnerdesk.operations.choices import HEADCOUNT_NAMES
from partnerdesk.operations.models import ContributionSnapshot, Operation
from partnerdesk.organisations.models import Organisation

MECHANISM = "operations"
# From weakest to strongest (the values of sources.Confidence).
CONFIDENCE_ORDER = ("ILLUSTRATIVE", "SINGLE_SOURCE", "VERIFIED")


def _total_expression() -> Any:
    """infantry + medical_officers + engineers + staff_officers + other, in the database."""
    expression: Any = F(HEADCOUNT_NAMES[0])
    for name in HEADCOUNT_NAMES[1:]:
        expression = CombinedExpression(expression, "+", F(name), output_field=IntegerField())
    return expression


# -- operations ----------------------------------------------------------------------------


def operation_list(user: Any, *, nation_id: int | None = None) -> QuerySet[Operation]:
    """Operations (readable by every active user) with their lead organisation and sources.

    With `nation_id`, only operations that nation has a contribution to that `user` may see.
    """
    queryset = Operation.objects.select_related("lead_organisation").prefetch_related("sources")
    if nation_id is not None:
        contributed = contribution_list(user, nation_id=nation_id).values("operation_id")
        queryset = queryset.filter(pk__in=contributed)
    return restrict(queryset, user, Action.VIEW)


def operation_get(user: Any, pk: Any) -> Operation:
    """One operation with the contributions `user` may see (as `visible_contributions`)."""
    contributions = contribution_list(user).order_by("owner__name", "as_of", "pk")
    queryset = operation_list(user).prefetch_related(
        Prefetch("contributions", queryset=contributions, to_attr="visible_contributions")
    )
    return get_visible(queryset, user, pk)


def operation_get_for_change(user: Any, pk: Any) -> Operation:
    """One operation `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(operation_list(user), user, pk)


# -- contributions -------------------------------------------------------------------------


def contribution_list(
    user: Any,
    *,
    nation_id: int | None = None,
    operation_ids: list[int] | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
) -> QuerySet[ContributionSnapshot]:
    """Snapshots `user` may see, with nation, operation, framework nation and sources loaded
    and the derived `total_strength`; optionally of one nation, some operations and a span of
    years (a snapshot counts in a year its dated period overlaps)."""
    queryset = (
        ContributionSnapshot.objects.select_related("owner", "operation", "framework_nation")
        .prefetch_related("sources")
        .annotate(total_strength=_total_expression())
    )
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    if operation_ids is not None:
        queryset = queryset.filter(operation_id__in=operation_ids)
    if year_from is not None:
        queryset = queryset.filter(as_of__gte=dt.date(year_from, 1, 1))
    if year_to is not None:
        queryset = queryset.filter(as_of__lte=dt.date(year_to, 12, 31))
    return restrict(queryset, user, Action.VIEW)


def contribution_get(user: Any, pk: Any) -> ContributionSnapshot:
    """One visible snapshot; NotFound when missing or hidden."""
    return get_visible(contribution_list(user), user, pk)


def contribution_get_for_change(user: Any, pk: Any) -> ContributionSnapshot:
    """One snapshot `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(contribution_list(user), user, pk)


def contributing_nations(user: Any) -> QuerySet[Organisation]:
    """Nations with at least one snapshot `user` may see, by name."""
    owners = contribution_list(user).values("owner_id")
    return Organisation.objects.filter(pk__in=owners).order_by("name")


# -- series --------------------------------------------------------------------------------


def lowest_confidence(sources: Any) -> str:
    """The weakest confidence among `sources` ("" when there are none)."""
    ranks = [
        CONFIDENCE_ORDER.index(s.confidence) for s in sources if s.confidence in CONFIDENCE_ORDER
    ]
    return CONFIDENCE_ORDER[min(ranks)] if ranks else ""


def _keys(sources: Any) -> tuple[str, ...]:
    return tuple(sorted((str(s.key) for s in sources if s.key), key=_key_order))


def _key_order(key: str) -> tuple[int, str]:
    """S70 before S119: by number where the key is S<number>."""
    digits = key[1:] if key[:1] == "S" else ""
    return (int(digits), key) if digits.isdigit() else (10**9, key)


@dataclass(frozen=True)
class StrengthPoint:
    """One snapshot in a series: its date at its precision, derived total and citations."""

    snapshot_id: int
    date: dt.date
    precision: str
    date_display: str
    total: int
    approximate: bool
    withdrawal: bool
    source_keys: tuple[str, ...]
    url: str

    @property
    def label(self) -> str:
        """The value as shown at its point: "22", "~90"."""
        return f"~{self.total}" if self.approximate else str(self.total)


@dataclass(frozen=True)
class OperationSeries:
    """A nation's snapshots in one operation, ordered by date."""

    operation_id: int
    code: str
    name: str
    points: tuple[StrengthPoint, ...]


def strength_series(
    user: Any, nation_id: int, operation_ids: list[int] | None = None
) -> list[OperationSeries]:
    """The nation's visible snapshots per operation, each series ordered by date and the
    series by their first date; two queries whatever the number of snapshots."""
    snapshots = contribution_list(user, nation_id=nation_id, operation_ids=operation_ids).order_by(
        "as_of", "pk"
    )
    grouped: dict[int, list[ContributionSnapshot]] = {}
    for snapshot in snapshots:
        grouped.setdefault(snapshot.operation_id, []).append(snapshot)
    series = [
        OperationSeries(
            operation_id=operation_id,
            code=rows[0].operation.code,
            name=rows[0].operation.name,
            points=tuple(
                StrengthPoint(
                    snapshot_id=s.pk,
                    date=s.as_of,
                    precision=s.as_of_precision,
                    date_display=s.as_of_display,
                    total=s.total,
                    approximate=s.approximate,
                    withdrawal=s.withdrawal,
                    source_keys=_keys(s.sources.all()),
                    url=s.get_absolute_url(),
                )
                for s in rows
            ),
        )
        for operation_id, rows in grouped.items()
    ]
    return sorted(series, key=lambda s: (s.points[0].date, s.code))


# -- timeline ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    """One dated fact of this mechanism for the relationship timeline: `date` is the first day
    of its period, shown at `precision`; `confidence` is the weakest of its sources ("" if
    none)."""

    date: dt.date
    precision: str
    mechanism: str
    kind: str
    title: str
    url: str
    owner_id: int
    source_keys: tuple[str, ...]
    confidence: str


def _snapshot_entry(snapshot: ContributionSnapshot) -> TimelineEntry:
    sources = snapshot.sources.all()
    operation = snapshot.operation
    if snapshot.withdrawal:
        kind, title = "withdrawal", f"{operation.code}: contingent withdrawn (0)"
    else:
        strength = f"about {snapshot.total}" if snapshot.approximate else str(snapshot.total)
        kind, title = "contribution", f"{operation.code}: {strength} personnel"
    return TimelineEntry(
        date=snapshot.as_of,
        precision=snapshot.as_of_precision,
        mechanism=MECHANISM,
        kind=kind,
        title=title,
        url=snapshot.get_absolute_url(),
        owner_id=snapshot.owner_id,
        source_keys=_keys(sources),
        confidence=lowest_confidence(sources),
    )


def _mandate_entries(operation: Operation, owner_id: int) -> list[TimelineEntry]:
    sources = operation.sources.all()
    keys, confidence = _keys(sources), lowest_confidence(sources)
    entries = []
    milestones = (
        ("operation start", operation.mandate_start, operation.mandate_start_precision, "starts"),
        ("operation end", operation.mandate_end, operation.mandate_end_precision, "ends"),
    )
    for kind, day, precision, verb in milestones:
        if day is None:
            continue
        entries.append(
            TimelineEntry(
                date=day,
                precision=precision or DatePrecision.DAY,
                mechanism=MECHANISM,
                kind=kind,
                title=f"{operation.code} ({operation.name}) {verb}",
                url=operation.get_absolute_url(),
                owner_id=owner_id,
                source_keys=keys,
                confidence=confidence,
            )
        )
    return entries


def timeline_entries(user: Any, nation_id: int | None = None) -> list[TimelineEntry]:
    """Every visible snapshot, plus the start and end of each operation a nation contributed
    to (once per contributing nation, owned by it: operations themselves belong to no nation),
    ordered by date. Three queries whatever the number of rows."""
    snapshots = list(contribution_list(user, nation_id=nation_id).order_by("as_of", "pk"))
    entries = [_snapshot_entry(s) for s in snapshots]
    contributors: dict[int, set[int]] = {}
    for snapshot in snapshots:
        contributors.setdefault(snapshot.operation_id, set()).add(snapshot.owner_id)
    operations = restrict(
        Operation.objects.filter(pk__in=list(contributors)).prefetch_related("sources"),
        user,
        Action.VIEW,
    )
    for operation in operations:
        for owner_id in sorted(contributors[operation.pk]):
            entries.extend(_mandate_entries(operation, owner_id))
    return sorted(entries, key=lambda e: (e.date, e.owner_id, e.kind, e.title))
