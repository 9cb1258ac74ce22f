"""Read use-cases of trust funds, always restricted to what the user may see; the money
totals per project, phase, donor and currency; and the entries of the relationship timeline.

A child row (phase, contribution, agreement, KPI) is visible only when the user may see it
*and* its project (and phase), so an over-marked project hides everything under it, and money
totals are computed from visible rows only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from partnerdesk.core.dates import DatePrecision
from partnerdesk.core.permissions import Action, restrict
from partnerdesk.core.selectors import get_changeable, get_visible
from partnerdesk.trustfunds.analytics import Money, add_money, remaining, sum_money
from partnerdesk.trustfunds.choices import ContributionStatus
from partnerdesk.trustfunds.models import Agreement, Contribution, Kpi, Phase, Project

# -- projects ------------------------------------------------------------------------------


def _projects(user: Any) -> QuerySet[Project]:
    return restrict(Project.objects.all(), user, Action.VIEW)


def _phases(user: Any) -> QuerySet[Phase]:
    return restrict(Phase.objects.filter(project__in=_projects(user)), user, Action.VIEW)


def project_list(user: Any, *, nation_id: int | None = None) -> QuerySet[Project]:
    """Projects `user` may see, with their host nation, sources and visible phases loaded."""
    queryset = Project.objects.select_related("owner").prefetch_related(
        "sources",
        Prefetch("phases", queryset=restrict(Phase.objects.all(), user, Action.VIEW)),
    )
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    return restrict(queryset, user, Action.VIEW)


def project_detail_list(user: Any) -> QuerySet[Project]:
    """Like `project_list`, plus everything the project page shows, visible rows only."""
    contributions = (
        restrict(Contribution.objects.all(), user, Action.VIEW)
        .select_related("donor")
        .prefetch_related("sources")
    )
    kpis = restrict(Kpi.objects.all(), user, Action.VIEW).prefetch_related("sources")
    phases = (
        restrict(Phase.objects.all(), user, Action.VIEW)
        .select_related("executing_agent")
        .prefetch_related(
            "sources",
            "lead_nations",
            Prefetch("contributions", queryset=contributions),
            Prefetch("kpis", queryset=kpis),
        )
    )
    agreements = (
        restrict(Agreement.objects.all(), user, Action.VIEW)
        .select_related("phase")
        .prefetch_related("sources", "parties")
    )
    return (
        Project.objects.select_related("owner")
        .prefetch_related(
            "sources",
            Prefetch("phases", queryset=phases),
            Prefetch("agreements", queryset=agreements),
        )
        .filter(pk__in=_projects(user))
    )


def project_get(user: Any, pk: Any) -> Project:
    """One visible project with its phases, contributions, agreements and KPIs; NotFound when
    missing or hidden."""
    return get_visible(project_detail_list(user), user, pk)


def project_get_for_change(user: Any, pk: Any) -> Project:
    """One project `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(project_list(user), user, pk)


# -- phases --------------------------------------------------------------------------------


def phase_list(
    user: Any, *, nation_id: int | None = None, project_id: int | None = None
) -> QuerySet[Phase]:
    """Phases `user` may see (of projects they may see), with project, agent, lead nations."""
    queryset = Phase.objects.select_related("owner", "project", "executing_agent").prefetch_related(
        "sources", "lead_nations"
    )
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    if project_id is not None:
        queryset = queryset.filter(project_id=project_id)
    return restrict(queryset.filter(project__in=_projects(user)), user, Action.VIEW)


def phase_get(user: Any, pk: Any) -> Phase:
    """One visible phase; NotFound when hidden."""
    return get_visible(phase_list(user), user, pk)


def phase_get_for_change(user: Any, pk: Any) -> Phase:
    """One phase `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(phase_list(user), user, pk)


# -- contributions -------------------------------------------------------------------------


def contribution_list(
    user: Any,
    *,
    nation_id: int | None = None,
    project_id: int | None = None,
    phase_id: int | None = None,
) -> QuerySet[Contribution]:
    """Contributions `user` may see (of phases and projects they may see)."""
    queryset = Contribution.objects.select_related(
        "owner", "donor", "phase", "phase__project"
    ).prefetch_related("sources")
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    if project_id is not None:
        queryset = queryset.filter(phase__project_id=project_id)
    if phase_id is not None:
        queryset = queryset.filter(phase_id=phase_id)
    return restrict(queryset.filter(phase__in=_phases(user)), user, Action.VIEW)


def contribution_get(user: Any, pk: Any) -> Contribution:
    """One visible contribution; NotFound when hidden."""
    return get_visible(contribution_list(user), user, pk)


