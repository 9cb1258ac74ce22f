"""Demo data of trust funds: Azerbaijan's Saloglu and Jeyranchel projects and the SPS-funded
Mélange project, from domain.md §3.8 and §5, every fact citing its source (S37–S49).

NAMSA, the executing agent named by the sources, is not in the reference organisations; it is
recorded as NSPA, its successor agency, and each such row says so in its note. Amounts a source
does not give (most contributors of the Saloglu FMA, Jeyranchel's donors) are left empty and
never guessed. `load_demo` is idempotent: rows are matched by natural keys and existing rows
are never changed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from partnerdesk.core.actor import Actor
from partnerdesk.core.dates import period_start
from partnerdesk.organisations.models import Organisation
from partnerdesk.sources.models import Source
from partnerdesk.trustfunds.models import Agreement, Contribution, Kpi, Phase, Project
from partnerdesk.trustfunds.services import (
    agreement_create,
    contribution_create,
    kpi_create,
    phase_create,
    project_create,
)

D = dt.date
NAMSA = (
    "Executing agent: NAMSA, recorded as NSPA (its successor; NAMSA is not in the reference data)."
)
MODELS = (Project, Phase, Contribution, Agreement, Kpi)


def _kpi(
    metric: str,
    value: str,
    as_of: dt.date,
    precision: str,
    sources: list[str],
    *,
    detail: str = "",
    qualifier: str = "EXACT",
) -> dict[str, Any]:
    return {
        "metric": metric,
        "detail": detail,
        "value": Decimal(value),
        "qualifier": qualifier,
        "as_of": as_of,
        "as_of_precision": precision,
        "sources": sources,
    }


def _pledge(donor: str, day: dt.date, precision: str, sources: list[str], **extra: Any) -> dict:
    return {"donor": donor, "date": day, "date_precision": precision, "sources": sources} | extra


FMA_NOTE = "Contributor named in the Financial Management Agreement; amount not given."
JUNE_2008 = D(2008, 6, 1)

PROJECTS: list[dict[str, Any]] = [
    {
        "title": "Saloglu UXO clearance",
        "aliases": "Sologlu",
        "theme": "DEMINING",
        "programme": "TRUST_FUND",
        "status": "CLOSED",
        "requested_on": D(2001, 12, 1),
        "requested_precision": "MONTH",
        "summary": "Clearance of unexploded ordnance at Saloglu (Agstafa district), a former "
        "Soviet ammunition depot of 138 bunkers blown up in 1991; about 4,400 ha affected. "
        "Azerbaijan asked the PMSC through its Mission in December 2001; NAMSA and ANAMA "
        "worked on the proposal from late 2002. Clearance began in December 2005 according to "
        "ANAMA (January 2006 according to Trend: domain.md §8 item 8). Completed in July 2011, "
        "with closing ceremonies on 5 and 8 July 2011.",
        "sources": ["S41", "S38", "S42", "S44"],
        "agreements": [
            {
                "kind": "MOU",
                "signed_on": D(2003, 4, 2),
                "signed_precision": "DAY",
                "parties": ["AZE", "NSPA"],
                "note": "Between Azerbaijan (Ambassador Mir-Gamza Efendiyev) and NAMSA (General "
                "Manager Peter D. Markey); Türkiye lead nation. " + NAMSA,
                "sources": ["S39"],
            },
            {
                "kind": "FMA",
                "phase": 1,
                "signed_on": D(2005, 2, 14),
                "signed_precision": "DAY",
                "parties": ["TUR", "AZE", "FIN", "LUX", "NOR", "SVN"],
                "note": "Signed at NATO HQ with Secretary General Jaap de Hoop Scheffer; lead "
                "nation Türkiye; UNDP pledged support; estimated EUR 1.4 M; NAMSA executing agent.",
                "sources": ["S40"],
            },
        ],
        "phases": [
            {
                "number": 1,
                "title": "Priority area of 568 ha",
                "budget": Decimal("1400000.00"),
                "currency": "EUR",
                "estimated": True,
                "announced_on": D(2003, 4, 28),
                "announced_precision": "DAY",
                "start_on": D(2005, 12, 1),
                "start_precision": "MONTH",
                "lead_nations": ["TUR"],
                "executing_agent": "NSPA",
                "note": "Presented to the PMSC on 28 April 2003, which gave the go-ahead for "
                "fundraising. " + NAMSA,
                "sources": ["S38", "S39", "S40", "S41"],
                "contributions": [
                    _pledge(code, D(2005, 2, 14), "DAY", ["S40"], note=FMA_NOTE)
                    for code in ("AZE", "FIN", "LUX", "NOR", "SVN")
                ]
                + [
                    _pledge(
                        "UNDP",
                        D(2005, 2, 14),
                        "DAY",
                        ["S40"],
                        note="UNDP pledge; amount not given.",
                    )
                ],
                "kpis": [],
            },
            {
                "number": 2,
                "budget": Decimal("440000.00"),
                "currency": "EUR",
                "start_on": D(2007, 6, 1),
                "start_precision": "MONTH",
                "executing_agent": "NSPA",
                "status_text": "planned for 16 months",
                "note": "Lead nation not stated in the cited source. " + NAMSA,
                "sources": ["S42", "S43"],
                "contributions": [
                    _pledge("AZE", D(2007, 1, 1), "YEAR", ["S42"], amount=Decimal("131000.00")),
                    _pledge("TUR", D(2007, 1, 1), "YEAR", ["S42"], amount=Decimal("50000.00")),
                    _pledge("BGR", D(2007, 1, 1), "YEAR", ["S42"], amount=Decimal("15000.00")),
                ],
                "kpis": [
                    _kpi("HECTARES_CLEARED", "568", JUNE_2008, "MONTH", ["S43"], detail="surface"),
                    _kpi(
                        "HECTARES_CLEARED", "115", JUNE_2008, "MONTH", ["S43"], detail="sub-surface"
                    ),
                    _kpi("ITEMS_LOCATED", "298640", JUNE_2008, "MONTH", ["S43"], detail="UXO"),
                    _kpi("ITEMS_DESTROYED", "155623", JUNE_2008, "MONTH", ["S43"], detail="UXO"),
                ],
            },
            {
                "number": 3,
                "budget": Decimal("1900000.00"),
                "currency": "EUR",
                "estimated": True,
                "end_on": D(2011, 7, 1),
                "end_precision": "MONTH",
                "executing_agent": "NSPA",
                "status_text": "estimated at 27–30 months in June 2008; completed July 2011",
                "note": "Budget estimated at about EUR 1.9 M. Lead nation not stated in the cited "
                "sources. " + NAMSA,
                "sources": ["S43", "S44"],
                "contributions": [],
                "kpis": [
                    _kpi(
                        "SQUARE_METRES_CLEARED",
                        "5680000",
                        D(2011, 7, 1),
                        "MONTH",
                        ["S44"],
                        qualifier="MORE_THAN",
                    ),
                    _kpi(
                        "ITEMS_DESTROYED",
                        "640000",
                        D(2011, 7, 1),
                        "MONTH",
                        ["S44"],
                        qualifier="MORE_THAN",
                    ),
                ],
            },
        ],
    },
    {
        "title": "Jeyranchel clearance",
        "aliases": "Ceyranchol",
        "theme": "DEMINING",
        "programme": "TRUST_FUND",
        "status": "IN_EXECUTION",
        "budget": Decimal("6100000.00"),
        "currency": "EUR",
        "summary": "Clearance of a former Soviet firing range used from 1955 to 1991 along the "
        "Georgian border, quoted as 62 km² (NATO 2012) and 64 km² (ANAMA, NSPA). The lead "
        "nation changed between phases: the United States for phase 1 (ANAMA 2012), Türkiye "
        "for phase 3 (NSPA 2017, which calls the whole project Turkey-led): domain.md §8 item 7. "
        "NSPA described it in 2017 as a six-year project of EUR 6.1 M, ending late 2018.",
        "sources": ["S45", "S46", "S48"],
        "agreements": [],
        "phases": [
            {
                "number": 1,
                "announced_on": D(2011, 10, 4),
                "announced_precision": "DAY",
                "start_on": D(2012, 7, 5),
                "start_precision": "DAY",
                "end_on": D(2014, 7, 8),
                "end_precision": "DAY",
                "lead_nations": ["USA"],
                "note": "Confirmed by NATO on 4 October 2011; opening ceremony in Baku on 5 July "
                "2012 with James Appathurai; completed on 8 July 2014.",
                "sources": ["S45", "S46", "S47"],
                "contributions": [
                    _pledge(
                        "AZE",
                        D(2011, 10, 4),
                        "DAY",
                        ["S45"],
                        status="PAID",
                        note="Azerbaijan paid 50% of the phase; amount not given.",
                    ),
                    _pledge(
                        "USA",
                        D(2011, 10, 4),
                        "DAY",
                        ["S45"],
                        status="PAID",
                        note="Contributed; amount not given.",
                    ),
                    _pledge(
                        "GBR",
                        D(2011, 10, 4),
                        "DAY",
                        ["S45"],
                        status="PAID",
                        note="Contributed; amount not given.",
                    ),
                ],
                "kpis": [],
            },
            {
                "number": 2,
                "start_on": D(2014, 7, 8),
                "start_precision": "DAY",
                "note": "Launched when phase 1 closed, during James Appathurai's visit to Baku. "
                "Lead nation not stated in the cited source.",
                "sources": ["S47"],
                "contributions": [],
                "kpis": [],
            },
            {
                "number": 3,
                "announced_on": D(2017, 9, 26),
                "announced_precision": "DAY",
                "lead_nations": ["TUR"],
                "executing_agent": "NSPA",
                "status_text": "end planned late 2018",
                "note": "Presented in Baku on 26 September 2017 with James Appathurai.",
                "sources": ["S48", "S49"],
                "contributions": [],
                "kpis": [
                    _kpi(
                        "ITEMS_LOCATED",
                        "800000",
                        D(2017, 10, 1),
                        "MONTH",
                        ["S48"],
                        detail="suspect items detected",
                        qualifier="MORE_THAN",
                    ),
                    _kpi(
                        "LIVE_ITEMS_RECOVERED",
                        "16000",
                        D(2017, 10, 1),
                        "MONTH",
                        ["S48"],
                        qualifier="MORE_THAN",
                    ),
                    _kpi(
                        "AREA_COVERED",
                        "44",
                        D(2017, 10, 1),
                        "MONTH",
                        ["S48"],
                        qualifier="MORE_THAN",
                    ),
                ],
            },
        ],
    },
    {
        "title": "Mélange rocket-fuel neutralisation",
        "theme": "MUNITIONS",
        "programme": "SPS",
        "status": "CLOSED",
        "summary": "Neutralisation of 1,400 t of mélange, a toxic Soviet-era missile-propellant "
        "component, with a mobile plant from 2006 over two years: 950 t at Alat and 350 t at "
        "Mingachevir (the source gives both the 1,400 t total and this split, which adds up to "
        "1,300 t). Fully funded by NATO's Science for Peace and Security programme: not a trust "
        "fund. Recorded as closed because the source describes the work as done. " + NAMSA,
        "sources": ["S37"],
        "agreements": [],
        "phases": [
            {
                "number": 1,
                "budget": Decimal("2200000.00"),
                "currency": "EUR",
                "start_on": D(2006, 1, 1),
                "start_precision": "YEAR",
                "end_on": D(2007, 1, 1),
                "end_precision": "YEAR",
                "executing_agent": "NSPA",
                "note": "The end year follows from “from 2006 over two years”. " + NAMSA,
                "sources": ["S37"],
                "contributions": [
                    _pledge(
                        "NATO-IS",
                        D(2006, 1, 1),
                        "YEAR",
                        ["S37"],
                        amount=Decimal("2200000.00"),
                        status="PAID",
                        note="Fully NATO-funded through the Science for Peace and Security "
                        "programme (run by the NATO International Staff).",
                    )
                ],
                "kpis": [
                    _kpi(
                        "TONNES_NEUTRALISED", "950", D(2007, 1, 1), "YEAR", ["S37"], detail="Alat"
                    ),
                    _kpi(
                        "TONNES_NEUTRALISED",
                        "350",
                        D(2007, 1, 1),
                        "YEAR",
                        ["S37"],
                        detail="Mingachevir",
                    ),
                ],
            },
        ],
    },
]


class _Loader:
    """Creates what is missing, looking organisations and sources up once."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.sources = {
            str(key): pk for key, pk in Source.objects.exclude(key=None).values_list("key", "pk")
        }
        self.orgs = {o.code: o for o in Organisation.objects.all()}

    def ids(self, keys: list[str]) -> list[int]:
        return [self.sources[key] for key in keys]

    def project(self, row: dict[str, Any]) -> Project:
        owner = self.orgs["AZE"]
        existing = Project.objects.filter(owner=owner, title=row["title"]).first()
        if existing is not None:
            return existing
        skip = {"agreements", "phases", "sources"}
        values = {k: v for k, v in row.items() if k not in skip}
        data = values | {"owner": owner, "marking": "PUBLIC", "sources": self.ids(row["sources"])}
        return project_create(actor=self.actor, data=data)

    def phase(self, project: Project, row: dict[str, Any]) -> Phase:
        existing = Phase.objects.filter(project=project, number=row["number"]).first()
        if existing is not None:
            return existing
        skip = {"contributions", "kpis", "sources", "lead_nations", "executing_agent"}
        data = {k: v for k, v in row.items() if k not in skip} | {
            "project": project,
            "sources": self.ids(row["sources"]),
            "lead_nations": [self.orgs[c].pk for c in row.get("lead_nations", [])],
        }
        if "executing_agent" in row:
            data["executing_agent"] = self.orgs[row["executing_agent"]]
        return phase_create(actor=self.actor, data=data)

    def contribution(self, phase: Phase, row: dict[str, Any]) -> None:
        donor = self.orgs[row["donor"]]
        amount = row.get("amount")
        if Contribution.objects.filter(phase=phase, donor=donor, amount=amount).exists():
            return
        data = row | {
            "phase": phase,
            "donor": donor,
            "currency": "EUR" if amount is not None else "",
            "sources": self.ids(row["sources"]),
        }
        contribution_create(actor=self.actor, data=data)

    def agreement(self, project: Project, row: dict[str, Any]) -> None:
        day = period_start(row["signed_on"], row["signed_precision"])
        if Agreement.objects.filter(project=project, kind=row["kind"], signed_on=day).exists():
            return
        data = {k: v for k, v in row.items() if k not in {"phase", "parties", "sources"}} | {
            "project": project,
            "parties": [self.orgs[c].pk for c in row["parties"]],
            "sources": self.ids(row["sources"]),
        }
        if "phase" in row:
            data["phase"] = Phase.objects.get(project=project, number=row["phase"])
        agreement_create(actor=self.actor, data=data)

    def kpi(self, phase: Phase, row: dict[str, Any]) -> None:
        day = period_start(row["as_of"], row["as_of_precision"])
        match = {"metric": row["metric"], "detail": row["detail"], "as_of": day}
        if Kpi.objects.filter(phase=phase, **match).exists():
            return
        kpi_create(
            actor=self.actor, data=row | {"phase": phase, "sources": self.ids(row["sources"])}
        )


def load_demo(*, actor: Actor) -> int:
    """Create the trust-fund demo rows that do not exist yet; return how many were created."""
    before = sum(model.objects.count() for model in MODELS)
    loader = _Loader(actor)
    with transaction.atomic():
        for project_row in PROJECTS:
            project = loader.project(project_row)
            for phase_row in project_row["phases"]:
                phase = loader.phase(project, phase_row)
                for row in phase_row["contributions"]:
                    loader.contribution(phase, row)
                for row in phase_row["kpis"]:
                    loader.kpi(phase, row)
            for row in project_row["agreements"]:
                loader.agreement(project, row)
    return sum(model.objects.count() for model in MODELS) - before
