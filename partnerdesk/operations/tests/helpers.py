"""Small builders shared by the operations tests (they go through the services like users)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnerdesk.core.actor import Actor
from partnerdesk.operations.models import ContributionSnapshot, Operation
from partnerdesk.operations.services import contribution_create, operation_create
from partnerdesk.organisations.models import Organisation


def actor(world: Any, name: str, source: str = "web") -> Actor:
    """The actor of a named test user."""
    return Actor(user=world.users[name], source=source, request_id="req-ops")


def turkey() -> Organisation:
    """Türkiye as a framework nation (not part of the shared test world)."""
    found, _ = Organisation.objects.get_or_create(
        code="TUR", defaults={"name": "Türkiye", "kind": "STATE"}
    )
    return found


def operation(code: str = "ISAF", **extra: Any) -> Operation:
    """An operation created by the system actor."""
    names = {
        "KFOR": ("Kosovo Force", dt.date(1999, 1, 1), "YEAR", None),
        "ISAF": (
            "International Security Assistance Force",
            dt.date(2001, 1, 1),
            "YEAR",
            dt.date(2014, 12, 28),
        ),
        "RSM": ("Resolute Support Mission", dt.date(2015, 1, 1), "DAY", None),
    }
    name, start, precision, end = names.get(code, (f"Operation {code}", None, "DAY", None))
    data = {
        "code": code,
        "name": name,
        "mandate_start": start,
        "mandate_start_precision": precision,
        "mandate_end": end,
    } | extra
    return operation_create(actor=Actor.system(), data=data)


def snapshot(
    world: Any,
    target: Operation,
    as_of: dt.date,
    *,
    precision: str = "DAY",
    marking: str = "BILATERAL",
    by: Actor | None = None,
    **extra: Any,
) -> ContributionSnapshot:
    """A snapshot of Azerbaijan (unless `owner` is given), 10 infantry unless told otherwise."""
    data = {
        "owner": extra.pop("owner", world.aze),
        "marking": marking,
        "operation": target,
        "as_of": as_of,
        "as_of_precision": precision,
        "infantry": extra.pop("infantry", 10),
    } | extra
    return contribution_create(actor=by or Actor.system(), data=data)
