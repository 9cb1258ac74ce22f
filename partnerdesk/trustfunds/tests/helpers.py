"""Small builders shared by the trust-fund tests (they go through the services like users do)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from partnerdesk.core.actor import Actor
from partnerdesk.organisations.models import Organisation
from partnerdesk.trustfunds.models import Contribution, Kpi, Phase, Project
from partnerdesk.trustfunds.services import (
    contribution_create,
    kpi_create,
    phase_create,
    project_create,
)


def actor(world: Any, name: str, source: str = "web") -> Actor:
    """The actor of a named test user."""
    return Actor(user=world.users[name], source=source, request_id="req-tf")


def org(code: str, name: str = "", kind: str = "STATE") -> Organisation:
    """A reference organisation (fixture data, written directly)."""
    found, _ = Organisation.objects.get_or_create(
        code=code, defaults={"name": name or code, "kind": kind}
    )
    return found


def project(
    world: Any, *, title: str = "Saloglu UXO clearance", marking: str = "BILATERAL", **extra: Any
) -> Project:
    """An Azerbaijani demining project created by the system actor."""
    data = {
        "owner": extra.pop("owner", world.aze),
        "marking": marking,
        "title": title,
        "theme": "DEMINING",
        "requested_on": dt.date(2001, 12, 17),
        "requested_precision": "MONTH",
    } | extra
    return project_create(actor=Actor.system(), data=data)


def phase(target: Project, number: int = 1, **extra: Any) -> Phase:
    """A phase of `target` (budget in EUR when given as text)."""
    data: dict[str, Any] = {"project": target, "number": number} | extra
    if isinstance(data.get("budget"), str):
        data["budget"] = Decimal(data["budget"])
        data.setdefault("currency", "EUR")
    return phase_create(actor=Actor.system(), data=data)


def contribution(
    target: Phase, donor: Organisation, amount: str | None, **extra: Any
) -> Contribution:
    """A contribution to `target` (EUR unless another currency is given)."""
    data: dict[str, Any] = {"phase": target, "donor": donor} | extra
    if amount is not None:
        data["amount"] = Decimal(amount)
        data.setdefault("currency", "EUR")
    return contribution_create(actor=Actor.system(), data=data)


def kpi(target: Phase, metric: str, value: str, as_of: dt.date, **extra: Any) -> Kpi:
    """A KPI of `target` dated to the month."""
    data = {
        "phase": target,
        "metric": metric,
        "value": Decimal(value),
        "as_of": as_of,
        "as_of_precision": "MONTH",
    } | extra
    return kpi_create(actor=Actor.system(), data=data)
