"""Write use-cases of OCC E&F: units, evaluations (with the order rule), area results,
certifications (created and renewed by passed NEL-2s and re-evaluations) and remedial actions.

Every function validates, then calls the core record services, so permissions are checked
before and after, versions are enforced and one change-log row is written per changed row.
Child rows (evaluations, results, certifications, remedial actions) take their owner from
their parent, never from input; their marking defaults to the parent's.

The order rule (see also the package docstring) only looks at PASSED evaluations:
1. Chronology — of two passed evaluations at SEL-1 < NEL-1 < SEL-2 < NEL-2, the later level
   may not be dated entirely before the earlier one. Dates count at their precision: "2014"
   spans the whole year, so only evaluations that are certainly out of order are refused.
2. A passed NEL-2 needs a passed NEL-1 (or re-evaluation) of the unit not dated after it.
3. A passed re-evaluation needs a passed NEL-2 (or earlier re-evaluation) of the unit.
Nothing is required before NEL-1, because records often begin mid-way (the Azerbaijani
infantry company's start at NEL-1 in May 2008). When the sources skip a step a rule needs,
the evaluation is recorded with `earlier_steps_unrecorded`, which waives rules 2 and 3 and is
shown on the unit page. A change is refused only for the problems it introduces, so older
inconsistent data does not block unrelated edits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from partnerdesk.core.actor import Actor
from partnerdesk.core.services import record_create, record_delete, record_update
from partnerdesk.core.workflow import record_transition
from partnerdesk.occ.choices import (
    CERTIFICATION_YEARS,
    CERTIFYING_LEVELS,
    LEVEL_RANK,
    REMEDIAL_TRANSITIONS,
    CertificationStatus,
    DatePrecision,
    EvaluationLevel,
    Outcome,
    RemedialStatus,
)
from partnerdesk.occ.models import (
    Certification,
    Evaluation,
    EvaluationResult,
    OccUnit,
    RemedialAction,
    add_years,
)
from partnerdesk.organisations.choices import PARTNER_FRAMEWORKS, OrganisationKind
from partnerdesk.organisations.models import Organisation
from partnerdesk.sources.models import Source

UNIT_FIELDS = (
    "owner",
    "marking",
    "name",
    "service",
    "unit_type",
    "declared_on",
    "declared_precision",
    "note",
)
EVALUATION_FIELDS = (
    "unit",
    "marking",
    "level",
    "start_on",
    "end_on",
    "precision",
    "place",
    "team",
    "monitoring_command",
    "observers",
    "outcome",
    "earlier_steps_unrecorded",
    "grade_scale",
    "personnel",
    "vehicles",
    "helicopters",
    "note",
)
RESULT_FIELDS = ("evaluation", "marking", "area", "grade", "note")
CERTIFICATION_FIELDS = (
    "unit",
    "marking",
    "status",
    "valid_from",
    "valid_to",
    "precision",
    "based_on",
    "revalidated_by",
    "note",
)
REMEDIAL_FIELDS = ("evaluation", "marking", "text", "owner_name", "deadline")
REMEDIAL_CREATE_FIELDS = (*REMEDIAL_FIELDS, "status")


# -- helpers -------------------------------------------------------------------------------


def _split(
    data: Mapping[str, Any], fields: Sequence[str]
) -> tuple[dict[str, Any], dict[str, Sequence[Any]] | None]:
    """Editable values and the sources list; unknown names are refused by name."""
    unknown = set(data) - set(fields) - {"sources"}
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be set."))
    values = {k: v for k, v in data.items() if k in fields}
    m2m: dict[str, Sequence[Any]] | None = None
    if "sources" in data:
        m2m = {"sources": [s.pk if isinstance(s, Source) else s for s in data["sources"]]}
    return values, m2m


def _parent(values: Mapping[str, Any], name: str, model: type[Model], label: str) -> Any:
    parent = values.get(name)
    if not isinstance(parent, model):
        raise ValidationError({name: f"Choose the {label}."})
    return parent


def _child_values(values: dict[str, Any], parent: Any) -> dict[str, Any]:
    """The owner comes from the parent; the marking defaults to the parent's."""
    values["owner"] = parent.owner
    if not values.get("marking"):
        values["marking"] = parent.marking
    return values


def _fixed_parent(obj: Any, values: dict[str, Any], name: str) -> None:
    """A child stays with its parent: refuse moving it, drop an unchanged parent."""
    if name in values:
        given = values.pop(name)
        if getattr(given, "pk", given) != getattr(obj, f"{name}_id"):
            raise ValidationError({name: "This cannot be changed; delete and record it again."})


