"""Write use-cases for PfP entry documents: create, update, delete — validated and audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from partnerdesk.core.actor import Actor
from partnerdesk.core.services import record_create, record_delete, record_update
from partnerdesk.entrydocs.models import EntryDocument
from partnerdesk.organisations.choices import Framework, OrganisationKind
from partnerdesk.organisations.models import Organisation
from partnerdesk.sources.models import Source

EDITABLE_FIELDS = (
    "owner",
    "doc_type",
    "edition",
    "title",
    "marking",
    "signed_on",
    "signatory_name",
    "signatory_title",
    "submitted_on",
    "received_by",
    "approved_on",
    "approval_body",
    "approval_method",
    "summary",
)
DATE_FIELDS = ("signed_on", "submitted_on", "approved_on")


def _check_business_rules(values: Mapping[str, Any]) -> None:
    """Rules that need other tables or the clock: a PfP state as owner, no future dates."""
    errors: dict[str, str] = {}
    owner = values.get("owner")
    if isinstance(owner, Organisation):
        if owner.kind != OrganisationKind.STATE:
            errors["owner"] = "Entry documents belong to a state."
        elif not owner.memberships.filter(framework=Framework.EAPC_PFP).exists():
            errors["owner"] = f"{owner.name} has never been a Partnership for Peace member."
    today = timezone.now().date()
    for name in DATE_FIELDS:
        value = values.get(name)
        if isinstance(value, dt.date) and value > today:
            errors[name] = "This date is in the future."
    if errors:
        raise ValidationError(errors)


def _split(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Sequence[Any]] | None]:
    unknown = set(data) - set(EDITABLE_FIELDS) - {"sources"}
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be set."))
    values = {k: v for k, v in data.items() if k in EDITABLE_FIELDS}
    m2m: dict[str, Sequence[Any]] | None = None
    if "sources" in data:
        m2m = {"sources": [s.pk if isinstance(s, Source) else s for s in data["sources"]]}
    return values, m2m


def entrydoc_create(*, actor: Actor, data: Mapping[str, Any]) -> EntryDocument:
    """Create an entry document for a PfP state; atomic, permission-checked and audited."""
    values, m2m = _split(data)
    _check_business_rules(values)
    return record_create(EntryDocument, actor=actor, values=values, m2m=m2m)


def entrydoc_update(
    doc: EntryDocument, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> EntryDocument:
    """Change an entry document if still at `expected_version`; atomic and audited."""
    values, m2m = _split(data)
    merged = {name: getattr(doc, name) for name in EDITABLE_FIELDS} | values
    _check_business_rules(merged)
    return record_update(
        doc, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def entrydoc_delete(doc: EntryDocument, *, actor: Actor, expected_version: int) -> None:
    """Delete an entry document if still at `expected_version`; the audit log keeps its state."""
    record_delete(doc, actor=actor, expected_version=expected_version)
