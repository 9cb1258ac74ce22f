"""Building blocks for the plans tests: plans and their contents written through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnerdesk.core.actor import Actor
from partnerdesk.plans import services
from partnerdesk.plans.models import Chapter, Commitment, Objective, Plan

SYSTEM = Actor.system()


def actor(world: Any, name: str, source: str = "web") -> Actor:
    """The actor of test user `name`."""
    return Actor(user=world.users[name], source=source, request_id=f"req-{name}")


def plan(world: Any, *, owner: Any = None, start: int = 2015, **overrides: Any) -> Plan:
    """An IPAP of Azerbaijan (six standard chapters), created by the system."""
    data = {
        "owner": owner or world.aze,
        "plan_type": "IPAP",
        "title": f"IPAP {start}",
        "marking": "BILATERAL",
        "period_start": dt.date(start, 1, 1),
    } | overrides
    return services.plan_create(actor=SYSTEM, data=data)


def chapter(p: Plan, code: str = "2") -> Chapter:
    return p.chapters.get(code=code)


def objective(p: Plan, code: str, text: str, chapter_code: str = "2", **extra: Any) -> Objective:
    return services.objective_create(
        actor=SYSTEM,
        data={"chapter": chapter(p, chapter_code), "code": code, "text": text} | extra,
    )


def commitment(o: Objective, text: str, status: str = "NOT_STARTED", **extra: Any) -> Commitment:
    return services.commitment_create(
        actor=SYSTEM, data={"objective": o, "text": text, "status": status} | extra
    )
