"""Read use-cases of OCC E&F, always restricted to what the user may see, and the derived
state of a unit (declared → … → Combat Ready → re-validation due → lapsed).

A child row (evaluation, result, certification, remedial action) is visible only when the user
may see it *and* its parents, so an over-marked unit hides everything under it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from partnerdesk.core.permissions import Action, restrict
from partnerdesk.core.selectors import get_changeable, get_visible
from partnerdesk.core.timeline import TimelineEntry, cited
from partnerdesk.occ.choices import (
    DEFAULT_DUE_DAYS,
    LEVEL_RANK,
    CertificationStatus,
    EvaluationLevel,
    Outcome,
    UnitStatus,
)
from partnerdesk.occ.models import (
    Certification,
    Evaluation,
    EvaluationResult,
    OccUnit,
    RemedialAction,
)


def due_days_default() -> int:
    """How many days before expiry a certificate counts as due (setting PARTNERDESK_OCC_DUE_DAYS,
    180 by default)."""
    return int(getattr(settings, "PARTNERDESK_OCC_DUE_DAYS", DEFAULT_DUE_DAYS))


# -- derived state -------------------------------------------------------------------------

STAGE_BY_LEVEL: dict[str, str] = {
    EvaluationLevel.SEL1: UnitStatus.SEL1_DONE,
    EvaluationLevel.NEL1: UnitStatus.NEL1_PASSED,
    EvaluationLevel.SEL2: UnitStatus.SEL2_DONE,
    EvaluationLevel.NEL2: UnitStatus.NEL2_PASSED,
}
STATUS_LABELS: dict[str, str] = dict(UnitStatus.choices)


def certification_flag(certification: Certification, *, today: dt.date, days: int) -> str:
    """ "LAPSED" after expiry, "DUE" within `days` of it, "" otherwise or once re-validated."""
    if certification.revalidated_by_id is not None:
        return ""
    if certification.valid_to < today:
        return "LAPSED"
    if (certification.valid_to - today).days <= days:
        return "DUE"
    return ""


@dataclass(frozen=True)
class UnitState:
    """A unit's derived state on one day.

    `stage` is how far the unit has come (DECLARED … COMBAT_READY, REVALIDATION_DUE, LAPSED);
    `status` is the stage, or REMEDIAL_PLAN_OPEN while any remedial action is not done.
    """

    stage: str
    remedial_open: bool
    certification: Certification | None
    days_left: int | None

    @property
    def status(self) -> str:
        return UnitStatus.REMEDIAL_PLAN_OPEN if self.remedial_open else self.stage

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def stage_label(self) -> str:
        return STATUS_LABELS[self.stage]

    @property
    def due(self) -> bool:
        return self.stage == UnitStatus.REVALIDATION_DUE


def derive_unit_state(
    evaluations: Iterable[Evaluation],
    certifications: Iterable[Certification],
    remedial_actions: Iterable[RemedialAction],
    *,
    today: dt.date,
    due_days: int,
) -> UnitState:
    """The state of a unit on `today` from its (visible) evaluations, certificates and actions.

    The current certificate is the Combat Ready one that started last on or before `today`:
    past its `valid_to` the unit is LAPSED, within `due_days` of it REVALIDATION_DUE, otherwise
    COMBAT_READY. Without one, the highest level passed by `today` gives the stage.
    """
    remedial_open = any(action.is_open for action in remedial_actions)
    stage: str
    started = [
        c
        for c in certifications
        if c.status == CertificationStatus.COMBAT_READY and c.valid_from <= today
    ]
    if started:
        current = max(started, key=lambda c: (c.valid_from, c.pk or 0))
        days_left = (current.valid_to - today).days
        if days_left < 0:
            stage = UnitStatus.LAPSED
        elif days_left <= due_days:
            stage = UnitStatus.REVALIDATION_DUE
        else:
            stage = UnitStatus.COMBAT_READY
        return UnitState(stage, remedial_open, current, days_left)
    ranks = [
        LEVEL_RANK[e.level]
        for e in evaluations
        if e.outcome == Outcome.PASSED and e.level in LEVEL_RANK and e.earliest <= today
    ]
    stage = UnitStatus.DECLARED
    if ranks:
        best = max(ranks)
        stage = next(STAGE_BY_LEVEL[level] for level, rank in LEVEL_RANK.items() if rank == best)
    return UnitState(stage, remedial_open, None, None)


def occunit_state(unit: OccUnit, *, today: dt.date, due_days: int | None = None) -> UnitState:
    """The derived state of a unit loaded by `occunit_list`/`occunit_get` (uses its prefetches)."""
    evaluations = list(unit.evaluations.all())
    return derive_unit_state(
        evaluations,
        unit.certifications.all(),
        [a for e in evaluations for a in e.remedial_actions.all()],
        today=today,
        due_days=due_days_default() if due_days is None else due_days,
    )


# -- units ---------------------------------------------------------------------------------


def _units(user: Any) -> QuerySet[OccUnit]:
    return restrict(OccUnit.objects.all(), user, Action.VIEW)


def occunit_list(user: Any, *, nation_id: int | None = None) -> QuerySet[OccUnit]:
    """Units `user` may see, with what their derived state needs (visible evaluations,
    certifications and remedial actions) loaded in a fixed number of queries."""
    evaluations = restrict(Evaluation.objects.all(), user).prefetch_related(
        Prefetch("remedial_actions", queryset=restrict(RemedialAction.objects.all(), user))
    )
    queryset = OccUnit.objects.select_related("owner").prefetch_related(
        "sources",
        Prefetch("evaluations", queryset=evaluations),
        Prefetch("certifications", queryset=restrict(Certification.objects.all(), user)),
    )
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    return restrict(queryset, user, Action.VIEW)


def occunit_detail_list(user: Any) -> QuerySet[OccUnit]:
    """Like `occunit_list`, plus everything the unit page shows (sources, results, commands)."""
    actions = restrict(RemedialAction.objects.all(), user).prefetch_related("sources")
    evaluations = (
        restrict(Evaluation.objects.all(), user)
        .select_related("monitoring_command")
        .prefetch_related(
            "sources",
            Prefetch("remedial_actions", queryset=actions),
            Prefetch(
                "results",
                queryset=restrict(EvaluationResult.objects.all(), user).prefetch_related("sources"),
            ),
        )
    )
    certifications = (
        restrict(Certification.objects.all(), user)
        .select_related("based_on", "revalidated_by")
        .prefetch_related("sources")
    )
    queryset = OccUnit.objects.select_related("owner").prefetch_related(
        "sources",
        Prefetch("evaluations", queryset=evaluations),
        Prefetch("certifications", queryset=certifications),
    )
    return restrict(queryset, user, Action.VIEW)


def occunit_get(user: Any, pk: Any) -> OccUnit:
    """One visible unit with everything its page shows; NotFound when missing or hidden."""
    return get_visible(occunit_detail_list(user), user, pk)


def occunit_get_for_change(user: Any, pk: Any) -> OccUnit:
    """One unit `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(occunit_list(user), user, pk)


# -- evaluations ---------------------------------------------------------------------------


def _evaluations(user: Any) -> QuerySet[Evaluation]:
    return restrict(Evaluation.objects.filter(unit__in=_units(user)), user, Action.VIEW)


def evaluation_list(
    user: Any, *, nation_id: int | None = None, unit_id: int | None = None
) -> QuerySet[Evaluation]:
    """Evaluations `user` may see (of units they may see), with unit, command and sources."""
    queryset = Evaluation.objects.select_related(
        "unit", "owner", "monitoring_command"
    ).prefetch_related("sources")
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    if unit_id is not None:
        queryset = queryset.filter(unit_id=unit_id)
    return restrict(queryset.filter(unit__in=_units(user)), user, Action.VIEW)


def evaluation_detail_list(user: Any) -> QuerySet[Evaluation]:
    """Evaluations with the visible results, remedial actions and certificates they led to."""
    return evaluation_list(user).prefetch_related(
        Prefetch(
            "results",
            queryset=restrict(EvaluationResult.objects.all(), user).prefetch_related("sources"),
        ),
        Prefetch(
            "remedial_actions",
            queryset=restrict(RemedialAction.objects.all(), user).prefetch_related("sources"),
        ),
        Prefetch("certifications_earned", queryset=restrict(Certification.objects.all(), user)),
    )


def evaluation_get(user: Any, pk: Any) -> Evaluation:
    """One visible evaluation with its results and actions; NotFound when hidden."""
    return get_visible(evaluation_detail_list(user), user, pk)


def evaluation_get_for_change(user: Any, pk: Any) -> Evaluation:
    """One evaluation `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(evaluation_list(user), user, pk)


