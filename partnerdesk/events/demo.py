"""Demo rows of the events app: Azerbaijan's participation in NATO events, and a few upcoming
events in every state of the life cycle so the workflow can be tried.

ILLUSTRATIVE (ADR 0005): the public series says Azerbaijan took part in about 100 NATO events
in 2013, planned about 90 for 2014 and close to 200 in 2015 (domain.md §5.1). For each of
those years we create that many events of the demo catalogue's activities of the year —
first the activities in Azerbaijan's programme lines, then others, in a seeded order —
owned by the organiser when it is a NATO body (NATO-IS otherwise) and hosted at the
organiser, each inviting AZE (accepted) and two or three other partners. Past events are
HELD or CLOSED. When a year has no catalogue, ad-hoc events are created instead. Which events,
their dates, places and the other invited nations are our own illustration.

Deterministic and idempotent: a year's events are created only when that year has no demo
events yet, and each upcoming event only when no event has its title. Rows are bulk-created
through `core.services.record_bulk_create` (validated and audited, system actor).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from partnerdesk.core.actor import Actor
from partnerdesk.core.markings import Marking
from partnerdesk.core.services import record_bulk_create
from partnerdesk.events.choices import EventState, InvitationAnswer
from partnerdesk.events.models import Event, Invitation
from partnerdesk.organisations.choices import ALLIANCE_KINDS
from partnerdesk.organisations.models import Organisation
from partnerdesk.pcm.choices import ActivityFormat, Area
from partnerdesk.pcm.models import Activity, ProgrammeLine

DEMO_MARK = "Illustrative demo event."
#: Events Azerbaijan took part in, by year (domain.md §5.1).
YEAR_COUNTS = {2013: 100, 2014: 90, 2015: 200}
OTHER_PARTNERS = ("GEO", "ARM", "MDA", "UKR", "KAZ", "UZB", "SRB", "BIH", "MNE", "JOR")
PLACES = {
    "NATO-IS": "Brussels",
    "NSO": "Norfolk",
    "SHAPE": "Mons",
    "NATO-FC": "Rome",
    "NATO-LO-SC": "Oberammergau",
}
AD_HOC = [
    ("Partnership cooperation seminar", Area.REGIONAL, ActivityFormat.SEMINAR),
    ("Civil emergency planning course", Area.CIVIL_PREPAREDNESS, ActivityFormat.COURSE),
    ("Defence planning workshop", Area.DEFENCE_PLANNING, ActivityFormat.WORKSHOP),
    ("Cyber defence training", Area.CYBER, ActivityFormat.TRAINING),
    ("Border security conference", Area.BORDER, ActivityFormat.CONFERENCE),
]

#: Upcoming events: (title, owner, host, start, days, state, marking, invited {code: answer}).
UPCOMING: list[tuple[str, str, str, str, int, str, str, dict[str, str]]] = [
    (
        "Cyber defence awareness course (demo)",
        "NATO-IS",
        "NATO-IS",
        "2026-10-12",
        5,
        EventState.HELD,
        Marking.BILATERAL,
        {"AZE": "ACCEPTED", "GEO": "ACCEPTED"},
    ),
    (
        "Crisis management exercise planning (demo)",
        "NATO-IS",
        "SHAPE",
        "2026-12-07",
        3,
        EventState.REGISTRATION_CLOSED,
        Marking.BILATERAL,
        {"AZE": "ACCEPTED", "GEO": "DECLINED"},
    ),
    (
        "Defence institution building seminar (demo)",
        "NATO-IS",
        "NATO-IS",
        "2027-02-15",
        3,
        EventState.REGISTRATION_OPEN,
        Marking.PARTNERS,
        {"AZE": "ACCEPTED", "MDA": "NO_ANSWER"},
    ),
    (
        "Logistics in peace-support operations course (demo)",
        "NATO-IS",
        "NATO-IS",
        "2027-03-08",
        5,
        EventState.REGISTRATION_OPEN,
        Marking.BILATERAL,
        {"AZE": "ACCEPTED", "GEO": "ACCEPTED", "UKR": "NO_ANSWER"},
    ),
    (
        "Civil preparedness workshop (demo)",
        "NATO-IS",
        "NATO-IS",
        "2027-04-19",
        2,
        EventState.INVITATIONS_SENT,
        Marking.BILATERAL,
        {"AZE": "NO_ANSWER", "ARM": "NO_ANSWER"},
    ),
    (
        "Border security course (demo)",
        "NATO-IS",
        "NATO-IS",
        "2027-05-10",
        5,
        EventState.APPROVED,
        Marking.BILATERAL,
        {},
    ),
    (
        "Military English instructors' course (demo)",
        "AZE",
        "AZE",
        "2027-06-07",
        10,
        EventState.PROPOSED,
        Marking.BILATERAL,
        {},
    ),
    (
        "Mine action regional seminar (demo)",
        "GEO",
        "AZE",
        "2027-06-21",
        3,
        EventState.PROPOSED,
        Marking.PARTNERS,
        {},
    ),
    (
        "Public diplomacy workshop (demo)",
        "AZE",
        "AZE",
        "2027-09-13",
        2,
        EventState.DRAFT,
        Marking.NATIONAL_ONLY,
        {},
    ),
    (
        "Counter-terrorism conference (demo)",
        "NATO-IS",
        "NATO-IS",
        "2027-10-04",
        2,
        EventState.CANCELLED,
        Marking.PARTNERS,
        {"AZE": "NO_ANSWER"},
    ),
]
AREA_OF = {
    "Cyber": Area.CYBER,
    "Crisis": Area.CMPSO,
    "Defence": Area.DEFENCE_REFORM,
    "Logistics": Area.LOGISTICS,
    "Civil": Area.CIVIL_PREPAREDNESS,
    "Border": Area.BORDER,
    "Military": Area.LANGUAGE,
    "Mine": Area.DISARMAMENT,
    "Public": Area.REGIONAL,
    "Counter": Area.COUNTER_TERRORISM,
}
FORMAT_OF = {
    "course": ActivityFormat.COURSE,
    "exercise": ActivityFormat.EXERCISE,
    "seminar": ActivityFormat.SEMINAR,
    "workshop": ActivityFormat.WORKSHOP,
    "conference": ActivityFormat.CONFERENCE,
}


def _orgs() -> dict[str, Organisation]:
    codes = {"AZE", "NATO-IS", "SHAPE", *OTHER_PARTNERS}
    return {o.code: o for o in Organisation.objects.filter(code__in=codes)}


def _activities(year: int, count: int, aze: Organisation) -> list[Activity]:
    """`count` activities of `year`: Azerbaijan's programme lines first, then a seeded pick."""
    chosen: dict[int, Activity] = {}
    lines = (
        ProgrammeLine.objects.filter(owner=aze, activity__catalogue__year=year)
        .select_related("activity", "activity__organiser")
        .order_by("activity__code")
    )
    for line in lines:
        if len(chosen) < count:
            chosen.setdefault(line.activity_id, line.activity)
    if len(chosen) < count:
        rest = list(
            Activity.objects.filter(catalogue__year=year)
            .exclude(pk__in=list(chosen))
            .order_by("code")
            .values_list("pk", flat=True)
        )
        random.Random(f"events-{year}").shuffle(rest)  # noqa: S311 - illustrative data
        picked = rest[: count - len(chosen)]
        for activity in Activity.objects.filter(pk__in=picked).select_related("organiser"):
            chosen[activity.pk] = activity
    return sorted(chosen.values(), key=lambda a: a.code)


