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

import contextlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, UniqueConstraint

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


class _BatchValidation:
    """`full_clean()` for many new rows of one model with batched lookups.

    Django's `full_clean` asks the database once per foreign key (does the row exist?) and
    once per unique constraint of every row, which makes thousands of rows slow. Here the
    existing ids of each foreign key and the existing values of each plain unique constraint
    (fields only, no condition or expression) are read once for the whole batch; everything
    else — field cleaning, `clean()`, unique fields, other constraints — runs exactly as in
    `full_clean`, with the same messages.
    """

    def __init__(self, model: type[models.Model], objects: Sequence[models.Model]) -> None:
        self.model = model
        concrete: list[Any] = list(model._meta.concrete_fields)
        self.fk_fields: list[Any] = [
            f
            for f in concrete
            if f.many_to_one and not f.remote_field.parent_link and not f.get_limit_choices_to()
        ]
        self.existing: dict[str, set[Any]] = {}
        for f in self.fk_fields:
            target = f.remote_field.field_name
            ids: set[Any] = set()
            for obj in objects:
                raw = getattr(obj, f.attname)
                if raw not in f.empty_values:
                    with contextlib.suppress(ValidationError):  # reported per row later
                        ids.add(f.to_python(raw))
            self.existing[f.name] = set(
                f.remote_field.model._base_manager.filter(**{f"{target}__in": ids}).values_list(
                    target, flat=True
                )
            )
        self.unique: list[tuple[type[models.Model], Any, list[str]]] = []
        self.taken: dict[str, set[tuple[Any, ...]]] = {}
        for model_class in (model, *model._meta.get_parent_list()):
            for constraint in model_class._meta.constraints:
                if not self._batchable(constraint):
                    continue
                fields: Any = [model._meta.get_field(n) for n in constraint.fields]  # type: ignore[attr-defined]
                attnames: list[str] = [f.attname for f in fields]
                self.unique.append((model_class, constraint, attnames))
                firsts = {getattr(o, attnames[0]) for o in objects} - {None}
                self.taken[constraint.name] = set(
                    model._default_manager.filter(**{f"{attnames[0]}__in": firsts}).values_list(
                        *attnames
                    )
                )

    def _batchable(self, constraint: Any) -> bool:
        return (
            isinstance(constraint, UniqueConstraint)
            and bool(constraint.fields)
            and constraint.condition is None
            and not constraint.expressions
            and constraint.nulls_distinct is not False
            and not any(
                getattr(self.model._meta.get_field(n), "generated", False)
                for n in constraint.fields
            )
        )

    def _clean_foreign_keys(self, obj: models.Model, errors: dict[str, Any]) -> None:
        for f in self.fk_fields:
            raw = getattr(obj, f.attname)
            if f.blank and raw in f.empty_values:
                continue
            try:
                value = f.to_python(raw)
                models.Field.validate(f, value, obj)  # choices, null, blank: no query
                f.run_validators(value)
            except ValidationError as exc:
                errors[f.name] = exc.error_list
                continue
            setattr(obj, f.attname, value)
            if value is not None and value not in self.existing[f.name]:
                errors[f.name] = [
                    ValidationError(
                        f.error_messages["invalid"],
                        code="invalid",
                        params={
                            "model": f.remote_field.model._meta.verbose_name,
                            "pk": value,
                            "field": f.remote_field.field_name,
                            "value": value,
                        },
                    )
                ]

    def full_clean(self, obj: models.Model) -> None:
        """Validate one row like `obj.full_clean()`; rows validated earlier count as taken."""
        errors: dict[str, Any] = {}
        try:
            obj.clean_fields(exclude={f.name for f in self.fk_fields})
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        self._clean_foreign_keys(obj, errors)
        try:
            obj.clean()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        exclude = {name for name in errors if name != NON_FIELD_ERRORS}
        try:
            obj.validate_unique(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        exclude = {name for name in errors if name != NON_FIELD_ERRORS}
        batched = {constraint.name for _, constraint, _ in self.unique}
        for model_class, constraints in obj.get_constraints():
            checks: list[Any] = list(constraints)
            for constraint in checks:
                if constraint.name in batched:
                    continue
                try:
                    constraint.validate(model_class, obj, exclude=exclude)
                except ValidationError as exc:
                    fields: Any = getattr(constraint, "fields", ())
                    if getattr(exc, "code", None) == "unique" and len(fields) == 1:
                        errors.setdefault(fields[0], []).append(exc)
                    else:
                        errors = exc.update_error_dict(errors)
        for model_class, constraint, attnames in self.unique:
            if exclude & set(constraint.fields):
                continue
            key = tuple(getattr(obj, name) for name in attnames)
            if None in key:
                continue
            taken = self.taken[constraint.name]
            if key in taken:
                clash = obj.unique_error_message(model_class, tuple(constraint.fields))
                if len(constraint.fields) == 1:
                    errors.setdefault(constraint.fields[0], []).append(clash)
                else:
                    errors = clash.update_error_dict(errors)
            taken.add(key)
        if errors:
            raise ValidationError(errors)


def record_bulk_create(
    model: type[M],
    *,
    actor: Actor,
    rows: Sequence[Mapping[str, Any]],
    authorise: Authorise | None = None,
    batch_size: int = 500,
) -> list[M]:
    """Create many records of `model` in one transaction, each validated, checked and audited.

    Every row gets the checks of `full_clean()` (foreign keys and plain unique constraints
    looked up once for the whole batch, a duplicate inside the batch counts as taken) and the
    same access check as `record_create`; the first invalid row raises a ValidationError
    whose message names its position (row 1 = first) and nothing is written. Rows and their
    change-log entries are inserted in batches, so thousands of rows take seconds.
    Many-to-many values are not supported here.
    """
    objects: list[M] = [model(**values) for values in rows]
    checks = _BatchValidation(model, objects)
    for index, obj in enumerate(objects, start=1):
        try:
            checks.full_clean(obj)
        except ValidationError as exc:
            raise ValidationError(
                {
                    field: [f"Row {index}: {m}" for m in msgs]
                    for field, msgs in exc.message_dict.items()
                }
            ) from exc
        _authorise(actor, obj, creating=True, authorise=authorise)
    with transaction.atomic():
        created = model._default_manager.bulk_create(objects, batch_size=batch_size)
        ChangeRecord.objects.bulk_create(
            [
                change_row(
                    actor=actor,
                    obj=obj,
                    action=ChangeAction.CREATE,
                    before=None,
                    after=snapshot(obj, new_row=True),
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