# -- results -------------------------------------------------------------------------------


C = TypeVar("C", EvaluationResult, RemedialAction)


def _evaluation_children(
    model: type[C], user: Any, nation_id: int | None, evaluation_id: int | None
) -> QuerySet[C]:
    """Rows hanging off evaluations (results, remedial actions) that `user` may see."""
    queryset = model._default_manager.select_related(
        "owner", "evaluation", "evaluation__unit"
    ).prefetch_related("sources")
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    if evaluation_id is not None:
        queryset = queryset.filter(evaluation_id=evaluation_id)
    return restrict(queryset.filter(evaluation__in=_evaluations(user)), user, Action.VIEW)


def result_list(
    user: Any, *, nation_id: int | None = None, evaluation_id: int | None = None
) -> QuerySet[EvaluationResult]:
    """Area results `user` may see (of evaluations they may see)."""
    return _evaluation_children(EvaluationResult, user, nation_id, evaluation_id)


def result_get(user: Any, pk: Any) -> EvaluationResult:
    """One visible area result; NotFound when hidden."""
    return get_visible(result_list(user), user, pk)


def result_get_for_change(user: Any, pk: Any) -> EvaluationResult:
    """One area result `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(result_list(user), user, pk)


# -- certifications ------------------------------------------------------------------------


def certification_list(
    user: Any, *, nation_id: int | None = None, unit_id: int | None = None
) -> QuerySet[Certification]:
    """Certificates `user` may see (of units they may see), with unit and evaluations."""
    queryset = Certification.objects.select_related(
        "owner", "unit", "based_on", "revalidated_by"
    ).prefetch_related("sources")
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    if unit_id is not None:
        queryset = queryset.filter(unit_id=unit_id)
    return restrict(queryset.filter(unit__in=_units(user)), user, Action.VIEW)


def certification_due(
    user: Any, *, today: dt.date, days: int | None = None, nation_id: int | None = None
) -> QuerySet[Certification]:
    """Certificates not yet re-validated that expire within `days` of `today` (default
    `due_days_default()`), including those already lapsed; soonest first."""
    limit = today + dt.timedelta(days=due_days_default() if days is None else days)
    return (
        certification_list(user, nation_id=nation_id)
        .filter(revalidated_by__isnull=True, valid_to__lte=limit)
        .order_by("valid_to", "pk")
    )


def certification_get(user: Any, pk: Any) -> Certification:
    """One visible certificate; NotFound when hidden."""
    return get_visible(certification_list(user), user, pk)


def certification_get_for_change(user: Any, pk: Any) -> Certification:
    """One certificate `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(certification_list(user), user, pk)


# -- remedial actions ----------------------------------------------------------------------


def remedial_list(
    user: Any, *, nation_id: int | None = None, evaluation_id: int | None = None
) -> QuerySet[RemedialAction]:
    """Remedial actions `user` may see (of evaluations they may see)."""
    return _evaluation_children(RemedialAction, user, nation_id, evaluation_id)


def remedial_get(user: Any, pk: Any) -> RemedialAction:
    """One visible remedial action; NotFound when hidden."""
    return get_visible(remedial_list(user), user, pk)


def remedial_get_for_change(user: Any, pk: Any) -> RemedialAction:
    """One remedial action `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(remedial_list(user), user, pk)


