"""Organisations and their memberships of frameworks over time."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from partnerdesk.core.models import VersionedModel
from partnerdesk.core.permissions import ReferenceAccess
from partnerdesk.core.roles import Role
from partnerdesk.organisations.choices import Framework, MembershipStatus, OrganisationKind

ADMIN_WRITES = ReferenceAccess.writable_by({Role.ADMINISTRATOR})


class Organisation(VersionedModel):
    """Any actor: a state, an international organisation, a NATO body or agency, a national agency.

    National agencies belong to a state (`parent`). Whether a state is an Ally or a partner on a
    given date follows from its memberships, never from a flag.
    """

    code = models.CharField(max_length=24, unique=True, help_text="ISO alpha-3 for states.")
    name = models.CharField(max_length=150, unique=True)
    kind = models.CharField(max_length=16, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    aliases = models.JSONField(default=list, blank=True)

    reference_access: ClassVar[ReferenceAccess | None] = ADMIN_WRITES

    class Meta:
        ordering = ("name",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="NATIONAL_AGENCY", parent__isnull=False)
                | ~models.Q(kind="NATIONAL_AGENCY"),
                name="national_agency_has_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", args=[self.pk])

    def clean(self) -> None:
        if self.kind == OrganisationKind.NATIONAL_AGENCY and self.parent_id is None:
            raise ValidationError({"parent": "A national agency must belong to a state."})
        if self.parent_id is not None and self.parent_id == self.pk:
            raise ValidationError({"parent": "An organisation cannot be its own parent."})

    @property
    def nation_id(self) -> int | None:
        """The state this organisation is or belongs to, if any."""
        if self.kind == OrganisationKind.STATE:
            return self.pk
        if self.kind == OrganisationKind.NATIONAL_AGENCY:
            return self.parent_id
        return None

    @property
    def is_alliance_body(self) -> bool:
        """True for NATO bodies and agencies (the alliance side of the system)."""
        return self.kind in (OrganisationKind.NATO_BODY, OrganisationKind.NATO_AGENCY)


class Membership(VersionedModel):
    """A state's membership of a framework from `start` to `end` (inclusive; open when empty)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    framework = models.CharField(max_length=10, choices=Framework.choices)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE
    )
    note = models.CharField(max_length=300, blank=True)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    reference_access: ClassVar[ReferenceAccess | None] = ADMIN_WRITES

    class Meta:
        ordering = ("organisation__name", "framework", "start")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="membership_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["organisation", "framework", "start"], name="membership_unique_start"
            ),
        ]

    def __str__(self) -> str:
        end = self.end.isoformat() if self.end else "…"
        return (
            f"{self.organisation} — {self.get_framework_display()} {self.start.isoformat()}–{end}"
        )

    def in_force_on(self, day: dt.date) -> bool:
        """True when the membership is active on `day`."""
        return (
            self.status == MembershipStatus.ACTIVE
            and self.start <= day
            and (self.end is None or day <= self.end)
        )
