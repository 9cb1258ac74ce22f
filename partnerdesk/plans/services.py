"""Write use-cases for plans, decisions, chapters, objectives and commitments.

Every function validates the business rules first and then calls the generic
`core.services.record_*` / `core.workflow.record_transition`, so permissions are checked
before and after, versions are enforced and each changed row gets one change-log entry.

Child rows (decisions, chapters, objectives, commitments) always belong to their plan's
nation: the owner is copied from the parent and never taken from input. A child's marking
defaults to its parent's and may only narrow the audience (see `marking_within`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden, NotFound, VersionConflict
from partnerdesk.core.markings import Marking
from partnerdesk.core.permissions import Action, can
from partnerdesk.core.services import record_create, record_delete, record_update
from partnerdesk.core.workflow import record_transition
from partnerdesk.organisations.choices import OrganisationKind
from partnerdesk.organisations.models import Organisation
from partnerdesk.plans.choices import (
    OPEN_COMMITMENT_STATUSES,
    PLAN_TRANSITIONS,
    STANDARD_IPAP_CHAPTERS,
    ChapterKind,
    PlanStatus,
    PlanType,
)
from partnerdesk.plans.models import Chapter, Commitment, Decision, Objective, Plan
from partnerdesk.sources.models import Source

PLAN_FIELDS = (
    "owner",
    "plan_type",
    "title",
    "marking",
    "period_start",
    "period_end",
    "predecessor",
    "summary",
)
DECISION_FIELDS = ("plan", "body", "decided_on", "method", "silence_deadline", "note", "marking")
CHAPTER_FIELDS = ("plan", "code", "title", "kind", "position", "marking")
OBJECTIVE_FIELDS = ("plan", "chapter", "code", "text", "position", "marking")
COMMITMENT_FIELDS = ("objective", "text", "agency", "due_on", "status", "position", "marking")

#: Length of a plan's period when only its start is given (ANPs are annual, §3.14).
DEFAULT_PERIOD_YEARS: dict[str, int] = {PlanType.ANP: 1}
DEFAULT_PERIOD = 2

#: The chapters a new plan starts with, by type: (code, title, kind).
ITPP_CHAPTERS: tuple[tuple[str, str, str], ...] = (
    ("E", "Strategic objectives", ChapterKind.ENDS),
    ("W", "Partnership goals", ChapterKind.WAYS),
    ("M", "Supporting activities", ChapterKind.MEANS),
)
SINGLE_CHAPTER: dict[str, str] = {
    PlanType.IPCP: "Cooperation activities",
    PlanType.ANP: "Annual programme",
}

# Who may read a record of each marking, from widest to narrowest; a child may only narrow.
_WITHIN: dict[str, frozenset[str]] = {
    Marking.PUBLIC: frozenset(Marking.values),
    Marking.PARTNERS: frozenset(Marking.values) - {Marking.PUBLIC},
    Marking.BILATERAL: frozenset({Marking.BILATERAL, Marking.ALLIANCE_ONLY, Marking.NATIONAL_ONLY}),
    Marking.ALLIANCE_ONLY: frozenset({Marking.ALLIANCE_ONLY}),
    Marking.NATIONAL_ONLY: frozenset({Marking.NATIONAL_ONLY}),
}
_MARKING_LABELS = dict(Marking.choices)
_PLAN_STATUS_LABELS = dict(PlanStatus.choices)


def marking_within(parent: str, child: str) -> bool:
    """Whether a child marked `child` is read by nobody who may not read its parent."""
    return child in _WITHIN.get(parent, frozenset())


# -- helpers ---------------------------------------------------------------------------------


def _split(
    data: Mapping[str, Any], fields: Sequence[str], *, with_sources: bool = False
) -> tuple[dict[str, Any], dict[str, Sequence[Any]] | None]:
    allowed = set(fields) | ({"sources"} if with_sources else set())
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be set."))
    values = {k: v for k, v in data.items() if k in fields}
    m2m: dict[str, Sequence[Any]] | None = None
    if with_sources and "sources" in data:
        m2m = {"sources": [s.pk if isinstance(s, Source) else s for s in data["sources"]]}
    return values, m2m


def _require(values: Mapping[str, Any], name: str, model: type[models.Model]) -> Any:
    value = values.get(name)
    if not isinstance(value, model):
        raise ValidationError({name: "This field is required."})
    return value


def _ensure_parent(actor: Actor, parent: models.Model) -> None:
    """The actor must see the parent (else NotFound) and may change it (else Forbidden)."""
    if actor.user is None:
        return
    if not can(actor.user, Action.VIEW, parent):
        raise NotFound("Not found.")
    if not can(actor.user, Action.CHANGE, parent):
        raise Forbidden(f"You may view {parent} but not change it.")


def _check_marking(parent_marking: str, marking: str, what: str) -> None:
    if not marking_within(parent_marking, marking):
        raise ValidationError(
            {
                "marking": (
                    f"Marked {_MARKING_LABELS.get(marking, marking)}, it would be shown to "
                    f"people who may not see its {what} (marked "
                    f"{_MARKING_LABELS.get(parent_marking, parent_marking)})."
                )
            }
        )


def _check_unchanged(obj: models.Model, values: Mapping[str, Any], name: str, message: str) -> None:
    if name not in values:
        return
    new = values[name]
    new_id = new.pk if isinstance(new, models.Model) else new
    if new_id != getattr(obj, f"{name}_id"):
        raise ValidationError({name: message})


def _next_position(queryset: models.QuerySet[Any]) -> int:
    highest = queryset.aggregate(top=Max("position"))["top"]
    return int(highest or 0) + 1


def _delete_rows(actor: Actor, rows: Iterable[Any], what: str) -> None:
    """Delete child rows through the audited service; refuse if any is not the actor's to change."""
    rows = list(rows)
    if actor.user is not None and any(not can(actor.user, Action.CHANGE, r) for r in rows):
        raise Forbidden(
            f"This {what} holds records you may not change (for example a national annex); "
            "nothing was deleted."
        )
    for row in rows:
        record_delete(row, actor=actor, expected_version=row.version)


