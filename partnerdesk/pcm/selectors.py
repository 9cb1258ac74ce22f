"""Read use-cases of the Partnership Cooperation Menu and the partners' programme lines.

The menu (catalogues and activities) is reference data every active user reads; programme
lines are nation records restricted by `core.permissions.restrict`, and a line is listed only
when its plan is visible too, so a hidden plan never shows through its lines. Objectives and
Partnership Goals reached through lines are filtered by their own visibility as well.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, TextField
from django.db.models.functions import Cast

from partnerdesk.core.permissions import Action, grant_q, restrict
from partnerdesk.core.selectors import get_changeable, get_visible
from partnerdesk.organisations.choices import MembershipStatus
from partnerdesk.organisations.models import Membership, Organisation
from partnerdesk.parp.models import PartnershipGoal
from partnerdesk.pcm.models import Activity, Catalogue, ProgrammeLine
from partnerdesk.plans.models import Objective, Plan

# -- catalogues -------------------------------------------------------------------------------


def catalogue_list(user: Any) -> QuerySet[Catalogue]:
    """Catalogues `user` may read (all, for any active user), newest year first, each with
    `activity_count`."""
    queryset = Catalogue.objects.annotate(activity_count=Count("activities")).order_by("-year")
    return restrict(queryset, user, Action.VIEW)


def catalogue_get(user: Any, pk: Any) -> Catalogue:
    """One catalogue with its activity count; NotFound when missing or for inactive users."""
    return get_visible(catalogue_list(user), user, pk)


def catalogue_get_for_change(user: Any, pk: Any) -> Catalogue:
    """One catalogue `user` may change (alliance staff, administrators); Forbidden otherwise."""
    return get_changeable(catalogue_list(user), user, pk)


def catalogue_for_year(user: Any, year: int) -> Catalogue | None:
    """The catalogue of `year` if it exists and `user` may read it."""
    return restrict(Catalogue.objects.filter(year=year), user, Action.VIEW).first()


# -- eligibility ------------------------------------------------------------------------------


def july_first(year: int) -> dt.date:
    """The day on which framework membership decides eligibility for a catalogue year."""
    return dt.date(year, 7, 1)


def frameworks_in_force(nation_id: int, years: Iterable[int]) -> dict[int, set[str]]:
    """For each year, the frameworks `nation_id` belonged to on 1 July (one query)."""
    wanted = sorted(set(years))
    result: dict[int, set[str]] = {year: set() for year in wanted}
    if not wanted:
        return result
    memberships = Membership.objects.filter(
        organisation_id=nation_id, status=MembershipStatus.ACTIVE
    ).values_list("framework", "start", "end")
    for framework, start, end in memberships:
        for year in wanted:
            day = july_first(year)
            if start <= day and (end is None or day <= end):
                result[year].add(framework)
    return result


def _frameworks_text() -> Cast:
    """The JSON list of frameworks as text, so list membership is a portable `contains`."""
    return Cast("eligible_frameworks", output_field=TextField())


def eligible_q(nation_id: int, years: Iterable[int]) -> Q:
    """Activities of the given catalogue years open to nation `nation_id`: open to all (no
    framework, no nation listed), or the nation is listed, or it belonged on 1 July of the
    catalogue year to one of the listed frameworks. Needs `frameworks_text` annotated."""
    through = Activity.eligible_nations.through
    listed = Exists(through.objects.filter(activity_id=OuterRef("pk"), organisation_id=nation_id))
    any_listed = Exists(through.objects.filter(activity_id=OuterRef("pk")))
    condition = (Q(frameworks_text="[]") & ~any_listed) | listed
    for year, frameworks in frameworks_in_force(nation_id, years).items():
        for framework in sorted(frameworks):
            condition |= Q(catalogue__year=year, frameworks_text__contains=f'"{framework}"')
    return condition


def activity_is_eligible(activity: Activity, nation: Organisation) -> bool:
    """Whether `nation` may take part in `activity` (the same rule as `eligible_q`)."""
    frameworks = list(activity.eligible_frameworks or [])
    nation_ids = {n.pk for n in activity.eligible_nations.all()}
    if not frameworks and not nation_ids:
        return True
    if nation.pk in nation_ids:
        return True
    year = activity.catalogue.year
    in_force = frameworks_in_force(nation.pk, [year])[year]
    return bool(in_force & set(frameworks))


# -- activities -------------------------------------------------------------------------------


def activity_list(
    user: Any,
    *,
    catalogue_id: int | None = None,
    year: int | None = None,
    area: str | None = None,
    format: str | None = None,
    organiser: str | None = None,
    q: str | None = None,
    eligible_for: int | None = None,
) -> QuerySet[Activity]:
    """Activities `user` may read with catalogue, organiser, origin and eligible nations loaded.

    Filters: catalogue id, catalogue year, area, format, organiser (organisation code), text
    `q` (code, title or description), and `eligible_for` (a nation id, see `eligible_q`).
    """
    queryset: QuerySet[Activity] = (
        Activity.objects.select_related("catalogue", "organiser", "carried_from")
        .prefetch_related(
            Prefetch("eligible_nations", queryset=Organisation.objects.order_by("code"))
        )
        .annotate(frameworks_text=_frameworks_text())
    )
    if catalogue_id is not None:
        queryset = queryset.filter(catalogue_id=catalogue_id)
    if year is not None:
        queryset = queryset.filter(catalogue__year=year)
    if area:
        queryset = queryset.filter(area=area)
    if format:
        queryset = queryset.filter(format=format)
    if organiser:
        queryset = queryset.filter(organiser__code__iexact=organiser)
    if q:
        queryset = queryset.filter(
            Q(code__icontains=q) | Q(title__icontains=q) | Q(description__icontains=q)
        )
    if eligible_for is not None:
        queryset = filter_eligible(queryset, eligible_for)
    return restrict(queryset, user, Action.VIEW)


def filter_eligible(queryset: QuerySet[Activity], nation_id: int) -> QuerySet[Activity]:
    """Narrow an `activity_list` queryset to the activities open to nation `nation_id`."""
    years = Catalogue.objects.values_list("year", flat=True)
    return queryset.filter(eligible_q(nation_id, years))


def open_activities(nation_id: int, year: int) -> QuerySet[Activity]:
    """Activities of `year` open to nation `nation_id`, by code, for system jobs (the demo
    loader); users read the menu through `activity_list`."""
    queryset = (
        Activity.objects.filter(catalogue__year=year)
        .select_related("catalogue")
        .prefetch_related("eligible_nations")
        .annotate(frameworks_text=_frameworks_text())
    )
    return queryset.filter(eligible_q(nation_id, [year])).order_by("code")


def activity_get(user: Any, pk: Any) -> Activity:
    """One activity; NotFound when missing."""
    return get_visible(activity_list(user), user, pk)


def activity_get_for_change(user: Any, pk: Any) -> Activity:
    """One activity `user` may change (alliance staff, administrators); Forbidden otherwise."""
    return get_changeable(activity_list(user), user, pk)


def activities_for_choice(user: Any, plan: Plan | None) -> QuerySet[Activity]:
    """Activities a line of `plan` may pick: catalogue years inside the plan's period, open to
    the plan's nation (all activities when no plan is given)."""
    queryset = activity_list(user).prefetch_related(None).select_related("catalogue")
    if plan is None:
        return queryset
    queryset = queryset.filter(
        catalogue__year__gte=plan.period_start.year, catalogue__year__lte=plan.period_end.year
    )
    return filter_eligible(queryset, plan.owner_id).order_by("catalogue__year", "code")


