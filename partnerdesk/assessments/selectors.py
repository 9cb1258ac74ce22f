"""Read use-cases of the dual annual assessment, restricted to what the user may see.

`rating_list` is THE blind rule: every read path (web pages, API, CLI, exports, analytics,
charts) gets ratings from it and from nowhere else. Until a round is revealed (both sides
submitted, or the round closed) it returns only the ratings of the side the user rates for —
nothing at all to viewers, analysts, administrators and staff who do not rate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from partnerdesk.assessments.choices import SHARED_MARKINGS, RoundStatus, Side
from partnerdesk.assessments.models import (
    AssessmentRound,
    FollowUp,
    Rating,
    SideSubmission,
    rater_side,
)
from partnerdesk.core.permissions import Action, grant_q, restrict
from partnerdesk.core.roles import Role
from partnerdesk.core.selectors import get_changeable, get_visible
from partnerdesk.plans.models import Objective

_NOTHING = Q(pk__in=[])


def round_list(
    user: Any, *, nation_id: int | None = None, plan_id: int | None = None
) -> QuerySet[AssessmentRound]:
    """Rounds `user` may see, with plan, nation and submissions (yes/no per side) loaded."""
    queryset = AssessmentRound.objects.select_related("owner", "plan").prefetch_related(
        Prefetch("submissions", queryset=SideSubmission.objects.order_by("submitted_at")),
        "sources",
    )
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    if plan_id is not None:
        queryset = queryset.filter(plan_id=plan_id)
    return restrict(queryset, user, Action.VIEW)


def round_get(user: Any, pk: Any) -> AssessmentRound:
    """One visible round; NotFound for missing, foreign or over-marked ones."""
    return get_visible(round_list(user), user, pk)


def round_get_for_change(user: Any, pk: Any) -> AssessmentRound:
    """One round `user` may manage; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(round_list(user), user, pk)


def _own_side_q(user: Any) -> Q:
    """Ratings of the side `user` rates for, in every round where they rate (see rater_side)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return _NOTHING
    round_scope = {"owner": "round__owner", "marking": "round__marking"}
    if user.role in (Role.PARTNER_ASSESSOR, Role.PARTNER_COORDINATOR):
        if user.nation_id is None:
            return _NOTHING
        return Q(side=Side.NATIONAL, round__owner_id=user.nation_id) & grant_q(
            user, Action.VIEW, **round_scope
        )
    if user.role == Role.ALLIANCE_ASSESSOR:
        return Q(side=Side.ALLIANCE) & grant_q(user, Action.VIEW, **round_scope)
    if user.role == Role.ALLIANCE_STAFF:
        return Q(side=Side.ALLIANCE) & grant_q(user, Action.CHANGE, **round_scope)
    return _NOTHING


REVEALED = Q(round__revealed_at__isnull=False) | Q(round__status=RoundStatus.CLOSED)


def rating_list(user: Any, *, round_id: int | None = None) -> QuerySet[Rating]:
    """The ratings `user` may see — the one blind rule every read path uses.

    A rating is shown when the user may see it by owner and marking AND either its round is
    revealed or it belongs to the side the user rates for.
    """
    queryset = Rating.objects.select_related(
        "round", "round__owner", "objective", "objective__chapter", "assessor"
    )
    if round_id is not None:
        queryset = queryset.filter(round_id=round_id)
    return restrict(queryset, user, Action.VIEW).filter(REVEALED | _own_side_q(user))


def rating_get(user: Any, pk: Any) -> Rating:
    """One rating the blind rule lets `user` see; NotFound otherwise."""
    return get_visible(rating_list(user), user, pk)


def round_objectives(user: Any, assessment: AssessmentRound) -> QuerySet[Objective]:
    """The objectives rated in a round (both sides may read them) that `user` may see."""
    queryset = Objective.objects.filter(
        plan_id=assessment.plan_id, marking__in=SHARED_MARKINGS
    ).select_related("chapter")
    return restrict(queryset, user, Action.VIEW).order_by(
        "chapter__position", "chapter__code", "position", "code"
    )


@dataclass
class BoardRow:
    """One objective of a round with the ratings the user may see (None = not shown/not rated)."""

    objective: Objective
    national: Rating | None = None
    alliance: Rating | None = None

    @property
    def gap(self) -> int | None:
        """National minus alliance level, when both are shown."""
        if self.national is None or self.alliance is None:
            return None
        return self.national.level - self.alliance.level

    def rating_of(self, side: str) -> Rating | None:
        return self.national if side == Side.NATIONAL else self.alliance


@dataclass
class RatingBoard:
    """Everything a reader of one round may see about its ratings, already blind-filtered."""

    round: AssessmentRound
    rows: list[BoardRow]
    own_side: str | None
    submitted: dict[str, Any] = field(default_factory=dict)  # side -> SideSubmission

    @property
    def revealed(self) -> bool:
        return self.round.is_revealed

    @property
    def can_rate(self) -> bool:
        """The user rates for a side that may still change its ratings."""
        return (
            self.own_side is not None and self.round.is_open and self.own_side not in self.submitted
        )

    @property
    def own_rated(self) -> int:
        """How many objectives the user's own side has rated (0 for non-raters)."""
        if self.own_side is None:
            return 0
        return sum(1 for row in self.rows if row.rating_of(self.own_side) is not None)

    def ratings(self) -> list[Rating]:
        return [r for row in self.rows for r in (row.national, row.alliance) if r is not None]


