"""Write use-cases for sources: create and update, validated and audited."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError

from partnerdesk.core.actor import Actor
from partnerdesk.core.services import record_create, record_update
from partnerdesk.sources.models import Source

EDITABLE_FIELDS = ("key", "url", "title", "publisher", "accessed_on", "confidence", "note")


def _values(data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be set."))
    values = dict(data)
    if values.get("key") == "":
        values["key"] = None
    return values


def source_create(*, actor: Actor, data: Mapping[str, Any]) -> Source:
    """Create a source; atomic, permission-checked and audited."""
    return record_create(Source, actor=actor, values=_values(data))


def source_update(
    source: Source, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> Source:
    """Change a source if still at `expected_version`; atomic and audited."""
    return record_update(
        source, actor=actor, expected_version=expected_version, values=_values(data)
    )
