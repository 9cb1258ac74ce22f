"""Markings: who may read a record that belongs to a nation."""

from __future__ import annotations

from django.db import models


class Marking(models.TextChoices):
    """Releasability of a nation-owned record, from widest to narrowest audience."""

    PUBLIC = "PUBLIC", "Public"
    PARTNERS = "PARTNERS", "Partners (releasable to all partners)"
    BILATERAL = "BILATERAL", "Bilateral (owning nation and alliance staff)"
    ALLIANCE_ONLY = "ALLIANCE_ONLY", "Alliance only"
    NATIONAL_ONLY = "NATIONAL_ONLY", "National only (owning nation's internal annex)"


SHORT_LABELS: dict[str, str] = {
    Marking.PUBLIC: "PUBLIC",
    Marking.PARTNERS: "PARTNERS",
    Marking.BILATERAL: "BILATERAL",
    Marking.ALLIANCE_ONLY: "ALLIANCE ONLY",
    Marking.NATIONAL_ONLY: "NATIONAL ONLY",
}