def contribution_get_for_change(user: Any, pk: Any) -> Contribution:
    """One contribution `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(contribution_list(user), user, pk)


# -- agreements ----------------------------------------------------------------------------


def agreement_list(
    user: Any, *, nation_id: int | None = None, project_id: int | None = None
) -> QuerySet[Agreement]:
    """Agreements `user` may see (of projects they may see; of a visible phase, if any)."""
    queryset = Agreement.objects.select_related("owner", "project", "phase").prefetch_related(
        "sources", "parties"
    )
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    if project_id is not None:
        queryset = queryset.filter(project_id=project_id)
    phase_visible = Agreement.objects.filter(phase__isnull=True) | Agreement.objects.filter(
        phase__in=_phases(user)
    )
    queryset = queryset.filter(project__in=_projects(user), pk__in=phase_visible.values("pk"))
    return restrict(queryset, user, Action.VIEW)


def agreement_get(user: Any, pk: Any) -> Agreement:
    """One visible agreement; NotFound when hidden."""
    return get_visible(agreement_list(user), user, pk)


def agreement_get_for_change(user: Any, pk: Any) -> Agreement:
    """One agreement `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(agreement_list(user), user, pk)


# -- KPIs ----------------------------------------------------------------------------------


def kpi_list(
    user: Any,
    *,
    nation_id: int | None = None,
    project_id: int | None = None,
    phase_id: int | None = None,
) -> QuerySet[Kpi]:
    """KPIs `user` may see (of phases and projects they may see)."""
    queryset = Kpi.objects.select_related("owner", "phase", "phase__project").prefetch_related(
        "sources"
    )
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    if project_id is not None:
        queryset = queryset.filter(phase__project_id=project_id)
    if phase_id is not None:
        queryset = queryset.filter(phase_id=phase_id)
    return restrict(queryset.filter(phase__in=_phases(user)), user, Action.VIEW)


def kpi_get(user: Any, pk: Any) -> Kpi:
    """One visible KPI; NotFound when hidden."""
    return get_visible(kpi_list(user), user, pk)


def kpi_get_for_change(user: Any, pk: Any) -> Kpi:
    """One KPI `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(kpi_list(user), user, pk)


# -- money ---------------------------------------------------------------------------------


@dataclass
class MoneyBucket:
    """Money of one project, phase, donor or of everything, one figure per currency.

    `budget` sums phase budgets (of which `estimated` is the part given as estimates);
    `contributed` = `pledged` + `paid`; `undisclosed` counts contributions whose amount no
    source gives, `in_kind` those in kind. `remaining` is budget minus contributions in the
    budget's own currency.
    """

    budget: Money = field(default_factory=dict)
    estimated: Money = field(default_factory=dict)
    contributed: Money = field(default_factory=dict)
    pledged: Money = field(default_factory=dict)
    paid: Money = field(default_factory=dict)
    undisclosed: int = 0
    in_kind: int = 0

    @property
    def remaining(self) -> Money:
        return remaining(self.budget, self.contributed)

    @property
    def currencies(self) -> list[str]:
        """Every currency that appears, sorted."""
        return sorted(set(self.budget) | set(self.contributed))


@dataclass
class MoneyTotals:
    """Totals across the visible rows: overall, per project, per phase and per donor (ids as
    keys; `names` maps donor ids to names, `phase_labels` phase ids to “project, phase n”) —
    never adding different currencies."""

    total: MoneyBucket
    reported: Money
    by_project: dict[int, MoneyBucket]
    by_phase: dict[int, MoneyBucket]
    by_donor: dict[int, MoneyBucket]
    names: dict[int, str]
    phase_labels: dict[int, str]


