"""Read use-cases for plans and their contents, always restricted to what the user may see.

A child row (decision, chapter, objective, commitment) is listed only if the user may see the
row itself *and* its plan (and, for commitments, its objective), so a hidden parent never
shows through its children.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from partnerdesk.core.permissions import Action, grant_q, restrict
from partnerdesk.core.selectors import get_changeable, get_visible
from partnerdesk.core.timeline import TimelineEntry, cited
from partnerdesk.plans.models import Chapter, Commitment, Decision, Objective, Plan

#: Two objective texts at least this similar (difflib ratio) count as a rewording.
REWORDED_RATIO = 0.6


def plan_list(user: Any, *, nation_id: int | None = None) -> QuerySet[Plan]:
    """Plans `user` may see (optionally of one nation), with owner and predecessor loaded."""
    queryset = Plan.objects.select_related("owner", "predecessor").prefetch_related("sources")
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    return restrict(queryset, user, Action.VIEW)


def plan_get(user: Any, pk: Any) -> Plan:
    """One visible plan; NotFound for missing, foreign or over-marked ones."""
    return get_visible(plan_list(user), user, pk)


def plan_get_for_change(user: Any, pk: Any) -> Plan:
    """One plan `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(plan_list(user), user, pk)


def _plan_visible(user: Any, prefix: str = "plan__") -> Any:
    return grant_q(user, Action.VIEW, owner=f"{prefix}owner", marking=f"{prefix}marking")


def decision_list(user: Any, *, plan_id: int | None = None) -> QuerySet[Decision]:
    """Decisions `user` may see on plans `user` may see, with plan and sources loaded."""
    queryset = (
        Decision.objects.select_related("plan", "owner")
        .prefetch_related("sources")
        .filter(_plan_visible(user))
    )
    if plan_id is not None:
        queryset = queryset.filter(plan_id=plan_id)
    return restrict(queryset, user, Action.VIEW)


def decision_get(user: Any, pk: Any) -> Decision:
    """One visible decision, or NotFound."""
    return get_visible(decision_list(user), user, pk)


def decision_get_for_change(user: Any, pk: Any) -> Decision:
    """One decision `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(decision_list(user), user, pk)


def chapter_list(user: Any, *, plan_id: int | None = None) -> QuerySet[Chapter]:
    """Chapters `user` may see on plans `user` may see, in plan order."""
    queryset = Chapter.objects.select_related("plan", "owner").filter(_plan_visible(user))
    if plan_id is not None:
        queryset = queryset.filter(plan_id=plan_id)
    return restrict(queryset, user, Action.VIEW)


def chapter_get(user: Any, pk: Any) -> Chapter:
    """One visible chapter, or NotFound."""
    return get_visible(chapter_list(user), user, pk)


def chapter_get_for_change(user: Any, pk: Any) -> Chapter:
    """One chapter `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(chapter_list(user), user, pk)


def commitment_list(
    user: Any, *, plan_id: int | None = None, objective_id: int | None = None
) -> QuerySet[Commitment]:
    """Commitments `user` may see under objectives and plans `user` may see, with agency."""
    queryset = Commitment.objects.select_related(
        "objective", "objective__plan", "agency", "owner"
    ).filter(
        _plan_visible(user, "objective__plan__"),
        grant_q(user, Action.VIEW, owner="objective__owner", marking="objective__marking"),
    )
    if plan_id is not None:
        queryset = queryset.filter(objective__plan_id=plan_id)
    if objective_id is not None:
        queryset = queryset.filter(objective_id=objective_id)
    return restrict(queryset, user, Action.VIEW)


def commitment_get(user: Any, pk: Any) -> Commitment:
    """One visible commitment, or NotFound."""
    return get_visible(commitment_list(user), user, pk)


def commitment_get_for_change(user: Any, pk: Any) -> Commitment:
    """One commitment `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(commitment_list(user), user, pk)


def objective_list(
    user: Any, *, plan_id: int | None = None, chapter_id: int | None = None
) -> QuerySet[Objective]:
    """Objectives `user` may see on plans `user` may see, with chapter, origin and the visible
    commitments (and their agencies) prefetched."""
    queryset = (
        Objective.objects.select_related(
            "plan", "chapter", "owner", "carried_from", "carried_from__plan"
        )
        .prefetch_related(
            "sources",
            Prefetch(
                "commitments",
                queryset=restrict(
                    Commitment.objects.select_related("agency").order_by("position", "pk"),
                    user,
                    Action.VIEW,
                ),
                to_attr="visible_commitments",
            ),
        )
        .filter(_plan_visible(user))
    )
    if plan_id is not None:
        queryset = queryset.filter(plan_id=plan_id)
    if chapter_id is not None:
        queryset = queryset.filter(chapter_id=chapter_id)
    return restrict(queryset, user, Action.VIEW)


def objective_get(user: Any, pk: Any) -> Objective:
    """One visible objective, or NotFound."""
    return get_visible(objective_list(user), user, pk)


def objective_get_for_change(user: Any, pk: Any) -> Objective:
    """One objective `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(objective_list(user), user, pk)


def plan_contents(user: Any, plan: Plan) -> list[tuple[Chapter, list[Objective]]]:
    """The visible chapters of `plan` in order, each with its visible objectives (and their
    visible commitments) — the plan page's tree in three queries."""
    objectives = list(objective_list(user, plan_id=plan.pk))
    by_chapter: dict[int, list[Objective]] = {}
    for objective in objectives:
        by_chapter.setdefault(objective.chapter_id, []).append(objective)
    return [
        (chapter, by_chapter.get(chapter.pk, [])) for chapter in chapter_list(user, plan_id=plan.pk)
    ]


