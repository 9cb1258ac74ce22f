"""Enumerations of the PfP entry documents domain."""

from django.db import models


class EntryDocumentType(models.TextChoices):
    """The three documents by which a state entered the Partnership for Peace."""

    FRAMEWORK_DOCUMENT = "FRAMEWORK_DOCUMENT", "PfP Framework Document"
    PRESENTATION_DOCUMENT = "PRESENTATION_DOCUMENT", "Presentation Document"
    IPP = "IPP", "Individual Partnership Programme"


class ApprovalBody(models.TextChoices):
    """Who approved or confirmed a document."""

    NAC = "NAC", "North Atlantic Council"
    PARTNER = "PARTNER", "The partner (head of state or government)"
    AMBASSADORS = "AMBASSADORS", "Allied ambassadors"
    SECRETARY_GENERAL = "SECRETARY_GENERAL", "NATO Secretary General"
    COMMITTEE = "COMMITTEE", "A committee in +1 format"


class ApprovalMethod(models.TextChoices):
    """How the decision was taken."""

    MEETING = "MEETING", "At a meeting"
    SILENCE_PROCEDURE = "SILENCE_PROCEDURE", "Silence procedure"
    SIGNATURE = "SIGNATURE", "Signature"