def _past_rows(year: int, orgs: dict[str, Organisation]) -> list[dict[str, Any]]:
    count = YEAR_COUNTS[year]
    activities = _activities(year, count, orgs["AZE"])
    nato_is = orgs["NATO-IS"]
    rows: list[dict[str, Any]] = []
    for index in range(count):
        start = dt.date(year, 1, 13) + dt.timedelta(days=(index * 340) // count)
        if index < len(activities):
            activity = activities[index]
            organiser = activity.organiser
            owner = organiser if organiser.kind in ALLIANCE_KINDS else nato_is
            days = max(1, min(activity.duration_days, 10))
            values: dict[str, Any] = {
                "activity": activity,
                "title": activity.title,
                "area": activity.area,
                "format": activity.format,
                "languages": activity.language,
                "host": organiser,
                "location": PLACES.get(organiser.code, organiser.name),
            }
        else:
            owner = nato_is
            title, area, form = AD_HOC[index % len(AD_HOC)]
            days = 3
            values = {
                "title": f"{title} {year}/{index + 1:03d}",
                "area": area,
                "format": form,
                "host": nato_is,
                "location": "Brussels",
            }
        rows.append(
            values
            | {
                "owner": owner,
                "marking": Marking.PARTNERS if index % 3 == 0 else Marking.BILATERAL,
                "description": DEMO_MARK,
                "start_date": start,
                "end_date": start + dt.timedelta(days=days - 1),
                "capacity": 20 + (index % 5) * 5,
                "state": EventState.CLOSED if index % 5 else EventState.HELD,
            }
        )
    return rows


def _invitation_rows(
    event: Event, invited: dict[str, str], orgs: dict[str, Organisation]
) -> list[dict[str, Any]]:
    rows = []
    answered_at = dt.datetime.combine(
        event.start_date - dt.timedelta(days=30), dt.time(9, 0), tzinfo=dt.UTC
    )
    for code, answer in invited.items():
        if code not in orgs or orgs[code].pk == event.owner_id:
            continue
        rows.append(
            {
                "event": event,
                "owner": orgs[code],
                "marking": Marking.BILATERAL,
                "answer": answer,
                "answered_at": None if answer == InvitationAnswer.NO_ANSWER else answered_at,
            }
        )
    return rows


def _others(index: int, year: int) -> dict[str, str]:
    rng = random.Random(f"invite-{year}-{index}")  # noqa: S311 - illustrative data
    picked = rng.sample(OTHER_PARTNERS, k=2 + index % 2)
    return {code: rng.choice(["ACCEPTED", "ACCEPTED", "DECLINED"]) for code in picked}


def _load_year(actor: Actor, year: int, orgs: dict[str, Organisation]) -> int:
    if Event.objects.filter(start_date__year=year, description=DEMO_MARK).exists():
        return 0
    events = record_bulk_create(Event, actor=actor, rows=_past_rows(year, orgs))
    invitations: list[dict[str, Any]] = []
    for index, event in enumerate(events):
        invitations += _invitation_rows(event, {"AZE": "ACCEPTED"} | _others(index, year), orgs)
    record_bulk_create(Invitation, actor=actor, rows=invitations)
    return len(events) + len(invitations)


def _area(title: str) -> str:
    return AREA_OF.get(title.split()[0], Area.REGIONAL)


def _format(title: str) -> str:
    lowered = title.lower()
    return next((f for word, f in FORMAT_OF.items() if word in lowered), ActivityFormat.OTHER)


def _load_upcoming(actor: Actor, orgs: dict[str, Organisation]) -> int:
    existing = set(
        Event.objects.filter(title__in=[row[0] for row in UPCOMING]).values_list("title", flat=True)
    )
    specs = [row for row in UPCOMING if row[0] not in existing]
    if not specs:
        return 0
    everyone = orgs
    rows = []
    for title, owner, host, start, days, state, marking, _ in specs:
        first = dt.date.fromisoformat(start)
        rows.append(
            {
                "owner": everyone[owner],
                "host": everyone[host],
                "title": title,
                "area": _area(title),
                "format": _format(title),
                "description": DEMO_MARK,
                "location": PLACES.get(host, everyone[host].name),
                "start_date": first,
                "end_date": first + dt.timedelta(days=days - 1),
                "capacity": 24,
                "state": state,
                "marking": marking,
                "state_note": "Overlaps a higher-priority exercise."
                if state == EventState.CANCELLED
                else "",
            }
        )
    events = record_bulk_create(Event, actor=actor, rows=rows)
    invitations: list[dict[str, Any]] = []
    for event, spec in zip(events, specs, strict=True):
        invitations += _invitation_rows(event, spec[7], everyone)
    record_bulk_create(Invitation, actor=actor, rows=invitations)
    return len(events) + len(invitations)


def load_demo(*, actor: Actor) -> int:
    """Create the demo rows that do not exist yet; return how many rows were created."""
    orgs = _orgs()
    if "AZE" not in orgs or "NATO-IS" not in orgs:
        return 0
    created = 0
    with transaction.atomic():
        for year in YEAR_COUNTS:
            created += _load_year(actor, year, orgs)
        created += _load_upcoming(actor, orgs)
    return created
