"""Generic services: refused deletes of referenced rows, and domain authorisation hooks."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden
from partnerdesk.core.models import ChangeRecord
from partnerdesk.core.services import record_create, record_delete, record_update
from partnerdesk.organisations.models import Organisation
from partnerdesk.sources.models import Source

pytestmark = pytest.mark.django_db


def test_deleting_a_referenced_row_is_refused_cleanly(world: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        record_delete(world.geo, actor=Actor.system(), expected_version=1)
    assert caught.value.messages == ["“Georgia” still has users; delete those first."]
    assert Organisation.objects.filter(pk=world.geo.pk).exists()
    assert ChangeRecord.objects.count() == 0


def test_authorise_hook_replaces_the_marking_rule(world: Any) -> None:
    viewer = Actor(user=world.users["aze_viewer"], source="api")
    with pytest.raises(Forbidden):
        record_create(Source, actor=viewer, values={"title": "refused by markings"})

    def allow(obj: Any) -> None:
        """A domain rule that lets this writer through."""

    source = record_create(Source, actor=viewer, values={"title": "t"}, authorise=allow)

    def refuse(obj: Any) -> None:
        raise Forbidden("Not your side.")

    with pytest.raises(Forbidden, match=r"Not your side\."):
        record_update(
            source, actor=viewer, expected_version=1, values={"title": "u"}, authorise=refuse
        )
    source.refresh_from_db()
    assert (source.title, source.version) == ("t", 1)
    assert list(ChangeRecord.objects.values_list("action", "actor_label")) == [
        ("CREATE", "aze_viewer")
    ]