@dataclass(frozen=True)
class AreaCount:
    """How many activities of one area a catalogue holds."""

    area: str
    label: str
    count: int


def catalogue_area_counts(user: Any, catalogue: Catalogue) -> list[AreaCount]:
    """Activities per area in `catalogue`, largest first (one query)."""
    from partnerdesk.pcm.choices import Area

    labels = dict(Area.choices)
    rows = (
        activity_list(user, catalogue_id=catalogue.pk)
        .prefetch_related(None)
        .order_by()
        .values("area")
        .annotate(n=Count("pk"))
    )
    counts = [AreaCount(r["area"], labels.get(r["area"], r["area"]), r["n"]) for r in rows]
    return sorted(counts, key=lambda c: (-c.count, c.label))


# -- programme lines --------------------------------------------------------------------------


def visible_objectives(user: Any) -> QuerySet[Objective]:
    """Objectives `user` may see on plans `user` may see (with their plan)."""
    queryset = Objective.objects.select_related("plan").filter(
        grant_q(user, Action.VIEW, owner="plan__owner", marking="plan__marking")
    )
    return restrict(queryset, user, Action.VIEW).order_by("plan__period_start", "code")


def visible_goals(user: Any) -> QuerySet[PartnershipGoal]:
    """Partnership Goals `user` may see in cycles `user` may see (with their cycle)."""
    queryset = PartnershipGoal.objects.select_related("cycle").filter(
        grant_q(user, Action.VIEW, owner="cycle__owner", marking="cycle__marking")
    )
    return restrict(queryset, user, Action.VIEW).order_by("cycle__start_year", "code")


