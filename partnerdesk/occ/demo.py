"""Demo data of OCC E&F: Azerbaijan's units from domain.md §3.6, plus illustrative ones.

Facts cite their sources (S21–S25). Area results and remedial actions are not public: those,
and the Georgian and Moldovan units, are our own illustrative values citing "DEMO". Where an
outcome is not stated by the sources it is recorded as PENDING ("pending / not reported");
where it is implied by the next step, the note says so.

`load_demo` is idempotent: rows are matched by natural keys (unit name, level and start,
area, action text); existing rows are never changed, and an evaluation the current data
refuses (for example after a user's correction) is skipped.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from partnerdesk.core.actor import Actor
from partnerdesk.occ.models import (
    Certification,
    Evaluation,
    EvaluationResult,
    OccUnit,
    RemedialAction,
    period_start,
)
from partnerdesk.occ.services import (
    evaluation_record,
    occunit_create,
    remedial_create,
    result_create,
)
from partnerdesk.organisations.models import Organisation
from partnerdesk.sources.models import Source

D = dt.date
IMPLIED = "Passed: the unit went on to the next step (the source gives the milestone only)."
NOT_REPORTED = "Outcome not stated in the cited source."

RESULTS_2014 = [
    ("Command and control", "Good"),
    ("Manoeuvre", "Excellent"),
    ("Logistics", "Satisfactory"),
    ("Force protection", "Good"),
    ("Medical", "Satisfactory"),
]
RESULTS_GEO_2024 = [
    ("Command and control", "Excellent"),
    ("Manoeuvre", "Good"),
    ("Logistics", "Good"),
    ("Force protection", "Excellent"),
    ("Medical", "Satisfactory"),
]

# Each unit: its values, its evaluations (in time order) and their results and actions.
UNITS: list[dict[str, Any]] = [
    {
        "nation": "AZE",
        "name": "OCC infantry company",
        "service": "LAND",
        "unit_type": "infantry company",
        "marking": "PUBLIC",
        "note": "Azerbaijan's earliest recorded OCC unit. Its records start at NEL-1; the start "
        "of Azerbaijan's OCC participation is given as 2004 by a NATO officer and as 2007 by "
        "the MFA (domain.md §8 item 3).",
        "sources": ["S21"],
        "evaluations": [
            {
                "level": "NEL1",
                "start_on": D(2008, 5, 1),
                "precision": "MONTH",
                "outcome": "PASSED",
                "note": IMPLIED,
                "sources": ["S21"],
            },
            {
                "level": "SEL2",
                "start_on": D(2009, 10, 1),
                "precision": "MONTH",
                "outcome": "PENDING",
                "note": NOT_REPORTED,
                "sources": ["S21"],
            },
        ],
    },
    {
        "nation": "AZE",
        "name": "OCC infantry battalion",
        "service": "LAND",
        "unit_type": "infantry battalion",
        "marking": "PUBLIC",
        "declared_on": D(2010, 1, 1),
        "declared_precision": "YEAR",
        "sources": ["S21", "S22", "S23"],
        "evaluations": [
            {
                "level": "SEL1",
                "start_on": D(2011, 10, 7),
                "end_on": D(2011, 10, 16),
                "outcome": "PASSED",
                "observers": "NATO, United States and Türkiye",
                "note": IMPLIED,
                "sources": ["S21"],
            },
            {
                "level": "NEL1",
                "start_on": D(2012, 6, 18),
                "end_on": D(2012, 6, 24),
                "outcome": "PASSED",
                "note": IMPLIED,
                "sources": ["S21"],
            },
            {
                "level": "SEL2",
                "start_on": D(2013, 10, 1),
                "precision": "MONTH",
                "outcome": "PASSED",
                "note": IMPLIED,
                "sources": ["S21", "S22"],
            },
            {
                "level": "NEL2",
                "start_on": D(2014, 1, 1),
                "precision": "YEAR",
                "outcome": "PASSED",
                "note": "Certified after NEL-2 in 2014.",
                "sources": ["S22", "S23"],
                "results": RESULTS_2014,
                "actions": [
                    {
                        "text": "Bring the battalion's logistic support procedures into NATO "
                        "format.",
                        "owner_name": "Battalion logistics officer (S4)",
                        "deadline": D(2015, 6, 30),
                        "status": "DONE",
                    },
                ],
            },
            {
                "level": "REEVAL",
                "start_on": D(2017, 5, 31),
                "end_on": D(2017, 6, 2),
                "place": "Garaheybat training area",
                "monitoring_command": "LANDCOM",
                "personnel": 700,
                "vehicles": 80,
                "helicopters": 4,
                "outcome": "PENDING",
                "note": "NEL-2 re-evaluation. " + NOT_REPORTED,
                "sources": ["S23"],
                "actions": [
                    {
                        "text": "Rehearse casualty evacuation with the supporting helicopter "
                        "element.",
                        "owner_name": "Battalion medical officer",
                        "deadline": D(2018, 3, 31),
                        "status": "OPEN",
                    },
                ],
            },
        ],
    },
    {
        "nation": "AZE",
        "name": "OCC reconnaissance company",
        "service": "LAND",
        "unit_type": "reconnaissance company",
        "marking": "PUBLIC",
        "declared_on": D(2015, 1, 1),
        "declared_precision": "YEAR",
        "sources": ["S22", "S24"],
        "evaluations": [
            {
                "level": "NEL2",
                "start_on": D(2019, 9, 1),
                "precision": "MONTH",
                "monitoring_command": "LANDCOM",
                "outcome": "PENDING",
                "earlier_steps_unrecorded": True,
                "note": NOT_REPORTED,
                "sources": ["S24"],
            },
        ],
    },
    {
        "nation": "AZE",
        "name": "Air Force helicopter detachment (two Mi-17)",
        "service": "AIR",
        "unit_type": "helicopter detachment",
        "marking": "PUBLIC",
        "declared_on": D(2016, 1, 1),
        "declared_precision": "YEAR",
        "sources": ["S22", "S24"],
        "evaluations": [
            {
                "level": "NEL1",
                "start_on": D(2019, 9, 1),
                "precision": "MONTH",
                "monitoring_command": "AIRCOM",
                "outcome": "PENDING",
                "note": NOT_REPORTED,
                "sources": ["S24"],
            },
        ],
    },
    {
        "nation": "AZE",
        "name": "Maritime interdiction operations boarding party",
        "service": "MARITIME",
        "unit_type": "boarding party",
        "marking": "PUBLIC",
        "sources": ["S25"],
        "evaluations": [
            {
                "level": "NEL2",
                "start_on": D(2022, 11, 1),
                "precision": "MONTH",
                "place": "Türkiye",
                "outcome": "PASSED",
                "earlier_steps_unrecorded": True,
                "note": "Combat Ready reported in November 2022; the evaluation date itself is not "
                "given, so the month of the report is used.",
                "sources": ["S25"],
            },
        ],
    },
    {
        "nation": "GEO",
        "name": "Light infantry battalion",
        "service": "LAND",
        "unit_type": "light infantry battalion",
        "marking": "BILATERAL",
        "declared_on": D(2015, 1, 1),
        "declared_precision": "YEAR",
        "note": "Illustrative unit showing a renewal that falls due.",
        "sources": ["DEMO"],
        "evaluations": [
            {
                "level": "SEL1",
                "start_on": D(2016, 10, 1),
                "precision": "MONTH",
                "outcome": "PASSED",
                "sources": ["DEMO"],
            },
            {
                "level": "NEL1",
                "start_on": D(2017, 6, 5),
                "end_on": D(2017, 6, 9),
                "monitoring_command": "LANDCOM",
                "outcome": "PASSED",
                "sources": ["DEMO"],
            },
            {
                "level": "SEL2",
                "start_on": D(2019, 4, 1),
                "precision": "MONTH",
                "outcome": "PASSED",
                "sources": ["DEMO"],
            },
            {
                "level": "NEL2",
                "start_on": D(2020, 5, 11),
                "end_on": D(2020, 5, 15),
                "monitoring_command": "LANDCOM",
                "outcome": "PASSED",
                "personnel": 520,
                "vehicles": 60,
                "sources": ["DEMO"],
            },
            {
                "level": "REEVAL",
                "start_on": D(2024, 3, 14),
                "end_on": D(2024, 3, 18),
                "monitoring_command": "LANDCOM",
                "outcome": "PASSED",
                "sources": ["DEMO"],
                "results": RESULTS_GEO_2024,
            },
        ],
    },
    {
        "nation": "MDA",
        "name": "Peacekeeping infantry company",
        "service": "LAND",
        "unit_type": "infantry company",
        "marking": "BILATERAL",
        "declared_on": D(2018, 1, 1),
        "declared_precision": "YEAR",
        "note": "Illustrative unit with a remedial action plan in progress.",
        "sources": ["DEMO"],
        "evaluations": [
            {
                "level": "SEL1",
                "start_on": D(2019, 10, 1),
                "precision": "MONTH",
                "outcome": "PASSED",
                "sources": ["DEMO"],
            },
            {
                "level": "NEL1",
                "start_on": D(2021, 6, 7),
                "end_on": D(2021, 6, 11),
                "monitoring_command": "LANDCOM",
                "outcome": "PASSED",
                "sources": ["DEMO"],
                "actions": [
                    {
                        "text": "Train two more company staff officers on NATO planning "
                        "procedures.",
                        "owner_name": "Company commander",
                        "deadline": D(2027, 1, 31),
                        "status": "IN_PROGRESS",
                    },
                ],
            },
        ],
    },
]

MODELS = (OccUnit, Evaluation, EvaluationResult, Certification, RemedialAction)


def _sources(keys: list[str], ids: dict[str, int]) -> list[int]:
    return [ids[key] for key in keys]


def _unit(row: dict[str, Any], ids: dict[str, int], actor: Actor) -> OccUnit:
    existing = OccUnit.objects.filter(owner__code=row["nation"], name=row["name"]).first()
    if existing is not None:
        return existing
    values = {
        "owner": Organisation.objects.get(code=row["nation"]),
        "marking": row["marking"],
        "name": row["name"],
        "service": row["service"],
        "unit_type": row["unit_type"],
        "declared_on": row.get("declared_on"),
        "declared_precision": row.get("declared_precision", "DAY"),
        "note": row.get("note", ""),
        "sources": _sources(row["sources"], ids),
    }
    return occunit_create(actor=actor, data=values)


def _evaluation(
    unit: OccUnit, row: dict[str, Any], ids: dict[str, int], actor: Actor
) -> Evaluation | None:
    precision = row.get("precision", "DAY")
    start = period_start(row["start_on"], precision)
    existing = Evaluation.objects.filter(unit=unit, level=row["level"], start_on=start).first()
    if existing is not None:
        return existing
    skip = {"results", "actions", "sources", "monitoring_command"}
    values = {k: v for k, v in row.items() if k not in skip} | {
        "unit": unit,
        "precision": precision,
        "sources": _sources(row["sources"], ids),
    }
    if "monitoring_command" in row:
        values["monitoring_command"] = Organisation.objects.get(code=row["monitoring_command"])
    try:
        return evaluation_record(actor=actor, data=values)
    except ValidationError:
        return None  # the data as users left it refuses this step: leave it out


def load_demo(*, actor: Actor) -> int:
    """Create the OCC demo rows that do not exist yet; return how many rows were created."""
    before = sum(model.objects.count() for model in MODELS)
    ids = {str(key): pk for key, pk in Source.objects.exclude(key=None).values_list("key", "pk")}
    with transaction.atomic():
        for unit_row in UNITS:
            unit = _unit(unit_row, ids, actor)
            for row in unit_row["evaluations"]:
                evaluation = _evaluation(unit, row, ids, actor)
                if evaluation is None:
                    continue
                marking = "BILATERAL"
                for area, grade in row.get("results", []):
                    if not evaluation.results.filter(area=area).exists():
                        result_create(
                            actor=actor,
                            data={
                                "evaluation": evaluation,
                                "area": area,
                                "grade": grade,
                                "marking": marking,
                                "sources": [ids["DEMO"]],
                            },
                        )
                for action in row.get("actions", []):
                    if not evaluation.remedial_actions.filter(text=action["text"]).exists():
                        remedial_create(
                            actor=actor,
                            data=action
                            | {
                                "evaluation": evaluation,
                                "marking": marking,
                                "sources": [ids["DEMO"]],
                            },
                        )
    return sum(model.objects.count() for model in MODELS) - before
