"""Demo milestones: Azerbaijan–NATO facts of domain.md §5 that no mechanism record holds.

Every milestone cites the source keys the design brief gives for it (S…); dates keep the
precision of the source. Mechanism facts (entry documents, plans, PARP, OCC, operations,
postings, dialogue, trust funds) come from those apps' own demo data. Idempotent: matched by
nation, date and title; existing rows are never changed.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from partnerdesk.core.actor import Actor
from partnerdesk.organisations.models import Organisation
from partnerdesk.sources.models import Source
from partnerdesk.timeline.models import Milestone
from partnerdesk.timeline.services import milestone_create

D = dt.date

# (date, precision, category, title, description, source keys)
MILESTONES: list[tuple[dt.date, str, str, str, str, tuple[str, ...]]] = [
    (
        D(1992, 3, 1),
        "MONTH",
        "COOPERATION",
        "Azerbaijan joins the North Atlantic Cooperation Council",
        "Joined together with other former Eastern-bloc states; the NACC then had 16 Allies.",
        ("S67", "S124"),
    ),
    (
        D(1994, 1, 10),
        "DAY",
        "ALLIANCE",
        "Partnership for Peace launched at the Brussels summit",
        "Launched at the NATO summit of 10–11 January 1994.",
        ("S94",),
    ),
    (D(1997, 1, 1), "YEAR", "ALLIANCE", "The EAPC replaces the NACC", "", ("S89",)),
    (
        D(1997, 11, 1),
        "MONTH",
        "COOPERATION",
        "Azerbaijan joins the Planning and Review Process",
        "",
        ("S69",),
    ),
    (
        D(1997, 11, 12),
        "DAY",
        "NATIONAL",
        "Presidential decree creating a State Commission on cooperation with NATO",
        "",
        ("S69",),
    ),
    (
        D(1997, 11, 21),
        "DAY",
        "NATIONAL",
        "Presidential decree establishing the Mission of Azerbaijan to NATO",
        "",
        ("S69",),
    ),
    (D(1998, 6, 3), "DAY", "ALLIANCE", "EADRCC inaugurated at NATO HQ", "", ("S50",)),
    (
        D(1998, 11, 15),
        "DAY",
        "COOPERATION",
        "PfP Status of Forces Agreement signed",
        "Sources disagree: one gives 1996 for the SOFA (see domain.md §8); this date follows the "
        "cited ones.",
        ("S66", "S69"),
    ),
    (
        D(2000, 9, 1),
        "MONTH",
        "ALLIANCE",
        "NATO/PfP Trust Fund policy launched",
        "Extended to small arms and light weapons in May 2001.",
        ("S39",),
    ),
    (D(2002, 11, 1), "MONTH", "ALLIANCE", "IPAPs launched at the Prague Summit", "", ("S13",)),
    (D(2004, 1, 1), "YEAR", "COOPERATION", "Azerbaijan joins the IPAP process", "", ("S67",)),
    (
        D(2004, 6, 1),
        "MONTH",
        "ALLIANCE",
        "PAP-DIB launched at the Istanbul Summit; Azerbaijan endorses it",
        "",
        ("S107", "S78"),
    ),
    (
        D(2008, 1, 1),
        "YEAR",
        "COOPERATION",
        "Defence education (DEEP) cooperation starts",
        "",
        ("S109",),
    ),
    (
        D(2010, 1, 1),
        "YEAR",
        "COOPERATION",
        "Azerbaijan hosts the plenary of NATO's Civil Emergency Planning Committee",
        "",
        ("S57",),
    ),
    (
        D(2010, 9, 1),
        "MONTH",
        "COOPERATION",
        "IPAP renewal talks stall",
        "An October deadline was reported in the press.",
        ("S75",),
    ),
    (
        D(2013, 1, 1),
        "YEAR",
        "COOPERATION",
        "Reported: participation in about 100 NATO events with more than 1,000 soldiers",
        "",
        ("S64",),
    ),
    (
        D(2015, 1, 1),
        "YEAR",
        "COOPERATION",
        "Reported: close to 200 NATO events attended under the IPCP",
        "",
        ("S62",),
    ),
    (
        D(2015, 9, 21),
        "DAY",
        "COOPERATION",
        "Ministry of National Security delegation at the NATO School Oberammergau",
        "Visit to the counter-terrorism centre, an IPAP commitment (21–22 September 2015).",
        ("S117",),
    ),
    (
        D(2016, 3, 7),
        "DAY",
        "COOPERATION",
        "Baku conference on the upcoming Warsaw Summit",
        "The NATO liaison officer spoke of 12 Azerbaijani officers working at NATO HQ.",
        ("S61",),
    ),
    (
        D(2016, 6, 30),
        "DAY",
        "COOPERATION",
        "Interview of the Head of Mission to NATO",
        "About 200 events in 2015; ten officers in NATO HQ posts; consent in principle to a "
        "civilian-led mission after Resolute Support.",
        ("S62",),
    ),
    (
        D(2016, 11, 1),
        "MONTH",
        "COOPERATION",
        "NATO press office: Allies reviewed the IPAP's implementation",
        "The fourth-stage IPAP covered 2015–2016; 27 of 41 PARP objectives concern the armed "
        "forces.",
        ("S63",),
    ),
    (
        D(2021, 3, 1),
        "MONTH",
        "ALLIANCE",
        "NAC agrees “One Partner, One Plan”: ITPPs replace individual plans",
        "",
        ("S11",),
    ),
]


def load_demo(*, actor: Actor) -> int:
    """Create the demo milestones that do not exist yet; return how many were created."""
    nation = Organisation.objects.filter(code="AZE").first()
    if nation is None:
        return 0
    ids = {str(k): pk for k, pk in Source.objects.exclude(key=None).values_list("key", "pk")}
    created = 0
    with transaction.atomic():
        for day, precision, category, title, description, keys in MILESTONES:
            if Milestone.objects.filter(owner=nation, date=day, title=title).exists():
                continue
            milestone_create(
                actor=actor,
                data={
                    "owner": nation,
                    "marking": "PUBLIC",
                    "date": day,
                    "precision": precision,
                    "category": category,
                    "title": title,
                    "description": description,
                    "sources": [ids[k] for k in keys if k in ids],
                },
            )
            created += 1
    return created
