"""Write use-cases of the staffing app: postings and reported headcounts.

Every function validates, then calls the core record services, so permissions are checked
before and after, versions are enforced and one change-log row is written per changed row.

**Who sets the person's name.** Only users of the sending nation may see a posting's person
name (see `selectors`), so only they may set or change it: alliance staff who may edit a
posting change every other field, and a `person_name` from them is refused with a field error
(system jobs — the demo loader — may set it). The name never enters the change log; a change
of name bumps `name_revision`, which the log shows instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from partnerdesk.core.actor import Actor
from partnerdesk.core.services import record_create, record_delete, record_update
from partnerdesk.organisations.choices import OrganisationKind
from partnerdesk.organisations.models import Organisation
from partnerdesk.sources.models import Source
from partnerdesk.staffing.models import Posting, ReportedHeadcount, may_see_name

POSTING_FIELDS = (
    "owner",
    "marking",
    "scheme",
    "person_name",
    "rank",
    "host",
    "post_title",
    "start_on",
    "start_precision",
    "end_on",
    "end_precision",
    "funding",
    "notes",
)
REPORTED_FIELDS = (
    "owner",
    "marking",
    "as_of",
    "as_of_precision",
    "scope",
    "measure",
    "since_year",
    "count",
    "qualifier",
    "wording",
    "note",
)
NAME_REFUSED = "Only users of the sending nation may set the person's name."


def _split(
    data: Mapping[str, Any], fields: Sequence[str]
) -> tuple[dict[str, Any], dict[str, Sequence[Any]] | None]:
    """Editable values and the sources list; unknown names are refused by name."""
    unknown = set(data) - set(fields) - {"sources"}
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be set."))
    values = {k: v for k, v in data.items() if k in fields}
    m2m: dict[str, Sequence[Any]] | None = None
    if "sources" in data:
        m2m = {"sources": [s.pk if isinstance(s, Source) else s for s in data["sources"]]}
    return values, m2m


def _check_owner(values: Mapping[str, Any]) -> None:
    owner = values.get("owner")
    if isinstance(owner, Organisation) and owner.kind != OrganisationKind.STATE:
        raise ValidationError({"owner": "Postings and headcounts belong to a state."})


def _owner_id(values: Mapping[str, Any], current: Posting | None) -> int | None:
    owner = values.get("owner")
    if isinstance(owner, Organisation):
        return owner.pk
    if owner is not None:
        return int(owner)
    return current.owner_id if current is not None else None


def _check_name_right(actor: Actor, owner_id: int | None) -> None:
    if actor.user is None:
        return
    if owner_id is None or not may_see_name(actor.user, owner_id):
        raise ValidationError({"person_name": NAME_REFUSED})


def posting_create(*, actor: Actor, data: Mapping[str, Any]) -> Posting:
    """Record a posting; only the sending nation's users may give the person's name.

    Atomic, permission-checked (nation and marking) and audited without the name.
    """
    values, m2m = _split(data, POSTING_FIELDS)
    _check_owner(values)
    if values.get("person_name"):
        _check_name_right(actor, _owner_id(values, None))
    return record_create(Posting, actor=actor, values=values, m2m=m2m)


def posting_update(
    posting: Posting, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> Posting:
    """Change a posting if still at `expected_version`; atomic and audited.

    A `person_name` is accepted only from the sending nation's users (and must then differ to
    count as a change, which bumps `name_revision`); moving a named posting to another nation
    is refused, since the name would then show to the wrong users.
    """
    values, m2m = _split(data, POSTING_FIELDS)
    _check_owner(values)
    with transaction.atomic():
        stored = Posting.objects.filter(pk=posting.pk).values_list(
            "person_name", "name_revision", "owner_id"
        )
        current = stored.first()
        if current is not None:
            stored_name, revision, stored_owner = current
            if "person_name" in values:
                if (values["person_name"] or "") != stored_name:
                    _check_name_right(actor, stored_owner)
                    values["name_revision"] = revision + 1
                else:
                    values.pop("person_name")
            new_owner = _owner_id(values, None)
            if new_owner is not None and new_owner != stored_owner and stored_name:
                raise ValidationError(
                    {"owner": "A posting with a person's name cannot move to another nation."}
                )
        return record_update(
            posting, actor=actor, expected_version=expected_version, values=values, m2m=m2m
        )


def posting_delete(posting: Posting, *, actor: Actor, expected_version: int) -> None:
    """Delete a posting; the change log keeps its last state (without the name)."""
    record_delete(posting, actor=actor, expected_version=expected_version)


def reported_create(*, actor: Actor, data: Mapping[str, Any]) -> ReportedHeadcount:
    """Record a headcount as a source reports it; atomic, permission-checked and audited."""
    values, m2m = _split(data, REPORTED_FIELDS)
    _check_owner(values)
    return record_create(ReportedHeadcount, actor=actor, values=values, m2m=m2m)


def reported_update(
    row: ReportedHeadcount, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> ReportedHeadcount:
    """Change a reported headcount if still at `expected_version`; atomic and audited."""
    values, m2m = _split(data, REPORTED_FIELDS)
    _check_owner(values)
    return record_update(
        row, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def reported_delete(row: ReportedHeadcount, *, actor: Actor, expected_version: int) -> None:
    """Delete a reported headcount; the change log keeps its last state."""
    record_delete(row, actor=actor, expected_version=expected_version)
