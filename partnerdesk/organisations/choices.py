"""Enumerations of the organisations domain."""

from django.db import models


class OrganisationKind(models.TextChoices):
    """What sort of actor an organisation is; alliance or partner status comes from memberships."""

    STATE = "STATE", "State"
    INTL_ORG = "INTL_ORG", "International organisation"
    NATO_BODY = "NATO_BODY", "NATO body"
    NATO_AGENCY = "NATO_AGENCY", "NATO agency"
    NATIONAL_AGENCY = "NATIONAL_AGENCY", "National agency"


class Framework(models.TextChoices):
    """Frameworks a state can belong to."""

    NATO = "NATO", "NATO (Ally)"
    EAPC_PFP = "EAPC_PFP", "EAPC / Partnership for Peace"
    MD = "MD", "Mediterranean Dialogue"
    ICI = "ICI", "Istanbul Cooperation Initiative"
    GLOBAL = "GLOBAL", "Partners across the globe"


class MembershipStatus(models.TextChoices):
    """Whether a membership is in force or suspended."""

    ACTIVE = "ACTIVE", "Active"
    SUSPENDED = "SUSPENDED", "Suspended"


PARTNER_FRAMEWORKS = (Framework.EAPC_PFP, Framework.MD, Framework.ICI, Framework.GLOBAL)
ALLIANCE_KINDS = (OrganisationKind.NATO_BODY, OrganisationKind.NATO_AGENCY)
