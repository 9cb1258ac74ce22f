"""Entry-document services: validation, permissions, audit and optimistic locking."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden, VersionConflict
from partnerdesk.core.models import ChangeRecord
from partnerdesk.entrydocs.models import EntryDocument
from partnerdesk.entrydocs.services import entrydoc_create, entrydoc_delete, entrydoc_update
from partnerdesk.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _data(world: Any, **overrides: Any) -> dict[str, Any]:
    return {
        "owner": world.aze,
        "marking": "BILATERAL",
        "doc_type": "IPP",
        "edition": 1,
        "title": "First IPP",
        "approved_on": dt.date(1996, 10, 14),
        "approval_body": "NAC",
        "approval_method": "MEETING",
    } | overrides


def _actor(world: Any, name: str) -> Actor:
    return Actor(user=world.users[name], source="web", request_id="req-1")


def test_create_writes_the_row_and_one_audit_record(world: Any) -> None:
    doc = entrydoc_create(actor=_actor(world, "aze_coordinator"), data=_data(world))
    assert (doc.version, doc.owner_id, doc.marking) == (1, world.aze.pk, "BILATERAL")
    record = ChangeRecord.objects.get()
    assert (record.action, record.actor_id, record.source, record.request_id) == (
        "CREATE",
        world.users["aze_coordinator"].pk,
        "web",
        "req-1",
    )
    assert record.before is None
    assert record.after["title"] == "First IPP"
    assert (record.owner_id, record.marking, record.object_id) == (
        world.aze.pk,
        "BILATERAL",
        str(doc.pk),
    )


def test_update_records_before_and_after_and_bumps_the_version(world: Any) -> None:
    actor = _actor(world, "aze_coordinator")
    doc = entrydoc_create(actor=actor, data=_data(world))
    doc = entrydoc_update(doc, actor=actor, expected_version=1, data={"title": "IPP 1996"})
    assert doc.version == 2
    record = ChangeRecord.objects.filter(action="UPDATE").get()
    assert record.changed_fields == ["title", "version"]
    assert (record.before["title"], record.after["title"]) == ("First IPP", "IPP 1996")
    assert (record.before["version"], record.after["version"]) == (1, 2)


def test_update_without_changes_writes_nothing(world: Any) -> None:
    actor = _actor(world, "aze_coordinator")
    doc = entrydoc_create(actor=actor, data=_data(world))
    doc = entrydoc_update(doc, actor=actor, expected_version=1, data={"title": "First IPP"})
    assert doc.version == 1
    assert ChangeRecord.objects.count() == 1


def test_stale_update_is_refused_and_changes_nothing(world: Any) -> None:
    actor = _actor(world, "aze_coordinator")
    doc = entrydoc_create(actor=actor, data=_data(world))
    entrydoc_update(doc, actor=actor, expected_version=1, data={"title": "Theirs"})
    with pytest.raises(VersionConflict) as caught:
        entrydoc_update(doc, actor=actor, expected_version=1, data={"title": "Mine"})
    assert caught.value.current.version == 2
    doc.refresh_from_db()
    assert (doc.title, doc.version) == ("Theirs", 2)
    assert ChangeRecord.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"approved_on": dt.date(2999, 1, 1)}, "approved_on", "This date is in the future."),
        (
            {"signed_on": dt.date(1997, 1, 1)},
            "approved_on",
            "The approval cannot come before the signature.",
        ),
        ({"approval_body": ""}, "approval_body", "Say which body approved it."),
        ({"title": ""}, "title", "This field cannot be blank."),
        ({"edition": 0}, "edition", "Ensure this value is greater than or equal to 1."),
        ({"marking": "SECRET"}, "marking", "Value 'SECRET' is not a valid choice."),
    ],
)
def test_invalid_input_names_the_field_and_writes_nothing(
    world: Any, overrides: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        entrydoc_create(actor=_actor(world, "aze_coordinator"), data=_data(world, **overrides))
    assert message in caught.value.message_dict[field]
    assert (EntryDocument.objects.count(), ChangeRecord.objects.count()) == (0, 0)


def test_owner_must_be_a_pfp_state(world: Any) -> None:
    mfa = Organisation.objects.get(code="AZE-MFA")
    outsider = Organisation.objects.create(code="JPN", name="Japan", kind="STATE")
    actor = _actor(world, "staff_all")
    with pytest.raises(ValidationError) as caught:
        entrydoc_create(actor=actor, data=_data(world, owner=mfa))
    assert caught.value.message_dict["owner"] == ["Entry documents belong to a state."]
    with pytest.raises(ValidationError) as caught:
        entrydoc_create(actor=actor, data=_data(world, owner=outsider))
    assert caught.value.message_dict["owner"] == [
        "Japan has never been a Partnership for Peace member."
    ]


def test_duplicate_edition_is_refused(world: Any) -> None:
    actor = _actor(world, "aze_coordinator")
    entrydoc_create(actor=actor, data=_data(world))
    with pytest.raises(ValidationError) as caught:
        entrydoc_create(actor=actor, data=_data(world, title="Again"))
    assert "__all__" in caught.value.message_dict
    assert EntryDocument.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "overrides"),
    [
        ("geo_coordinator", {}),  # create into a foreign nation
        ("aze_coordinator", {"marking": "ALLIANCE_ONLY"}),  # a marking the partner cannot hold
        ("staff_all", {"marking": "NATIONAL_ONLY"}),  # the nation's internal annex
        ("staff_geo", {}),  # alliance staff not assigned to Azerbaijan
        ("aze_viewer", {}),  # read-only role
    ],
)
def test_create_outside_ones_rights_is_refused(
    world: Any, name: str, overrides: dict[str, Any]
) -> None:
    with pytest.raises(ValidationError) as caught:
        entrydoc_create(actor=_actor(world, name), data=_data(world, **overrides))
    assert caught.value.message_dict["owner"] == [
        "You may not create a record for this nation with this marking."
    ]
    assert (EntryDocument.objects.count(), ChangeRecord.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("aze_coordinator", {"marking": "ALLIANCE_ONLY"}),
        ("aze_coordinator", {"owner": "geo"}),
        ("staff_all", {"marking": "NATIONAL_ONLY"}),
    ],
)
def test_moving_a_record_out_of_ones_rights_is_refused(
    world: Any, name: str, change: dict[str, Any]
) -> None:
    doc = entrydoc_create(actor=_actor(world, "aze_coordinator"), data=_data(world))
    data = {k: (getattr(world, v) if k == "owner" else v) for k, v in change.items()}
    with pytest.raises(Forbidden):
        entrydoc_update(doc, actor=_actor(world, name), expected_version=1, data=data)
    doc.refresh_from_db()
    assert (doc.owner_id, doc.marking, doc.version) == (world.aze.pk, "BILATERAL", 1)
    assert ChangeRecord.objects.count() == 1


def test_delete_keeps_the_last_state_in_the_log(world: Any) -> None:
    actor = _actor(world, "aze_coordinator")
    doc = entrydoc_create(actor=actor, data=_data(world))
    pk = doc.pk
    entrydoc_delete(doc, actor=actor, expected_version=1)
    assert not EntryDocument.objects.filter(pk=pk).exists()
    record = ChangeRecord.objects.get(action="DELETE")
    assert (record.before["title"], record.after, record.object_id) == ("First IPP", None, str(pk))