# -- plans -----------------------------------------------------------------------------------


def _period_defaults(values: dict[str, Any], years: int | None) -> None:
    start_year = values.pop("start_year", None)
    if values.get("period_start") is None and start_year not in (None, ""):
        try:
            values["period_start"] = dt.date(int(start_year), 1, 1)
        except (TypeError, ValueError) as exc:
            raise ValidationError({"start_year": "Give the start year as a number."}) from exc
    start = values.get("period_start")
    if isinstance(start, dt.date) and values.get("period_end") is None:
        length = years or DEFAULT_PERIOD_YEARS.get(values.get("plan_type", ""), DEFAULT_PERIOD)
        if length < 1:
            raise ValidationError({"period_end": "A plan lasts at least one year."})
        values["period_end"] = dt.date(start.year + length - 1, 12, 31)


def _check_plan_rules(values: Mapping[str, Any], plan: Plan | None = None) -> None:
    errors: dict[str, str] = {}
    owner = values.get("owner")
    if isinstance(owner, Organisation) and owner.kind != OrganisationKind.STATE:
        errors["owner"] = "Plans belong to a state."
    predecessor = values.get("predecessor")
    if isinstance(predecessor, Plan):
        start = values.get("period_start")
        if plan is not None and predecessor.pk == plan.pk:
            errors["predecessor"] = "A plan cannot follow itself."
        elif isinstance(owner, Organisation) and predecessor.owner_id != owner.pk:
            errors["predecessor"] = "The previous plan belongs to another nation."
        elif isinstance(start, dt.date) and predecessor.period_start >= start:
            errors["predecessor"] = "The previous plan must start before this one."
    if errors:
        raise ValidationError(errors)


def _default_chapters(plan: Plan) -> list[tuple[str, str, str]]:
    if plan.plan_type == PlanType.IPAP:
        return [(code, title, ChapterKind.CHAPTER) for code, title in STANDARD_IPAP_CHAPTERS]
    if plan.plan_type == PlanType.ITPP:
        return list(ITPP_CHAPTERS)
    return [("1", SINGLE_CHAPTER.get(plan.plan_type, "Programme"), ChapterKind.CHAPTER)]


def plan_create(*, actor: Actor, data: Mapping[str, Any], period_years: int | None = None) -> Plan:
    """Create a plan in DRAFT with its standard chapters; atomic, checked and audited.

    Give `period_start` (a date) or `start_year`; without `period_end` the plan lasts
    `period_years` (default two years, one for an ANP) and ends on 31 December.
    IPAPs start with the six standard chapters, ITPPs with ends/ways/means, others with one.
    """
    extra = {k: v for k, v in data.items() if k == "start_year"}
    values, m2m = _split(
        {k: v for k, v in data.items() if k != "start_year"}, PLAN_FIELDS, with_sources=True
    )
    values |= extra
    _period_defaults(values, period_years)
    _check_plan_rules(values)
    with transaction.atomic():
        plan = record_create(Plan, actor=actor, values=values, m2m=m2m)
        for position, (code, title, kind) in enumerate(_default_chapters(plan), start=1):
            record_create(
                Chapter,
                actor=actor,
                values={
                    "plan": plan,
                    "owner_id": plan.owner_id,
                    "marking": plan.marking,
                    "code": code,
                    "title": title,
                    "kind": kind,
                    "position": position,
                },
            )
    return plan


