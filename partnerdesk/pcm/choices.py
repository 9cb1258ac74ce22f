"""Enumerations of the Partnership Cooperation Menu: areas, formats, priorities."""

from __future__ import annotations

from django.db import models


class Area(models.TextChoices):
    """Areas of cooperation named publicly for the EAPWP/PCM (domain.md §3.2).

    The value is the short code used in synthetic activity codes `PCM-<year>-<AREA>-<nnnn>`.
    """

    CMPSO = "CMPSO", "Crisis management and peace-support operations"
    REGIONAL = "REG", "Regional issues"
    ARMS_CONTROL = "ACWMD", "Arms control, WMD non-proliferation and SALW"
    COUNTER_TERRORISM = "CT", "Counter-terrorism"
    BORDER = "BORDER", "Border security"
    DEFENCE_PLANNING = "DPLAN", "Defence planning, budgeting, policy and strategy"
    CIVIL_PREPAREDNESS = "CEP", "Civil preparedness and civil emergency planning"
    ARMAMENTS = "ARM", "Armaments cooperation"
    NUCLEAR_SAFETY = "NUC", "Nuclear safety"
    AIR_TRAFFIC = "ATM", "Civil-military air traffic management"
    SCIENCE = "SCI", "Scientific cooperation"
    DEFENCE_REFORM = "DREF", "Defence reform"
    DDR = "DDR", "Demobilisation and reintegration"
    CYBER = "CYBER", "Cyber defence"
    EDUCATION = "EDU", "Education and training"
    LOGISTICS = "LOG", "Logistics"
    DISARMAMENT = "DISARM", "Disarmament"
    LANGUAGE = "LANG", "Language training"
    MIL_GEOGRAPHY = "MILGEO", "Military geography"


class ActivityFormat(models.TextChoices):
    """What kind of activity a menu entry is."""

    COURSE = "COURSE", "Course"
    SEMINAR = "SEMINAR", "Seminar"
    WORKSHOP = "WORKSHOP", "Workshop"
    EXERCISE = "EXERCISE", "Exercise"
    CONFERENCE = "CONFERENCE", "Conference"
    TRAINING = "TRAINING", "Training"
    OTHER = "OTHER", "Other"


class CatalogueStatus(models.TextChoices):
    """A year's menu is prepared as a draft, then published to partners."""

    DRAFT = "DRAFT", "Draft"
    PUBLISHED = "PUBLISHED", "Published"


class Priority(models.TextChoices):
    """How much a nation wants an activity in its programme."""

    HIGH = "HIGH", "High"
    MEDIUM = "MEDIUM", "Medium"
    LOW = "LOW", "Low"


CODE_PATTERN = r"^PCM-(?P<year>\d{4})-(?P<area>[A-Z]{2,6})-(?P<number>\d{4})$"


#: A draft menu is published once; a published menu stays published (corrections are updates).
CATALOGUE_TRANSITIONS: dict[str, frozenset[str]] = {
    CatalogueStatus.DRAFT: frozenset({CatalogueStatus.PUBLISHED}),
    CatalogueStatus.PUBLISHED: frozenset(),
}

#: The frameworks an activity may be restricted to (NATO itself is not a partner framework).
PARTNER_FRAMEWORK_VALUES: tuple[str, ...] = ("EAPC_PFP", "MD", "ICI", "GLOBAL")