def money_totals(
    user: Any, *, project_id: int | None = None, nation_id: int | None = None
) -> MoneyTotals:
    """Budgets and contributions of the projects `user` may see (one project, one nation or
    all), summed exactly per currency in three queries. Only visible phases and contributions
    count, so a hidden contribution never leaks through a total."""
    phases = phase_list(user, nation_id=nation_id, project_id=project_id)
    phase_rows = list(
        phases.order_by().values_list(
            "pk", "project_id", "budget", "currency", "estimated", "number", "project__title"
        )
    )
    contributions = contribution_list(user, nation_id=nation_id, project_id=project_id)
    contribution_rows = list(
        contributions.order_by().values_list(
            "phase_id",
            "phase__project_id",
            "donor_id",
            "donor__name",
            "amount",
            "currency",
            "status",
            "in_kind",
        )
    )
    projects = project_list(user, nation_id=nation_id)
    if project_id is not None:
        projects = projects.filter(pk=project_id)
    reported = sum_money(projects.order_by().values_list("currency", "budget"))

    total = MoneyBucket()
    by_project: dict[int, MoneyBucket] = {}
    by_phase: dict[int, MoneyBucket] = {}
    by_donor: dict[int, MoneyBucket] = {}
    names: dict[int, str] = {}
    labels: dict[int, str] = {}
    for pk, project, budget, currency, estimated, number, title in phase_rows:
        labels[pk] = f"{title}, phase {number}"
        by_phase.setdefault(pk, MoneyBucket())
        by_project.setdefault(project, MoneyBucket())
        for bucket in (total, by_project[project], by_phase[pk]):
            bucket.budget = add_money(bucket.budget, sum_money([(currency, budget)]))
            if estimated:
                bucket.estimated = add_money(bucket.estimated, sum_money([(currency, budget)]))
    for phase, project, donor, name, amount, currency, status, in_kind in contribution_rows:
        names[donor] = name
        buckets = (
            total,
            by_project.setdefault(project, MoneyBucket()),
            by_phase.setdefault(phase, MoneyBucket()),
            by_donor.setdefault(donor, MoneyBucket()),
        )
        money = sum_money([(currency, amount)])
        for bucket in buckets:
            bucket.contributed = add_money(bucket.contributed, money)
            if status == ContributionStatus.PAID:
                bucket.paid = add_money(bucket.paid, money)
            else:
                bucket.pledged = add_money(bucket.pledged, money)
            if amount is None:
                bucket.undisclosed += 1
            if in_kind:
                bucket.in_kind += 1
    return MoneyTotals(
        total=total,
        reported=reported,
        by_project=by_project,
        by_phase=by_phase,
        by_donor=dict(sorted(by_donor.items(), key=lambda item: names[item[0]])),
        names=names,
        phase_labels=labels,
    )


# -- the relationship timeline -------------------------------------------------------------

CONFIDENCE_ORDER = ("ILLUSTRATIVE", "SINGLE_SOURCE", "VERIFIED")


@dataclass(frozen=True)
class TimelineEntry:
    """One dated fact: `date` is the first day of its period, shown at `precision`."""

    date: dt.date
    precision: str
    mechanism: str
    kind: str
    title: str
    url: str
    owner_id: int
    source_keys: tuple[str, ...]
    confidence: str


def _cited(sources: Iterable[Any]) -> tuple[tuple[str, ...], str]:
    """Sorted citation keys and the lowest confidence among `sources` ("" when none)."""
    rows = list(sources)
    keys = tuple(sorted(str(s.key) for s in rows if s.key))
    ranks = [CONFIDENCE_ORDER.index(s.confidence) for s in rows if s.confidence in CONFIDENCE_ORDER]
    return keys, (CONFIDENCE_ORDER[min(ranks)] if ranks else "")


def _entry(
    obj: Any, day: dt.date, precision: str, kind: str, title: str, url: str
) -> TimelineEntry:
    keys, confidence = _cited(obj.sources.all())
    return TimelineEntry(
        date=day,
        precision=precision or DatePrecision.DAY,
        mechanism="trustfunds",
        kind=kind,
        title=title,
        url=url,
        owner_id=obj.owner_id,
        source_keys=keys,
        confidence=confidence,
    )


def timeline_entries(user: Any, *, nation_id: int | None = None) -> list[TimelineEntry]:
    """One entry per dated fact of the trust-fund records `user` may see: a project's request,
    a phase presented / started / ended, an agreement signed, a KPI reported. Runs a fixed
    number of queries whatever the number of records."""
    entries: list[TimelineEntry] = [
        _entry(
            project,
            project.requested_on,
            project.requested_precision,
            "project requested",
            f"{project.title}: requested by {project.owner.name}",
            project.get_absolute_url(),
        )
        for project in project_list(user, nation_id=nation_id)
        if project.requested_on is not None
    ]
    for phase in phase_list(user, nation_id=nation_id):
        url = phase.get_absolute_url()
        name = f"{phase.project.title}, phase {phase.number}"
        for day, precision, kind in (
            (phase.announced_on, phase.announced_precision, "phase presented"),
            (phase.start_on, phase.start_precision, "phase starts"),
            (phase.end_on, phase.end_precision, "phase ends"),
        ):
            if day is not None:
                verb = kind.removeprefix("phase ")
                entries.append(_entry(phase, day, precision, kind, f"{name} {verb}", url))
    entries.extend(
        _entry(
            agreement,
            agreement.signed_on,
            agreement.signed_precision,
            "agreement signed",
            f"{agreement.project.title}: {agreement.get_kind_display()} signed",
            agreement.get_absolute_url(),
        )
        for agreement in agreement_list(user, nation_id=nation_id)
    )
    entries.extend(
        _entry(
            kpi,
            kpi.as_of,
            kpi.as_of_precision,
            "result reported",
            f"{kpi.phase.project.title}, phase {kpi.phase.number}: {kpi.label} {kpi.value_display}",
            kpi.get_absolute_url(),
        )
        for kpi in kpi_list(user, nation_id=nation_id)
    )
    entries.sort(key=lambda e: (e.date, e.title))
    return entries
