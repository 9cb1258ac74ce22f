"""The source model: where a fact comes from and how far to trust it."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.urls import reverse

from partnerdesk.core.models import VersionedModel
from partnerdesk.core.permissions import ReferenceAccess
from partnerdesk.core.roles import Role


class Confidence(models.TextChoices):
    """How well a source supports what cites it."""

    VERIFIED = "VERIFIED", "Verified"
    SINGLE_SOURCE = "SINGLE_SOURCE", "Single source"
    ILLUSTRATIVE = "ILLUSTRATIVE", "Illustrative (our own design, not a sourced fact)"


class Source(VersionedModel):
    """A public document (page, article, interview) that facts in the system cite."""

    key = models.CharField(
        max_length=20,
        unique=True,
        blank=True,
        null=True,
        help_text="Short citation key such as S67; optional.",
    )
    url = models.URLField(max_length=500, blank=True)
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=150, blank=True)
    accessed_on = models.DateField(null=True, blank=True)
    confidence = models.CharField(
        max_length=16, choices=Confidence.choices, default=Confidence.VERIFIED
    )
    note = models.TextField(blank=True)

    reference_access: ClassVar[ReferenceAccess | None] = ReferenceAccess.writable_by(
        {Role.ADMINISTRATOR, Role.ALLIANCE_STAFF, Role.PARTNER_COORDINATOR}
    )

    class Meta:
        ordering = ("key", "title")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(url="") | ~models.Q(title=""), name="source_has_url_or_title"
            ),
        ]

    def __str__(self) -> str:
        return f"[{self.key}] {self.title}" if self.key else self.title

    def get_absolute_url(self) -> str:
        return reverse("sources:detail", args=[self.pk])

    @property
    def is_illustrative(self) -> bool:
        """True when the cited value is our own illustrative design."""
        return self.confidence == Confidence.ILLUSTRATIVE
