"""Enumerations of the staffing domain and the explicit set of NATO HQ (Brussels) bodies."""

from __future__ import annotations

from django.db import models

from partnerdesk.core.dates import DatePrecision

__all__ = ["DatePrecision"]


class Scheme(models.TextChoices):
    """Under which scheme a partner officer or expert serves in a NATO body.

    PSE and PSP are the older and newer names the Azerbaijani MFA gives the partnership staff
    programme [S59][S60]; the press's "Partnership Headquarters Element" is the same scheme.
    VNC posts are offered and paid by the nation outside that programme (MES staff at EADRCC).
    """

    PSE = "PSE", "PSE — Partnership Staff Element"
    PSP = "PSP", "PSP — Partnership Staff Post"
    VNC = "VNC", "VNC — Voluntary National Contribution"


SCHEME_HELP = (
    "PSE (Partnership Staff Element) and PSP (Partnership Staff Post) are the older and newer "
    "names of the partnership staff programme; the press's “Partnership Headquarters Element” "
    "is the same scheme. VNC: a post the nation offers and funds outside that programme."
)


class Funding(models.TextChoices):
    """Who pays for the post (the nation, by default)."""

    NATIONAL = "NATIONAL", "National"
    NATO = "NATO", "NATO common funding"
    OTHER = "OTHER", "Other"


class Scope(models.TextChoices):
    """Which host bodies a headcount counts."""

    NATO_HQ = "NATO_HQ", "NATO HQ (Brussels) only"
    ALL_BODIES = "ALL_BODIES", "All NATO bodies (HQ, commands, agencies)"


# The organisations (by code) that make up NATO Headquarters in Brussels, and with them every
# body whose parent is one of them. EADRCC is a centre inside NATO HQ, so the MES staff there
# count as NATO HQ staff; SHAPE, the commands, schools and agencies count only under ALL_BODIES.
NATO_HQ_BODIES: frozenset[str] = frozenset(
    {"NAC", "NATO-IS", "NATO-IMS", "MC", "PPC", "PCSC", "PMSC", "EADRCC"}
)


class Measure(models.TextChoices):
    """What a reported figure counts."""

    SERVING = "SERVING", "Serving on the date"
    PROVIDED_SINCE = "PROVIDED_SINCE", "Provided since a year (cumulative)"


class Qualifier(models.TextChoices):
    """How exact a reported figure is."""

    EXACT = "EXACT", "Exactly"
    APPROXIMATE = "APPROXIMATE", "About"
    MORE_THAN = "MORE_THAN", "More than"


QUALIFIER_PREFIX: dict[str, str] = {
    Qualifier.EXACT: "",
    Qualifier.APPROXIMATE: "~",
    Qualifier.MORE_THAN: ">",
}
