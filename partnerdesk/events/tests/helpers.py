"""Small builders shared by the events tests (they go through the services like users do)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnerdesk.core.actor import Actor
from partnerdesk.events.models import Event, Invitation
from partnerdesk.events.services import event_create, event_transition, invitation_create

START = dt.date(2030, 5, 6)


def actor(world: Any, name: str, source: str = "web") -> Actor:
    """The actor of a named test user."""
    return Actor(user=world.users[name], source=source, request_id="req-events")


def event(
    world: Any,
    *,
    owner: Any = None,
    marking: str = "BILATERAL",
    title: str = "Cyber defence course",
    start: dt.date = START,
    **extra: Any,
) -> Event:
    """An ad-hoc DRAFT event organised by Azerbaijan (unless `owner`), created by the system."""
    data = {
        "owner": owner or world.aze,
        "marking": marking,
        "title": title,
        "area": "CYBER",
        "format": "COURSE",
        "host": extra.pop("host", owner or world.aze),
        "location": "Baku",
        "start_date": start,
        "end_date": start + dt.timedelta(days=4),
        "capacity": 20,
    } | extra
    return event_create(actor=Actor.system(), data=data)


PATH_TO: dict[str, list[str]] = {
    "DRAFT": [],
    "PROPOSED": ["PROPOSED"],
    "APPROVED": ["PROPOSED", "APPROVED"],
    "REJECTED": ["PROPOSED", "REJECTED"],
    "INVITATIONS_SENT": ["PROPOSED", "APPROVED", "INVITATIONS_SENT"],
    "REGISTRATION_OPEN": ["PROPOSED", "APPROVED", "INVITATIONS_SENT", "REGISTRATION_OPEN"],
    "REGISTRATION_CLOSED": [
        "PROPOSED",
        "APPROVED",
        "INVITATIONS_SENT",
        "REGISTRATION_OPEN",
        "REGISTRATION_CLOSED",
    ],
    "HELD": [
        "PROPOSED",
        "APPROVED",
        "INVITATIONS_SENT",
        "REGISTRATION_OPEN",
        "REGISTRATION_CLOSED",
        "HELD",
    ],
    "FEEDBACK_COLLECTED": [
        "PROPOSED",
        "APPROVED",
        "INVITATIONS_SENT",
        "REGISTRATION_OPEN",
        "REGISTRATION_CLOSED",
        "HELD",
        "FEEDBACK_COLLECTED",
    ],
    "CLOSED": [
        "PROPOSED",
        "APPROVED",
        "INVITATIONS_SENT",
        "REGISTRATION_OPEN",
        "REGISTRATION_CLOSED",
        "HELD",
        "FEEDBACK_COLLECTED",
        "CLOSED",
    ],
    "CANCELLED": ["CANCELLED"],
}


def move_to(target: Event, state: str, *, invite: tuple[Any, ...] = ()) -> Event:
    """Walk `target` along the life cycle to `state` as the system (inviting `invite` nations
    once approved; GEO when none are given)."""
    system = Actor.system()
    current = target
    for step in PATH_TO[state]:
        if step == "INVITATIONS_SENT":
            invitation_create(actor=system, event=current, nations=list(invite) or ["GEO"])
        note = "reason" if step in ("REJECTED", "CANCELLED") else ""
        current = event_transition(
            current,
            actor=system,
            expected_version=current.version,
            target=step,
            note=note,
            today=current.start_date,
        )
    return current


def invitation(target: Event, nation: Any) -> Invitation:
    """The invitation of `nation` to `target`."""
    return Invitation.objects.get(event=target, owner=nation)
