"""Demo rows of the participation app: Azerbaijani participants of the events demo's past
events, attended, so that the counts reproduce the public series (domain.md §3.2, §5.1).

ILLUSTRATIVE (ADR 0005): the public figures are about 100 events with more than 1,000
Azerbaijani soldiers in 2013, about 90 events with about 900 soldiers in 2014, and close to
200 events with military and civilian participants in 2015. For every event of those years
that took place with Azerbaijan's invitation accepted, we register approved, attended
participants: in 2013 ten or eleven soldiers (alternately), in 2014 ten soldiers, in 2015
four military and two civilian participants; and a few feedback rows. Names are clearly
synthetic ("Participant AZE-2015-0001").

Deterministic and idempotent: a year is loaded only when it has no demo participants yet.
Rows are bulk-created through `core.services.record_bulk_create` (validated, audited).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from partnerdesk.core.actor import Actor
from partnerdesk.core.markings import Marking
from partnerdesk.core.services import record_bulk_create
from partnerdesk.events.choices import TOOK_PLACE_STATES, InvitationAnswer
from partnerdesk.events.models import Event, Invitation
from partnerdesk.organisations.models import Organisation
from partnerdesk.participation.choices import Category, RegistrationStatus
from partnerdesk.participation.models import Feedback, Registration

NATION = "AZE"
YEARS = (2013, 2014, 2015)
MILITARY_RANKS = ("Captain", "Major", "Lieutenant", "Senior lieutenant", "Lieutenant colonel")
CIVILIAN_TITLES = ("Desk officer", "Adviser", "Head of unit")
FEEDBACK_EVENTS = 12  # the first events of 2015 get one feedback each


def participants_per_event(year: int, index: int) -> tuple[int, int]:
    """(military, civilian) participants registered for the `index`-th event of `year`."""
    if year == 2013:
        return (11 if index % 2 == 0 else 10), 0
    if year == 2014:
        return 10, 0
    return 4, 2


def _name(year: int, number: int) -> str:
    return f"Participant {NATION}-{year}-{number:04d}"


def _events(nation: Organisation, year: int) -> list[Event]:
    accepted = Invitation.objects.filter(owner=nation, answer=InvitationAnswer.ACCEPTED)
    return list(
        Event.objects.filter(
            start_date__year=year,
            state__in=sorted(TOOK_PLACE_STATES),
            pk__in=accepted.values("event_id"),
        ).order_by("start_date", "pk")
    )


def _rows(
    year: int, events: list[Event], orgs: dict[str, Organisation | None], nation: Organisation
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    number = 0
    for index, event in enumerate(events):
        military, civilian = participants_per_event(year, index)
        queued = dt.datetime.combine(
            event.start_date - dt.timedelta(days=40), dt.time(9, 0), tzinfo=dt.UTC
        )
        checked = dt.datetime.combine(event.start_date, dt.time(8, 30), tzinfo=dt.UTC)
        for seat in range(military + civilian):
            number += 1
            is_military = seat < military
            organisation = orgs["AZE-MOD"] if is_military else orgs["AZE-MFA"]
            titles = MILITARY_RANKS if is_military else CIVILIAN_TITLES
            rows.append(
                {
                    "event": event,
                    "owner": nation,
                    "marking": Marking.BILATERAL,
                    "person_name": _name(year, number),
                    "rank_title": titles[number % len(titles)],
                    "category": Category.MILITARY if is_military else Category.CIVILIAN,
                    "organisation": organisation,
                    "organisation_name": ""
                    if organisation
                    else ("Ministry of Defence" if is_military else "Ministry of Foreign Affairs"),
                    "status": RegistrationStatus.APPROVED,
                    "queued_at": queued + dt.timedelta(minutes=seat),
                    "attended": True,
                    "checked_in_at": checked,
                }
            )
    return rows


def _feedback_rows(registrations: list[Registration]) -> list[dict[str, Any]]:
    first_per_event: dict[int, Registration] = {}
    for registration in registrations:
        first_per_event.setdefault(registration.event_id, registration)
    rows = []
    for index, registration in enumerate(list(first_per_event.values())[:FEEDBACK_EVENTS]):
        rows.append(
            {
                "registration": registration,
                "owner": registration.owner,
                "marking": Marking.NATIONAL_ONLY if index % 4 == 3 else Marking.BILATERAL,
                "overall": 3 + index % 3,
                "relevance": 5 - index % 2,
                "comments": "Illustrative demo feedback: practical, well organised; more "
                "hands-on exercises would help.",
            }
        )
    return rows


def load_demo(*, actor: Actor) -> int:
    """Create the demo rows that do not exist yet; return how many rows were created."""
    nation = Organisation.objects.filter(code=NATION).first()
    if nation is None:
        return 0
    orgs: dict[str, Organisation | None] = {
        code: Organisation.objects.filter(code=code).first() for code in ("AZE-MOD", "AZE-MFA")
    }
    created = 0
    with transaction.atomic():
        for year in YEARS:
            if Registration.objects.filter(
                owner=nation, person_name__startswith=f"Participant {NATION}-{year}-"
            ).exists():
                continue
            rows = _rows(year, _events(nation, year), orgs, nation)
            if not rows:
                continue
            registrations = record_bulk_create(Registration, actor=actor, rows=rows)
            created += len(registrations)
            if year == YEARS[-1]:
                feedback = record_bulk_create(
                    Feedback, actor=actor, rows=_feedback_rows(registrations)
                )
                created += len(feedback)
    return created
