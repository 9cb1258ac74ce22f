"""Enumerations of contributions to NATO-led operations."""

from __future__ import annotations

from django.db import models

from partnerdesk.core.dates import DatePrecision

__all__ = ["HEADCOUNT_FIELDS", "DatePrecision", "LegalBasisKind"]


class LegalBasisKind(models.TextChoices):
    """The national act that allowed a contribution."""

    EXCHANGE_OF_LETTERS = "EXCHANGE_OF_LETTERS", "Exchange of letters"
    PARLIAMENTARY_APPROVAL = "PARLIAMENTARY_APPROVAL", "Parliamentary approval"
    GOVERNMENT_DECISION = "GOVERNMENT_DECISION", "Government decision"
    OTHER = "OTHER", "Other"


# The headcount categories a snapshot records, in display order: (field name, label).
# The total strength is always their sum and is never stored.
HEADCOUNT_FIELDS: tuple[tuple[str, str], ...] = (
    ("infantry", "Infantry / servicemen"),
    ("medical_officers", "Medical officers"),
    ("engineers", "Sappers / engineers"),
    ("staff_officers", "Staff officers"),
    ("other", "Other"),
)
# Short words for summaries: "90 infantry · 2 medical · 2 sappers".
HEADCOUNT_SHORT: dict[str, str] = {
    "infantry": "infantry",
    "medical_officers": "medical",
    "engineers": "sappers",
    "staff_officers": "staff officers",
    "other": "other",
}
HEADCOUNT_NAMES: tuple[str, ...] = tuple(name for name, _ in HEADCOUNT_FIELDS)

# Operations with a fixed colour in charts, so KFOR, ISAF and RSM look the same everywhere.
OPERATION_COLOURS: dict[str, str] = {
    "KFOR": "#2f5d9f",
    "ISAF": "#1d6b3a",
    "RSM": "#a15c00",
}
FALLBACK_COLOURS: tuple[str, ...] = ("#7a3e9d", "#b42318", "#0e7490", "#5b6675")