def rating_board(user: Any, assessment: AssessmentRound) -> RatingBoard:
    """The round's objectives by chapter with the ratings the blind rule lets `user` see."""
    rows = {o.pk: BoardRow(o) for o in round_objectives(user, assessment)}
    for rating in rating_list(user, round_id=assessment.pk):
        row = rows.get(rating.objective_id)
        if row is None:
            continue
        if rating.side == Side.NATIONAL:
            row.national = rating
        else:
            row.alliance = rating
    submitted = {s.side: s for s in assessment.submissions.all()}
    own = rater_side(user, owner_id=assessment.owner_id, marking=assessment.marking)
    return RatingBoard(
        round=assessment, rows=list(rows.values()), own_side=own, submitted=submitted
    )


@dataclass(frozen=True)
class PairRow:
    """A revealed objective rating pair, flattened for analytics, charts and exports."""

    round_id: int
    year: int
    levels: int
    plan_id: int
    chapter_code: str
    chapter_title: str
    chapter_position: int
    objective_id: int
    objective_code: str
    objective_text: str
    national: int | None
    alliance: int | None


def pair_rows(
    user: Any,
    *,
    round_id: int | None = None,
    nation_id: int | None = None,
    plan_id: int | None = None,
) -> list[PairRow]:
    """Objective x (national, alliance) levels of revealed rounds only, from `rating_list`.

    Used for agreement statistics and charts: nothing from an unrevealed round feeds them,
    whoever asks.
    """
    ratings = rating_list(user, round_id=round_id).filter(REVEALED)
    if nation_id is not None:
        ratings = ratings.filter(round__owner_id=nation_id)
    if plan_id is not None:
        ratings = ratings.filter(round__plan_id=plan_id)
    grouped: dict[tuple[int, int], dict[str, Any]] = {}
    for rating in ratings.order_by("round__year", "objective__chapter__position", "pk"):
        key = (rating.round_id, rating.objective_id)
        entry = grouped.setdefault(key, {"rating": rating})
        entry[rating.side] = rating.level
    rows = []
    for entry in grouped.values():
        rating = entry["rating"]
        objective = rating.objective
        rows.append(
            PairRow(
                round_id=rating.round_id,
                year=rating.round.year,
                levels=rating.round.levels,
                plan_id=rating.round.plan_id,
                chapter_code=objective.chapter.code,
                chapter_title=objective.chapter.title,
                chapter_position=objective.chapter.position,
                objective_id=objective.pk,
                objective_code=objective.code,
                objective_text=objective.text,
                national=entry.get(Side.NATIONAL),
                alliance=entry.get(Side.ALLIANCE),
            )
        )
    return rows


def followup_list(
    user: Any,
    *,
    nation_id: int | None = None,
    round_id: int | None = None,
) -> QuerySet[FollowUp]:
    """Follow-ups `user` may see, with their objective, round and nation loaded."""
    queryset = FollowUp.objects.select_related("owner", "objective", "objective__plan", "round")
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    if round_id is not None:
        queryset = queryset.filter(round_id=round_id)
    return restrict(queryset, user, Action.VIEW)


def followup_get(user: Any, pk: Any) -> FollowUp:
    """One visible follow-up; NotFound otherwise."""
    return get_visible(followup_list(user), user, pk)


def followup_get_for_change(user: Any, pk: Any) -> FollowUp:
    """One follow-up `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(followup_list(user), user, pk)
