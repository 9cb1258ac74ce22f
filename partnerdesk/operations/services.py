"""Write use-cases of operations and contribution snapshots.

Every function validates, then calls the core record services, so rights are checked before
and after the change, versions are enforced and one change-log row is written per changed
row. Operations are reference data (alliance staff and administrators write them); snapshots
belong to the contributing nation. The total strength of a snapshot is derived from its
categories: a typed `total` is refused by name, never stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from partnerdesk.core.actor import Actor
from partnerdesk.core.services import record_create, record_delete, record_update
from partnerdesk.operations.models import ContributionSnapshot, Operation
from partnerdesk.sources.models import Source

OPERATION_FIELDS = (
    "code",
    "name",
    "mandate_start",
    "mandate_start_precision",
    "mandate_end",
    "mandate_end_precision",
    "lead_organisation",
    "notes",
)
CONTRIBUTION_FIELDS = (
    "owner",
    "marking",
    "operation",
    "as_of",
    "as_of_precision",
    "infantry",
    "medical_officers",
    "engineers",
    "staff_officers",
    "other",
    "approximate",
    "withdrawal",
    "framework_nation",
    "task",
    "legal_basis",
    "legal_basis_date",
    "legal_basis_precision",
    "notes",
)
TOTAL_REFUSED = (
    "The total is derived from the categories (infantry, medical officers, sappers, staff "
    "officers, other); give those instead."
)


def _split(
    data: Mapping[str, Any], fields: Sequence[str]
) -> tuple[dict[str, Any], dict[str, Sequence[Any]] | None]:
    """Editable values and the sources list; unknown names (and a typed total) are refused."""
    errors: dict[str, str] = {}
    if "total" in data:
        errors["total"] = TOTAL_REFUSED
    for name in sorted(set(data) - set(fields) - {"sources", "total"}):
        errors[name] = "This field cannot be set."
    if errors:
        raise ValidationError(errors)
    values = {k: v for k, v in data.items() if k in fields}
    m2m: dict[str, Sequence[Any]] | None = None
    if "sources" in data:
        m2m = {"sources": [s.pk if isinstance(s, Source) else s for s in data["sources"]]}
    return values, m2m


# -- operations ----------------------------------------------------------------------------


def operation_create(*, actor: Actor, data: Mapping[str, Any]) -> Operation:
    """Record an operation (alliance staff and administrators); atomic and audited."""
    values, m2m = _split(data, OPERATION_FIELDS)
    return record_create(Operation, actor=actor, values=values, m2m=m2m)


def operation_update(
    operation: Operation, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> Operation:
    """Change an operation if still at `expected_version`. A new mandate may not leave
    recorded contributions outside it (the snapshots' own check, run for each)."""
    values, m2m = _split(data, OPERATION_FIELDS)
    with transaction.atomic():
        updated = record_update(
            operation, actor=actor, expected_version=expected_version, values=values, m2m=m2m
        )
        snapshots = ContributionSnapshot.objects.filter(operation=updated).select_related("owner")
        for snapshot in snapshots:
            snapshot.operation = updated
            side = snapshot.outside_mandate()
            if side:
                field = "mandate_start" if side == "before" else "mandate_end"
                raise ValidationError(
                    {
                        field: f"{snapshot.owner.name}'s contribution of "
                        f"{snapshot.as_of_display} would fall outside the mandate."
                    }
                )
    return updated


def operation_delete(operation: Operation, *, actor: Actor, expected_version: int) -> None:
    """Delete an operation without contributions; the change log keeps its last state."""
    record_delete(operation, actor=actor, expected_version=expected_version)


# -- contribution snapshots ----------------------------------------------------------------


def contribution_create(*, actor: Actor, data: Mapping[str, Any]) -> ContributionSnapshot:
    """Record what a nation contributed to an operation on a date; atomic and audited.

    Refuses a typed total, negative counts, an all-zero snapshot that is not a withdrawal and
    a withdrawal with personnel, each by field.
    """
    values, m2m = _split(data, CONTRIBUTION_FIELDS)
    return record_create(ContributionSnapshot, actor=actor, values=values, m2m=m2m)


def contribution_update(
    snapshot: ContributionSnapshot,
    *,
    actor: Actor,
    expected_version: int,
    data: Mapping[str, Any],
) -> ContributionSnapshot:
    """Change a snapshot if still at `expected_version`; the same checks as on creation."""
    values, m2m = _split(data, CONTRIBUTION_FIELDS)
    return record_update(
        snapshot, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def contribution_delete(
    snapshot: ContributionSnapshot, *, actor: Actor, expected_version: int
) -> None:
    """Delete a snapshot; the change log keeps its last state."""
    record_delete(snapshot, actor=actor, expected_version=expected_version)
