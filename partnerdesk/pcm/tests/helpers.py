"""Building blocks for the pcm tests: catalogues, activities and lines through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnerdesk.core.actor import Actor
from partnerdesk.organisations.models import Organisation
from partnerdesk.pcm import services
from partnerdesk.pcm.models import Activity, Catalogue, ProgrammeLine
from partnerdesk.plans import services as plan_services
from partnerdesk.plans.models import Objective, Plan

SYSTEM = Actor.system()


def actor(world: Any, name: str, source: str = "web") -> Actor:
    """The actor of test user `name`."""
    return Actor(user=world.users[name], source=source, request_id=f"req-{name}")


def catalogue(year: int = 2015) -> Catalogue:
    """The catalogue of `year` (created by the system when missing)."""
    return services.catalogue_get_or_create(actor=SYSTEM, year=year)[0]


def activity(
    world: Any, year: int = 2015, area: str = "CYBER", number: int = 1, **extra: Any
) -> Activity:
    """An activity of the `year` catalogue organised by NATO-IS, open to all by default."""
    data = {
        "catalogue": catalogue(year),
        "code": f"PCM-{year}-{area}-{number:04d}",
        "title": f"{area} course {number}",
        "area": area,
        "format": "COURSE",
        "organiser": world.nato,
    } | extra
    return services.activity_create(actor=SYSTEM, data=data)


def plan(world: Any, *, owner: Any = None, start: int = 2015, **overrides: Any) -> Plan:
    """A two-year IPCP of Azerbaijan (or `owner`) from `start`, marked BILATERAL."""
    data = {
        "owner": owner or world.aze,
        "plan_type": "IPCP",
        "title": f"IPCP {start}",
        "marking": "BILATERAL",
        "period_start": dt.date(start, 1, 1),
    } | overrides
    return plan_services.plan_create(actor=SYSTEM, data=data)


def objective(p: Plan, code: str = "1.1", **extra: Any) -> Objective:
    """An objective in the plan's first chapter."""
    return plan_services.objective_create(
        actor=SYSTEM,
        data={"chapter": p.chapters.order_by("position")[0], "code": code, "text": f"Obj {code}"}
        | extra,
    )


def line(p: Plan, a: Activity, **extra: Any) -> ProgrammeLine:
    """A programme line of plan `p` picking activity `a` (created by the system)."""
    return services.programme_line_create(actor=SYSTEM, data={"plan": p, "activity": a} | extra)


def state(code: str, name: str) -> Organisation:
    """A further state (fixture data)."""
    return Organisation.objects.create(code=code, name=name, kind="STATE")
