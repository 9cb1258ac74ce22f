"""Users (one organisation, one role), their nation assignments and hashed API tokens."""

from __future__ import annotations

import hashlib
from functools import cached_property
from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from partnerdesk.core.permissions import ReferenceAccess
from partnerdesk.core.roles import ALLIANCE_ROLES, PARTNER_ROLES, Role
from partnerdesk.organisations.choices import OrganisationKind

ADMIN_ONLY = ReferenceAccess.restricted_to({Role.ADMINISTRATOR})


class User(AbstractUser):
    """A person using partnerdesk: belongs to one organisation and holds one role.

    Partner roles require an organisation of a partner state (the state itself or one of its
    national agencies); alliance roles require a NATO body or agency. Alliance staff edit the
    nations in `assigned_nations`, or every nation when `all_nations` is set.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="users"
    )
    role = models.CharField(max_length=24, choices=Role.choices)
    all_nations = models.BooleanField(
        default=False, help_text="Alliance staff: edit the records of every nation."
    )
    assigned_nations = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="assigned_staff"
    )

    REQUIRED_FIELDS: ClassVar[list[str]] = ["email"]
    reference_access: ClassVar[ReferenceAccess | None] = ADMIN_ONLY
    audit_exclude = frozenset({"password", "last_login", "created_at", "updated_at"})
    audit_admin_only = True

    class Meta:
        ordering = ("username",)

    def __str__(self) -> str:
        return self.username

    def clean(self) -> None:
        super().clean()
        org = getattr(self, "organisation", None)
        if org is None or not self.role:
            return
        if self.role in PARTNER_ROLES and org.kind not in (
            OrganisationKind.STATE,
            OrganisationKind.NATIONAL_AGENCY,
        ):
            raise ValidationError(
                {"organisation": "Partner roles need a state or one of its national agencies."}
            )
        if self.role in ALLIANCE_ROLES and org.kind not in (
            OrganisationKind.NATO_BODY,
            OrganisationKind.NATO_AGENCY,
        ):
            raise ValidationError({"organisation": "Alliance roles need a NATO body or agency."})
        if self.all_nations and self.role != Role.ALLIANCE_STAFF:
            raise ValidationError({"all_nations": "Only alliance staff can cover all nations."})

    @cached_property
    def nation_id(self) -> int | None:
        """The state whose records this user works on (None on the alliance side)."""
        if self.role not in PARTNER_ROLES:
            return None
        return self.organisation.nation_id

    @property
    def covers_all_nations(self) -> bool:
        """Alliance staff who may edit every nation's records."""
        return self.role == Role.ALLIANCE_STAFF and self.all_nations

    @cached_property
    def assigned_nation_ids(self) -> frozenset[int]:
        """Nations assigned to alliance staff (empty for everyone else)."""
        if self.role != Role.ALLIANCE_STAFF:
            return frozenset()
        return frozenset(self.assigned_nations.values_list("pk", flat=True))

    @property
    def is_alliance(self) -> bool:
        """True for users on the alliance side."""
        return self.role in ALLIANCE_ROLES


def hash_token(key: str) -> str:
    """The stored form of an API token key (SHA-256 hex; keys are random, so no salt needed)."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """An API token of a user; only its hash is stored, and it can be revoked."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=12, help_text="First characters, to tell keys apart.")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    reference_access: ClassVar[ReferenceAccess | None] = ADMIN_ONLY
    audit_exclude = frozenset({"key_hash"})
    audit_admin_only = True

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.user} token {self.prefix}…"

    @property
    def is_active(self) -> bool:
        """True until revoked."""
        return self.revoked_at is None