def plans_for_choice(user: Any, plan: Plan) -> QuerySet[Plan]:
    """Other visible plans of the same nation (to compare with or carry over from)."""
    return plan_list(user).filter(owner_id=plan.owner_id).exclude(pk=plan.pk)


# -- comparing two plans ---------------------------------------------------------------------


def _normal(text: str) -> str:
    return " ".join(text.split())


def similarity(old: str, new: str) -> float:
    """How alike two objective texts are: difflib's ratio on the whitespace-normalised text."""
    matcher = difflib.SequenceMatcher(None, _normal(old), _normal(new), autojunk=False)
    if matcher.real_quick_ratio() < REWORDED_RATIO or matcher.quick_ratio() < REWORDED_RATIO:
        return matcher.quick_ratio()
    return matcher.ratio()


_TOKENS = re.compile(r"\S+|\s+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The words of `new` against `old` as (kind, text) pieces: kind is "same", "del" or
    "ins"; whitespace travels with the words so the pieces join back into the texts."""
    old_words = _normal(old).split(" ")
    new_words = _normal(new).split(" ")
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", " ".join(new_words[b1:b2])))
            continue
        if a2 > a1:
            pieces.append(("del", " ".join(old_words[a1:a2])))
        if b2 > b1:
            pieces.append(("ins", " ".join(new_words[b1:b2])))
    return pieces


@dataclass(frozen=True)
class Match:
    """An objective of plan A and its counterpart in plan B.

    `via` says how they were paired: "link" (B's objective was carried from A's), "text"
    (identical wording) or "similarity" (ratio ≥ REWORDED_RATIO).
    """

    old: Objective
    new: Objective
    ratio: float
    via: str

    @property
    def diff(self) -> list[tuple[str, str]]:
        """Word diff from the old wording to the new one."""
        return word_diff(self.old.text, self.new.text)


@dataclass
class Comparison:
    """How plan B's objectives relate to plan A's: added, dropped, reworded, carried over."""

    plan_a: Plan
    plan_b: Plan
    added: list[Objective] = field(default_factory=list)
    dropped: list[Objective] = field(default_factory=list)
    reworded: list[Match] = field(default_factory=list)
    carried: list[Match] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """How many objectives fall in each category."""
        return {
            "added": len(self.added),
            "dropped": len(self.dropped),
            "reworded": len(self.reworded),
            "carried": len(self.carried),
        }


def plan_compare(user: Any, plan_a: Plan, plan_b: Plan) -> Comparison:
    """Compare the objectives `user` may see in plan A (older) and plan B (newer).

    Pairs are found in this order: a `carried_from` link (identical text → carried, otherwise
    reworded); identical wording → carried; then the most similar remaining pairs with a
    ratio ≥ 0.6 → reworded. Whatever is left of B was added, whatever is left of A dropped.
    """
    old = list(objective_list(user, plan_id=plan_a.pk))
    new = list(objective_list(user, plan_id=plan_b.pk))
    result = Comparison(plan_a=plan_a, plan_b=plan_b)
    old_left = {o.pk: o for o in old}
    new_left = {o.pk: o for o in new}

    def pair(a: Objective, b: Objective, via: str) -> None:
        ratio = 1.0 if _normal(a.text) == _normal(b.text) else similarity(a.text, b.text)
        if ratio == 1.0:
            result.carried.append(Match(a, b, ratio, via))
        else:
            result.reworded.append(Match(a, b, ratio, via))
        del old_left[a.pk]
        del new_left[b.pk]

    for b in new:
        if b.carried_from_id in old_left:
            pair(old_left[b.carried_from_id], b, "link")
    by_text: dict[str, list[Objective]] = {}
    for a in old_left.values():
        by_text.setdefault(_normal(a.text), []).append(a)
    for b in list(new_left.values()):
        candidates = by_text.get(_normal(b.text))
        if candidates:
            pair(candidates.pop(0), b, "text")
    scored = sorted(
        (
            (similarity(a.text, b.text), a.pk, b.pk)
            for a in old_left.values()
            for b in new_left.values()
        ),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    for ratio, a_pk, b_pk in scored:
        if ratio < REWORDED_RATIO:
            break
        if a_pk in old_left and b_pk in new_left:
            pair(old_left[a_pk], new_left[b_pk], "similarity")
    result.added = list(new_left.values())
    result.dropped = list(old_left.values())
    return result


def timeline_entries(user: Any, nation_id: int | None = None) -> list[TimelineEntry]:
    """The start of every plan period and every decision on a plan that `user` may see."""
    entries: list[TimelineEntry] = []
    for plan in plan_list(user, nation_id=nation_id):
        keys, confidence = cited(plan.sources.all())
        entries.append(
            TimelineEntry(
                date=plan.period_start,
                precision="DAY",
                mechanism="plans",
                kind="plan period starts",
                title=f"{plan.title} ({plan.get_plan_type_display()}) starts",
                url=plan.get_absolute_url(),
                owner_id=plan.owner_id,
                source_keys=keys,
                confidence=confidence,
            )
        )
    decisions = decision_list(user)
    if nation_id is not None:
        decisions = decisions.filter(owner_id=nation_id)
    for decision in decisions:
        keys, confidence = cited(decision.sources.all())
        entries.append(
            TimelineEntry(
                date=decision.decided_on,
                precision="DAY",
                mechanism="plans",
                kind="decision",
                title=f"{decision.get_body_display()}: {decision.plan.title}",
                url=decision.get_absolute_url(),
                owner_id=decision.owner_id,
                source_keys=keys,
                confidence=confidence,
            )
        )
    return entries
