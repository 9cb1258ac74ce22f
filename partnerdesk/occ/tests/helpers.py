"""Small builders shared by the OCC tests (they go through the services like users do)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnerdesk.core.actor import Actor
from partnerdesk.occ.models import Evaluation, OccUnit
from partnerdesk.occ.services import evaluation_record, occunit_create


def actor(world: Any, name: str, source: str = "web") -> Actor:
    """The actor of a named test user."""
    return Actor(user=world.users[name], source=source, request_id="req-occ")


def unit(
    world: Any, *, name: str = "Infantry battalion", marking: str = "BILATERAL", **extra: Any
) -> OccUnit:
    """An Azerbaijani land unit created by the system actor."""
    data = {
        "owner": extra.pop("owner", world.aze),
        "marking": marking,
        "name": name,
        "service": "LAND",
        "unit_type": "infantry battalion",
        "declared_on": dt.date(2010, 1, 1),
        "declared_precision": "YEAR",
    } | extra
    return occunit_create(actor=Actor.system(), data=data)


def evaluation(
    target: OccUnit,
    level: str,
    start: dt.date,
    *,
    precision: str = "DAY",
    outcome: str = "PASSED",
    by: Actor | None = None,
    **extra: Any,
) -> Evaluation:
    """Record an evaluation through the service (system actor unless `by` is given)."""
    data = {
        "unit": target,
        "level": level,
        "start_on": start,
        "precision": precision,
        "outcome": outcome,
    } | extra
    return evaluation_record(actor=by or Actor.system(), data=data)
