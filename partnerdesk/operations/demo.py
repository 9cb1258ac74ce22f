"""Demo data of the operations app: KFOR, ISAF and RSM, and Azerbaijan's contributions to them
from domain.md §3.11 and §5.1, each citing its sources.

The Afghanistan series reads 22 → 40 → about 90 → 94 → 120 → 0. The 2009 snapshot is kept at
year precision (domain.md §8 item 6: the source mixes February and October 2009); the "about 45
before the increase" figure is in its notes. The 2018 figure of 120 counts 6 staff officers
and 2 doctors; the rest (112) is recorded as infantry so that the total is 120.

`load_demo` is idempotent: operations are matched by code, snapshots by nation, operation and
date; existing rows are never changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from partnerdesk.core.actor import Actor
from partnerdesk.core.dates import period_start
from partnerdesk.operations.models import ContributionSnapshot, Operation
from partnerdesk.operations.services import contribution_create, operation_create
from partnerdesk.organisations.models import Organisation
from partnerdesk.sources.models import Source

D = dt.date

OPERATIONS: list[dict[str, Any]] = [
    {
        "code": "KFOR",
        "name": "Kosovo Force",
        "mandate_start": D(1999, 1, 1),
        "mandate_start_precision": "YEAR",
        "notes": "NATO-led peace-support operation in Kosovo since 1999. Only the year is "
        "recorded here: the cited sources date Azerbaijan's participation, not the mandate.",
        "sources": ["S70", "S88"],
    },
    {
        "code": "ISAF",
        "name": "International Security Assistance Force",
        "mandate_start": D(2001, 1, 1),
        "mandate_start_precision": "YEAR",
        "mandate_end": D(2014, 12, 28),
        "notes": "NATO-led in Afghanistan; ended 28 Dec 2014 and was succeeded by Resolute "
        "Support. The start year (2001) is from the public record, not from the cited sources.",
        "sources": ["S85", "S86"],
    },
    {
        "code": "RSM",
        "name": "Resolute Support Mission",
        "mandate_start": D(2015, 1, 1),
        "notes": "Non-combat train-advise-assist mission in Afghanistan from 1 Jan 2015, under a "
        "SOFA signed 30 Sep 2014 and UNSCR 2189 (12 Dec 2014); about 13,000 troops in mid-2016; "
        "up to 42 contributing nations (2015).",
        "sources": ["S85", "S86", "S129"],
    },
]

CONTRIBUTIONS: list[dict[str, Any]] = [
    {
        "operation": "KFOR",
        "as_of": D(1999, 1, 1),
        "as_of_precision": "YEAR",
        "infantry": 30,
        "approximate": True,
        "framework_nation": "TUR",
        "task": "Platoon within a Turkish battalion",
        "notes": "About 30 soldiers approved in 1999 (Secretary General Solana cleared the "
        "participation); served in KFOR until 2008.",
        "sources": ["S70", "S88"],
    },
    {
        "operation": "ISAF",
        "as_of": D(2002, 11, 20),
        "infantry": 22,
        "task": "First Azerbaijani unit in Kabul",
        "sources": ["S79"],
    },
    {
        "operation": "ISAF",
        "as_of": D(2008, 1, 15),
        "infantry": 40,
        "task": "Peacekeepers",
        "sources": ["S79"],
    },
    {
        "operation": "ISAF",
        "as_of": D(2009, 1, 1),
        "as_of_precision": "YEAR",
        "infantry": 90,
        "approximate": True,
        "framework_nation": "TUR",
        "task": "Unit within a Turkish battalion guarding the TV tower and the ISAF ammunition "
        "depot, and patrolling",
        "legal_basis": "PARLIAMENTARY_APPROVAL",
        "legal_basis_date": D(2009, 10, 2),
        "notes": "About 45 early in 2009, then doubled to about 90 after the parliament's "
        "decision of 2 Oct 2009. The source's chronology mixes February and October 2009, so "
        "the figure is kept at year level (domain.md §8 item 6).",
        "sources": ["S70", "S79"],
    },
    {
        "operation": "RSM",
        "as_of": D(2015, 1, 1),
        "as_of_precision": "YEAR",
        "infantry": 90,
        "medical_officers": 2,
        "engineers": 2,
        "framework_nation": "TUR",
        "task": "Security of Kabul airport with Turkish forces",
        "legal_basis": "EXCHANGE_OF_LETTERS",
        "legal_basis_date": D(2015, 9, 30),
        "notes": "94 = 90 + 2 medical officers + 2 sappers (2015–2017). Participation agreed by "
        "an exchange of letters between the Defence Minister and the NATO Secretary General, "
        "ratified by parliament (law of 30 Sep 2015). One MFA item reads as 94 plus 2 + 2; the "
        "majority reading is kept (domain.md §8 item 4).",
        "sources": ["S81", "S84", "S87"],
    },
    {
        "operation": "RSM",
        "as_of": D(2018, 1, 9),
        "infantry": 112,
        "medical_officers": 2,
        "staff_officers": 6,
        "framework_nation": "TUR",
        "task": "Security of Kabul airport with Turkish forces; officers in RSM headquarters",
        "notes": "Raised from 94 to 120, including 6 officers in RSM headquarters and 2 doctors; "
        "the other 112 are recorded as infantry.",
        "sources": ["S82", "S119"],
    },
    {
        "operation": "RSM",
        "as_of": D(2021, 8, 26),
        "withdrawal": True,
        "notes": "All 120 peacekeepers withdrawn from Kabul airport via Ankara; home on "
        "27 Aug 2021.",
        "sources": ["S83"],
    },
]

MODELS = (Operation, ContributionSnapshot)


def _sources(keys: list[str], ids: dict[str, int]) -> list[int]:
    return [ids[key] for key in keys if key in ids]


def _organisation(code: str | None) -> Organisation | None:
    return Organisation.objects.filter(code=code).first() if code else None


def _operation(row: dict[str, Any], ids: dict[str, int], actor: Actor) -> Operation:
    existing = Operation.objects.filter(code=row["code"]).first()
    if existing is not None:
        return existing
    data = {k: v for k, v in row.items() if k != "sources"}
    return operation_create(actor=actor, data=data | {"sources": _sources(row["sources"], ids)})


def load_demo(*, actor: Actor) -> int:
    """Create the operations demo rows that do not exist yet; return how many were created."""
    nation = Organisation.objects.filter(code="AZE").first()
    if nation is None:
        return 0
    before = sum(model.objects.count() for model in MODELS)
    ids = {str(key): pk for key, pk in Source.objects.exclude(key=None).values_list("key", "pk")}
    with transaction.atomic():
        operations = {row["code"]: _operation(row, ids, actor) for row in OPERATIONS}
        for row in CONTRIBUTIONS:
            operation = operations[row["operation"]]
            precision = row.get("as_of_precision", "DAY")
            as_of = period_start(row["as_of"], precision)
            if ContributionSnapshot.objects.filter(
                owner=nation, operation=operation, as_of=as_of
            ).exists():
                continue
            skip = {"operation", "framework_nation", "sources"}
            data = {k: v for k, v in row.items() if k not in skip} | {
                "owner": nation,
                "marking": "PUBLIC",
                "operation": operation,
                "framework_nation": _organisation(row.get("framework_nation")),
                "sources": _sources(row["sources"], ids),
            }
            contribution_create(actor=actor, data=data)
    return sum(model.objects.count() for model in MODELS) - before
