"""The change log is append-only in the database itself."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, transaction

from partnerdesk.core.actor import Actor
from partnerdesk.core.models import ChangeRecord
from partnerdesk.sources.services import source_create

pytestmark = pytest.mark.django_db


def test_updates_and_deletes_of_the_log_are_refused_by_the_database(world: Any) -> None:
    source_create(actor=Actor(user=world.users["admin"], source="web"), data={"title": "A"})
    record = ChangeRecord.objects.get()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ChangeRecord.objects.filter(pk=record.pk).update(actor_label="someone else")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ChangeRecord.objects.filter(pk=record.pk).delete()
    assert ChangeRecord.objects.get().actor_label == "admin"
