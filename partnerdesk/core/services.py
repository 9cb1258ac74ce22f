"""Generic write services: create, update and delete a record, checked, validated and audited.

Domain services call these after their own business checks. Each one
- runs in one transaction;
- checks the actor's right to change the record before *and* after the change, so a record can
  never be moved into a foreign nation or a marking the actor may not change;
- calls `full_clean()` so model and database constraints give field-level messages;
- refuses a stale update (`VersionConflict`) and bumps the version otherwise;
- appends exactly one change-log row per changed row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError

from partnerdesk.core.actor import Actor
from partnerdesk.core.audit import change_row, record_change, snapshot
from partnerdesk.core.exceptions import Forbidden, NotFound, VersionConflict
from partnerdesk.core.models import ChangeAction, ChangeRecord
from partnerdesk.core.permissions import Action, can

M = TypeVar("M", bound=models.Model)

M2MValues = Mapping[str, Sequence[Any]]
# A domain rule that replaces the marking-based right to change (it raises to refuse), for
# writers the marking grants do not cover — e.g. assessors rating objectives of a plan.
Authorise = Callable[[Any], None]


def _ensure_changeable(actor: Actor, obj: models.Model, *, creating: bool) -> None:
    """Raise unless the actor may change `obj` in its current in-memory state."""
    if actor.user is None:
        return  # system jobs are trusted callers (reference data, demo loading)
    if can(actor.user, Action.CHANGE, obj):
        return
    if creating or not can(actor.user, Action.VIEW, obj):
        owner_field = "owner" if hasattr(obj, "owner_id") else None
        if owner_field and creating:
            raise ValidationError(
                {"owner": "You may not create a record for this nation with this marking."}
            )
        raise Forbidden("You may not make this change.")
    raise Forbidden("You may view this record but not change it.")


def _set_m2m(obj: models.Model, m2m: M2MValues | None) -> None:
    for name, values in (m2m or {}).items():
        getattr(obj, name).set(values)


def _authorise(
    actor: Actor, obj: models.Model, *, creating: bool, authorise: Authorise | None
) -> None:
    if authorise is not None:
        authorise(obj)
    else:
        _ensure_changeable(actor, obj, creating=creating)


def record_create(
    model: type[M],
    *,
    actor: Actor,
    values: Mapping[str, Any],
    m2m: M2MValues | None = None,
    authorise: Authorise | None = None,
) -> M:
    """Create and audit a record of `model` from `values`; return it (version 1).

    `authorise`, when given, replaces the marking-based check (see `Authorise`).
    """
    with transaction.atomic():
        obj = model(**values)
        obj.full_clean()
        _authorise(actor, obj, creating=True, authorise=authorise)
        obj.save()
        _set_m2m(obj, m2m)
        record_change(
            actor=actor, obj=obj, action=ChangeAction.CREATE, before=None, after=snapshot(obj)
        )
    return obj


def record_bulk_create(
    model: type[M],
    *,
    actor: Actor,
    rows: Sequence[Mapping[str, Any]],
    authorise: Authorise | None = None,
    batch_size: int = 500,
) -> list[M]:
    """Create many records of `model` in one transaction, each validated, checked and audited.

    Every row gets `full_clean()` and the same access check as `record_create`; the first
    invalid row raises a ValidationError whose message names its position (row 1 = first)
    and nothing is written. Rows and their change-log entries are inserted in batches, so
    thousands of rows take seconds. Many-to-many values are not supported here.
    """
    objects: list[M] = []
    for index, values in enumerate(rows, start=1):
        obj = model(**values)
        try:
            obj.full_clean()
        except ValidationError as exc:
            raise ValidationError(
                {
                    field: [f"Row {index}: {m}" for m in msgs]
                    for field, msgs in exc.message_dict.items()
                }
            ) from exc
        _authorise(actor, obj, creating=True, authorise=authorise)
        objects.append(obj)
    with transaction.atomic():
        created = model._default_manager.bulk_create(objects, batch_size=batch_size)
        ChangeRecord.objects.bulk_create(
            [
                change_row(
                    actor=actor,
                    obj=obj,
                    action=ChangeAction.CREATE,
                    before=None,
                    after=snapshot(obj),
                )
                for obj in created
            ],
            batch_size=batch_size,
        )
    return created


def _lock_current(
    obj: M, actor: Actor, expected_version: int, authorise: Authorise | None = None
) -> M:
    """Re-read `obj` with a row lock; check the actor's right and the expected version."""
    try:
        current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    except ObjectDoesNotExist as exc:
        raise NotFound("This record no longer exists.") from exc
    _authorise(actor, current, creating=False, authorise=authorise)
    if current.version != expected_version:  # type: ignore[attr-defined]
        raise VersionConflict(current, expected_version)
    return current


def record_update(
    obj: M,
    *,
    actor: Actor,
    expected_version: int,
    values: Mapping[str, Any],
    m2m: M2MValues | None = None,
    authorise: Authorise | None = None,
) -> M:
    """Apply `values` to the stored row if it is still at `expected_version`; audit the change.

    Locks the row for the transaction (PostgreSQL) or holds the write lock (SQLite IMMEDIATE),
    so two writers starting from the same version cannot both succeed. An update that changes
    nothing is not written and leaves the version unchanged.
    """
    with transaction.atomic():
        current = _lock_current(obj, actor, expected_version, authorise)
        before = snapshot(current)
        for name, value in values.items():
            setattr(current, name, value)
        current.full_clean()
        _authorise(actor, current, creating=False, authorise=authorise)
        current.save()
        _set_m2m(current, m2m)
        after = snapshot(current)
        if after == before:
            return current
        current.version = expected_version + 1  # type: ignore[attr-defined]
        current.save(update_fields=["version"])
        after["version"] = current.version  # type: ignore[attr-defined]
        record_change(
            actor=actor, obj=current, action=ChangeAction.UPDATE, before=before, after=after
        )
    return current


def record_delete(obj: models.Model, *, actor: Actor, expected_version: int) -> None:
    """Delete the stored row if still at `expected_version`; the change log keeps its last state."""
    with transaction.atomic():
        current = _lock_current(obj, actor, expected_version)
        before = snapshot(current)
        record_change(
            actor=actor, obj=current, action=ChangeAction.DELETE, before=before, after=None
        )
        try:
            with transaction.atomic():
                current.delete()
        except ProtectedError as exc:
            kinds = sorted({str(o._meta.verbose_name_plural) for o in exc.protected_objects})
            raise ValidationError(
                f"“{current}” still has {', '.join(kinds)}; delete those first."
            ) from exc
