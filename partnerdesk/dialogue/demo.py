"""Demo rows of the dialogue app: Azerbaijan–NATO meetings and visits (domain.md §5, §3.12).

Each meeting is dated at the precision its source gives and cites the source whose URL the
design brief lists for it (matched by URL in `organisations/data/sources.json`):
S69 (1998), S15 (Nov 2006), S115 (2008), S76 (2011), S77 (2012), S116 (Jan 2014), S47 (Jul
2014), S72 (2016), S73 (2017), S84 (Nov 2017), S112 (Oct 2021), S121 (Dec 2021), S111 (2024).
Two have no matching source: the Feb 2016 Appathurai visit is known only from a single 2016
interview with no URL in the brief — it cites S62, the only single-source 2016 interview on
file, and says so; the 17 Mar 2024 SG visit has no source on file and cites the ILLUSTRATIVE
DEMO source. The follow-ups and the planned 2027 meeting are our own illustrative design
(DEMO).

`load_demo` is idempotent: meetings are matched by nation, title and date, participants by
name, follow-ups by text; existing rows are never changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from partnerdesk.core.actor import Actor
from partnerdesk.dialogue.models import FollowUp, Meeting, Participant
from partnerdesk.dialogue.services import followup_create, meeting_create, participant_create
from partnerdesk.organisations.models import Organisation
from partnerdesk.parp.models import PartnershipGoal
from partnerdesk.plans.models import Objective
from partnerdesk.sources.models import Source

D = dt.date
NATO, PARTNER = "NATO", "PARTNER"

MEETINGS: list[dict[str, Any]] = [
    {
        "title": "Political Committee discusses Azerbaijan's PfP participation (19+1)",
        "date": D(1998, 5, 12),
        "format": "POLITICAL_COMMITTEE",
        "direction": "TO_NATO_HQ",
        "place": "NATO HQ, Brussels",
        "topics": ["PARTNERSHIP_POLICY"],
        "summary": "The NATO Political Committee discussed Azerbaijan's participation in the "
        "Partnership for Peace in the 19+1 format (19 Allies).",
        "sources": ["S69"],
    },
    {
        "title": "President Ilham Aliyev at NATO HQ",
        "date": D(2006, 11, 1),
        "precision": "MONTH",
        "format": "PRESIDENTIAL_VISIT",
        "direction": "TO_NATO_HQ",
        "place": "NATO HQ, Brussels",
        "topics": ["PARTNERSHIP_POLICY"],
        "sources": ["S15"],
        "participants": [(PARTNER, "Ilham Aliyev", "President of Azerbaijan")],
    },
    {
        "title": "Deputy Secretary General Claudio Bisogniero in Baku",
        "date": D(2008, 12, 16),
        "format": "DSG_VISIT",
        "direction": "TO_PARTNER_CAPITAL",
        "place": "Baku",
        "topics": ["PARTNERSHIP_POLICY", "REGIONAL_SECURITY"],
        "sources": ["S115"],
        "participants": [
            (NATO, "Claudio Bisogniero", "NATO Deputy Secretary General"),
            (PARTNER, "Elmar Mammadyarov", "Minister of Foreign Affairs"),
            (PARTNER, "Safar Abiyev", "Minister of Defence"),
            (PARTNER, "Eldar Mahmudov", "Minister of National Security"),
            (PARTNER, "Ziyafat Asgarov", "Deputy Speaker of the Milli Majlis"),
        ],
    },
    {
        "title": "Special Representative James Appathurai in Baku",
        "date": D(2011, 7, 5),
        "format": "SR_VISIT",
        "direction": "TO_PARTNER_CAPITAL",
        "place": "Baku",
        "topics": ["PARTNERSHIP_POLICY"],
        "summary": "Talks on the next stage of the IPAP.",
        "sources": ["S76"],
        "participants": [
            (
                NATO,
                "James Appathurai",
                "SG's Special Representative for the Caucasus and Central Asia",
            ),
            (PARTNER, "Ilham Aliyev", "President of Azerbaijan"),
        ],
    },
    {
        "title": "President Aliyev at NATO HQ; address to the NAC",
        "date": D(2012, 2, 15),
        "format": "NAC_PARTNER",
        "direction": "TO_NATO_HQ",
        "place": "NATO HQ, Brussels",
        "topics": ["PARTNERSHIP_POLICY", "REGIONAL_SECURITY"],
        "sources": ["S77"],
        "participants": [
            (NATO, "Anders Fogh Rasmussen", "NATO Secretary General"),
            (PARTNER, "Ilham Aliyev", "President of Azerbaijan"),
        ],
    },
    {
        "title": "President Aliyev in Brussels; meets SG Rasmussen and the NAC",
        "date": D(2014, 1, 15),
        "format": "PRESIDENTIAL_VISIT",
        "direction": "TO_NATO_HQ",
        "place": "Brussels",
        "topics": ["PARTNERSHIP_POLICY"],
        "sources": ["S116"],
        "participants": [
            (NATO, "Anders Fogh Rasmussen", "NATO Secretary General"),
            (PARTNER, "Ilham Aliyev", "President of Azerbaijan"),
        ],
    },
    {
        "title": "Appathurai in Baku: meets the President",
        "date": D(2014, 7, 8),
        "format": "SR_VISIT",
        "direction": "TO_PARTNER_CAPITAL",
        "place": "Baku",
        "topics": ["PARTNERSHIP_POLICY"],
        "summary": "Jeyranchel phase 1 closes and phase 2 starts during the visit.",
        "sources": ["S47"],
        "participants": [
            (NATO, "James Appathurai", "SG's Special Representative"),
            (PARTNER, "Ilham Aliyev", "President of Azerbaijan"),
        ],
    },
    {
        "title": "Visit of Special Representative James Appathurai",
        "date": D(2016, 2, 1),
        "precision": "MONTH",
        "format": "SR_VISIT",
        "direction": "TO_PARTNER_CAPITAL",
        "topics": ["PARTNERSHIP_POLICY"],
        "summary": "Single source: mentioned only in one 2016 interview and not found "
        "independently (domain.md §8 item 10). The brief gives no URL; the citation is the "
        "single-source 2016 interview on file (S62).",
        "sources": ["S62"],
    },
    {
        "title": "FM Elmar Mammadyarov addresses the North Atlantic Council",
        "date": D(2016, 5, 31),
        "format": "NAC_PARTNER",
        "direction": "TO_NATO_HQ",
        "place": "NATO HQ, Brussels",
        "topics": [
            "PARTNERSHIP_POLICY",
            "PEACE_SUPPORT",
            "AFGHANISTAN",
            "ENERGY_SECURITY",
            "CRITICAL_INFRASTRUCTURE",
            "DEFENCE_REFORM",
        ],
        "summary": "Azerbaijan–NATO meeting; the speech covered the IPAP, PARP, OCC, PSE, "
        "KFOR/ISAF/RSM, TANAP/TAP and the critical-infrastructure working group.",
        "sources": ["S72"],
        "participants": [(PARTNER, "Elmar Mammadyarov", "Minister of Foreign Affairs")],
    },
    {
        "title": "PCSC discusses Azerbaijan's 2017 PARP Assessment (NATO + Azerbaijan)",
        "date": D(2017, 5, 2),
        "format": "PCSC_PARTNER",
        "direction": "TO_NATO_HQ",
        "place": "NATO HQ, Brussels",
        "topics": ["DEFENCE_REFORM"],
        "sources": ["S73"],
    },
    {
        "title": "President Aliyev meets SG Jens Stoltenberg in Brussels",
        "date": D(2017, 11, 1),
        "precision": "MONTH",
        "format": "PRESIDENTIAL_VISIT",
        "direction": "TO_NATO_HQ",
        "place": "Brussels",
        "topics": ["AFGHANISTAN", "PEACE_SUPPORT"],
        "outcome": "Increase of the Azerbaijani contingent in Afghanistan announced.",
        "sources": ["S84"],
        "participants": [
            (NATO, "Jens Stoltenberg", "NATO Secretary General"),
            (PARTNER, "Ilham Aliyev", "President of Azerbaijan"),
        ],
    },
    {
        "title": "Special Representative Javier Colomina visits Azerbaijan",
        "date": D(2021, 10, 1),
        "precision": "MONTH",
        "format": "SR_VISIT",
        "direction": "TO_PARTNER_CAPITAL",
        "topics": ["PARTNERSHIP_POLICY", "DEFENCE_REFORM"],
        "outcome": "PARP cooperation resumed.",
        "sources": ["S112"],
        "participants": [(NATO, "Javier Colomina", "SG's Special Representative")],
    },
    {
        "title": "President Aliyev at NATO HQ; NAC with 30 Allies",
        "date": D(2021, 12, 14),
        "format": "NAC_PARTNER",
        "direction": "TO_NATO_HQ",
        "place": "NATO HQ, Brussels",
        "topics": ["PARTNERSHIP_POLICY", "REGIONAL_SECURITY"],
        "sources": ["S121"],
        "participants": [
            (NATO, "Jens Stoltenberg", "NATO Secretary General"),
            (PARTNER, "Ilham Aliyev", "President of Azerbaijan"),
        ],
    },
    {
        "title": "Secretary General Stoltenberg in Baku",
        "date": D(2024, 3, 17),
        "format": "SG_VISIT",
        "direction": "TO_PARTNER_CAPITAL",
        "place": "Baku",
        "topics": ["PARTNERSHIP_POLICY", "REGIONAL_SECURITY"],
        "summary": "No source on file matches the brief's URL for this visit; the row cites "
        "the illustrative DEMO source until one is added.",
        "sources": ["DEMO"],
        "participants": [(NATO, "Jens Stoltenberg", "NATO Secretary General")],
    },
    {
        "title": "DASG Burcu San in Baku; 30th-anniversary PfP conference",
        "date": D(2024, 11, 25),
        "end_date": D(2024, 11, 26),
        "format": "OTHER",
        "direction": "TO_PARTNER_CAPITAL",
        "place": "Baku",
        "topics": ["PARTNERSHIP_POLICY"],
        "outcome": "ITPP named the main framework of cooperation.",
        "sources": ["S111"],
        "participants": [(NATO, "Burcu San", "NATO Deputy Assistant Secretary General")],
    },
    {
        "title": "NATO–Azerbaijan political consultations (planned)",
        "date": D(2027, 3, 1),
        "precision": "MONTH",
        "format": "NAC_PARTNER",
        "direction": "TO_NATO_HQ",
        "place": "NATO HQ, Brussels",
        "topics": ["PARTNERSHIP_POLICY", "DEFENCE_REFORM"],
        "status": "PLANNED",
        "marking": "BILATERAL",
        "summary": "Illustrative planned meeting: its briefing lists the open follow-ups.",
        "sources": ["DEMO"],
    },
]

# (meeting title, text, side, person, due, status, objective picks, goal picks)
FOLLOWUPS: list[tuple[str, str, str, str, dt.date | None, str, int, int]] = [
    (
        "President Aliyev at NATO HQ; NAC with 30 Allies",
        "Share a timetable for the next ITPP draft with the NATO International Staff.",
        PARTNER,
        "Mission of Azerbaijan to NATO",
        D(2022, 6, 30),
        "DONE",
        1,
        0,
    ),
    (
        "Secretary General Stoltenberg in Baku",
        "Propose staff talks on the defence-reform objectives of the current plan.",
        NATO,
        "NATO International Staff, partnerships directorate",
        D(2024, 9, 30),
        "IN_PROGRESS",
        2,
        0,
    ),
    (
        "DASG Burcu San in Baku; 30th-anniversary PfP conference",
        "Report progress on the Partnership Goals discussed at the conference.",
        PARTNER,
        "Ministry of Defence",
        D(2026, 12, 31),
        "OPEN",
        0,
        2,
    ),
]


def _sources(keys: list[str]) -> list[int]:
    return list(Source.objects.filter(key__in=keys).values_list("pk", flat=True))


def load_demo(*, actor: Actor) -> int:
    """Create the demo rows that do not exist yet; return how many rows were created."""
    aze = Organisation.objects.filter(code="AZE").first()
    if aze is None:
        return 0
    created = 0
    with transaction.atomic():
        meetings: dict[str, Meeting] = {}
        for spec in MEETINGS:
            meeting = Meeting.objects.filter(
                owner=aze, title=spec["title"], date=spec["date"]
            ).first()
            if meeting is None:
                data = {
                    "owner": aze,
                    "marking": spec.get("marking", "PUBLIC"),
                    "status": spec.get("status", "HELD"),
                    "precision": spec.get("precision", "DAY"),
                    "sources": _sources(spec["sources"]),
                } | {
                    k: v
                    for k, v in spec.items()
                    if k
                    in (
                        "title",
                        "date",
                        "end_date",
                        "place",
                        "format",
                        "direction",
                        "topics",
                        "summary",
                        "outcome",
                    )
                }
                meeting = meeting_create(actor=actor, data=data)
                created += 1
            meetings[spec["title"]] = meeting
            for position, (side, person, title) in enumerate(spec.get("participants", []), 1):
                if Participant.objects.filter(meeting=meeting, person=person).exists():
                    continue
                participant_create(
                    actor=actor,
                    data={
                        "meeting": meeting,
                        "person": person,
                        "title": title,
                        "side": side,
                        "position": position,
                    },
                )
                created += 1
        objectives = list(
            Objective.objects.filter(
                owner=aze, marking__in=["PUBLIC", "PARTNERS", "BILATERAL"]
            ).order_by("-plan__period_start", "code")[:3]
        )
        goals = list(
            PartnershipGoal.objects.filter(
                owner=aze, marking__in=["PUBLIC", "PARTNERS", "BILATERAL"]
            ).order_by("-cycle__start_year", "code")[:2]
        )
        demo = _sources(["DEMO"])
        for title, text, side, person, due, status, n_obj, n_goals in FOLLOWUPS:
            meeting = meetings[title]
            if FollowUp.objects.filter(meeting=meeting, text=text).exists():
                continue
            followup_create(
                actor=actor,
                data={
                    "meeting": meeting,
                    "marking": "BILATERAL",
                    "text": text,
                    "responsible_side": side,
                    "responsible_person": person,
                    "due_on": due,
                    "status": status,
                    "objectives": [o.pk for o in objectives[:n_obj]],
                    "goals": [g.pk for g in goals[:n_goals]],
                    "note": "Illustrative follow-up (our own design, not a sourced fact).",
                    "sources": demo,
                },
            )
            created += 1
    return created
