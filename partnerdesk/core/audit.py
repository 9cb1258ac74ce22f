"""Snapshots of model rows and the one function that writes the change log."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from partnerdesk.core.actor import Actor
from partnerdesk.core.models import ChangeRecord


def _plain(value: Any) -> Any:
    """Turn a field value into something JSON can hold without losing meaning."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def snapshot(obj: models.Model, *, new_row: bool = False) -> dict[str, Any]:
    """A JSON-ready dict of the row's concrete fields and many-to-many ids (sorted).

    Fields listed in the model's `audit_exclude` (timestamps, secrets) are left out. With
    `new_row` (a row inserted just now, before any many-to-many link was set) the
    many-to-many lists are empty without asking the database.
    """
    exclude: frozenset[str] = getattr(obj, "audit_exclude", frozenset())
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude:
            continue
        data[field.attname] = _plain(field.value_from_object(obj))
    if obj.pk is not None:
        for m2m in obj._meta.many_to_many:
            if m2m.name in exclude:
                continue
            if new_row:
                data[m2m.name] = []
                continue
            data[m2m.name] = sorted(getattr(obj, m2m.name).values_list("pk", flat=True))
    return data


def changed_fields(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[str]:
    """Names of the keys whose values differ between two snapshots."""
    keys = set(before or {}) | set(after or {})
    return sorted(k for k in keys if (before or {}).get(k) != (after or {}).get(k))


def record_change(
    *,
    actor: Actor,
    obj: models.Model,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    message: str = "",
) -> ChangeRecord:
    """Append one row to the change log for `obj`; call inside the service's transaction.

    The row copies the object's owner and marking (when it has them) so that its visibility
    follows the object's. Changes to accounts are visible to administrators only.
    """
    row = change_row(actor=actor, obj=obj, action=action, before=before, after=after)
    row.message = message[:300]
    row.save()
    return row


def change_row(
    *,
    actor: Actor,
    obj: models.Model,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> ChangeRecord:
    """An unsaved change-log row for `obj` (for `record_change`, or many at once in bulk)."""
    state = after if after is not None else before or {}
    return ChangeRecord(
        actor=actor.user if actor.user is not None and actor.user.pk else None,
        actor_label=actor.label,
        source=actor.source,
        request_id=actor.request_id[:64],
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        action=action,
        before=before,
        after=after,
        changed_fields=changed_fields(before, after),
        owner_id=state.get("owner_id"),
        marking=state.get("marking") or "",
        admin_only=bool(getattr(obj, "audit_admin_only", False)),
    )
