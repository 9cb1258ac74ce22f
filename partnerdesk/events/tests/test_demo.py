"""The events demo: the public participation series, upcoming events in many states,
idempotent."""

from __future__ import annotations

from typing import Any

import pytest

from partnerdesk.core.actor import Actor
from partnerdesk.events.demo import UPCOMING, load_demo
from partnerdesk.events.models import Event, Invitation
from partnerdesk.organisations.services import reference_load

pytestmark = pytest.mark.django_db


def test_demo_series_and_idempotence(db: Any) -> None:
    reference_load(actor=Actor.system())
    created = load_demo(actor=Actor.system())
    assert created == Event.objects.count() + Invitation.objects.count()
    accepted = {
        year: Event.objects.filter(
            start_date__year=year, invitations__owner__code="AZE", invitations__answer="ACCEPTED"
        ).count()
        for year in (2013, 2014, 2015)
    }
    assert accepted == {2013: 100, 2014: 90, 2015: 200}
    past = Event.objects.filter(start_date__year__lte=2015)
    assert set(past.values_list("state", flat=True)) == {"HELD", "CLOSED"}
    upcoming = Event.objects.filter(start_date__year__gte=2026)
    assert upcoming.count() == len(UPCOMING)
    assert set(upcoming.values_list("state", flat=True)) == {
        "HELD",
        "REGISTRATION_CLOSED",
        "REGISTRATION_OPEN",
        "INVITATIONS_SENT",
        "APPROVED",
        "PROPOSED",
        "DRAFT",
        "CANCELLED",
    }
    assert load_demo(actor=Actor.system()) == 0
    assert Event.objects.count() == 390 + len(UPCOMING)
