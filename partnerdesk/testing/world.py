"""A small, complete test world: two partner nations, the alliance, one user per role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model

from partnerdesk.core.roles import Role

PASSWORD = "a-long-test-password-1"


@dataclass
class World:
    """Organisations and users the tests share; `users` maps a short name to a user."""

    aze: Any
    geo: Any
    nato: Any
    users: dict[str, Any] = field(default_factory=dict)


ROLE_USERS: dict[str, tuple[str, str]] = {
    # name: (role, organisation attribute)
    "aze_coordinator": (Role.PARTNER_COORDINATOR, "aze_mfa"),
    "aze_assessor": (Role.PARTNER_ASSESSOR, "aze"),
    "aze_viewer": (Role.PARTNER_VIEWER, "aze"),
    "geo_coordinator": (Role.PARTNER_COORDINATOR, "geo"),
    "geo_viewer": (Role.PARTNER_VIEWER, "geo"),
    "staff_all": (Role.ALLIANCE_STAFF, "nato"),
    "staff_geo": (Role.ALLIANCE_STAFF, "nato"),
    "alliance_assessor": (Role.ALLIANCE_ASSESSOR, "nato"),
    "analyst": (Role.ANALYST, "nato"),
    "admin": (Role.ADMINISTRATOR, "nato"),
    "deactivated": (Role.PARTNER_COORDINATOR, "aze"),
}


def build_world() -> World:
    """Create the organisations, PfP memberships and one user per role (written directly:
    this is fixture data, not a user action, so it bypasses services and the audit log)."""
    from partnerdesk.organisations.models import Membership, Organisation

    aze = Organisation.objects.create(code="AZE", name="Azerbaijan", kind="STATE")
    geo = Organisation.objects.create(code="GEO", name="Georgia", kind="STATE")
    nato = Organisation.objects.create(
        code="NATO-IS", name="NATO International Staff", kind="NATO_BODY"
    )
    aze_mfa = Organisation.objects.create(
        code="AZE-MFA",
        name="Ministry of Foreign Affairs of Azerbaijan",
        kind="NATIONAL_AGENCY",
        parent=aze,
    )
    Membership.objects.create(organisation=aze, framework="EAPC_PFP", start=dt.date(1994, 5, 4))
    Membership.objects.create(organisation=geo, framework="EAPC_PFP", start=dt.date(1994, 3, 23))
    orgs = {"aze": aze, "geo": geo, "nato": nato, "aze_mfa": aze_mfa}
    world = World(aze=aze, geo=geo, nato=nato)
    user_model = get_user_model()
    for name, (role, org_key) in ROLE_USERS.items():
        user = user_model(
            username=name,
            role=role,
            organisation=orgs[org_key],
            all_nations=name == "staff_all",
            is_active=name != "deactivated",
        )
        user.set_password(PASSWORD)
        user.save()
        if name == "staff_geo":
            user.assigned_nations.set([geo])
        world.users[name] = user
    return world
