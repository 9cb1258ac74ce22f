"""Small builders shared by the staffing tests (they go through the services like users do)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnerdesk.core.actor import Actor
from partnerdesk.organisations.models import Organisation
from partnerdesk.staffing.models import Posting, ReportedHeadcount
from partnerdesk.staffing.services import posting_create, reported_create

SECRET_NAME = "Rashad Zeynalov-Testname"


def actor(world: Any, name: str, source: str = "web") -> Actor:
    """The actor of a named test user."""
    return Actor(user=world.users[name], source=source, request_id="req-staffing")


def host(code: str = "SHAPE", kind: str = "NATO_BODY") -> Organisation:
    """A host body (created once; the world already has NATO-IS)."""
    found = Organisation.objects.filter(code=code).first()
    if found is not None:
        return found
    return Organisation.objects.create(code=code, name=f"Body {code}", kind=kind)


def posting(
    world: Any,
    *,
    marking: str = "BILATERAL",
    name: str = SECRET_NAME,
    start: dt.date = dt.date(2015, 3, 1),
    precision: str = "DAY",
    end: dt.date | None = None,
    end_precision: str = "DAY",
    at: str = "NATO-IS",
    **extra: Any,
) -> Posting:
    """An Azerbaijani posting created by the system actor (which may set the name)."""
    data = {
        "owner": extra.pop("owner", world.aze),
        "marking": marking,
        "scheme": "PSE",
        "person_name": name,
        "rank": "Major",
        "host": host(at),
        "post_title": extra.pop("post_title", "Staff officer"),
        "start_on": start,
        "start_precision": precision,
        "end_on": end,
        "end_precision": end_precision,
    } | extra
    return posting_create(actor=Actor.system(), data=data)


def reported(world: Any, *, marking: str = "BILATERAL", **extra: Any) -> ReportedHeadcount:
    """A reported headcount of Azerbaijan created by the system actor."""
    data = {
        "owner": world.aze,
        "marking": marking,
        "as_of": dt.date(2016, 3, 7),
        "scope": "NATO_HQ",
        "count": 12,
    } | extra
    return reported_create(actor=Actor.system(), data=data)