def programme_line_list(
    user: Any,
    *,
    nation_id: int | None = None,
    plan_id: int | None = None,
    activity_id: int | None = None,
    objective_id: int | None = None,
    goal_id: int | None = None,
    year: int | None = None,
    area: str | None = None,
) -> QuerySet[ProgrammeLine]:
    """Programme lines `user` may see on plans `user` may see, with plan, activity (and its
    catalogue and organiser) loaded and the objectives and goals `user` may see prefetched
    as `visible_objectives` and `visible_goals`.

    Filters: nation id, plan id, activity id, objective id, goal id, catalogue year, area.
    """
    queryset = (
        ProgrammeLine.objects.select_related(
            "owner", "plan", "activity", "activity__catalogue", "activity__organiser"
        )
        .prefetch_related(
            Prefetch("objectives", queryset=visible_objectives(user), to_attr="visible_objectives"),
            Prefetch("goals", queryset=visible_goals(user), to_attr="visible_goals"),
        )
        .filter(grant_q(user, Action.VIEW, owner="plan__owner", marking="plan__marking"))
    )
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    if plan_id is not None:
        queryset = queryset.filter(plan_id=plan_id)
    if activity_id is not None:
        queryset = queryset.filter(activity_id=activity_id)
    if objective_id is not None:
        queryset = queryset.filter(
            pk__in=ProgrammeLine.objectives.through.objects.filter(
                objective_id=objective_id
            ).values("programmeline_id")
        )
    if goal_id is not None:
        queryset = queryset.filter(
            pk__in=ProgrammeLine.goals.through.objects.filter(partnershipgoal_id=goal_id).values(
                "programmeline_id"
            )
        )
    if year is not None:
        queryset = queryset.filter(activity__catalogue__year=year)
    if area:
        queryset = queryset.filter(activity__area=area)
    return restrict(queryset, user, Action.VIEW)


def programme_line_get(user: Any, pk: Any) -> ProgrammeLine:
    """One visible programme line; NotFound for missing, foreign or over-marked ones."""
    return get_visible(programme_line_list(user), user, pk)


def programme_line_get_for_change(user: Any, pk: Any) -> ProgrammeLine:
    """One line `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(programme_line_list(user), user, pk)


def lines_serving_objective(user: Any, objective: Objective) -> QuerySet[ProgrammeLine]:
    """The visible lines that serve `objective`, by catalogue year and activity code."""
    return programme_line_list(user, objective_id=objective.pk).order_by(
        "activity__catalogue__year", "activity__code"
    )


def lines_serving_goal(user: Any, goal: PartnershipGoal) -> QuerySet[ProgrammeLine]:
    """The visible lines that serve the Partnership Goal `goal`."""
    return programme_line_list(user, goal_id=goal.pk).order_by(
        "activity__catalogue__year", "activity__code"
    )


def objectives_served_by_activity(user: Any, activity: Activity) -> QuerySet[Objective]:
    """Objectives `user` may see that a line `user` may see links to `activity`."""
    lines = programme_line_list(user, activity_id=activity.pk).values("pk")
    through = ProgrammeLine.objectives.through.objects.filter(programmeline_id__in=lines)
    return visible_objectives(user).filter(pk__in=through.values("objective_id"))


def goals_served_by_activity(user: Any, activity: Activity) -> QuerySet[PartnershipGoal]:
    """Partnership Goals `user` may see that a line `user` may see links to `activity`."""
    lines = programme_line_list(user, activity_id=activity.pk).values("pk")
    through = ProgrammeLine.goals.through.objects.filter(programmeline_id__in=lines)
    return visible_goals(user).filter(pk__in=through.values("partnershipgoal_id"))


@dataclass
class AreaGroup:
    """The lines of one area in a plan's programme."""

    area: str
    label: str
    lines: list[ProgrammeLine]


def programme_by_area(user: Any, plan: Plan) -> list[AreaGroup]:
    """The visible lines of `plan` grouped by area (areas alphabetically by label; inside an
    area by priority, then catalogue year and code) — the programme page in three queries."""
    from partnerdesk.pcm.choices import Area, Priority

    order = {value: index for index, value in enumerate(Priority.values)}
    labels = dict(Area.choices)
    groups: dict[str, AreaGroup] = {}
    for line in programme_line_list(user, plan_id=plan.pk):
        area = line.activity.area
        groups.setdefault(area, AreaGroup(area, labels.get(area, area), [])).lines.append(line)
    for group in groups.values():
        group.lines.sort(
            key=lambda ln: (order.get(ln.priority, 9), ln.activity.catalogue.year, ln.activity.code)
        )
    return sorted(groups.values(), key=lambda g: g.label)


def plans_for_lines(user: Any) -> QuerySet[Plan]:
    """Plans a new line may go into: those `user` may change."""
    queryset = Plan.objects.select_related("owner").order_by("owner__name", "-period_start")
    return restrict(queryset, user, Action.CHANGE)


def objectives_for_lines(user: Any, nation_id: int | None) -> QuerySet[Objective]:
    """Objectives of one nation a line may serve (those `user` may see)."""
    queryset = visible_objectives(user)
    return queryset.filter(owner_id=nation_id) if nation_id is not None else queryset.none()


def goals_for_lines(user: Any, nation_id: int | None) -> QuerySet[PartnershipGoal]:
    """Partnership Goals of one nation a line may serve (those `user` may see)."""
    queryset = visible_goals(user)
    return queryset.filter(owner_id=nation_id) if nation_id is not None else queryset.none()
