"""Roles a user can hold. Each user has exactly one role and one organisation."""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    """What a user may do; the nation they may do it for comes from their organisation."""

    PARTNER_COORDINATOR = "PARTNER_COORDINATOR", "Partner coordinator"
    PARTNER_ASSESSOR = "PARTNER_ASSESSOR", "Partner assessor"
    PARTNER_VIEWER = "PARTNER_VIEWER", "Partner viewer"
    ALLIANCE_STAFF = "ALLIANCE_STAFF", "Alliance staff"
    ALLIANCE_ASSESSOR = "ALLIANCE_ASSESSOR", "Alliance assessor"
    ANALYST = "ANALYST", "Analyst"
    ADMINISTRATOR = "ADMINISTRATOR", "Administrator"


PARTNER_ROLES = frozenset({Role.PARTNER_COORDINATOR, Role.PARTNER_ASSESSOR, Role.PARTNER_VIEWER})
ALLIANCE_ROLES = frozenset(
    {Role.ALLIANCE_STAFF, Role.ALLIANCE_ASSESSOR, Role.ANALYST, Role.ADMINISTRATOR}
)
