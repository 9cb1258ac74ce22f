"""Builders shared by the participation tests.

Events and invitations are fixture data here (written directly, like the test world); every
participation row goes through the services, like users do.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnerdesk.core.actor import Actor
from partnerdesk.events.models import Event, Invitation
from partnerdesk.participation.models import Registration
from partnerdesk.participation.services import registration_nominate


def actor(world: Any, name: str, source: str = "web") -> Actor:
    """The actor of a named test user."""
    return Actor(user=world.users[name], source=source, request_id="req-participation")


def event(
    world: Any,
    *,
    title: str = "Cyber defence course",
    state: str = "REGISTRATION_OPEN",
    capacity: int = 10,
    marking: str = "PARTNERS",
    owner: Any = None,
    start: dt.date = dt.date(2015, 5, 4),
    area: str = "CYBER",
    invite: tuple[str, ...] = ("aze", "geo"),
    answer: str = "ACCEPTED",
    activity: Any = None,
) -> Event:
    """An event organised by NATO (unless `owner`), with the named nations invited."""
    made = Event.objects.create(
        owner=owner or world.nato,
        marking=marking,
        activity=activity,
        title=title,
        area=area,
        format="COURSE",
        host=world.nato,
        location="Oberammergau",
        start_date=start,
        end_date=start + dt.timedelta(days=4),
        capacity=capacity,
        state=state,
    )
    for key in invite:
        Invitation.objects.create(
            event=made, owner=getattr(world, key), marking="BILATERAL", answer=answer
        )
    return made


def nominate(
    world: Any,
    target: Event,
    name: str = "Participant AZE-0001",
    *,
    by: str = "aze_coordinator",
    category: str = "MILITARY",
    **extra: Any,
) -> Registration:
    """Nominate a participant through the service as the named user."""
    data = {
        "event": target,
        "person_name": name,
        "rank_title": "Captain",
        "category": category,
        "organisation_name": "Ministry of Defence",
    } | extra
    return registration_nominate(actor=actor(world, by), data=data)


def set_state(target: Event, state: str) -> Event:
    """Move the fixture event to another state (the events app's life cycle is not under test)."""
    Event.objects.filter(pk=target.pk).update(state=state)
    target.refresh_from_db()
    return target
