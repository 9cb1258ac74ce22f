"""Events services: creation and editing rules, invitations and answers, reminders, the
capacity guard, reports, feeds and who sees what (the release to invited nations)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden, NotFound
from partnerdesk.core.models import ChangeRecord
from partnerdesk.events import services
from partnerdesk.events.models import Event, Invitation, ReminderLog
from partnerdesk.events.selectors import event_get, event_list, invitation_list, report_of
from partnerdesk.events.services import (
    event_create,
    event_remind,
    event_update,
    invitation_answer,
    invitation_create,
    report_create,
)
from partnerdesk.events.tests.helpers import actor, event, invitation, move_to
from partnerdesk.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def arm(world: Any) -> Organisation:
    return Organisation.objects.create(code="ARM", name="Armenia", kind="STATE")


# -- creating and editing ------------------------------------------------------------------


def test_ad_hoc_event_needs_title_area_format(world: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        event_create(
            actor=actor(world, "aze_coordinator"),
            data={
                "owner": world.aze,
                "host": world.aze,
                "location": "Baku",
                "start_date": dt.date(2030, 1, 1),
                "end_date": dt.date(2030, 1, 2),
                "capacity": 10,
            },
        )
    assert caught.value.message_dict == {
        "title": ["Required for an event without a catalogue activity."],
        "area": ["Required for an event without a catalogue activity."],
        "format": ["Required for an event without a catalogue activity."],
    }
    assert Event.objects.count() == 0


def test_end_before_start_is_a_field_error(world: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        event(world, end_date=dt.date(2030, 5, 1))
    assert caught.value.message_dict["end_date"] == ["The event cannot end before it starts."]


def test_partner_cannot_organise_for_another_nation(world: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        event_create(
            actor=actor(world, "geo_coordinator"),
            data={
                "owner": world.aze,
                "title": "Not mine",
                "area": "CYBER",
                "format": "COURSE",
                "host": world.aze,
                "location": "Baku",
                "start_date": dt.date(2030, 1, 1),
                "end_date": dt.date(2030, 1, 2),
                "capacity": 10,
            },
        )
    assert caught.value.message_dict == {
        "owner": ["You may not create a record for this nation with this marking."]
    }


def test_created_event_is_draft_and_audited(world: Any) -> None:
    created = event_create(
        actor=actor(world, "aze_coordinator"),
        data={
            "owner": world.aze,
            "title": "Logistics workshop",
            "area": "LOG",
            "format": "WORKSHOP",
            "host": world.aze,
            "location": "Baku",
            "start_date": dt.date(2030, 1, 1),
            "end_date": dt.date(2030, 1, 2),
            "capacity": 10,
        },
    )
    assert (created.state, created.version, created.marking) == ("DRAFT", 1, "BILATERAL")
    assert ChangeRecord.objects.filter(object_id=str(created.pk), action="CREATE").count() == 1


def test_details_frozen_after_approval_but_schedule_changes_until_held(world: Any) -> None:
    sent = move_to(event(world), "INVITATIONS_SENT")
    coordinator = actor(world, "aze_coordinator")
    with pytest.raises(ValidationError) as caught:
        event_update(sent, actor=coordinator, expected_version=sent.version, data={"title": "X"})
    assert caught.value.message_dict == {
        "title": ["Cannot change this once the event is Invitations sent."]
    }
    moved = event_update(
        sent,
        actor=coordinator,
        expected_version=sent.version,
        data={"start_date": dt.date(2030, 6, 1), "end_date": dt.date(2030, 6, 3), "capacity": 30},
    )
    assert (moved.start_date, moved.capacity) == (dt.date(2030, 6, 1), 30)
    held = move_to(event(world, title="Held one"), "HELD")
    with pytest.raises(ValidationError) as caught:
        event_update(held, actor=coordinator, expected_version=held.version, data={"capacity": 5})
    assert caught.value.message_dict == {"capacity": ["Cannot change this once the event is Held."]}


def test_owner_never_changes_and_non_organiser_cannot_edit(world: Any) -> None:
    draft = event(world)
    with pytest.raises(ValidationError):
        event_update(
            draft, actor=actor(world, "staff_all"), expected_version=1, data={"owner": world.geo}
        )
    with pytest.raises(Forbidden):
        event_update(
            draft, actor=actor(world, "staff_geo"), expected_version=1, data={"capacity": 50}
        )


def test_capacity_guard_is_asked_before_lowering(world: Any, monkeypatch: Any) -> None:
    calls: list[tuple[int, int, int]] = []

    def guard(target: Event, capacity: int) -> None:
        calls.append((target.pk, target.capacity, capacity))
        if capacity < 15:
            raise ValidationError({"capacity": "15 seats are already held."})

    monkeypatch.setattr(services, "capacity_guard", [guard])
    draft = event(world)
    coordinator = actor(world, "aze_coordinator")
    with pytest.raises(ValidationError) as caught:
        event_update(draft, actor=coordinator, expected_version=1, data={"capacity": 10})
    assert caught.value.message_dict == {"capacity": ["15 seats are already held."]}
    lowered = event_update(draft, actor=coordinator, expected_version=1, data={"capacity": 16})
    raised = event_update(lowered, actor=coordinator, expected_version=2, data={"capacity": 40})
    assert raised.capacity == 40
    assert calls == [(draft.pk, 20, 10), (draft.pk, 20, 16)]


def test_activity_prefills_the_event(world: Any) -> None:
    from partnerdesk.pcm.models import Activity, Catalogue

    catalogue = Catalogue.objects.create(year=2030)
    activity = Activity.objects.create(
        catalogue=catalogue,
        code="PCM-2030-CYBER-0001",
        title="Cyber defence for partners",
        description="Hands-on course.",
        area="CYBER",
        format="COURSE",
        organiser=world.nato,
        language="English, French",
    )
    created = event_create(
        actor=actor(world, "staff_all"),
        data={
            "owner": world.nato,
            "activity": activity,
            "location": "Brussels",
            "start_date": dt.date(2030, 3, 2),
            "end_date": dt.date(2030, 3, 6),
            "capacity": 24,
        },
    )
    assert (
        created.title,
        created.area,
        created.format,
        created.host,
        created.languages,
        created.description,
    ) == (
        "Cyber defence for partners",
        "CYBER",
        "COURSE",
        world.nato,
        "English, French",
        "Hands-on course.",
    )
    assert [e.pk for e in event_list(world.users["staff_all"], activity=activity)] == [created.pk]


# -- invitations ---------------------------------------------------------------------------


def test_invite_is_idempotent_and_bilateral(world: Any, arm: Organisation) -> None:
    approved = move_to(event(world), "APPROVED")
    coordinator = actor(world, "aze_coordinator")
    first = invitation_create(actor=coordinator, event=approved, nations=["GEO", "arm"])
    again = invitation_create(actor=coordinator, event=approved, nations=["GEO", "ARM"])
    assert sorted(i.owner.code for i in first) == ["ARM", "GEO"]
    assert again == []
    stored = Invitation.objects.filter(event=approved).order_by("owner__code")
    assert [(i.owner.code, i.marking, i.answer) for i in stored] == [
        ("ARM", "BILATERAL", "NO_ANSWER"),
        ("GEO", "BILATERAL", "NO_ANSWER"),
    ]


@pytest.mark.parametrize(
    ("nations", "message"),
    [
        (["XXX"], "Unknown nation code(s): XXX."),
        (["NATO-IS"], "NATO-IS is not a state; invite nations only."),
        (["AZE"], "The organising nation is not invited to its own event."),
        ([], "Choose at least one nation to invite."),
    ],
)
def test_invite_refuses_bad_nations(world: Any, nations: list[str], message: str) -> None:
    approved = move_to(event(world), "APPROVED")
    with pytest.raises(ValidationError) as caught:
        invitation_create(actor=actor(world, "aze_coordinator"), event=approved, nations=nations)
    assert caught.value.message_dict == {"nations": [message]}


def test_invite_only_by_organisers_and_in_the_right_states(world: Any) -> None:
    draft = event(world)
    with pytest.raises(ValidationError) as caught:
        invitation_create(actor=actor(world, "aze_coordinator"), event=draft, nations=["GEO"])
    assert caught.value.message_dict == {
        "nations": [
            "Nations can be invited from Approved until Registration closed; this event is Draft."
        ]
    }
    approved = move_to(event(world, title="Approved"), "APPROVED")
    for name in ("geo_coordinator", "staff_geo", "aze_viewer", "analyst"):
        with pytest.raises(Forbidden):
            invitation_create(actor=actor(world, name), event=approved, nations=["GEO"])
    assert Invitation.objects.count() == 0


def test_only_the_invited_coordinator_answers(world: Any, arm: Organisation) -> None:
    sent = move_to(event(world), "INVITATIONS_SENT", invite=("GEO",))
    geo_invitation = invitation(sent, world.geo)
    for name in ("aze_coordinator", "geo_viewer", "staff_all", "admin"):
        with pytest.raises(Forbidden):
            invitation_answer(
                geo_invitation, actor=actor(world, name), expected_version=1, answer="ACCEPTED"
            )
    moment = timezone.now()
    answered = invitation_answer(
        geo_invitation,
        actor=actor(world, "geo_coordinator"),
        expected_version=1,
        answer="ACCEPTED",
        now=moment,
    )
    assert (answered.answer, answered.answered_by, answered.answered_at, answered.version) == (
        "ACCEPTED",
        world.users["geo_coordinator"],
        moment,
        2,
    )
    changed = invitation_answer(
        answered, actor=actor(world, "geo_coordinator"), expected_version=2, answer="DECLINED"
    )
    assert changed.answer == "DECLINED"


def test_answer_refused_after_registration_closes(world: Any) -> None:
    closed = move_to(event(world), "REGISTRATION_CLOSED", invite=("GEO",))
    with pytest.raises(ValidationError) as caught:
        invitation_answer(
            invitation(closed, world.geo),
            actor=actor(world, "geo_coordinator"),
            expected_version=1,
            answer="ACCEPTED",
        )
    assert caught.value.message_dict == {
        "answer": [
            "Invitations are answered once they are sent and until registration closes; "
            "this event is Registration closed."
        ]
    }


def test_answer_must_be_accept_or_decline(world: Any) -> None:
    sent = move_to(event(world), "INVITATIONS_SENT", invite=("GEO",))
    with pytest.raises(ValidationError) as caught:
        invitation_answer(
            invitation(sent, world.geo),
            actor=actor(world, "geo_coordinator"),
            expected_version=1,
            answer="MAYBE",
        )
    assert caught.value.message_dict == {"answer": ["Answer ACCEPTED or DECLINED."]}


# -- visibility: the release to invited nations and the host -------------------------------


def test_release_to_invited_nation_and_host(world: Any, arm: Organisation) -> None:
    bilateral = event(world, owner=world.nato, host=world.nato, title="NATO course")
    event(world, title="Internal", marking="NATIONAL_ONLY")
    event(world, title="Open", marking="PARTNERS")
    alliance = event(
        world, owner=world.nato, host=world.nato, title="Staff only", marking="ALLIANCE_ONLY"
    )
    move_to(bilateral, "APPROVED")
    move_to(alliance, "APPROVED")
    users = world.users
    assert [e.title for e in event_list(users["geo_coordinator"])] == ["Open"]
    with pytest.raises(NotFound):
        event_get(users["geo_coordinator"], bilateral.pk)
    invitation_create(
        actor=Actor.system(), event=Event.objects.get(pk=bilateral.pk), nations=["GEO"]
    )
    invitation_create(
        actor=Actor.system(), event=Event.objects.get(pk=alliance.pk), nations=["GEO"]
    )
    seen = {
        name: sorted(e.title for e in event_list(users[name]))
        for name in ("aze_coordinator", "geo_coordinator", "geo_viewer", "staff_geo", "analyst")
    }
    assert seen == {
        "aze_coordinator": ["Internal", "Open"],
        "geo_coordinator": ["NATO course", "Open"],
        "geo_viewer": ["NATO course", "Open"],
        "staff_geo": ["NATO course", "Open", "Staff only"],
        "analyst": ["Open"],
    }
    assert event_get(users["geo_viewer"], bilateral.pk).title == "NATO course"
    # GEO sees its own invitation to the ALLIANCE_ONLY event nowhere, since the event is hidden.
    assert [i.event.title for i in invitation_list(users["geo_coordinator"])] == ["NATO course"]
    hosted = event(world, owner=world.geo, host=world.aze, title="Hosted in Baku")
    assert event_get(users["aze_viewer"], hosted.pk).title == "Hosted in Baku"


def test_event_list_filters(world: Any, arm: Organisation) -> None:
    staff = world.users["staff_all"]
    a = event(world, title="Alpha course", start=dt.date(2030, 1, 10))
    b = event(
        world,
        owner=world.geo,
        host=world.geo,
        title="Beta seminar",
        format="SEMINAR",
        start=dt.date(2031, 2, 1),
    )
    move_to(a, "INVITATIONS_SENT", invite=("ARM",))

    def titles(**filters: Any) -> list[str]:
        return [e.title for e in event_list(staff, **filters)]

    assert titles() == ["Alpha course", "Beta seminar"]
    assert titles(nation=arm) == ["Alpha course"]
    assert titles(nation=world.geo.pk) == ["Beta seminar"]
    assert titles(year=2031) == ["Beta seminar"]
    assert titles(date_from=dt.date(2030, 1, 14), date_to=dt.date(2030, 1, 20)) == ["Alpha course"]
    assert titles(date_from=dt.date(2030, 1, 15)) == ["Beta seminar"]
    assert titles(format="SEMINAR") == ["Beta seminar"]
    assert titles(area="CYBER") == ["Alpha course", "Beta seminar"]
    assert titles(host=world.geo) == ["Beta seminar"]
    assert titles(state="INVITATIONS_SENT") == ["Alpha course"]
    assert titles(state=["DRAFT", "INVITATIONS_SENT"]) == ["Alpha course", "Beta seminar"]
    assert titles(text="beta") == ["Beta seminar"]
    assert b.pk is not None


# -- reminders -----------------------------------------------------------------------------


def _with_emails(world: Any, arm: Organisation) -> None:
    user_model = type(world.users["geo_coordinator"])
    for name, email in (
        ("geo_coordinator", "geo@example.org"),
        ("aze_coordinator", "aze@example.org"),
    ):
        world.users[name].email = email
        world.users[name].save()
    extra = user_model(
        username="arm_coordinator",
        role="PARTNER_COORDINATOR",
        organisation=arm,
        email="arm@example.org",
    )
    extra.set_password("x-long-password-1")
    extra.save()
    quiet = user_model(username="arm_noemail", role="PARTNER_COORDINATOR", organisation=arm)
    quiet.set_password("x-long-password-1")
    quiet.save()
    viewer = world.users["geo_viewer"]
    viewer.email = "viewer@example.org"
    viewer.save()


def test_reminders_once_per_recipient_within_the_interval(world: Any, arm: Organisation) -> None:
    _with_emails(world, arm)
    sent = move_to(event(world), "INVITATIONS_SENT", invite=("GEO", "ARM"))
    now = timezone.now()
    organiser = actor(world, "aze_coordinator")
    first = event_remind(actor=organiser, event=sent, now=now)
    assert first.as_dict() == {"sent": 2, "skipped": 0, "invitations": 2}
    assert sorted(m.to[0] for m in mail.outbox) == ["arm@example.org", "geo@example.org"]
    assert mail.outbox[0].subject == "Invitation to answer: Cyber defence course"
    second = event_remind(actor=organiser, event=sent, now=now + dt.timedelta(hours=71))
    assert second.as_dict() == {"sent": 0, "skipped": 2, "invitations": 2}
    assert len(mail.outbox) == 2
    later = event_remind(actor=organiser, event=sent, now=now + dt.timedelta(hours=73))
    assert later.as_dict() == {"sent": 2, "skipped": 0, "invitations": 2}
    assert len(mail.outbox) == 4
    assert ReminderLog.objects.filter(event=sent).count() == 4
    assert sorted(set(ReminderLog.objects.values_list("subject", flat=True))) == sorted(
        f"invitation:{i.pk}" for i in Invitation.objects.filter(event=sent)
    )


def test_answered_nations_are_not_reminded(world: Any, arm: Organisation) -> None:
    _with_emails(world, arm)
    sent = move_to(event(world), "INVITATIONS_SENT", invite=("GEO", "ARM"))
    invitation_answer(
        invitation(sent, world.geo),
        actor=actor(world, "geo_coordinator"),
        expected_version=1,
        answer="DECLINED",
    )
    result = event_remind(actor=actor(world, "staff_all"), event=sent)
    assert result.as_dict() == {"sent": 1, "skipped": 0, "invitations": 1}
    assert [m.to for m in mail.outbox] == [["arm@example.org"]]


def test_reminders_only_by_organisers_and_while_invitations_are_out(
    world: Any, arm: Organisation
) -> None:
    sent = move_to(event(world), "INVITATIONS_SENT", invite=("GEO",))
    for name in ("geo_coordinator", "staff_geo", "analyst"):
        with pytest.raises(Forbidden):
            event_remind(actor=actor(world, name), event=sent)
    approved = move_to(event(world, title="Approved"), "APPROVED")
    with pytest.raises(ValidationError) as caught:
        event_remind(actor=actor(world, "aze_coordinator"), event=approved)
    assert caught.value.message_dict == {
        "kind": [
            "Invitation reminders are sent while invitations are out or registration is open; "
            "this event is Approved."
        ]
    }
    assert mail.outbox == []


# -- reports -------------------------------------------------------------------------------


def test_report_after_held_by_organisers(world: Any) -> None:
    planned = move_to(event(world), "REGISTRATION_OPEN", invite=("GEO",))
    with pytest.raises(ValidationError):
        report_create(actor=actor(world, "aze_coordinator"), event=planned, data={"summary": "x"})
    held = move_to(event(world, title="Held"), "HELD", invite=("GEO",))
    with pytest.raises(Forbidden):
        report_create(actor=actor(world, "geo_coordinator"), event=held, data={"summary": "x"})
    report = report_create(
        actor=actor(world, "aze_coordinator"), event=held, data={"summary": "Went well."}
    )
    assert (report.owner, report.marking) == (world.aze, "BILATERAL")
    assert report_of(world.users["geo_viewer"], held) == report
    assert report_of(world.users["analyst"], held) is None
    with pytest.raises(ValidationError) as caught:
        report_create(actor=actor(world, "aze_coordinator"), event=held, data={"summary": "again"})
    assert caught.value.message_dict == {
        "summary": ["This event already has a report; edit it instead."]
    }