def _protected_delete(obj: Any, *, actor: Actor, expected_version: int) -> None:
    """Delete through the core service, which explains which dependent rows prevent it."""
    record_delete(obj, actor=actor, expected_version=expected_version)


def _lock_unit(unit_id: int) -> OccUnit:
    """Serialise writes to one unit's evaluations (row lock; SQLite holds the write lock)."""
    return OccUnit.objects.select_for_update().get(pk=unit_id)


# -- units ---------------------------------------------------------------------------------


def _check_unit_owner(values: Mapping[str, Any]) -> None:
    owner = values.get("owner")
    if not isinstance(owner, Organisation):
        return
    if owner.kind != OrganisationKind.STATE:
        raise ValidationError({"owner": "OCC units belong to a state."})
    if not owner.memberships.filter(framework__in=list(PARTNER_FRAMEWORKS)).exists():
        raise ValidationError({"owner": f"{owner.name} has never been a NATO partner."})


def occunit_create(*, actor: Actor, data: Mapping[str, Any]) -> OccUnit:
    """Declare a unit of a partner nation; atomic, permission-checked and audited."""
    values, m2m = _split(data, UNIT_FIELDS)
    _check_unit_owner(values)
    return record_create(OccUnit, actor=actor, values=values, m2m=m2m)


