"""Enumerations of the OCC evaluation and feedback domain."""

from __future__ import annotations

from django.db import models

from partnerdesk.core.dates import DatePrecision

__all__ = ["DatePrecision"]


class Service(models.TextChoices):
    """The service a unit belongs to (decides the NATO monitoring command)."""

    LAND = "LAND", "Land"
    MARITIME = "MARITIME", "Maritime"
    AIR = "AIR", "Air"
    SOF = "SOF", "Special operations"


class EvaluationLevel(models.TextChoices):
    """The steps of OCC E&F: self- and NATO evaluation at levels 1 and 2, then re-evaluation."""

    SEL1 = "SEL1", "SEL-1"
    NEL1 = "NEL1", "NEL-1"
    SEL2 = "SEL2", "SEL-2"
    NEL2 = "NEL2", "NEL-2"
    REEVAL = "REEVAL", "Re-evaluation"


# The position of each level in the programme; REEVAL follows NEL-2 in a later cycle and is
# therefore kept out of the SEL/NEL chronology check (it has its own prerequisite).
LEVEL_RANK: dict[str, int] = {
    EvaluationLevel.SEL1: 1,
    EvaluationLevel.NEL1: 2,
    EvaluationLevel.SEL2: 3,
    EvaluationLevel.NEL2: 4,
}
CERTIFYING_LEVELS = frozenset({EvaluationLevel.NEL2, EvaluationLevel.REEVAL})


class Outcome(models.TextChoices):
    """The overall result of one evaluation."""

    PENDING = "PENDING", "Pending / not reported"
    PASSED = "PASSED", "Passed"
    FAILED = "FAILED", "Failed"


DEFAULT_GRADE_SCALE: tuple[str, ...] = ("Excellent", "Good", "Satisfactory", "Unsatisfactory")


def default_grade_scale() -> list[str]:
    """A fresh copy of the default area grade scale (JSONField default)."""
    return list(DEFAULT_GRADE_SCALE)


class CertificationStatus(models.TextChoices):
    """What a certificate says about the unit."""

    COMBAT_READY = "COMBAT_READY", "Combat Ready"
    INTEROPERABLE = "INTEROPERABLE", "Interoperable"
    PARTIALLY_INTEROPERABLE = "PARTIALLY_INTEROPERABLE", "Partially interoperable"
    NOT_INTEROPERABLE = "NOT_INTEROPERABLE", "Not interoperable"


CERTIFICATION_YEARS = 3


class RemedialStatus(models.TextChoices):
    """Stored progress of a remedial action; "overdue" is derived from the deadline."""

    OPEN = "OPEN", "Open"
    IN_PROGRESS = "IN_PROGRESS", "In progress"
    DONE = "DONE", "Done"


R = RemedialStatus
REMEDIAL_TRANSITIONS: dict[str, frozenset[str]] = {
    R.OPEN: frozenset({R.IN_PROGRESS, R.DONE}),
    R.IN_PROGRESS: frozenset({R.DONE, R.OPEN}),
    R.DONE: frozenset({R.IN_PROGRESS}),
}


class UnitStatus(models.TextChoices):
    """The derived state of a unit (never stored): see `selectors.derive_unit_state`."""

    DECLARED = "DECLARED", "Declared"
    SEL1_DONE = "SEL1_DONE", "SEL-1 done"
    NEL1_PASSED = "NEL1_PASSED", "NEL-1 passed"
    SEL2_DONE = "SEL2_DONE", "SEL-2 done"
    NEL2_PASSED = "NEL2_PASSED", "NEL-2 passed (no certificate recorded)"
    COMBAT_READY = "COMBAT_READY", "Combat Ready"
    REVALIDATION_DUE = "REVALIDATION_DUE", "Re-validation due"
    LAPSED = "LAPSED", "Lapsed"
    REMEDIAL_PLAN_OPEN = "REMEDIAL_PLAN_OPEN", "Remedial plan open"


DEFAULT_DUE_DAYS = 180
