"""Releases (extra readers of a BILATERAL record) and the audited bulk create."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden
from partnerdesk.core.models import ChangeRecord
from partnerdesk.core.permissions import Action, can, restrict
from partnerdesk.core.services import record_bulk_create
from partnerdesk.events.models import Event, Invitation
from partnerdesk.sources.models import Source

pytestmark = pytest.mark.django_db


def _event(world: Any, *, marking: str, title: str, host: Any = None) -> Event:
    return Event.objects.create(
        owner=world.nato,
        marking=marking,
        title=title,
        area="CYBER",
        format="COURSE",
        host=host or world.nato,
        location="Oberammergau",
        start_date=dt.date(2026, 3, 2),
        end_date=dt.date(2026, 3, 6),
        capacity=10,
    )


def _visible(user: Any) -> list[str]:
    return sorted(restrict(Event.objects.all(), user).values_list("title", flat=True))


def test_a_bilateral_event_is_released_to_invited_nations_and_the_host_only(world: Any) -> None:
    invited = _event(world, marking="BILATERAL", title="invited GEO")
    hosted = _event(world, marking="BILATERAL", title="hosted by AZE", host=world.aze)
    _event(world, marking="BILATERAL", title="nobody released")
    over_marked = _event(world, marking="ALLIANCE_ONLY", title="alliance only, GEO invited")
    for event in (invited, over_marked):
        Invitation.objects.create(owner=world.geo, marking="BILATERAL", event=event)
    # Two invitations of the same event must not duplicate it in lists.
    Invitation.objects.create(owner=world.aze, marking="BILATERAL", event=invited)

    users = world.users
    assert _visible(users["geo_viewer"]) == ["invited GEO"]
    assert _visible(users["aze_coordinator"]) == ["hosted by AZE", "invited GEO"]
    assert _visible(users["analyst"]) == []
    assert _visible(users["deactivated"]) == []
    assert len(_visible(users["staff_geo"])) == 4

    assert can(users["geo_viewer"], Action.VIEW, invited) is True
    assert can(users["geo_viewer"], Action.VIEW, over_marked) is False
    assert can(users["geo_viewer"], Action.VIEW, hosted) is False
    # A release is for reading only.
    assert can(users["geo_coordinator"], Action.CHANGE, invited) is False
    assert restrict(Event.objects.all(), users["geo_coordinator"], Action.CHANGE).count() == 0


def test_bulk_create_validates_every_row_and_writes_nothing_on_error(world: Any) -> None:
    actor = Actor(user=world.users["staff_all"], source="import")
    with pytest.raises(ValidationError) as caught:
        record_bulk_create(
            Source, actor=actor, rows=[{"title": "fine"}, {"title": ""}, {"title": "also fine"}]
        )
    assert caught.value.message_dict == {"title": ["Row 2: This field cannot be blank."]}
    assert Source.objects.count() == 0
    assert ChangeRecord.objects.count() == 0

    created = record_bulk_create(
        Source, actor=actor, rows=[{"title": f"source {n}"} for n in range(1, 1201)]
    )
    assert len(created) == 1200
    assert Source.objects.count() == 1200
    changes = ChangeRecord.objects.filter(action="CREATE", actor_label="staff_all")
    assert changes.count() == 1200
    first = changes.get(object_id=str(created[0].pk))
    assert first.after["title"] == "source 1"
    assert first.source == "import"


def test_bulk_create_applies_the_access_check_to_every_row(world: Any) -> None:
    viewer = Actor(user=world.users["aze_viewer"], source="import")
    with pytest.raises(Forbidden):
        record_bulk_create(Source, actor=viewer, rows=[{"title": "refused"}])
    assert Source.objects.count() == 0
