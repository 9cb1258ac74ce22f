"""Demo data of the staffing app: Azerbaijan's reported officer counts (domain.md §3.10) and
illustrative postings that reproduce them.

The reported headcounts cite their sources (S60, S61, S62, S64). The postings are our own
illustrative design (source DEMO) with pseudonymous people "Officer AZE-01" …, except the two
MES experts serving at EADRCC as a VNC since 2009, which also cite S57/S58. They are built so
the computed headcount gives 7 on every day of March 2014 (all NATO bodies), 12 at NATO HQ on
7 March 2016 and 10 at NATO HQ on 30 June 2016 (two HQ postings end in between).

`load_demo` is idempotent: postings are matched by nation, post title and start; reported
figures by nation, source wording and scope; existing rows are never changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from partnerdesk.core.actor import Actor
from partnerdesk.core.dates import period_start
from partnerdesk.organisations.models import Organisation
from partnerdesk.sources.models import Source
from partnerdesk.staffing.models import Posting, ReportedHeadcount
from partnerdesk.staffing.services import posting_create, reported_create

D = dt.date
Y, M, DAY = "YEAR", "MONTH", "DAY"

# (number, scheme, rank, host, post, start, start precision, end, end precision)
POSTINGS: list[tuple[int, str, str, str, str, dt.date, str, dt.date | None, str]] = [
    (
        1,
        "PSE",
        "Major",
        "NATO-IS",
        "Staff officer, Partnership Directorate",
        D(2002, 1, 1),
        Y,
        D(2005, 1, 1),
        Y,
    ),
    (
        2,
        "PSE",
        "Captain",
        "SHAPE",
        "Staff officer, partnership cell",
        D(2003, 1, 1),
        Y,
        D(2006, 1, 1),
        Y,
    ),
    (
        3,
        "PSE",
        "Major",
        "JFC-NAPLES",
        "Staff officer, training",
        D(2005, 1, 1),
        Y,
        D(2008, 1, 1),
        Y,
    ),
    (
        4,
        "PSE",
        "Lieutenant colonel",
        "NATO-IS",
        "Staff officer, defence policy",
        D(2006, 1, 1),
        Y,
        D(2009, 1, 1),
        Y,
    ),
    (
        5,
        "PSE",
        "Major",
        "MC",
        "Staff officer, cooperative security",
        D(2008, 9, 1),
        M,
        D(2011, 8, 1),
        M,
    ),
    (6, "PSE", "Major", "SHAPE", "Staff officer, exercises", D(2009, 1, 1), Y, D(2012, 1, 1), Y),
    (
        7,
        "VNC",
        "",
        "EADRCC",
        "Civil emergency expert (MES), response desk",
        D(2009, 1, 1),
        Y,
        None,
        DAY,
    ),
    (
        8,
        "VNC",
        "",
        "EADRCC",
        "Civil emergency expert (MES), planning desk",
        D(2009, 1, 1),
        Y,
        None,
        DAY,
    ),
    (
        9,
        "PSE",
        "Lieutenant colonel",
        "NATO-IS",
        "Staff officer, PfP programmes",
        D(2011, 7, 1),
        M,
        D(2014, 6, 1),
        M,
    ),
    (
        10,
        "PSE",
        "Major",
        "JFC-BRUNSSUM",
        "Staff officer, operations",
        D(2012, 9, 1),
        M,
        D(2015, 8, 1),
        M,
    ),
    (
        11,
        "PSE",
        "Major",
        "MC",
        "Staff officer, partnership",
        D(2013, 1, 15),
        DAY,
        D(2015, 12, 1),
        M,
    ),
    (
        12,
        "PSE",
        "Captain",
        "SHAPE",
        "Staff officer, interoperability",
        D(2013, 10, 1),
        M,
        D(2016, 9, 1),
        M,
    ),
    (
        13,
        "PSE",
        "Major",
        "NATO-IS",
        "Staff officer, operations division",
        D(2014, 2, 1),
        M,
        D(2017, 1, 1),
        M,
    ),
    (
        14,
        "PSE",
        "Major",
        "NATO-IS",
        "Staff officer, political affairs",
        D(2014, 7, 1),
        M,
        D(2016, 5, 1),
        M,
    ),
    (
        15,
        "PSE",
        "Lieutenant colonel",
        "MC",
        "Staff officer, plans and policy",
        D(2014, 9, 1),
        M,
        D(2016, 4, 15),
        DAY,
    ),
    (
        16,
        "PSE",
        "Major",
        "NATO-IS",
        "Staff officer, emerging security challenges",
        D(2015, 1, 1),
        Y,
        D(2018, 1, 1),
        Y,
    ),
    (
        17,
        "PSE",
        "Major",
        "NATO-IS",
        "Staff officer, defence investment",
        D(2015, 3, 1),
        M,
        D(2018, 2, 1),
        M,
    ),
    (
        18,
        "PSP",
        "Captain",
        "NATO-IS",
        "Staff officer, public diplomacy",
        D(2015, 9, 1),
        M,
        D(2018, 8, 1),
        M,
    ),
    (19, "PSP", "Major", "MC", "Staff officer, logistics", D(2015, 9, 1), M, D(2018, 8, 1), M),
    (
        20,
        "PSP",
        "Major",
        "NATO-IS",
        "Staff officer, partnership programmes",
        D(2016, 1, 1),
        M,
        D(2018, 12, 1),
        M,
    ),
    (
        21,
        "PSP",
        "Captain",
        "NATO-IS",
        "Staff officer, capability development",
        D(2016, 2, 1),
        M,
        D(2019, 1, 1),
        M,
    ),
    (
        22,
        "PSP",
        "Lieutenant colonel",
        "MC",
        "Staff officer, cooperative security",
        D(2016, 3, 1),
        DAY,
        D(2019, 2, 1),
        M,
    ),
]

# (as of, precision, scope, measure, since year, count, qualifier, wording, source)
REPORTED: list[tuple[dt.date | None, str, str, str, int | None, int, str, str, str]] = [
    (
        D(2014, 3, 25),
        DAY,
        "ALL_BODIES",
        "SERVING",
        None,
        7,
        "EXACT",
        "7 officers in NATO HQs",
        "S64",
    ),
    (
        D(2016, 3, 7),
        DAY,
        "NATO_HQ",
        "SERVING",
        None,
        12,
        "EXACT",
        "12 Azerbaijani officers work at NATO HQ (NATO liaison officer)",
        "S61",
    ),
    (
        D(2016, 6, 30),
        DAY,
        "NATO_HQ",
        "SERVING",
        None,
        10,
        "EXACT",
        "ten officers serving as Partnership HQ staff",
        "S62",
    ),
    (
        None,
        DAY,
        "ALL_BODIES",
        "PROVIDED_SINCE",
        2002,
        40,
        "MORE_THAN",
        "more than 40 officers provided since 2002",
        "S60",
    ),
]
ILLUSTRATIVE_NOTE = "Illustrative posting (source DEMO): a pseudonymous person, not a record."


def _posting(row: tuple[Any, ...], nation: Organisation, ids: dict[str, int], actor: Actor) -> bool:
    number, scheme, rank, host, post, start, start_precision, end, end_precision = row
    start = period_start(start, start_precision)
    if Posting.objects.filter(owner=nation, post_title=post, start_on=start, rank=rank).exists():
        return False
    sources = [ids["DEMO"]]
    notes = ILLUSTRATIVE_NOTE
    if scheme == "VNC":
        sources += [ids[k] for k in ("S57", "S58") if k in ids]
        notes = (
            "MES representatives serve in EADRCC as a voluntary national contribution since "
            "2009 [S57][S58]; the number of people (two) is illustrative."
        )
    posting_create(
        actor=actor,
        data={
            "owner": nation,
            "marking": "PUBLIC",
            "scheme": scheme,
            "person_name": f"Officer {nation.code}-{number:02d}",
            "rank": rank,
            "host": Organisation.objects.get(code=host),
            "post_title": post,
            "start_on": start,
            "start_precision": start_precision,
            "end_on": end,
            "end_precision": end_precision,
            "funding": "NATIONAL",
            "notes": notes,
            "sources": sources,
        },
    )
    return True


def load_demo(*, actor: Actor) -> int:
    """Create the staffing demo rows that do not exist yet; return how many rows were created."""
    nation = Organisation.objects.filter(code="AZE").first()
    if nation is None:
        return 0
    ids = {str(key): pk for key, pk in Source.objects.exclude(key=None).values_list("key", "pk")}
    if "DEMO" not in ids:
        return 0
    created = 0
    with transaction.atomic():
        for row in POSTINGS:
            created += _posting(row, nation, ids, actor)
        for as_of, precision, scope, measure, since, count, qualifier, wording, key in REPORTED:
            if ReportedHeadcount.objects.filter(owner=nation, wording=wording).exists():
                continue
            reported_create(
                actor=actor,
                data={
                    "owner": nation,
                    "marking": "PUBLIC",
                    "as_of": as_of,
                    "as_of_precision": precision,
                    "scope": scope,
                    "measure": measure,
                    "since_year": since,
                    "count": count,
                    "qualifier": qualifier,
                    "wording": wording,
                    "sources": [ids[key]] if key in ids else [],
                },
            )
            created += 1
    return created
