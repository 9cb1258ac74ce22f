"""Read use-cases of PARP, always restricted to what the user may see.

A child row (survey answer, goal, assessment) is visible only when the user may see both the
row and its parents, so a visible goal never reveals a cycle the user may not see. Goal counts
and the goal series are computed here from the goal rows the user may see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from partnerdesk.core.permissions import Action, grant_q, restrict
from partnerdesk.core.selectors import get_changeable, get_visible
from partnerdesk.core.timeline import TimelineEntry, cited
from partnerdesk.organisations.models import Organisation
from partnerdesk.parp.choices import Service
from partnerdesk.parp.models import GoalAssessment, ParpCycle, PartnershipGoal, SurveyAnswer
from partnerdesk.plans.models import Objective

# -- cycles ---------------------------------------------------------------------------------


def cycle_list(user: Any, *, nation_id: int | None = None) -> QuerySet[ParpCycle]:
    """PARP cycles `user` may see (optionally of one nation), with owner and sources loaded."""
    queryset = ParpCycle.objects.select_related("owner").prefetch_related("sources")
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    return restrict(queryset, user, Action.VIEW)


def cycle_list_with_counts(user: Any, *, nation_id: int | None = None) -> QuerySet[ParpCycle]:
    """Cycles with `goal_count` and `armed_forces_count` over the goals `user` may see."""
    visible = grant_q(user, Action.VIEW, owner="goals__owner", marking="goals__marking")
    return cycle_list(user, nation_id=nation_id).annotate(
        goal_count=Count("goals", filter=visible, distinct=True),
        armed_forces_count=Count(
            "goals", filter=visible & Q(goals__armed_forces=True), distinct=True
        ),
    )


def cycle_get(user: Any, pk: Any) -> ParpCycle:
    """One visible cycle; NotFound for missing, foreign or over-marked ones."""
    return get_visible(cycle_list(user), user, pk)


def cycle_get_with_counts(user: Any, pk: Any) -> ParpCycle:
    """One visible cycle with its computed goal counts; NotFound otherwise."""
    return get_visible(cycle_list_with_counts(user), user, pk)


def cycle_get_for_change(user: Any, pk: Any) -> ParpCycle:
    """One cycle `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(cycle_list(user), user, pk)


def cycles_for_nation(user: Any, nation_id: int) -> QuerySet[ParpCycle]:
    """The visible cycles of one nation, oldest first (carry-over targets, series)."""
    return cycle_list(user, nation_id=nation_id).order_by("start_year")


def year_kind(cycle: ParpCycle, year: int) -> str:
    """GOALS or ASSESSMENT: what `year` is for under the cycle's calendar rule."""
    return cycle.year_kind(year)


# -- survey answers -------------------------------------------------------------------------


def _with_visible_cycle(queryset: QuerySet[Any], user: Any, prefix: str) -> QuerySet[Any]:
    return queryset.filter(
        grant_q(user, Action.VIEW, owner=f"{prefix}__owner", marking=f"{prefix}__marking")
    )


def survey_answer_list(
    user: Any, *, nation_id: int | None = None, cycle_id: int | None = None
) -> QuerySet[SurveyAnswer]:
    """Survey answers `user` may see (of visible cycles), with cycle and sources loaded."""
    queryset = SurveyAnswer.objects.select_related("cycle", "owner").prefetch_related("sources")
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    if cycle_id is not None:
        queryset = queryset.filter(cycle_id=cycle_id)
    return restrict(_with_visible_cycle(queryset, user, "cycle"), user, Action.VIEW)


def survey_answer_get(user: Any, pk: Any) -> SurveyAnswer:
    """One visible survey answer, or NotFound."""
    return get_visible(survey_answer_list(user), user, pk)


def survey_answer_get_for_change(user: Any, pk: Any) -> SurveyAnswer:
    """One survey answer `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(survey_answer_list(user), user, pk)


# -- Partnership Goals ----------------------------------------------------------------------


def _visible_objectives(user: Any) -> QuerySet[Objective]:
    return restrict(Objective.objects.select_related("plan").order_by("plan", "code"), user)


def goal_list(
    user: Any, *, nation_id: int | None = None, cycle_id: int | None = None
) -> QuerySet[PartnershipGoal]:
    """Goals `user` may see (of visible cycles), with cycle, visible objectives and sources."""
    queryset = PartnershipGoal.objects.select_related(
        "cycle", "owner", "carried_from"
    ).prefetch_related("sources", Prefetch("objectives", queryset=_visible_objectives(user)))
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    if cycle_id is not None:
        queryset = queryset.filter(cycle_id=cycle_id)
    return restrict(_with_visible_cycle(queryset, user, "cycle"), user, Action.VIEW)


def goal_get(user: Any, pk: Any) -> PartnershipGoal:
    """One visible goal, or NotFound."""
    return get_visible(goal_list(user), user, pk)


