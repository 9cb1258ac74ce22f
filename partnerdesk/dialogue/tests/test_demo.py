"""The dialogue demo: sourced meetings at their precision, illustrative follow-ups, idempotent."""

from __future__ import annotations

from typing import Any

import pytest

from partnerdesk.core.actor import Actor
from partnerdesk.dialogue import selectors
from partnerdesk.dialogue.demo import MEETINGS, load_demo
from partnerdesk.dialogue.models import FollowUp, Meeting, Participant
from partnerdesk.sources.models import Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def sources(world: Any) -> None:
    keys = {k for spec in MEETINGS for k in spec["sources"]}
    for key in sorted(keys):
        confidence = {"DEMO": "ILLUSTRATIVE", "S62": "SINGLE_SOURCE"}.get(key, "VERIFIED")
        Source.objects.create(key=key, title=f"Source {key}", confidence=confidence)


def test_demo_loads_once(world: Any, sources: None) -> None:
    created = load_demo(actor=Actor.system())
    assert Meeting.objects.count() == 16
    assert Participant.objects.count() == 22
    assert FollowUp.objects.count() == 3
    assert created == 16 + 22 + 3
    assert load_demo(actor=Actor.system()) == 0
    assert Meeting.objects.count() == 16


def test_demo_dates_and_sources(world: Any, sources: None) -> None:
    load_demo(actor=Actor.system())
    shown = {m.title: m.date_display for m in Meeting.objects.all()}
    assert shown["President Ilham Aliyev at NATO HQ"] == "November 2006"
    assert shown["DASG Burcu San in Baku; 30th-anniversary PfP conference"] == "25–26 Nov 2024"
    assert shown["Political Committee discusses Azerbaijan's PfP participation (19+1)"] == (
        "12 May 1998"
    )
    entries = selectors.timeline_entries(world.users["staff_all"], nation_id=world.aze.pk)
    feb = [e for e in entries if e.title.startswith("Visit of Special Representative")]
    assert [(e.precision, e.confidence, e.source_keys) for e in feb] == [
        ("MONTH", "SINGLE_SOURCE", ("S62",))
    ]
    bisogniero = Meeting.objects.get(title__startswith="Deputy Secretary General")
    assert [p.person for p in bisogniero.participants.order_by("position", "pk")][1:] == [
        "Elmar Mammadyarov",
        "Safar Abiyev",
        "Eldar Mahmudov",
        "Ziyafat Asgarov",
    ]


def test_planned_meeting_briefing_shows_the_open_followups(world: Any, sources: None) -> None:
    load_demo(actor=Actor.system())
    user = world.users["staff_all"]
    planned = Meeting.objects.get(status="PLANNED")
    brief = selectors.briefing(user, selectors.meeting_get(user, planned.pk), today=planned.date)
    assert [i.followup.status for i in brief.items] == ["IN_PROGRESS", "OPEN"]
    assert [i.overdue for i in brief.items] == [True, True]
