"""Base models shared by every domain app, and the append-only change log."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from partnerdesk.core.markings import Marking
from partnerdesk.core.permissions import ReferenceAccess


class VersionedModel(models.Model):
    """A record edited through services: creation/update times and an optimistic-lock version.

    `version` starts at 1 and grows by one with every update made through
    `core.services.record_update`, which refuses an update based on an older version.
    """

    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    reference_access: ClassVar[ReferenceAccess | None] = None
    audit_exclude: ClassVar[frozenset[str]] = frozenset({"created_at", "updated_at"})

    class Meta:
        abstract = True


class NationRecord(VersionedModel):
    """A record that belongs to one nation and carries a marking; scoped by core.permissions."""

    owner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="owning nation",
    )
    marking = models.CharField(max_length=16, choices=Marking.choices, default=Marking.BILATERAL)

    class Meta:
        abstract = True


class ChangeAction(models.TextChoices):
    """Kinds of change recorded in the audit log."""

    CREATE = "CREATE", "Created"
    UPDATE = "UPDATE", "Updated"
    DELETE = "DELETE", "Deleted"


class ChangeSource(models.TextChoices):
    """The interface a change came through."""

    WEB = "web", "Web"
    API = "api", "API"
    CLI = "cli", "Command line"
    IMPORT = "import", "Import"
    ADMIN = "admin", "Admin"
    SYSTEM = "system", "System"


class ChangeRecord(models.Model):
    """One changed row: who changed what, when, through which interface, before and after.

    The table is append-only: database triggers (see the migration) refuse UPDATE and DELETE.
    `owner` and `marking` copy the object's scope at the time of the change, so the history is
    restricted by exactly the same rules as the object itself.
    """

    timestamp = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150)
    source = models.CharField(max_length=8, choices=ChangeSource.choices)
    request_id = models.CharField(max_length=64, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    action = models.CharField(max_length=8, choices=ChangeAction.choices)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    changed_fields = models.JSONField(default=list)
    owner = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    marking = models.CharField(max_length=16, choices=Marking.choices, blank=True)
    admin_only = models.BooleanField(default=False)
    message = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ("-timestamp", "-pk")
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="change_object_idx"),
            models.Index(fields=["actor", "timestamp"], name="change_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr} by {self.actor_label}"
