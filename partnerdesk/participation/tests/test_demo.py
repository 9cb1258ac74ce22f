"""The participation demo reproduces the public series (domain.md §5.1) and loads once."""

from __future__ import annotations

from typing import Any

import pytest

from partnerdesk.core.actor import Actor
from partnerdesk.events.demo import load_demo as load_events
from partnerdesk.organisations.services import reference_load
from partnerdesk.participation.analytics import participation_counts
from partnerdesk.participation.demo import load_demo
from partnerdesk.participation.models import Feedback, Registration
from partnerdesk.pcm.demo import load_demo as load_pcm

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world(world: Any) -> None:
    system = Actor.system()
    reference_load(actor=system)
    load_pcm(actor=system)
    load_events(actor=system)


def test_demo_counts_reproduce_the_public_series_and_load_once(
    world: Any, demo_world: None
) -> None:
    created = load_demo(actor=Actor.system())
    assert created == 1050 + 900 + 1200 + 12
    assert load_demo(actor=Actor.system()) == 0
    staff = world.users["staff_all"]
    series = {
        row.key: (row.events, row.military, row.civilian)
        for row in participation_counts(staff, nation="AZE").series
    }
    assert series == {
        2013: (100, 1050, 0),
        2014: (90, 900, 0),
        2015: (200, 800, 400),
    }
    assert Registration.objects.filter(person_name="Participant AZE-2015-0001").count() == 1
    assert Feedback.objects.count() == 12
    assert Feedback.objects.filter(marking="NATIONAL_ONLY").count() == 3