def _children_outside(plan: Plan, marking: str) -> int:
    allowed = sorted(_WITHIN.get(marking, frozenset()))
    return sum(
        model._default_manager.filter(**{path: plan}).exclude(marking__in=allowed).count()
        for model, path in (
            (Decision, "plan"),
            (Chapter, "plan"),
            (Objective, "plan"),
            (Commitment, "objective__plan"),
        )
    )


def plan_update(
    plan: Plan,
    *,
    actor: Actor,
    expected_version: int,
    data: Mapping[str, Any],
    period_years: int | None = None,
) -> Plan:
    """Change a plan if still at `expected_version` (its nation and status cannot change here)."""
    values, m2m = _split(data, PLAN_FIELDS, with_sources=True)
    _check_unchanged(
        plan, values, "owner", "A plan cannot move to another nation; create a new plan instead."
    )
    if "period_end" in values and values["period_end"] is None:  # back to the standard length
        period = {
            "period_start": values.get("period_start", plan.period_start),
            "plan_type": values.get("plan_type", plan.plan_type),
        }
        _period_defaults(period, period_years)
        values["period_end"] = period["period_end"]
    merged = {name: getattr(plan, name) for name in PLAN_FIELDS} | values
    _check_plan_rules(merged, plan)
    marking = values.get("marking", plan.marking)
    if marking != plan.marking:
        outside = _children_outside(plan, marking)
        if outside:
            raise ValidationError(
                {
                    "marking": (
                        f"{outside} record(s) of this plan are marked more widely than "
                        f"{_MARKING_LABELS.get(marking, marking)}; narrow them first."
                    )
                }
            )
    return record_update(
        plan, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def plan_transition(plan: Plan, *, actor: Actor, expected_version: int, target: str) -> Plan:
    """Move a plan along `PLAN_TRANSITIONS`; a refused move names the moves that are possible."""
    return record_transition(
        plan,
        actor=actor,
        expected_version=expected_version,
        target=target,
        allowed=PLAN_TRANSITIONS,
        labels=_PLAN_STATUS_LABELS,
    )


def allowed_transitions(plan: Plan) -> list[tuple[str, str]]:
    """(status, label) pairs a plan may move to next, in the order of `PlanStatus`."""
    allowed = PLAN_TRANSITIONS.get(plan.status, frozenset())
    return [(value, label) for value, label in PlanStatus.choices if value in allowed]


def plan_delete(plan: Plan, *, actor: Actor, expected_version: int) -> None:
    """Delete a plan and everything in it (each row audited); refused while a plan follows it."""
    with transaction.atomic():
        current = Plan.objects.select_for_update().filter(pk=plan.pk).first()
        if current is None:
            raise NotFound("This record no longer exists.")
        follower = current.successors.first()
        if follower is not None:
            raise ValidationError(
                {"predecessor": f"“{follower}” follows this plan; unlink or delete it first."}
            )
        copies = Objective.objects.filter(carried_from__plan=current).exclude(plan=current)
        if copies.exists():
            raise ValidationError(
                {
                    "__all__": "Objectives of this plan were carried into a later plan; "
                    "delete those copies first."
                }
            )
        if actor.user is not None and not can(actor.user, Action.CHANGE, current):
            raise Forbidden("You may view this record but not change it.")
        if current.version != expected_version:
            raise VersionConflict(current, expected_version)
        _delete_rows(
            actor,
            Commitment.objects.filter(objective__plan=current).order_by("pk"),
            "plan",
        )
        _delete_rows(actor, current.objectives.order_by("pk"), "plan")
        _delete_rows(actor, current.chapters.order_by("pk"), "plan")
        _delete_rows(actor, current.decisions.order_by("pk"), "plan")
        record_delete(current, actor=actor, expected_version=expected_version)


# -- decisions -------------------------------------------------------------------------------


def _check_decision(values: Mapping[str, Any]) -> None:
    decided_on = values.get("decided_on")
    if isinstance(decided_on, dt.date) and decided_on > timezone.now().date():
        raise ValidationError({"decided_on": "This date is in the future."})


def decision_create(*, actor: Actor, data: Mapping[str, Any]) -> Decision:
    """Record a decision on a plan (body, date, method and a silence deadline if any)."""
    values, m2m = _split(data, DECISION_FIELDS, with_sources=True)
    plan = _require(values, "plan", Plan)
    _ensure_parent(actor, plan)
    values.setdefault("marking", plan.marking)
    _check_marking(plan.marking, values["marking"], "plan")
    _check_decision(values)
    values["owner_id"] = plan.owner_id
    return record_create(Decision, actor=actor, values=values, m2m=m2m)


def decision_update(
    decision: Decision, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> Decision:
    """Change a decision if still at `expected_version` (it stays with its plan)."""
    values, m2m = _split(data, DECISION_FIELDS, with_sources=True)
    _check_unchanged(decision, values, "plan", "A decision cannot move to another plan.")
    values.pop("plan", None)
    _check_marking(decision.plan.marking, values.get("marking", decision.marking), "plan")
    _check_decision({"decided_on": decision.decided_on} | values)
    return record_update(
        decision, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def decision_delete(decision: Decision, *, actor: Actor, expected_version: int) -> None:
    """Delete a decision if still at `expected_version`; the change log keeps its last state."""
    record_delete(decision, actor=actor, expected_version=expected_version)


# -- chapters --------------------------------------------------------------------------------


def _check_code_free(
    model: type[Chapter] | type[Objective], plan: Plan, code: Any, exclude_pk: int | None
) -> None:
    if not code:
        return
    taken = model._default_manager.filter(plan=plan, code=code)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        noun = "A chapter" if model is Chapter else "An objective"
        raise ValidationError({"code": f"{noun} with code {code} already exists in this plan."})


def chapter_create(*, actor: Actor, data: Mapping[str, Any]) -> Chapter:
    """Add a chapter to a plan; the code is unique within the plan."""
    values, _ = _split(data, CHAPTER_FIELDS)
    plan = _require(values, "plan", Plan)
    _ensure_parent(actor, plan)
    values.setdefault("marking", plan.marking)
    _check_marking(plan.marking, values["marking"], "plan")
    _check_code_free(Chapter, plan, values.get("code"), None)
    if values.get("position") is None:
        values["position"] = _next_position(plan.chapters.all())
    values["owner_id"] = plan.owner_id
    return record_create(Chapter, actor=actor, values=values)


def chapter_update(
    chapter: Chapter, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> Chapter:
    """Change a chapter if still at `expected_version` (it stays in its plan)."""
    values, _ = _split(data, CHAPTER_FIELDS)
    _check_unchanged(chapter, values, "plan", "A chapter cannot move to another plan.")
    values.pop("plan", None)
    marking = values.get("marking", chapter.marking)
    _check_marking(chapter.plan.marking, marking, "plan")
    if marking != chapter.marking:
        allowed = sorted(_WITHIN.get(marking, frozenset()))
        if chapter.objectives.exclude(marking__in=allowed).exists():
            raise ValidationError(
                {"marking": "Objectives of this chapter are marked more widely; narrow them first."}
            )
    _check_code_free(Chapter, chapter.plan, values.get("code"), chapter.pk)
    return record_update(chapter, actor=actor, expected_version=expected_version, values=values)


def chapter_delete(chapter: Chapter, *, actor: Actor, expected_version: int) -> None:
    """Delete a chapter with its objectives and their commitments, each audited."""
    with transaction.atomic():
        if (
            Objective.objects.filter(carried_from__chapter=chapter)
            .exclude(plan_id=chapter.plan_id)
            .exists()
        ):
            raise ValidationError(
                {
                    "__all__": "Objectives of this chapter were carried into a later plan; "
                    "delete those copies first."
                }
            )
        _delete_rows(
            actor, Commitment.objects.filter(objective__chapter=chapter).order_by("pk"), "chapter"
        )
        _delete_rows(actor, chapter.objectives.order_by("pk"), "chapter")
        record_delete(chapter, actor=actor, expected_version=expected_version)


# -- objectives ------------------------------------------------------------------------------


def objective_create(*, actor: Actor, data: Mapping[str, Any]) -> Objective:
    """Add an objective under a chapter of the same plan; the code is unique within the plan."""
    values, m2m = _split(data, OBJECTIVE_FIELDS, with_sources=True)
    chapter = _require(values, "chapter", Chapter)
    plan = values.get("plan") or chapter.plan
    if not isinstance(plan, Plan):
        raise ValidationError({"plan": "This field is required."})
    values["plan"] = plan
    if chapter.plan_id != plan.pk:
        raise ValidationError({"chapter": "The chapter belongs to another plan."})
    _ensure_parent(actor, chapter)
    values.setdefault("marking", chapter.marking)
    _check_marking(chapter.marking, values["marking"], "chapter")
    _check_code_free(Objective, plan, values.get("code"), None)
    if values.get("position") is None:
        values["position"] = _next_position(chapter.objectives.all())
    values["owner_id"] = plan.owner_id
    return record_create(Objective, actor=actor, values=values, m2m=m2m)


def objective_update(
    objective: Objective, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> Objective:
    """Change an objective if still at `expected_version`; it may move between its plan's
    chapters but not to another plan."""
    values, m2m = _split(data, OBJECTIVE_FIELDS, with_sources=True)
    _check_unchanged(objective, values, "plan", "An objective cannot move to another plan.")
    values.pop("plan", None)
    chapter = values.get("chapter", objective.chapter)
    if isinstance(chapter, Chapter) and chapter.plan_id != objective.plan_id:
        raise ValidationError({"chapter": "The chapter belongs to another plan."})
    if isinstance(chapter, Chapter) and chapter.pk != objective.chapter_id:
        _ensure_parent(actor, chapter)
    marking = values.get("marking", objective.marking)
    _check_marking(chapter.marking, marking, "chapter")
    if marking != objective.marking:
        allowed = sorted(_WITHIN.get(marking, frozenset()))
        if objective.commitments.exclude(marking__in=allowed).exists():
            raise ValidationError(
                {
                    "marking": "Commitments of this objective are marked more widely; "
                    "narrow them first."
                }
            )
    _check_code_free(Objective, objective.plan, values.get("code"), objective.pk)
    return record_update(
        objective, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def objective_delete(objective: Objective, *, actor: Actor, expected_version: int) -> None:
    """Delete an objective with its commitments, each audited; refused while a copy of it
    lives on in a later plan."""
    with transaction.atomic():
        copy = objective.carried_to.exclude(pk=objective.pk).select_related("plan").first()
        if copy is not None:
            raise ValidationError(
                {
                    "__all__": f"This objective was carried into “{copy.plan}”; "
                    "delete that copy first."
                }
            )
        _delete_rows(actor, objective.commitments.order_by("pk"), "objective")
        record_delete(objective, actor=actor, expected_version=expected_version)


# -- commitments -----------------------------------------------------------------------------


def _check_agency(agency: Any, nation_id: int) -> None:
    if agency is None:
        return
    if not isinstance(agency, Organisation) or (
        agency.kind != OrganisationKind.NATIONAL_AGENCY or agency.parent_id != nation_id
    ):
        nation = Organisation.objects.filter(pk=nation_id).first()
        raise ValidationError(
            {"agency": f"The responsible agency must be a national agency of {nation}."}
        )


def commitment_create(*, actor: Actor, data: Mapping[str, Any]) -> Commitment:
    """Add a commitment under an objective; the agency must be one of the plan's nation."""
    values, _ = _split(data, COMMITMENT_FIELDS)
    objective = _require(values, "objective", Objective)
    _ensure_parent(actor, objective)
    values.setdefault("marking", objective.marking)
    _check_marking(objective.marking, values["marking"], "objective")
    _check_agency(values.get("agency"), objective.owner_id)
    if values.get("position") is None:
        values["position"] = _next_position(objective.commitments.all())
    values["owner_id"] = objective.owner_id
    return record_create(Commitment, actor=actor, values=values)


def commitment_update(
    commitment: Commitment, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> Commitment:
    """Change a commitment if still at `expected_version` (it stays under its objective)."""
    values, _ = _split(data, COMMITMENT_FIELDS)
    _check_unchanged(
        commitment, values, "objective", "A commitment cannot move to another objective."
    )
    values.pop("objective", None)
    _check_marking(
        commitment.objective.marking, values.get("marking", commitment.marking), "objective"
    )
    if "agency" in values:
        _check_agency(values["agency"], commitment.owner_id)
    return record_update(commitment, actor=actor, expected_version=expected_version, values=values)


def commitment_delete(commitment: Commitment, *, actor: Actor, expected_version: int) -> None:
    """Delete a commitment if still at `expected_version`."""
    record_delete(commitment, actor=actor, expected_version=expected_version)


# -- carry-over ------------------------------------------------------------------------------


def carry_over_candidates(source_plan: Plan, user: Any) -> list[Objective]:
    """Objectives of `source_plan` that a carry-over would copy: those `user` may see with
    at least one open commitment or none at all (None = a system job sees everything)."""
    objectives = source_plan.objectives.select_related("chapter").prefetch_related("commitments")
    result = []
    for objective in objectives.order_by("chapter__position", "position", "code"):
        if user is not None and not can(user, Action.VIEW, objective):
            continue
        commitments = [
            c for c in objective.commitments.all() if user is None or can(user, Action.VIEW, c)
        ]
        if not commitments or any(c.status in OPEN_COMMITMENT_STATUSES for c in commitments):
            result.append(objective)
    return result


def _target_chapter(
    actor: Actor, target: Plan, source_chapter: Chapter, chapters: dict[str, Chapter]
) -> Chapter:
    chapter = chapters.get(source_chapter.code)
    if chapter is None:
        marking = (
            source_chapter.marking
            if marking_within(target.marking, source_chapter.marking)
            else target.marking
        )
        chapter = chapter_create(
            actor=actor,
            data={
                "plan": target,
                "code": source_chapter.code,
                "title": source_chapter.title,
                "kind": source_chapter.kind,
                "marking": marking,
            },
        )
        chapters[chapter.code] = chapter
    return chapter


def plan_carry_over(source_plan: Plan, target_plan: Plan, *, actor: Actor) -> list[Objective]:
    """Copy the unfinished objectives of plan N into plan N+1; return the new copies.

    Copies every objective of `source_plan` (that the actor may see) with at least one open
    commitment or no commitment at all, into the chapter with the same code in `target_plan`
    (created if missing), with `carried_from` set, together with its open commitments.
    Objectives already carried into the target are skipped, so a second run copies nothing.
    The target gets `source_plan` as its predecessor if it had none. One transaction; every
    new row is audited.
    """
    if source_plan.pk == target_plan.pk:
        raise ValidationError({"from": "A plan cannot be carried over into itself."})
    if source_plan.owner_id != target_plan.owner_id:
        raise ValidationError({"from": "The plans belong to different nations."})
    if source_plan.period_start >= target_plan.period_start:
        raise ValidationError({"from": "Objectives are carried from an earlier plan only."})
    _ensure_parent(actor, target_plan)
    user = actor.user
    with transaction.atomic():
        target = Plan.objects.select_for_update().get(pk=target_plan.pk)
        already = set(
            Objective.objects.filter(plan=target, carried_from__isnull=False).values_list(
                "carried_from_id", flat=True
            )
        )
        todo = [o for o in carry_over_candidates(source_plan, user) if o.pk not in already]
        taken = dict(Objective.objects.filter(plan=target).values_list("code", "pk"))
        clashes = sorted(o.code for o in todo if o.code in taken)
        if clashes:
            raise ValidationError(
                {
                    "from": "The later plan already has other objectives with the codes "
                    f"{', '.join(clashes)}; rename them first."
                }
            )
        chapters = {c.code: c for c in Chapter.objects.filter(plan=target)}
        copies: list[Objective] = []
        for original in todo:
            chapter = _target_chapter(actor, target, original.chapter, chapters)
            marking = (
                original.marking
                if marking_within(chapter.marking, original.marking)
                else chapter.marking
            )
            copy = record_create(
                Objective,
                actor=actor,
                values={
                    "plan": target,
                    "chapter": chapter,
                    "owner_id": target.owner_id,
                    "marking": marking,
                    "code": original.code,
                    "text": original.text,
                    "position": original.position,
                    "carried_from": original,
                },
                m2m={"sources": list(original.sources.values_list("pk", flat=True))},
            )
            for commitment in original.commitments.order_by("position", "pk"):
                if commitment.status not in OPEN_COMMITMENT_STATUSES:
                    continue
                if user is not None and not can(user, Action.VIEW, commitment):
                    continue
                commitment_create(
                    actor=actor,
                    data={
                        "objective": copy,
                        "text": commitment.text,
                        "agency": commitment.agency,
                        "due_on": commitment.due_on,
                        "status": commitment.status,
                        "position": commitment.position,
                        "marking": commitment.marking
                        if marking_within(copy.marking, commitment.marking)
                        else copy.marking,
                    },
                )
            copies.append(copy)
        if target.predecessor_id is None:
            record_update(
                target,
                actor=actor,
                expected_version=target.version,
                values={"predecessor": source_plan},
            )
    return copies
