"""Write use-cases for milestones: create, update, delete — validated and audited."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError

from partnerdesk.core.actor import Actor
from partnerdesk.core.services import record_create, record_delete, record_update
from partnerdesk.organisations.choices import OrganisationKind
from partnerdesk.organisations.models import Organisation
from partnerdesk.sources.models import Source
from partnerdesk.timeline.models import Milestone

EDITABLE_FIELDS = ("owner", "marking", "date", "precision", "title", "description", "category")


def _split(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Sequence[Any]] | None]:
    unknown = set(data) - set(EDITABLE_FIELDS) - {"sources"}
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be set."))
    values = {k: v for k, v in data.items() if k in EDITABLE_FIELDS}
    owner = values.get("owner")
    if isinstance(owner, Organisation) and owner.kind != OrganisationKind.STATE:
        raise ValidationError({"owner": "A milestone belongs to a nation (a state)."})
    m2m: dict[str, Sequence[Any]] | None = None
    if "sources" in data:
        m2m = {"sources": [s.pk if isinstance(s, Source) else s for s in data["sources"]]}
    return values, m2m


def milestone_create(*, actor: Actor, data: Mapping[str, Any]) -> Milestone:
    """Record a milestone of a nation (date normalised to the start of its period); audited."""
    values, m2m = _split(data)
    return record_create(Milestone, actor=actor, values=values, m2m=m2m)


def milestone_update(
    milestone: Milestone, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> Milestone:
    """Change a milestone if still at `expected_version`; atomic and audited."""
    values, m2m = _split(data)
    return record_update(
        milestone, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def milestone_delete(milestone: Milestone, *, actor: Actor, expected_version: int) -> None:
    """Delete a milestone if still at `expected_version`; the audit log keeps its last state."""
    record_delete(milestone, actor=actor, expected_version=expected_version)
