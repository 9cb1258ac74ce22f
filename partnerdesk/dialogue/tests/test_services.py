"""Meetings, participants and follow-ups through the services: precision, status rules, links."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden, VersionConflict
from partnerdesk.core.models import ChangeRecord
from partnerdesk.dialogue import services
from partnerdesk.dialogue.models import FollowUp, Meeting, Participant
from partnerdesk.dialogue.tests.helpers import actor, followup, meeting, participant, plan_objective

pytestmark = pytest.mark.django_db


def test_month_precision_is_stored_as_the_month_and_shown_without_a_day(world: Any) -> None:
    m = meeting(world, date=dt.date(2008, 5, 23), precision="MONTH")
    m.refresh_from_db()
    assert m.date == dt.date(2008, 5, 1)
    assert m.date_display == "May 2008"
    assert str(m) == "NAC + Azerbaijan (May 2008)"


def test_year_precision_and_day_range_display(world: Any) -> None:
    year = meeting(world, title="Year", date=dt.date(2010, 8, 9), precision="YEAR")
    days = meeting(world, title="Days", date=dt.date(2024, 11, 25), end_date=dt.date(2024, 11, 26))
    assert (year.date, year.date_display) == (dt.date(2010, 1, 1), "2010")
    assert days.date_display == "25–26 Nov 2024"


def test_end_date_only_at_day_precision_and_not_before_start(world: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        meeting(world, date=dt.date(2016, 2, 1), precision="MONTH", end_date=dt.date(2016, 2, 3))
    assert exc.value.message_dict == {
        "end_date": ["Give an end date only for meetings dated to the day."]
    }
    with pytest.raises(ValidationError) as exc:
        meeting(world, date=dt.date(2016, 2, 5), end_date=dt.date(2016, 2, 3))
    assert exc.value.message_dict == {"end_date": ["The meeting cannot end before it starts."]}
    assert Meeting.objects.count() == 0


def test_topics_are_checked_and_kept_in_choice_order(world: Any) -> None:
    m = meeting(world, topics=["ENERGY_SECURITY", "AFGHANISTAN", "AFGHANISTAN"])
    assert m.topics == ["AFGHANISTAN", "ENERGY_SECURITY"]
    assert m.topic_labels == ["Afghanistan", "Energy security"]
    with pytest.raises(ValidationError) as exc:
        meeting(world, title="Bad", topics=["WEATHER"])
    assert exc.value.message_dict == {"topics": ["Unknown topic(s): WEATHER."]}


def test_a_future_meeting_cannot_be_held(world: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        meeting(world, date=dt.date(2099, 1, 1), precision="YEAR", status="HELD")
    assert exc.value.message_dict == {
        "status": ["A meeting whose date is still to come cannot be recorded as held."]
    }
    planned = meeting(world, date=dt.date(2099, 1, 1), precision="YEAR", status="PLANNED")
    assert planned.status == "PLANNED"


def test_meeting_transitions_name_states_and_moves(world: Any) -> None:
    m = meeting(world, status="PLANNED")
    system = Actor.system()
    held = services.meeting_transition(m, actor=system, expected_version=1, target="HELD")
    assert (held.status, held.version) == ("HELD", 2)
    with pytest.raises(ValidationError) as exc:
        services.meeting_transition(held, actor=system, expected_version=2, target="CANCELLED")
    assert exc.value.message_dict == {
        "status": ["Cannot move from Held to Cancelled. Held is final."]
    }


def test_update_refuses_status_and_stale_versions(world: Any) -> None:
    m = meeting(world, status="PLANNED")
    coordinator = actor(world, "aze_coordinator")
    with pytest.raises(ValidationError) as exc:
        services.meeting_update(m, actor=coordinator, expected_version=1, data={"status": "HELD"})
    assert list(exc.value.message_dict) == ["status"]
    services.meeting_update(m, actor=coordinator, expected_version=1, data={"place": "Brussels"})
    with pytest.raises(VersionConflict):
        services.meeting_update(m, actor=coordinator, expected_version=1, data={"place": "Baku"})
    m.refresh_from_db()
    assert (m.place, m.version) == ("Brussels", 2)


def test_partner_cannot_record_a_meeting_of_another_nation(world: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        meeting(world, owner=world.geo, by=actor(world, "aze_coordinator"))
    assert exc.value.message_dict == {
        "owner": ["You may not create a record for this nation with this marking."]
    }
    with pytest.raises(ValidationError):
        meeting(world, by=actor(world, "aze_viewer"))
    assert Meeting.objects.count() == 0


def test_children_take_nation_and_marking_from_the_meeting(world: Any) -> None:
    m = meeting(world, marking="PARTNERS")
    p = participant(m, title="Foreign Minister")
    f = followup(m)
    assert (p.owner_id, p.marking, f.owner_id, f.marking) == (
        world.aze.pk,
        "PARTNERS",
        world.aze.pk,
        "PARTNERS",
    )
    other = meeting(world, title="Other")
    with pytest.raises(ValidationError) as exc:
        services.participant_update(
            p, actor=Actor.system(), expected_version=1, data={"meeting": other}
        )
    assert list(exc.value.message_dict) == ["meeting"]


def test_delete_meeting_removes_participants_but_not_with_followups(world: Any) -> None:
    m = meeting(world)
    participant(m)
    f = followup(m)
    system = Actor.system()
    with pytest.raises(ValidationError) as exc:
        services.meeting_delete(m, actor=system, expected_version=1)
    assert exc.value.messages == [f"“{m}” still has 1 follow-up(s); delete those first."]
    services.followup_delete(f, actor=system, expected_version=1)
    services.meeting_delete(m, actor=system, expected_version=1)
    assert (Meeting.objects.count(), Participant.objects.count()) == (0, 0)
    deletes = ChangeRecord.objects.filter(action="DELETE").values_list(
        "content_type__model", flat=True
    )
    assert sorted(deletes) == ["followup", "meeting", "participant"]


def test_followup_transitions_and_overdue(world: Any) -> None:
    f = followup(meeting(world), due=dt.date(2020, 1, 31))
    assert f.is_overdue(dt.date(2020, 2, 1)) is True
    assert f.is_overdue(dt.date(2020, 1, 31)) is False
    system = Actor.system()
    done = services.followup_transition(f, actor=system, expected_version=1, target="DONE")
    assert done.is_overdue(dt.date(2021, 1, 1)) is False
    with pytest.raises(ValidationError) as exc:
        services.followup_transition(done, actor=system, expected_version=2, target="DROPPED")
    assert exc.value.message_dict == {
        "status": ["Cannot move from Done to Dropped. From Done it can move to: In progress."]
    }


def test_links_must_be_of_the_meetings_nation(world: Any) -> None:
    m = meeting(world)
    own = plan_objective(world)
    foreign = plan_objective(world, owner=world.geo, code="9.9")
    f = followup(m, objectives=[own])
    assert list(f.objectives.values_list("pk", flat=True)) == [own.pk]
    with pytest.raises(ValidationError) as exc:
        followup(m, "Bad link", objectives=[foreign])
    assert exc.value.message_dict == {
        "objectives": [
            f"Choose only objectives of the meeting's nation that you may see (not: {foreign.pk})."
        ]
    }
    assert FollowUp.objects.count() == 1


def test_links_must_be_visible_to_the_writer(world: Any) -> None:
    m = meeting(world, marking="PUBLIC")
    hidden = plan_objective(world, code="2.1", marking="NATIONAL_ONLY")
    staff = actor(world, "staff_all")
    with pytest.raises(ValidationError) as exc:
        followup(m, objectives=[hidden], by=staff)
    assert list(exc.value.message_dict) == ["objectives"]
    f = followup(m, objectives=[hidden], by=actor(world, "aze_coordinator"))
    # An unrelated edit by staff is not blocked by the link staff cannot see.
    updated = services.followup_update(
        f,
        actor=staff,
        expected_version=1,
        data={"text": "Changed", "objectives": [hidden.pk]},
    )
    assert (updated.text, updated.version) == ("Changed", 2)


def test_partner_side_organisation_must_be_the_nation_or_its_agency(world: Any) -> None:
    m = meeting(world)
    with pytest.raises(ValidationError) as exc:
        followup(m, responsible_organisation=world.geo)
    assert list(exc.value.message_dict) == ["responsible_organisation"]
    f = followup(m, responsible_organisation=world.aze, responsible_person="J. Doe")
    assert f.responsible_display == "Partner — Azerbaijan (J. Doe)"


def test_viewer_cannot_change_a_followup(world: Any) -> None:
    f = followup(meeting(world))
    with pytest.raises(Forbidden):
        services.followup_transition(
            f, actor=actor(world, "aze_viewer"), expected_version=1, target="DONE"
        )