def timeline_entries(user: Any, nation_id: int | None = None) -> list[TimelineEntry]:
    """Units declared to the pool of forces and their evaluations, at their precision."""
    entries: list[TimelineEntry] = []
    units = occunit_list(user, nation_id=nation_id)
    for unit in units:
        if unit.declared_on is None:
            continue
        keys, confidence = cited(unit.sources.all())
        entries.append(
            TimelineEntry(
                date=unit.declared_on,
                precision=unit.declared_precision,
                mechanism="occ",
                kind="unit declared",
                title=f"{unit.name} declared to the OCC pool of forces",
                url=unit.get_absolute_url(),
                owner_id=unit.owner_id,
                source_keys=keys,
                confidence=confidence,
            )
        )
    evaluations = (
        restrict(Evaluation.objects.all(), user)
        .filter(unit__in=units.values("pk"))
        .select_related("unit")
        .prefetch_related("sources")
    )
    for evaluation in evaluations:
        keys, confidence = cited(evaluation.sources.all())
        outcome = (
            ""
            if evaluation.outcome == Outcome.PENDING
            else f" — {evaluation.get_outcome_display()}"
        )
        entries.append(
            TimelineEntry(
                date=evaluation.start_on,
                precision=evaluation.precision,
                mechanism="occ",
                kind="evaluation",
                title=f"{evaluation.unit.name}: {evaluation.get_level_display()}{outcome}",
                url=evaluation.get_absolute_url(),
                owner_id=evaluation.owner_id,
                source_keys=keys,
                confidence=confidence,
            )
        )
    return entries
