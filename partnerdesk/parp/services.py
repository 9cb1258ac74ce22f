"""Write use-cases of PARP: cycles and their steps, survey answers, goals, assessments,
carry-over of open goals and the all-or-nothing goal import — validated and audited."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from partnerdesk.core.actor import Actor
from partnerdesk.core.permissions import Action, can
from partnerdesk.core.services import record_create, record_delete, record_update
from partnerdesk.core.tabular import TableError
from partnerdesk.core.workflow import record_transition
from partnerdesk.organisations.choices import PARTNER_FRAMEWORKS, OrganisationKind
from partnerdesk.organisations.models import Organisation
from partnerdesk.parp.choices import (
    CLOSED_GOAL_STATUSES,
    OPEN_GOAL_STATUSES,
    STEP_LABELS,
    STEP_TRANSITIONS,
    GoalStatus,
)
from partnerdesk.parp.models import GoalAssessment, ParpCycle, PartnershipGoal, SurveyAnswer
from partnerdesk.plans.models import Objective
from partnerdesk.sources.models import Source

CYCLE_FIELDS = (
    "owner",
    "marking",
    "start_year",
    "end_year",
    "goals_year_parity",
    "approved_on",
    "approved_by",
    "assessment_discussed_on",
    "forum",
    "armed_forces_recorded",
    "note",
)
ANSWER_FIELDS = ("marking", "section", "question", "answer", "amount", "currency", "year")
GOAL_FIELDS = (
    "marking",
    "code",
    "title",
    "service",
    "armed_forces",
    "target_date",
    "status",
    "carried_from",
)
ASSESSMENT_FIELDS = ("marking", "year", "narrative", "progress")
DEFAULT_CYCLE_LENGTH = 2


# -- shared helpers ---------------------------------------------------------------------------


def _ids(values: Sequence[Any]) -> list[Any]:
    return [v.pk if isinstance(v, models.Model) else v for v in values]


def _split(
    data: Mapping[str, Any], editable: Sequence[str], m2m_names: Sequence[str]
) -> tuple[dict[str, Any], dict[str, Sequence[Any]] | None]:
    """Separate plain values from many-to-many values; refuse fields that cannot be set."""
    unknown = set(data) - set(editable) - set(m2m_names)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be set."))
    values = {k: v for k, v in data.items() if k in editable}
    m2m: dict[str, Sequence[Any]] = {name: _ids(data[name]) for name in m2m_names if name in data}
    return values, (m2m or None)


def _check_sources(m2m: Mapping[str, Sequence[Any]] | None) -> None:
    if m2m and "sources" in m2m:
        ids = list(m2m["sources"])
        if Source.objects.filter(pk__in=ids).count() != len(set(ids)):
            raise ValidationError({"sources": "Unknown source."})


def _require_visible_parent(actor: Actor, parent: models.Model, field: str) -> None:
    """A child can only be attached to a parent the actor may see (else it does not exist)."""
    if actor.user is not None and not can(actor.user, Action.VIEW, parent):
        raise ValidationError({field: "No such record."})


def _same_parent(obj: models.Model, parent_field: str, data: Mapping[str, Any]) -> None:
    """Children stay with their parent: moving them is refused with a clear message."""
    if parent_field in data:
        value = data[parent_field]
        new_id = value.pk if isinstance(value, models.Model) else value
        if new_id != getattr(obj, f"{parent_field}_id"):
            raise ValidationError({parent_field: "This record cannot move to another parent."})


# -- cycles ---------------------------------------------------------------------------------


def _check_cycle_owner(values: Mapping[str, Any]) -> None:
    owner = values.get("owner")
    if isinstance(owner, Organisation):
        if owner.kind != OrganisationKind.STATE:
            raise ValidationError({"owner": "A PARP cycle belongs to a state."})
        if not owner.memberships.filter(framework__in=list(PARTNER_FRAMEWORKS)).exists():
            raise ValidationError({"owner": f"{owner.name} has never been a NATO partner."})


def cycle_create(*, actor: Actor, data: Mapping[str, Any]) -> ParpCycle:
    """Create a PARP cycle; `end_year` defaults to two years after `start_year`.

    A cycle may be recorded at any step (historical cycles are entered as they ended); after
    that the step moves only through `cycle_transition`.
    """
    values, m2m = _split(data, (*CYCLE_FIELDS, "step"), ("sources",))
    if values.get("end_year") in (None, "") and isinstance(values.get("start_year"), int):
        values["end_year"] = values["start_year"] + DEFAULT_CYCLE_LENGTH
    _check_cycle_owner(values)
    _check_sources(m2m)
    return record_create(ParpCycle, actor=actor, values=values, m2m=m2m)


def cycle_update(
    cycle: ParpCycle, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> ParpCycle:
    """Change a cycle's facts (not its step, not its nation) if still at `expected_version`."""
    if "step" in data and data["step"] != cycle.step:
        raise ValidationError({"step": "Change the step with a transition."})
    values, m2m = _split({k: v for k, v in data.items() if k != "step"}, CYCLE_FIELDS, ("sources",))
    if "owner" in values and getattr(values["owner"], "pk", values["owner"]) != cycle.owner_id:
        raise ValidationError({"owner": "A cycle cannot move to another nation."})
    if values.get("end_year") in (None, "") and "end_year" in values:
        start = values.get("start_year", cycle.start_year)
        values["end_year"] = start + DEFAULT_CYCLE_LENGTH
    _check_sources(m2m)
    return record_update(
        cycle, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def cycle_transition(
    cycle: ParpCycle, *, actor: Actor, expected_version: int, target: str
) -> ParpCycle:
    """Move the cycle one step forward (or one back to correct); refused moves change nothing."""
    return record_transition(
        cycle,
        actor=actor,
        expected_version=expected_version,
        target=target,
        allowed=STEP_TRANSITIONS,
        labels=STEP_LABELS,
        field="step",
    )


def cycle_delete(cycle: ParpCycle, *, actor: Actor, expected_version: int) -> None:
    """Delete an empty cycle; one with goals or survey answers is refused."""
    if cycle.goals.exists() or cycle.survey_answers.exists():
        raise ValidationError(
            {"__all__": "Delete the cycle's goals and survey answers first; nothing was deleted."}
        )
    record_delete(cycle, actor=actor, expected_version=expected_version)


# -- survey answers -------------------------------------------------------------------------


def survey_answer_create(
    *, actor: Actor, cycle: ParpCycle, data: Mapping[str, Any]
) -> SurveyAnswer:
    """Add an answer to a cycle's survey; it belongs to the cycle's nation (marking defaults
    to the cycle's)."""
    values, m2m = _split(
        {k: v for k, v in data.items() if k != "cycle"}, ANSWER_FIELDS, ("sources",)
    )
    _require_visible_parent(actor, cycle, "cycle")
    _check_sources(m2m)
    values = {"marking": cycle.marking} | values | {"cycle": cycle, "owner": cycle.owner}
    return record_create(SurveyAnswer, actor=actor, values=values, m2m=m2m)


def survey_answer_update(
    answer: SurveyAnswer, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> SurveyAnswer:
    """Change a survey answer if still at `expected_version`."""
    _same_parent(answer, "cycle", data)
    values, m2m = _split(
        {k: v for k, v in data.items() if k != "cycle"}, ANSWER_FIELDS, ("sources",)
    )
    _check_sources(m2m)
    return record_update(
        answer, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def survey_answer_delete(answer: SurveyAnswer, *, actor: Actor, expected_version: int) -> None:
    """Delete a survey answer; the change log keeps its last state."""
    record_delete(answer, actor=actor, expected_version=expected_version)


# -- Partnership Goals ----------------------------------------------------------------------


def _check_objectives(actor: Actor, owner_id: int, m2m: Mapping[str, Sequence[Any]] | None) -> None:
    """Linked objectives must exist, be visible to the actor and belong to the goal's nation."""
    if not m2m or "objectives" not in m2m:
        return
    ids = list(dict.fromkeys(m2m["objectives"]))
    found = {o.pk: o for o in Objective.objects.filter(pk__in=ids)}
    for pk in ids:
        objective = found.get(pk)
        if objective is None or (
            actor.user is not None and not can(actor.user, Action.VIEW, objective)
        ):
            raise ValidationError({"objectives": f"Objective {pk} does not exist."})
        if objective.owner_id != owner_id:
            raise ValidationError(
                {
                    "objectives": (
                        f"Objective {objective.code} belongs to another nation; a goal can only "
                        "serve objectives of its own nation."
                    )
                }
            )


def _check_carried_from(actor: Actor, values: Mapping[str, Any]) -> None:
    original = values.get("carried_from")
    if (
        isinstance(original, PartnershipGoal)
        and actor.user is not None
        and not can(actor.user, Action.VIEW, original)
    ):
        raise ValidationError({"carried_from": "No such goal."})


def goal_create(*, actor: Actor, cycle: ParpCycle, data: Mapping[str, Any]) -> PartnershipGoal:
    """Add a Partnership Goal to a cycle; it belongs to the cycle's nation."""
    values, m2m = _split(
        {k: v for k, v in data.items() if k != "cycle"}, GOAL_FIELDS, ("objectives", "sources")
    )
    _require_visible_parent(actor, cycle, "cycle")
    _check_sources(m2m)
    _check_objectives(actor, cycle.owner_id, m2m)
    _check_carried_from(actor, values)
    values = {"marking": cycle.marking} | values | {"cycle": cycle, "owner": cycle.owner}
    return record_create(PartnershipGoal, actor=actor, values=values, m2m=m2m)


def goal_update(
    goal: PartnershipGoal, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> PartnershipGoal:
    """Change a goal (its status, title, links…) if still at `expected_version`."""
    _same_parent(goal, "cycle", data)
    values, m2m = _split(
        {k: v for k, v in data.items() if k != "cycle"}, GOAL_FIELDS, ("objectives", "sources")
    )
    _check_sources(m2m)
    _check_objectives(actor, goal.owner_id, m2m)
    _check_carried_from(actor, values)
    return record_update(
        goal, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def goal_delete(goal: PartnershipGoal, *, actor: Actor, expected_version: int) -> None:
    """Delete a goal and (by cascade) its assessments; the change log keeps the goal."""
    if goal.assessments.exists():
        raise ValidationError({"__all__": "Delete the goal's assessments first."})
    record_delete(goal, actor=actor, expected_version=expected_version)


@dataclass
class CarryOverResult:
    """What a carry-over did: the copies created and the originals marked as transferred."""

    created: list[PartnershipGoal] = field(default_factory=list)
    marked: list[PartnershipGoal] = field(default_factory=list)
    skipped: int = 0


def goal_carry_over(*, actor: Actor, source: ParpCycle, target: ParpCycle) -> CarryOverResult:
    """Copy the goals of `source` that are not implemented or dropped into `target`.

    Each copy keeps code, title, service, flag, target date, objectives and sources, starts as
    PROPOSED and links to its original (`carried_from`). Originals still open are marked
    CARRIED_OVER; partially implemented ones keep their status. Running it again creates
    nothing (goals already copied are skipped). All or nothing.
    """
    for cycle, name in ((source, "source"), (target, "target")):
        _require_visible_parent(actor, cycle, name)
    if target.owner_id != source.owner_id:
        raise ValidationError({"target": "Goals can only be carried over within one nation."})
    if target.start_year <= source.start_year:
        raise ValidationError({"target": "Carry goals over to a later cycle."})
    result = CarryOverResult()
    with transaction.atomic():
        already = set(
            PartnershipGoal.objects.filter(cycle=target, carried_from__cycle=source).values_list(
                "carried_from_id", flat=True
            )
        )
        taken = set(PartnershipGoal.objects.filter(cycle=target).values_list("code", flat=True))
        originals = list(
            PartnershipGoal.objects.filter(cycle=source)
            .exclude(status__in=sorted(CLOSED_GOAL_STATUSES))
            .prefetch_related("objectives", "sources")
            .order_by("code")
        )
        clashes = [g.code for g in originals if g.pk not in already and g.code in taken]
        if clashes:
            raise ValidationError(
                {"target": f"The target cycle already has goals coded {', '.join(clashes)}."}
            )
        for original in originals:
            if original.pk in already:
                result.skipped += 1
                continue
            copy = goal_create(
                actor=actor,
                cycle=target,
                data={
                    "marking": original.marking,
                    "code": original.code,
                    "title": original.title,
                    "service": original.service,
                    "armed_forces": original.armed_forces,
                    "target_date": original.target_date,
                    "status": GoalStatus.PROPOSED,
                    "carried_from": original,
                    "objectives": [o.pk for o in original.objectives.all()],
                    "sources": [s.pk for s in original.sources.all()],
                },
            )
            result.created.append(copy)
            if original.status in OPEN_GOAL_STATUSES:
                result.marked.append(
                    record_update(
                        original,
                        actor=actor,
                        expected_version=original.version,
                        values={"status": GoalStatus.CARRIED_OVER},
                    )
                )
    return result


# -- goal assessments -----------------------------------------------------------------------


def _check_assessment_year(goal: PartnershipGoal, values: Mapping[str, Any]) -> None:
    year = values.get("year")
    cycle = goal.cycle
    if isinstance(year, int) and not cycle.start_year <= year <= cycle.end_year:
        raise ValidationError(
            {"year": f"The year must fall within the cycle ({cycle.start_year}–{cycle.end_year})."}
        )


def assessment_create(
    *, actor: Actor, goal: PartnershipGoal, data: Mapping[str, Any]
) -> GoalAssessment:
    """Record the assessment of a goal for one year; it belongs to the goal's nation."""
    values, m2m = _split(
        {k: v for k, v in data.items() if k != "goal"}, ASSESSMENT_FIELDS, ("sources",)
    )
    _require_visible_parent(actor, goal, "goal")
    _check_sources(m2m)
    _check_assessment_year(goal, values)
    values = {"marking": goal.marking} | values | {"goal": goal, "owner": goal.owner}
    return record_create(GoalAssessment, actor=actor, values=values, m2m=m2m)


def assessment_update(
    assessment: GoalAssessment, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> GoalAssessment:
    """Change an assessment if still at `expected_version`."""
    _same_parent(assessment, "goal", data)
    values, m2m = _split(
        {k: v for k, v in data.items() if k != "goal"}, ASSESSMENT_FIELDS, ("sources",)
    )
    _check_sources(m2m)
    _check_assessment_year(assessment.goal, values)
    return record_update(
        assessment, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def assessment_delete(assessment: GoalAssessment, *, actor: Actor, expected_version: int) -> None:
    """Delete an assessment; the change log keeps its last state."""
    record_delete(assessment, actor=actor, expected_version=expected_version)


# -- import ---------------------------------------------------------------------------------


class ImportRejected(Exception):  # noqa: N818 - reads naturally at call sites
    """The table has errors; nothing was written. `errors` name row and column."""

    def __init__(self, errors: Sequence[TableError]) -> None:
        super().__init__(f"{len(errors)} error(s); nothing was imported.")
        self.errors = list(errors)


@dataclass
class ImportResult:
    """What an import did (or, for a dry run, would do)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False


# The import's columns and the goal fields they fill.
IMPORT_COLUMN_FOR_FIELD = {
    "code": "code",
    "title": "title",
    "service": "service",
    "armed_forces": "armed_forces",
    "target_date": "target_date",
    "status": "status",
}


def _row_errors(number: int, error: ValidationError) -> list[TableError]:
    return [
        TableError(number, IMPORT_COLUMN_FOR_FIELD.get(name, ""), message)
        for name, messages in error.message_dict.items()
        for message in messages
    ]


def goal_import(
    *,
    actor: Actor,
    cycle: ParpCycle,
    rows: Sequence[tuple[int, Mapping[str, Any]]],
    dry_run: bool = False,
) -> ImportResult:
    """Create or update the goals of `cycle` from parsed rows, all or nothing.

    `rows` are (spreadsheet row number, goal values) as `parp.imports` parses them. A code
    already in the cycle updates that goal; a new code creates one. Every row is checked
    before anything is written; any error raises `ImportRejected` with all errors (row and
    column) and writes nothing. A dry run checks and counts but writes nothing.
    """
    _require_visible_parent(actor, cycle, "cycle")
    if actor.user is not None and not can(actor.user, Action.CHANGE, cycle):
        raise ImportRejected([TableError(0, "", "You may not change the goals of this cycle.")])
    existing = {g.code: g for g in PartnershipGoal.objects.filter(cycle=cycle)}
    errors: list[TableError] = []
    seen: dict[str, int] = {}
    plan: list[tuple[int, PartnershipGoal | None, dict[str, Any]]] = []
    for number, raw in rows:
        values = dict(raw)
        code = str(values.get("code", ""))
        if code in seen:
            errors.append(
                TableError(number, "code", f"Code {code} already used in row {seen[code]}.")
            )
            continue
        seen[code] = number
        current = existing.get(code)
        start: dict[str, Any] = {"marking": cycle.marking}
        if current is not None:
            start = {f: getattr(current, f) for f in GOAL_FIELDS} | {"pk": current.pk}
        candidate = PartnershipGoal(**start, owner_id=cycle.owner_id, cycle=cycle)
        candidate._state.adding = current is None  # an update is checked against the others
        for name, value in values.items():
            setattr(candidate, name, value)
        try:
            candidate.full_clean(validate_unique=False)
        except ValidationError as exc:
            errors.extend(_row_errors(number, exc))
            continue
        if actor.user is not None and not can(actor.user, Action.CHANGE, candidate):
            errors.append(TableError(number, "", "You may not write this goal."))
            continue
        plan.append((number, current, values))
    if errors:
        raise ImportRejected(errors)
    result = ImportResult(dry_run=dry_run)
    for _number, current, values in plan:
        if current is None:
            result.created += 1
        elif any(getattr(current, k) != v for k, v in values.items()):
            result.updated += 1
        else:
            result.unchanged += 1
    if dry_run:
        return result
    with transaction.atomic():
        for number, current, values in plan:
            try:
                if current is None:
                    goal_create(actor=actor, cycle=cycle, data=values)
                elif any(getattr(current, k) != v for k, v in values.items()):
                    goal_update(current, actor=actor, expected_version=current.version, data=values)
            except ValidationError as exc:
                raise ImportRejected(_row_errors(number, exc)) from exc
    return result
