"""Demo plans: Azerbaijan's IPAPs 2005–2018, an illustrative ITPP of Georgia and IPAP of Armenia.

Dates, bodies and the sequence of Azerbaijan's IPAPs come from domain.md (§3.4, §5, §8 items 1
and 14) with their source keys. Objective and commitment texts, agencies, statuses and some
decision days are not public: they are our own illustrative wording and cite "DEMO".

`load_demo` only creates plans that do not exist yet (by nation, type and start date) and
never touches an existing plan or its contents, so a second run creates nothing and user
changes survive. Everything goes through the services with the given (system) actor.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from partnerdesk.core.actor import Actor
from partnerdesk.organisations.models import Organisation
from partnerdesk.plans import services
from partnerdesk.plans.choices import PlanStatus as S
from partnerdesk.plans.models import Chapter, Commitment, Decision, Objective, Plan
from partnerdesk.sources.models import Source

DEMO = "DEMO"

# Status paths from DRAFT, following PLAN_TRANSITIONS.
AGREED_PATH = (S.SUBMITTED, S.UNDER_NEGOTIATION, S.AGREED, S.IN_IMPLEMENTATION)
TO_SUPERSEDED = (*AGREED_PATH, S.SUPERSEDED)
TO_CLOSED = (*AGREED_PATH, S.UNDER_ASSESSMENT, S.CLOSED)
STALLED_THEN_CLOSED = (
    S.SUBMITTED,
    S.UNDER_NEGOTIATION,
    S.STALLED,
    S.UNDER_NEGOTIATION,
    S.AGREED,
    S.IN_IMPLEMENTATION,
    S.CLOSED,
)

# (code, chapter, text, [(text, agency code, due YYYY-MM, status)], extra)
Row = tuple[str, str, str, list[tuple[str, str, str, str]], dict[str, Any]]

AZE_2015: list[Row] = [
    (
        "1.1",
        "1",
        "Hold regular political consultations with Allies on regional security and on the "
        "implementation of this plan.",
        [("Hold the yearly IPAP review meeting with Allies.", "AZE-MFA", "2016-11", "COMPLETED")],
        {},
    ),
    (
        "1.2",
        "1",
        "Strengthen democratic control of the armed forces and good governance of the "
        "defence and security sector.",
        [
            (
                "Draft amendments that define parliamentary oversight of the defence budget.",
                "AZE-MOD",
                "2016-06",
                "DELAYED",
            ),
            (
                "Brief the parliamentary defence and security committee twice a year on the plan.",
                "AZE-MFA",
                "2016-12",
                "IN_PROGRESS",
            ),
        ],
        {},
    ),
    (
        "1.3",
        "1",
        "Contribute to international counter-terrorism efforts, including by training "
        "specialists at the International Counter-Terrorism Training Centre.",
        [
            (
                "Develop the Centre's course programme with the NATO School Oberammergau.",
                "AZE-MNS",
                "2016-09",
                "IN_PROGRESS",
            )
        ],
        {"sources": ["S117"]},
    ),
    (
        "2.1",
        "2",
        "Introduce defence planning and budgeting based on multi-year programmes.",
        [
            ("Adopt a four-year defence programming method.", "AZE-MOD", "2016-03", "DELAYED"),
            (
                "Publish a yearly summary of the defence budget by programme.",
                "AZE-MOD",
                "2016-12",
                "NOT_STARTED",
            ),
        ],
        {"sources": ["S70", "S71"]},
    ),
    (
        "2.2",
        "2",
        "Restructure the units offered to the Operational Capabilities Concept pool to NATO "
        "standards.",
        [
            (
                "Bring the declared battalion's staff procedures in line with NATO doctrine.",
                "AZE-MOD",
                "2016-10",
                "COMPLETED_AHEAD",
            )
        ],
        {},
    ),
    (
        "2.3",
        "2",
        "Improve the interoperability of border and internal security forces with Allied units.",
        [
            (
                "Train border guard officers in NATO communication procedures.",
                "AZE-SBS",
                "2016-06",
                "IN_PROGRESS",
            ),
            (
                "Align the internal troops' peace-support training with NATO standards.",
                "AZE-MIA",
                "2016-12",
                "DELAYED",
            ),
        ],
        {},
    ),
    (
        "2.4",
        "2",
        "Develop professional military education together with the Defence Education "
        "Enhancement Programme.",
        [
            (
                "Revise the War College curriculum with DEEP advisers.",
                "AZE-MOD",
                "2015-12",
                "COMPLETED",
            )
        ],
        {},
    ),
    (
        "3.1",
        "3",
        "Improve public understanding of cooperation between Azerbaijan and NATO.",
        [
            (
                "Hold a NATO week at universities in Baku each year.",
                "AZE-MFA",
                "2016-05",
                "COMPLETED",
            )
        ],
        {},
    ),
    (
        "3.2",
        "3",
        "Make key NATO documents available in Azerbaijani.",
        [
            (
                "Translate and publish the partnership documents of the plan.",
                "AZE-MFA",
                "2016-12",
                "IN_PROGRESS",
            )
        ],
        {},
    ),
    (
        "3.3",
        "3",
        "Train government spokespersons in crisis communication.",
        [
            (
                "Run a crisis communication course for spokespersons.",
                "AZE-MFA",
                "2016-10",
                "NOT_STARTED",
            )
        ],
        {},
    ),
    (
        "4.1",
        "4",
        "Take part in Science for Peace and Security projects on environmental security.",
        [("Nominate national experts to two SPS projects.", "AZE-MFA", "2015-12", "COMPLETED")],
        {},
    ),
    (
        "4.2",
        "4",
        "Clean up former military sites and dispose of obsolete munitions safely.",
        [
            (
                "Survey contaminated land near former ammunition depots.",
                "AZE-MES",
                "2016-08",
                "IN_PROGRESS",
            )
        ],
        {},
    ),
    (
        "4.3",
        "4",
        "Connect national research institutes to NATO science networks.",
        [],
        {},
    ),
    (
        "5.1",
        "5",
        "Improve national civil emergency planning and its coordination with the Euro-Atlantic "
        "Disaster Response Coordination Centre.",
        [
            (
                "Update the national disaster response plan against NATO's baseline requirements "
                "for civil preparedness.",
                "AZE-MES",
                "2016-06",
                "DELAYED",
            )
        ],
        {},
    ),
    (
        "5.2",
        "5",
        "Protect critical energy infrastructure.",
        [
            (
                "Hold a table-top exercise on the protection of pipelines.",
                "AZE-MES",
                "2016-04",
                "COMPLETED_AHEAD",
            )
        ],
        {},
    ),
    (
        "5.3",
        "5",
        "Train rescue teams together with partners.",
        [("Send a rescue team to an EADRCC field exercise.", "AZE-MES", "2015-10", "COMPLETED")],
        {},
    ),
    (
        "6.1",
        "6",
        "Protect classified information exchanged with NATO.",
        [
            (
                "Accredit the national registry for NATO information.",
                "AZE-MNS",
                "2015-09",
                "COMPLETED",
            )
        ],
        {},
    ),
    (
        "6.2",
        "6",
        "Improve the management of defence personnel.",
        [("Introduce a merit-based promotion regulation.", "AZE-MOD", "2016-06", "DELAYED")],
        {},
    ),
    (
        "6.3",
        "6",
        "Make defence procurement more transparent.",
        [("Publish the rules of defence procurement.", "AZE-MOD", "2016-12", "NOT_STARTED")],
        {},
    ),
]

# New in 2017–2018 (the rest is carried over from 2015–2016).
AZE_2017_NEW: list[Row] = [
    (
        "1.4",
        "1",
        "Involve civil society in the public debate on defence reform.",
        [
            (
                "Hold two round tables with civil society on defence reform.",
                "AZE-MFA",
                "2018-06",
                "IN_PROGRESS",
            )
        ],
        {},
    ),
    (
        "2.5",
        "2",
        "Raise the interoperability of the declared units for NATO-led operations and training.",
        [
            (
                "Prepare the declared battalion for its NEL-2 re-evaluation.",
                "AZE-MOD",
                "2017-06",
                "COMPLETED",
            ),
            (
                "Adopt NATO logistics standards for the declared units.",
                "AZE-MOD",
                "2018-12",
                "NOT_STARTED",
            ),
        ],
        {},
    ),
    (
        "2.6",
        "2",
        "Expand defence education with NATO schools and the Defence Education Enhancement "
        "Programme.",
        [
            (
                "Send instructors to courses at NATO schools each year.",
                "AZE-MOD",
                "2018-12",
                "IN_PROGRESS",
            )
        ],
        {},
    ),
    (
        "3.4",
        "3",
        "Explain Azerbaijan's contribution to NATO-led operations to the public.",
        [
            (
                "Publish a yearly report on the contingent in Afghanistan.",
                "AZE-MOD",
                "2018-03",
                "COMPLETED_AHEAD",
            )
        ],
        {},
    ),
    (
        "4.4",
        "4",
        "Cooperate on the environmental security of the Caspian region.",
        [
            (
                "Propose a regional SPS workshop on the Caspian environment.",
                "AZE-MES",
                "2018-09",
                "NOT_STARTED",
            )
        ],
        {},
    ),
    (
        "5.4",
        "5",
        "Assess national resilience against NATO's baseline requirements.",
        [("Complete a self-assessment of resilience.", "AZE-MES", "2018-06", "IN_PROGRESS")],
        {},
    ),
    (
        "5.5",
        "5",
        "Take part in EADRCC exercises with a national rescue team.",
        [("Send a team to the 2017 EADRCC exercise.", "AZE-MES", "2017-10", "COMPLETED")],
        {"sources": ["S78"]},
    ),
    (
        "6.4",
        "6",
        "National annex: internal tasking of ministries and their reporting dates.",
        [
            (
                "Report progress to the State Commission each quarter.",
                "AZE-MFA",
                "2018-12",
                "IN_PROGRESS",
            )
        ],
        {"marking": "NATIONAL_ONLY"},
    ),
]

AZE_2017_REWORDED: dict[str, str] = {
    "1.2": "Strengthen democratic control of the armed forces and the good governance of the "
    "defence and security sector, including parliamentary oversight.",
    "2.1": "Introduce defence planning and budgeting based on multi-year programmes and "
    "publish their results.",
}

GEO_ITPP: list[Row] = [
    (
        "E.1",
        "E",
        "Strengthen the resilience of state institutions against hybrid threats.",
        [],
        {},
    ),
    (
        "E.2",
        "E",
        "Make the defence forces interoperable with Allied forces.",
        [],
        {},
    ),
    (
        "W.1",
        "W",
        "Set up a whole-of-government crisis management mechanism.",
        [("Adopt the crisis management regulation.", "GEO-MFA", "2023-06", "COMPLETED")],
        {},
    ),
    (
        "W.2",
        "W",
        "Bring land forces command and control to NATO standards.",
        [("Certify two brigade staffs.", "GEO-MOD", "2024-12", "IN_PROGRESS")],
        {},
    ),
    (
        "M.1",
        "M",
        "Joint training with Allied trainers.",
        [("Host a joint exercise each year.", "GEO-MOD", "2025-09", "IN_PROGRESS")],
        {},
    ),
    (
        "M.2",
        "M",
        "Strategic communication course for government staff.",
        [("Train 60 civil servants.", "GEO-MFA", "2024-06", "DELAYED")],
        {},
    ),
    (
        "M.3",
        "M",
        "Advisory visits on cyber defence.",
        [("Receive two advisory visits.", "GEO-MOD", "2025-12", "NOT_STARTED")],
        {},
    ),
]

ARM_IPAP: list[Row] = [
    (
        "1.1",
        "1",
        "Continue the democratic reform of defence governance.",
        [("Publish a defence white paper.", "", "2018-06", "IN_PROGRESS")],
        {},
    ),
    (
        "2.1",
        "2",
        "Develop peacekeeping capabilities for NATO-led operations.",
        [("Prepare a peacekeeping company for evaluation.", "", "2018-12", "DELAYED")],
        {},
    ),
    (
        "2.2",
        "2",
        "Improve defence education with NATO partners.",
        [("Update the defence university curriculum.", "", "2017-12", "COMPLETED")],
        {"marking": "BILATERAL"},
    ),
    (
        "5.1",
        "5",
        "Improve civil emergency planning.",
        [("Hold a national table-top exercise.", "", "2018-05", "NOT_STARTED")],
        {},
    ),
]

# nation, type, start, end, title, marking, path, sources, summary, decisions, rows
PLANS: list[dict[str, Any]] = [
    {
        "nation": "AZE",
        "plan_type": "IPAP",
        "start": "2005-01-01",
        "end": "2007-12-31",
        "title": "Azerbaijan IPAP 2005–2007",
        "marking": "PUBLIC",
        "path": TO_SUPERSEDED,
        "sources": ["S13", "S67", "S74", "S62"],
        "summary": "Azerbaijan's first IPAP. Azerbaijani sources date the start of the IPAP "
        "process to 2004 [S67]; NATO records the plan as agreed on 27 May 2005 [S13]. The "
        "February 2007 assessment mission found some commitments implemented ahead of schedule "
        "and others delayed, among them the modernisation of military airfields and navy "
        "vessels, a civilian defence minister, General Staff reform and human-rights issues in "
        "the army [S74]. Period boundaries follow a single 2016 interview [S62].",
        "decisions": [
            ("NAC", "2005-05-27", "First IPAP with Azerbaijan agreed.", ["S13"]),
        ],
    },
    {
        "nation": "AZE",
        "plan_type": "IPAP",
        "start": "2008-01-01",
        "end": "2010-12-31",
        "title": "Azerbaijan IPAP 2008–2010 (revised)",
        "marking": "PUBLIC",
        "path": TO_CLOSED,
        "sources": ["S15", "S62"],
        "predecessor": ("AZE", "IPAP", "2005-01-01"),
        "summary": "The first full revision of the IPAP since 2005, approved on 7 March 2008 "
        "[S15].",
        "decisions": [
            ("NAC", "2008-03-07", "Revised IPAP approved.", ["S15"]),
        ],
    },
    {
        "nation": "AZE",
        "plan_type": "IPAP",
        "start": "2012-01-01",
        "end": "2013-12-31",
        "title": "Azerbaijan IPAP 2012–2013",
        "marking": "PARTNERS",
        "path": STALLED_THEN_CLOSED,
        "sources": ["S75", "S77", "S65", "S62"],
        "predecessor": ("AZE", "IPAP", "2008-01-01"),
        "summary": "Talks on the renewal stalled in 2010, when some Azerbaijani amendments were "
        "reportedly not acceptable to NATO, with an October deadline [S75]; the new IPAP was "
        "signed in December 2011 [S77]. A NATO expert team assessed it in Baku on 8–12 April "
        "2013 [S65].",
        "decisions": [
            (
                "NAC",
                "2011-12-01",
                "New IPAP signed in December 2011 (only the month is public; the day is a "
                "placeholder).",
                ["S77", DEMO],
            ),
        ],
    },
    {
        "nation": "AZE",
        "plan_type": "IPAP",
        "start": "2015-01-01",
        "end": "2016-12-31",
        "title": "Azerbaijan IPAP 2015–2016 (fourth stage)",
        "marking": "BILATERAL",
        "path": TO_CLOSED,
        "sources": ["S64", "S63", "S62", DEMO],
        "summary": "The fourth stage of the IPAP, covering 2015–2016 [S63]; it seems to have "
        "grown out of the draft for 2014–2015 sent to NATO in March 2014 [S64]. Objectives, "
        "commitments and statuses shown here are illustrative.",
        "decisions": [
            (
                "PARTNER",
                "2014-03-25",
                "Draft IPAP (then for 2014–2015) sent to NATO.",
                ["S64"],
            ),
            (
                "AMBASSADORS",
                "2015-02-20",
                "Fourth-stage IPAP approved by silence procedure (illustrative date).",
                [DEMO, "S63"],
                "2015-02-20T12:00",
            ),
        ],
        "rows": AZE_2015,
        "predecessor": ("AZE", "IPAP", "2012-01-01"),
    },
    {
        "nation": "AZE",
        "plan_type": "IPAP",
        "start": "2017-01-01",
        "end": "2018-12-31",
        "title": "Azerbaijan IPAP 2017–2018",
        "marking": "BILATERAL",
        "path": AGREED_PATH,
        "sources": ["S78", DEMO],
        "summary": "A new IPAP agreed by the end of June 2017 [S78]; the priorities named by "
        "NATO stay democratic control of forces, defence planning and budgeting, restructuring "
        "to NATO standards, interoperability and defence education [S70] [S71] [S63]. "
        "Unfinished objectives of 2015–2016 were carried over; objectives, commitments and "
        "statuses are illustrative.",
        "decisions": [
            ("NAC", "2017-06-30", "New IPAP agreed by this date.", ["S78"]),
        ],
        "rows": AZE_2017_NEW,
        "carry_from": ("AZE", "IPAP", "2015-01-01"),
        "reworded": AZE_2017_REWORDED,
    },
    {
        "nation": "GEO",
        "plan_type": "ITPP",
        "start": "2022-01-01",
        "end": "2025-12-31",
        "title": "Georgia ITPP 2022–2025 (illustrative)",
        "marking": "BILATERAL",
        "path": AGREED_PATH,
        "sources": ["S11", DEMO],
        "summary": "An illustrative Individually Tailored Partnership Programme: strategic "
        "objectives (ends), partnership goals (ways) and supporting activities (means) [S11]. "
        "The four-year period is our own choice; ITPP duration is not public.",
        "decisions": [("NAC", "2022-03-15", "ITPP agreed (illustrative).", [DEMO])],
        "rows": GEO_ITPP,
    },
    {
        "nation": "ARM",
        "plan_type": "IPAP",
        "start": "2017-01-01",
        "end": "2018-12-31",
        "title": "Armenia IPAP 2017–2018 (illustrative)",
        "marking": "PARTNERS",
        "path": AGREED_PATH,
        "sources": [DEMO],
        "summary": "An illustrative IPAP of Armenia, so that views across nations have data.",
        "decisions": [("NAC", "2017-03-01", "IPAP agreed (illustrative).", [DEMO])],
        "rows": ARM_IPAP,
    },
]


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _due(text: str) -> dt.date:
    year, month = (int(part) for part in text.split("-"))
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _find(nation: str, plan_type: str, start: str) -> Plan | None:
    return Plan.objects.filter(
        owner__code=nation, plan_type=plan_type, period_start=_date(start)
    ).first()


def _sources(keys: list[str]) -> list[int]:
    return list(Source.objects.filter(key__in=keys).values_list("pk", flat=True))


def _add_rows(actor: Actor, plan: Plan, rows: list[Row]) -> None:
    agencies = {
        o.code: o for o in Organisation.objects.filter(parent_id=plan.owner_id).exclude(code="")
    }
    chapters = {c.code: c for c in plan.chapters.all()}
    for code, chapter_code, text, commitments, extra in rows:
        objective = services.objective_create(
            actor=actor,
            data={
                "chapter": chapters[chapter_code],
                "code": code,
                "text": text,
                "sources": _sources([DEMO, *extra.get("sources", [])]),
                **({"marking": extra["marking"]} if "marking" in extra else {}),
            },
        )
        for item_text, agency, due, status in commitments:
            services.commitment_create(
                actor=actor,
                data={
                    "objective": objective,
                    "text": item_text,
                    "agency": agencies.get(agency) if agency else None,
                    "due_on": _due(due),
                    "status": status,
                },
            )


def _create_plan(actor: Actor, spec: dict[str, Any]) -> Plan:
    predecessor = _find(*spec["predecessor"]) if "predecessor" in spec else None
    plan = services.plan_create(
        actor=actor,
        data={
            "owner": Organisation.objects.get(code=spec["nation"]),
            "plan_type": spec["plan_type"],
            "title": spec["title"],
            "marking": spec["marking"],
            "period_start": _date(spec["start"]),
            "period_end": _date(spec["end"]),
            "predecessor": predecessor,
            "summary": spec["summary"],
            "sources": _sources(spec["sources"]),
        },
    )
    for body, decided_on, note, keys, *deadline in spec["decisions"]:
        services.decision_create(
            actor=actor,
            data={
                "plan": plan,
                "body": body,
                "decided_on": _date(decided_on),
                "method": "SILENCE_PROCEDURE" if deadline else "MEETING",
                "silence_deadline": (
                    dt.datetime.fromisoformat(deadline[0]).replace(tzinfo=dt.UTC)
                    if deadline
                    else None
                ),
                "note": note,
                "sources": _sources(keys),
            },
        )
    source = _find(*spec["carry_from"]) if "carry_from" in spec else None
    if source is not None:
        services.plan_carry_over(source, plan, actor=actor)
        plan.refresh_from_db()
        for code, text in spec.get("reworded", {}).items():
            objective = plan.objectives.filter(code=code).first()
            if objective is not None:
                services.objective_update(
                    objective, actor=actor, expected_version=objective.version, data={"text": text}
                )
    _add_rows(actor, plan, spec.get("rows", []))
    for status in spec["path"]:
        plan = services.plan_transition(
            plan, actor=actor, expected_version=plan.version, target=status
        )
    return plan


def _row_count() -> int:
    return sum(m.objects.count() for m in (Plan, Decision, Chapter, Objective, Commitment))


def load_demo(*, actor: Actor) -> int:
    """Create the demo plans that do not exist yet; return how many rows were created."""
    before = _row_count()
    with transaction.atomic():
        for spec in PLANS:
            if not Organisation.objects.filter(code=spec["nation"]).exists():
                continue
            if _find(spec["nation"], spec["plan_type"], spec["start"]) is not None:
                continue  # never overwrite what users changed since
            _create_plan(actor, spec)
    return _row_count() - before