def occunit_update(
    unit: OccUnit, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> OccUnit:
    """Change a unit if still at `expected_version`; atomic and audited."""
    values, m2m = _split(data, UNIT_FIELDS)
    _check_unit_owner(values)
    if "owner" in values and values["owner"].pk != unit.owner_id and unit.evaluations.exists():
        raise ValidationError({"owner": "A unit with evaluations cannot move to another nation."})
    return record_update(
        unit, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def occunit_delete(unit: OccUnit, *, actor: Actor, expected_version: int) -> None:
    """Delete a unit without evaluations or certifications; the change log keeps its state."""
    with transaction.atomic():
        _protected_delete(unit, actor=actor, expected_version=expected_version)


# -- the order rule ------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """What the order rule needs to know about one evaluation."""

    key: int
    level: str
    passed: bool
    earliest: dt.date
    latest: dt.date
    waived: bool
    label: str

    @classmethod
    def of(cls, evaluation: Evaluation) -> Step:
        return cls(
            key=evaluation.pk,
            level=evaluation.level,
            passed=evaluation.outcome == Outcome.PASSED,
            earliest=evaluation.earliest,
            latest=evaluation.latest,
            waived=evaluation.earlier_steps_unrecorded,
            label=f"{evaluation.get_level_display()} ({evaluation.dates_display})",
        )


WAIVER_HINT = " If the sources do not record that step, tick “earlier steps unrecorded”."


def order_problems(steps: Iterable[Step]) -> dict[tuple[Any, ...], tuple[str, str]]:
    """Every breach of the order rule among one unit's evaluations: key → (field, message)."""
    passed = [s for s in steps if s.passed]
    problems: dict[tuple[Any, ...], tuple[str, str]] = {}
    for a in passed:
        for b in passed:
            rank_a, rank_b = LEVEL_RANK.get(a.level), LEVEL_RANK.get(b.level)
            if rank_a and rank_b and rank_a < rank_b and b.latest < a.earliest:
                problems[("order", a.key, b.key)] = (
                    "start_on",
                    f"{b.label} cannot have been passed before {a.label}: the levels are "
                    "passed in the order SEL-1, NEL-1, SEL-2, NEL-2.",
                )
        if a.waived:
            continue
        if a.level == EvaluationLevel.NEL2:
            needed = {EvaluationLevel.NEL1, EvaluationLevel.REEVAL}
            if not any(b.level in needed and b.earliest <= a.latest for b in passed):
                problems[("needs", a.key)] = (
                    "outcome",
                    f"{a.label} can be passed only after a passed NEL-1 of the unit." + WAIVER_HINT,
                )
        elif a.level == EvaluationLevel.REEVAL:
            needed = {EvaluationLevel.NEL2, EvaluationLevel.REEVAL}
            if not any(
                b.key != a.key and b.level in needed and b.earliest <= a.latest for b in passed
            ):
                problems[("needs", a.key)] = (
                    "outcome",
                    f"{a.label} re-validates a certification: the unit needs a passed NEL-2 "
                    "first." + WAIVER_HINT,
                )
    return problems


def _unit_problems(unit_id: int) -> dict[tuple[Any, ...], tuple[str, str]]:
    evaluations = Evaluation.objects.filter(unit_id=unit_id)
    return order_problems(Step.of(e) for e in evaluations)


def _refuse_new_problems(before: Mapping[tuple[Any, ...], tuple[str, str]], unit_id: int) -> None:
    after = _unit_problems(unit_id)
    new = [after[key] for key in after if key not in before]
    if not new:
        return
    errors: dict[str, list[str]] = {}
    for field, message in new:
        errors.setdefault(field, []).append(message)
    raise ValidationError(errors)


def _check_outcome_date(evaluation: Evaluation) -> None:
    if evaluation.outcome != Outcome.PENDING and evaluation.earliest > timezone.localdate():
        raise ValidationError(
            {"outcome": "An evaluation that has not started yet cannot have an outcome."}
        )


def _check_grade_scale(evaluation: Evaluation) -> None:
    used = set(evaluation.results.values_list("grade", flat=True))
    missing = sorted(used - set(evaluation.grade_scale))
    if missing:
        listed = ", ".join(missing)
        raise ValidationError(
            {"grade_scale": f"Area results use grades missing from this scale: {listed}."}
        )


def _check_certifications_still_earned(evaluation: Evaluation) -> None:
    earns = evaluation.outcome == Outcome.PASSED and evaluation.level in CERTIFYING_LEVELS
    if not earns and evaluation.certifications_earned.exists():
        raise ValidationError(
            {
                "outcome": "A certification is based on this evaluation as a passed NEL-2 or "
                "re-evaluation; delete the certification first."
            }
        )


def _sync_certification(evaluation: Evaluation, *, actor: Actor) -> None:
    """A passed NEL-2 or re-evaluation earns a Combat Ready certificate valid three years and
    marks the unit's earlier certificates as re-validated by it; later date corrections move
    the certificate it earned."""
    if evaluation.outcome != Outcome.PASSED or evaluation.level not in CERTIFYING_LEVELS:
        return
    valid_from = evaluation.completed_on
    precision = DatePrecision.DAY if evaluation.end_on else evaluation.precision
    dates = {
        "valid_from": valid_from,
        "valid_to": add_years(valid_from, CERTIFICATION_YEARS),
        "precision": precision,
    }
    earned = Certification.objects.filter(
        based_on=evaluation, status=CertificationStatus.COMBAT_READY
    ).first()
    if earned is not None:
        if any(getattr(earned, name) != value for name, value in dates.items()):
            record_update(earned, actor=actor, expected_version=earned.version, values=dates)
        return
    previous = (
        Certification.objects.filter(
            unit_id=evaluation.unit_id, revalidated_by__isnull=True, valid_from__lte=valid_from
        )
        .exclude(based_on=evaluation)
        .order_by("pk")
    )
    for certification in previous:
        record_update(
            certification,
            actor=actor,
            expected_version=certification.version,
            values={"revalidated_by": evaluation},
        )
    record_create(
        Certification,
        actor=actor,
        values={
            "owner": evaluation.owner,
            "marking": evaluation.marking,
            "unit": evaluation.unit,
            "status": CertificationStatus.COMBAT_READY,
            "based_on": evaluation,
            **dates,
        },
        m2m={"sources": list(evaluation.sources.values_list("pk", flat=True))},
    )


# -- evaluations ---------------------------------------------------------------------------


def evaluation_record(*, actor: Actor, data: Mapping[str, Any]) -> Evaluation:
    """Record an evaluation of a unit, refusing it if it breaks the order rule; a passed NEL-2
    or re-evaluation creates (or renews) the Combat Ready certification in the same step."""
    values, m2m = _split(data, EVALUATION_FIELDS)
    unit = _parent(values, "unit", OccUnit, "unit evaluated")
    _child_values(values, unit)
    with transaction.atomic():
        _lock_unit(unit.pk)
        before = _unit_problems(unit.pk)
        evaluation = record_create(Evaluation, actor=actor, values=values, m2m=m2m)
        _check_outcome_date(evaluation)
        _refuse_new_problems(before, unit.pk)
        _sync_certification(evaluation, actor=actor)
    return evaluation


def evaluation_update(
    evaluation: Evaluation, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> Evaluation:
    """Change an evaluation (same checks as recording one); a certification it earned follows."""
    values, m2m = _split(data, EVALUATION_FIELDS)
    _fixed_parent(evaluation, values, "unit")
    with transaction.atomic():
        _lock_unit(evaluation.unit_id)
        before = _unit_problems(evaluation.unit_id)
        updated = record_update(
            evaluation, actor=actor, expected_version=expected_version, values=values, m2m=m2m
        )
        _check_outcome_date(updated)
        _check_grade_scale(updated)
        _check_certifications_still_earned(updated)
        _refuse_new_problems(before, updated.unit_id)
        _sync_certification(updated, actor=actor)
    return updated


def evaluation_delete(evaluation: Evaluation, *, actor: Actor, expected_version: int) -> None:
    """Delete an evaluation without results, actions or certifications, unless another
    passed evaluation depends on it."""
    with transaction.atomic():
        _lock_unit(evaluation.unit_id)
        before = _unit_problems(evaluation.unit_id)
        _protected_delete(evaluation, actor=actor, expected_version=expected_version)
        _refuse_new_problems(before, evaluation.unit_id)


# -- area results --------------------------------------------------------------------------


def result_create(*, actor: Actor, data: Mapping[str, Any]) -> EvaluationResult:
    """Record the grade an evaluation gave in one area (a grade of its scale)."""
    values, m2m = _split(data, RESULT_FIELDS)
    evaluation = _parent(values, "evaluation", Evaluation, "evaluation")
    return record_create(
        EvaluationResult, actor=actor, values=_child_values(values, evaluation), m2m=m2m
    )


def result_update(
    result: EvaluationResult, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> EvaluationResult:
    """Change an area result if still at `expected_version`."""
    values, m2m = _split(data, RESULT_FIELDS)
    _fixed_parent(result, values, "evaluation")
    return record_update(
        result, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def result_delete(result: EvaluationResult, *, actor: Actor, expected_version: int) -> None:
    """Delete an area result."""
    record_delete(result, actor=actor, expected_version=expected_version)


# -- certifications ------------------------------------------------------------------------


def certification_create(*, actor: Actor, data: Mapping[str, Any]) -> Certification:
    """Record a certificate by hand (e.g. an "interoperable" outcome); valid three years
    unless `valid_to` is given. Combat Ready certificates normally come from
    `evaluation_record`."""
    values, m2m = _split(data, CERTIFICATION_FIELDS)
    unit = _parent(values, "unit", OccUnit, "unit certified")
    return record_create(Certification, actor=actor, values=_child_values(values, unit), m2m=m2m)


def certification_update(
    certification: Certification,
    *,
    actor: Actor,
    expected_version: int,
    data: Mapping[str, Any],
) -> Certification:
    """Correct a certificate if still at `expected_version`."""
    values, m2m = _split(data, CERTIFICATION_FIELDS)
    _fixed_parent(certification, values, "unit")
    return record_update(
        certification, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def certification_delete(
    certification: Certification, *, actor: Actor, expected_version: int
) -> None:
    """Delete a certificate (the evaluation that earned it stays)."""
    record_delete(certification, actor=actor, expected_version=expected_version)


# -- remedial actions ----------------------------------------------------------------------


def remedial_create(*, actor: Actor, data: Mapping[str, Any]) -> RemedialAction:
    """Add an action to the remedial action plan that follows an evaluation."""
    values, m2m = _split(data, REMEDIAL_CREATE_FIELDS)
    evaluation = _parent(values, "evaluation", Evaluation, "evaluation")
    return record_create(
        RemedialAction, actor=actor, values=_child_values(values, evaluation), m2m=m2m
    )


def remedial_update(
    action: RemedialAction, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> RemedialAction:
    """Change the text, owner or deadline of an action (status moves use the transition)."""
    values, m2m = _split(data, REMEDIAL_FIELDS)
    _fixed_parent(action, values, "evaluation")
    return record_update(
        action, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def remedial_transition(
    action: RemedialAction, *, actor: Actor, expected_version: int, target: str
) -> RemedialAction:
    """Move an action along OPEN → IN PROGRESS → DONE (and back when reopened)."""
    return record_transition(
        action,
        actor=actor,
        expected_version=expected_version,
        target=target,
        allowed=REMEDIAL_TRANSITIONS,
        labels=dict(RemedialStatus.choices),
    )


def remedial_delete(action: RemedialAction, *, actor: Actor, expected_version: int) -> None:
    """Delete a remedial action."""
    record_delete(action, actor=actor, expected_version=expected_version)
