"""Status transitions: one checked, audited way to move a record along its life cycle."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models

from partnerdesk.core.actor import Actor
from partnerdesk.core.services import record_update

M = TypeVar("M", bound=models.Model)


def check_transition(
    *,
    current: str,
    target: str,
    allowed: Mapping[str, frozenset[str]],
    labels: Mapping[str, str],
    field: str = "status",
) -> None:
    """Raise a field-keyed ValidationError unless `current` → `target` is in `allowed`.

    The message names both states and lists the moves that are possible from `current`.
    """
    if target not in labels:
        raise ValidationError({field: f"Unknown status {target!r}."})
    if target in allowed.get(current, frozenset()):
        return
    possible = sorted(labels[s] for s in allowed.get(current, frozenset()))
    hint = (
        f" From {labels[current]} it can move to: {', '.join(possible)}."
        if possible
        else (f" {labels[current]} is final.")
    )
    raise ValidationError({field: f"Cannot move from {labels[current]} to {labels[target]}.{hint}"})


def record_transition(
    obj: M,
    *,
    actor: Actor,
    expected_version: int,
    target: str,
    allowed: Mapping[str, frozenset[str]],
    labels: Mapping[str, str],
    field: str = "status",
    extra: Mapping[str, Any] | None = None,
) -> M:
    """Move `obj.<field>` to `target` if allowed; versioned and audited like any update."""
    check_transition(
        current=getattr(obj, field), target=target, allowed=allowed, labels=labels, field=field
    )
    values = {field: target, **(extra or {})}
    return record_update(obj, actor=actor, expected_version=expected_version, values=values)