def goal_get_for_change(user: Any, pk: Any) -> PartnershipGoal:
    """One goal `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(goal_list(user), user, pk)


def goals_carried_to(user: Any, goal: PartnershipGoal) -> QuerySet[PartnershipGoal]:
    """The visible copies of `goal` in later cycles."""
    return goal_list(user).filter(carried_from=goal)


def goals_for_objective(user: Any, objective_id: int) -> QuerySet[PartnershipGoal]:
    """The visible Partnership Goals that serve the plan objective `objective_id`.

    For the plans pages ("Partnership Goals serving this objective"); oldest cycle first.
    """
    return goal_list(user).filter(objectives=objective_id).order_by("cycle__start_year", "code")


def objectives_for_linking(user: Any, nation_id: int) -> QuerySet[Objective]:
    """Plan objectives of one nation that `user` may see (choices for a goal's links)."""
    return _visible_objectives(user).filter(owner_id=nation_id)


@dataclass(frozen=True)
class GoalTotals:
    """Counts of goals: in all, for the armed forces, and per service (only services used)."""

    total: int
    armed_forces: int
    by_service: dict[str, int] = field(default_factory=dict)
    armed_forces_by_service: dict[str, int] = field(default_factory=dict)


def _totals(rows: list[dict[str, Any]]) -> GoalTotals:
    order = list(Service.values)
    by_service: dict[str, int] = {}
    af_by_service: dict[str, int] = {}
    for row in sorted(rows, key=lambda r: order.index(r["service"])):
        by_service[row["service"]] = by_service.get(row["service"], 0) + row["n"]
        if row["armed_forces"]:
            af_by_service[row["service"]] = af_by_service.get(row["service"], 0) + row["n"]
    return GoalTotals(
        total=sum(by_service.values()),
        armed_forces=sum(af_by_service.values()),
        by_service=by_service,
        armed_forces_by_service=af_by_service,
    )


def goal_totals(goals: QuerySet[PartnershipGoal]) -> GoalTotals:
    """Totals of an (already restricted) goal queryset, in one query."""
    rows = list(
        goals.order_by().values("service", "armed_forces").annotate(n=Count("id", distinct=True))
    )
    return _totals(rows)


@dataclass(frozen=True)
class SeriesPoint:
    """One cycle of a nation's goal series; `armed_forces` is None when not recorded."""

    cycle_id: int
    label: str
    start_year: int
    end_year: int
    totals: GoalTotals
    armed_forces: int | None

    @property
    def total(self) -> int:
        return self.totals.total


def goal_series(user: Any, nation_id: int) -> list[SeriesPoint]:
    """Per visible cycle of the nation (oldest first): goals in all, armed-forces goals and the
    breakdown by service, computed from the goal rows `user` may see. Two queries."""
    cycles = list(cycles_for_nation(user, nation_id).prefetch_related(None))
    rows = list(
        goal_list(user, nation_id=nation_id)
        .order_by()
        .values("cycle_id", "service", "armed_forces")
        .annotate(n=Count("id", distinct=True))
    )
    points = []
    for cycle in cycles:
        totals = _totals([r for r in rows if r["cycle_id"] == cycle.pk])
        points.append(
            SeriesPoint(
                cycle_id=cycle.pk,
                label=cycle.label,
                start_year=cycle.start_year,
                end_year=cycle.end_year,
                totals=totals,
                armed_forces=totals.armed_forces if cycle.armed_forces_recorded else None,
            )
        )
    return points


def nations_with_cycles(user: Any) -> QuerySet[Organisation]:
    """Nations that have at least one PARP cycle `user` may see (for the series page)."""
    owner_ids = cycle_list(user).order_by().values("owner_id")
    return Organisation.objects.filter(pk__in=owner_ids).order_by("name")


# -- goal assessments -----------------------------------------------------------------------


def assessment_list(
    user: Any, *, nation_id: int | None = None, goal_id: int | None = None
) -> QuerySet[GoalAssessment]:
    """Assessments `user` may see (of visible goals and cycles), with goal and cycle loaded."""
    queryset = GoalAssessment.objects.select_related(
        "goal", "goal__cycle", "owner"
    ).prefetch_related("sources")
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    if goal_id is not None:
        queryset = queryset.filter(goal_id=goal_id)
    queryset = _with_visible_cycle(_with_visible_cycle(queryset, user, "goal"), user, "goal__cycle")
    return restrict(queryset, user, Action.VIEW)


def assessment_get(user: Any, pk: Any) -> GoalAssessment:
    """One visible assessment, or NotFound."""
    return get_visible(assessment_list(user), user, pk)


def assessment_get_for_change(user: Any, pk: Any) -> GoalAssessment:
    """One assessment `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(assessment_list(user), user, pk)


def timeline_entries(user: Any, nation_id: int | None = None) -> list[TimelineEntry]:
    """PARP cycles `user` may see: goals approved and assessment discussed (dated ones), or
    the cycle's start year when neither date is known."""
    entries: list[TimelineEntry] = []
    for cycle in cycle_list(user, nation_id=nation_id):
        keys, confidence = cited(cycle.sources.all())
        dated = [
            (day, kind)
            for day, kind in (
                (cycle.approved_on, "goals approved"),
                (cycle.assessment_discussed_on, "assessment discussed"),
            )
            if day is not None
        ]
        points = [(d, "DAY", k) for d, k in dated] or [
            (dt.date(cycle.start_year, 1, 1), "YEAR", "cycle starts")
        ]
        for day, precision, kind in points:
            entries.append(
                TimelineEntry(
                    date=day,
                    precision=precision,
                    mechanism="parp",
                    kind=kind,
                    title=f"PARP {cycle.start_year}–{cycle.end_year}: {kind}",
                    url=cycle.get_absolute_url(),
                    owner_id=cycle.owner_id,
                    source_keys=keys,
                    confidence=confidence,
                )
            )
    return entries
