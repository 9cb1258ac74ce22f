"""Nomination rules, the waitlist, the organiser's decisions, the capacity guard, attendance,
feedback and feedback reminders — through the services, as users do."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden
from partnerdesk.core.models import ChangeRecord
from partnerdesk.events.models import Invitation, ReminderLog
from partnerdesk.events.services import event_update
from partnerdesk.participation import services
from partnerdesk.participation.models import Feedback, Registration
from partnerdesk.participation.tests.helpers import actor, event, nominate, set_state

pytestmark = pytest.mark.django_db


def _changes(obj: Any) -> list[tuple[str, Any]]:
    """(action, the status or answer after the change) of each change-log row of `obj`."""
    rows = ChangeRecord.objects.filter(
        content_type__model=obj._meta.model_name, object_id=str(obj.pk)
    ).order_by("pk")
    return [(r.action, (r.after or {}).get("status", (r.after or {}).get("answer"))) for r in rows]


def _fresh(obj: Any) -> Any:
    obj.refresh_from_db()
    return obj


def _messages(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


# -- nominations ---------------------------------------------------------------------------


def test_nomination_holds_a_seat_of_the_nation_and_is_audited(world: Any) -> None:
    course = event(world)
    registration = nominate(world, course, organisation=world.aze, organisation_name="")
    assert (
        registration.status,
        registration.owner,
        registration.marking,
        registration.nominated_by,
        registration.version,
    ) == ("PENDING", world.aze, "BILATERAL", world.users["aze_coordinator"], 1)
    assert _changes(registration) == [("CREATE", "PENDING")]
    assert services.seats_held(course.pk) == 1


@pytest.mark.parametrize(
    ("state", "label"),
    [
        ("INVITATIONS_SENT", "Invitations sent"),
        ("REGISTRATION_CLOSED", "Registration closed"),
        ("HELD", "Held"),
    ],
)
def test_nomination_only_while_registration_is_open(world: Any, state: str, label: str) -> None:
    course = event(world, state=state)
    with pytest.raises(ValidationError) as exc:
        nominate(world, course)
    assert _messages(exc) == {
        "event": [
            f"“Cyber defence course” is {label}: participants are nominated only while it is "
            "Registration open."
        ]
    }
    assert Registration.objects.count() == 0


def test_nomination_needs_an_invitation_that_is_not_declined(world: Any) -> None:
    not_invited = event(world, title="Georgia only", invite=("geo",))
    with pytest.raises(ValidationError) as exc:
        nominate(world, not_invited)
    assert _messages(exc) == {"event": ["Azerbaijan is not invited to “Georgia only”."]}
    declined = event(world, title="Declined", answer="DECLINED")
    with pytest.raises(ValidationError) as exc:
        nominate(world, declined)
    assert _messages(exc) == {
        "event": [
            "Azerbaijan declined the invitation to “Declined”; nominations are closed for it."
        ]
    }
    assert Registration.objects.count() == 0


def test_nomination_answers_an_unanswered_invitation_through_the_events_service(
    world: Any,
) -> None:
    course = event(world, answer="NO_ANSWER")
    invitation = Invitation.objects.get(event=course, owner=world.aze)
    nominate(world, course)
    invitation.refresh_from_db()
    assert (invitation.answer, invitation.answered_by, invitation.version) == (
        "ACCEPTED",
        world.users["aze_coordinator"],
        2,
    )
    assert _changes(invitation) == [("UPDATE", "ACCEPTED")]


def test_alliance_staff_nominate_for_covered_nations_once_the_nation_has_accepted(
    world: Any,
) -> None:
    course = event(world, answer="NO_ANSWER")
    with pytest.raises(ValidationError) as exc:
        nominate(world, course, by="staff_all", owner=world.aze)
    assert _messages(exc) == {
        "event": [
            "Azerbaijan has not answered the invitation yet. A coordinator of Azerbaijan "
            "answers it (nominating a participant accepts it)."
        ]
    }
    Invitation.objects.filter(event=course).update(answer="ACCEPTED")
    made = nominate(world, course, by="staff_all", owner=world.aze)
    assert (made.owner, made.status) == (world.aze, "PENDING")
    with pytest.raises(Forbidden, match="You may not nominate participants of Azerbaijan"):
        nominate(world, course, by="staff_geo", owner=world.aze)


@pytest.mark.parametrize("name", ["geo_coordinator", "aze_viewer", "analyst", "admin"])
def test_others_may_not_nominate_for_azerbaijan(world: Any, name: str) -> None:
    course = event(world)
    with pytest.raises(Forbidden, match="You may not nominate participants of Azerbaijan"):
        nominate(world, course, by=name, owner=world.aze)


def test_organisation_must_belong_to_the_nation(world: Any) -> None:
    course = event(world)
    with pytest.raises(ValidationError) as exc:
        nominate(world, course, organisation=world.geo)
    assert _messages(exc) == {
        "organisation": ["Choose Azerbaijan or one of its national agencies."]
    }
    with pytest.raises(ValidationError) as exc:
        nominate(world, course, organisation_name="")
    assert list(_messages(exc)) == ["organisation"]
    agency = nominate(world, course, organisation=world.users["aze_coordinator"].organisation)
    assert agency.organisation.code == "AZE-MFA"


def test_unknown_fields_are_refused_by_name(world: Any) -> None:
    course = event(world)
    with pytest.raises(ValidationError) as exc:
        nominate(world, course, status="APPROVED")
    assert _messages(exc) == {"status": ["This field cannot be set."]}


# -- the waitlist --------------------------------------------------------------------------


def test_capacity_one_second_nomination_waits_and_is_promoted_when_the_first_cancels(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    coordinator = world.users["aze_coordinator"]
    coordinator.email = "coordinator@aze.example"
    coordinator.save()
    course = event(world, capacity=1)
    first = nominate(world, course, "Participant AZE-0001")
    second = nominate(world, course, "Participant AZE-0002")
    assert (first.status, second.status) == ("PENDING", "WAITLISTED")
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(
            first, actor=actor(world, "aze_coordinator"), expected_version=1
        )
    assert (_fresh(first).status, _fresh(second).status) == ("CANCELLED", "PENDING")
    promotion = ChangeRecord.objects.filter(object_id=str(second.pk), action="UPDATE").get()
    assert (promotion.before["status"], promotion.after["status"], promotion.actor_label) == (
        "WAITLISTED",
        "PENDING",
        "aze_coordinator",
    )
    assert second.status_note == "Promoted from the waitlist when a seat became free."
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            ["coordinator@aze.example"],
            "Seat available: Participant AZE-0002 moves up for Cyber defence course",
        )
    ]


def test_waitlist_is_first_come_first_served(world: Any) -> None:
    course = event(world, capacity=1)
    nominate(world, course, "Participant AZE-0001")
    waiting = [nominate(world, course, f"Participant AZE-000{n}") for n in (2, 3, 4)]
    staff = actor(world, "staff_all")
    holder = Registration.objects.get(person_name="Participant AZE-0001")
    services.registration_reject(holder, actor=staff, expected_version=1, note="No slot")
    assert [_fresh(r).status for r in waiting] == ["PENDING", "WAITLISTED", "WAITLISTED"]
    assert _fresh(holder).status_note == "No slot"


def test_reject_frees_the_seat_and_approve_keeps_it(world: Any) -> None:
    course = event(world, capacity=2)
    a, b, c = (nominate(world, course, f"Participant AZE-000{n}") for n in (1, 2, 3))
    staff = actor(world, "staff_all")
    services.registration_approve(a, actor=staff, expected_version=1)
    assert (_fresh(a).status, _fresh(c).status) == ("APPROVED", "WAITLISTED")
    services.registration_reject(b, actor=staff, expected_version=1)
    assert (_fresh(b).status, _fresh(c).status) == ("REJECTED", "PENDING")
    assert services.seats_held(course.pk) == 2


def test_only_organisers_decide(world: Any) -> None:
    course = event(world)
    registration = nominate(world, course)
    for name in ("aze_coordinator", "geo_coordinator", "staff_geo", "analyst"):
        with pytest.raises(Forbidden, match="Only the organisers of “Cyber defence course”"):
            services.registration_approve(
                registration, actor=actor(world, name), expected_version=1
            )
    assert _fresh(registration).status == "PENDING"
    partner_course = event(world, title="Georgian seminar", owner=world.geo)
    theirs = nominate(world, partner_course)
    approved = services.registration_approve(
        theirs, actor=actor(world, "geo_coordinator"), expected_version=1
    )
    assert approved.status == "APPROVED"


def test_refused_move_names_the_states_and_the_possible_moves(world: Any) -> None:
    course = event(world)
    registration = nominate(world, course)
    services.registration_cancel(
        registration, actor=actor(world, "aze_coordinator"), expected_version=1
    )
    with pytest.raises(ValidationError) as exc:
        services.registration_approve(
            registration, actor=actor(world, "staff_all"), expected_version=2
        )
    assert _messages(exc) == {
        "status": ["Cannot move from Cancelled to Approved. Cancelled is final."]
    }
    other = nominate(world, course, "Participant AZE-0002")
    services.registration_approve(other, actor=actor(world, "staff_all"), expected_version=1)
    with pytest.raises(ValidationError) as exc:
        services.registration_approve(other, actor=actor(world, "staff_all"), expected_version=2)
    assert _messages(exc) == {
        "status": [
            "Cannot move from Approved to Approved. From Approved it can move to: Cancelled, "
            "Rejected."
        ]
    }


def test_another_nation_may_not_cancel(world: Any) -> None:
    course = event(world)
    registration = nominate(world, course)
    with pytest.raises(Forbidden, match="Only the participant's nation or the organisers"):
        services.registration_cancel(
            registration, actor=actor(world, "geo_coordinator"), expected_version=1
        )
    cancelled = services.registration_cancel(
        registration, actor=actor(world, "staff_all"), expected_version=1
    )
    assert cancelled.status == "CANCELLED"


def test_stale_decision_is_refused(world: Any) -> None:
    from partnerdesk.core.exceptions import VersionConflict

    course = event(world)
    registration = nominate(world, course)
    with pytest.raises(VersionConflict):
        services.registration_approve(
            registration, actor=actor(world, "staff_all"), expected_version=7
        )


def test_capacity_guard_refuses_lowering_below_held_seats(world: Any) -> None:
    course = event(world, capacity=3)
    for n in (1, 2):
        nominate(world, course, f"Participant AZE-000{n}")
    staff = actor(world, "staff_all")
    with pytest.raises(ValidationError) as exc:
        event_update(course, actor=staff, expected_version=1, data={"capacity": 1})
    assert _messages(exc) == {
        "capacity": [
            "2 seats are held by pending or approved registrations; the capacity cannot go "
            "below 2. Reject or cancel registrations first."
        ]
    }
    assert event_update(course, actor=staff, expected_version=1, data={"capacity": 2}).capacity == 2


def test_raised_capacity_is_filled_from_the_waitlist_before_new_nominations(world: Any) -> None:
    course = event(world, capacity=1)
    nominate(world, course, "Participant AZE-0001")
    waiting = nominate(world, course, "Participant AZE-0002")
    staff = actor(world, "staff_all")
    course = event_update(course, actor=staff, expected_version=1, data={"capacity": 3})
    late = nominate(world, course, "Participant AZE-0003")
    assert (_fresh(waiting).status, late.status) == ("PENDING", "PENDING")
    assert services.seats_held(course.pk) == 3


def test_raising_the_capacity_promotes_the_waitlist_at_once(world: Any) -> None:
    course = event(world, capacity=1)
    nominate(world, course, "Participant AZE-0001")
    waiting = nominate(world, course, "Participant AZE-0002")
    queued = nominate(world, course, "Participant AZE-0003")
    staff = actor(world, "staff_all")
    event_update(course, actor=staff, expected_version=1, data={"capacity": 2})
    assert (_fresh(waiting).status, _fresh(queued).status) == ("PENDING", "WAITLISTED")
    promotion = ChangeRecord.objects.filter(object_id=str(waiting.pk), action="UPDATE").get()
    assert (promotion.after["status"], promotion.actor_label) == ("PENDING", "staff_all")


# -- attendance ----------------------------------------------------------------------------


def _approved(world: Any, course: Any, name: str = "Participant AZE-0001", **extra: Any) -> Any:
    registration = nominate(world, course, name, **extra)
    return services.registration_approve(
        registration, actor=actor(world, "staff_all"), expected_version=1
    )


def test_check_in_only_after_the_event_is_held_and_only_by_organisers(world: Any) -> None:
    course = event(world)
    registration = _approved(world, course)
    staff = actor(world, "staff_all")
    with pytest.raises(ValidationError) as exc:
        services.registration_check_in(registration, actor=staff, expected_version=2, attended=True)
    assert _messages(exc) == {
        "event": [
            "“Cyber defence course” is Registration open: attendance is recorded only while it "
            "is Feedback collected or Held."
        ]
    }
    set_state(course, "HELD")
    registration = Registration.objects.get(pk=registration.pk)
    with pytest.raises(Forbidden):
        services.registration_check_in(
            registration, actor=actor(world, "aze_coordinator"), expected_version=2, attended=True
        )
    moment = dt.datetime(2015, 5, 4, 9, 0, tzinfo=dt.UTC)
    checked = services.registration_check_in(
        registration, actor=staff, expected_version=2, attended=True, now=moment
    )
    assert (checked.attended, checked.checked_in_at, checked.version) == (True, moment, 3)
    absent = services.registration_check_in(
        checked, actor=staff, expected_version=3, attended=False
    )
    assert (absent.attended, absent.checked_in_at) == (False, None)


def test_only_approved_participants_are_checked_in(world: Any) -> None:
    course = event(world)
    pending = nominate(world, course)
    set_state(course, "HELD")
    pending = Registration.objects.get(pk=pending.pk)
    with pytest.raises(ValidationError) as exc:
        services.registration_check_in(
            pending, actor=actor(world, "staff_all"), expected_version=1, attended=True
        )
    assert _messages(exc) == {
        "attended": [
            "Only approved participants are checked in; this registration is Awaiting the "
            "organiser."
        ]
    }


def test_check_in_a_list_all_or_nothing(world: Any) -> None:
    course = event(world)
    a = _approved(world, course, "Participant AZE-0001")
    b = _approved(world, course, "Participant AZE-0002")
    pending = nominate(world, course, "Participant AZE-0003")
    set_state(course, "HELD")
    staff = actor(world, "staff_all")
    with pytest.raises(ValidationError):
        services.registration_check_in_many(
            course, actor=staff, marks={a.pk: True, pending.pk: True}
        )
    assert _fresh(a).attended is None
    changed = services.registration_check_in_many(
        course, actor=staff, marks={a.pk: True, b.pk: False}
    )
    assert (changed, _fresh(a).attended, _fresh(b).attended) == (2, True, False)
    assert services.registration_check_in_many(course, actor=staff, marks={a.pk: True}) == 0


# -- feedback ------------------------------------------------------------------------------


def _attended(world: Any, course: Any, *people: tuple[str, str]) -> list[Any]:
    """Nominate, approve, hold the event and check in each (name, e-mail)."""
    approved = [_approved(world, course, name, email=email) for name, email in people]
    set_state(course, "HELD")
    return [
        services.registration_check_in(
            Registration.objects.get(pk=r.pk),
            actor=actor(world, "staff_all"),
            expected_version=2,
            attended=True,
        )
        for r in approved
    ]


ONE = ("Participant AZE-0001", "")


def _feedback(world: Any, registration: Any, by: str = "aze_coordinator", **extra: Any) -> Any:
    data = {"registration": registration, "overall": 4, "relevance": 5} | extra
    return services.feedback_create(actor=actor(world, by), data=data)


def test_feedback_for_attended_participants_once(world: Any) -> None:
    course = event(world)
    (registration,) = _attended(world, course, ONE)
    made = _feedback(world, registration, comments="Useful.")
    assert (made.owner, made.marking, made.overall, made.relevance) == (
        world.aze,
        "BILATERAL",
        4,
        5,
    )
    with pytest.raises(ValidationError) as exc:
        _feedback(world, registration)
    assert _messages(exc) == {
        "registration": ["Participant AZE-0001 already has feedback; edit it instead."]
    }


def test_feedback_refused_before_the_event_is_held_or_without_attendance(world: Any) -> None:
    course = event(world)
    registration = _approved(world, course)
    with pytest.raises(ValidationError) as exc:
        _feedback(world, registration)
    assert list(_messages(exc)) == ["event"]
    set_state(course, "HELD")
    registration = Registration.objects.get(pk=registration.pk)
    with pytest.raises(ValidationError) as exc:
        _feedback(world, registration)
    assert _messages(exc) == {
        "registration": ["Feedback is given for participants who attended the event."]
    }


def test_feedback_scores_and_markings_are_checked(world: Any) -> None:
    course = event(world)
    (registration,) = _attended(world, course, ONE)
    with pytest.raises(ValidationError) as exc:
        _feedback(world, registration, overall=6, relevance=0)
    assert sorted(_messages(exc)) == ["overall", "relevance"]
    with pytest.raises(ValidationError) as exc:
        _feedback(world, registration, marking="PUBLIC")
    assert list(_messages(exc)) == ["marking"]
    with pytest.raises(ValidationError):  # alliance staff never write NATIONAL_ONLY
        _feedback(world, registration, by="staff_all", marking="NATIONAL_ONLY")
    kept = _feedback(world, registration, marking="NATIONAL_ONLY")
    assert kept.marking == "NATIONAL_ONLY"
    assert Feedback.objects.count() == 1


def test_feedback_update_keeps_its_participant(world: Any) -> None:
    course = event(world)
    registration, other = _attended(world, course, ONE, ("Participant AZE-0002", ""))
    made = _feedback(world, registration)
    coordinator = actor(world, "aze_coordinator")
    with pytest.raises(ValidationError):
        services.feedback_update(
            made, actor=coordinator, expected_version=1, data={"registration": other}
        )
    changed = services.feedback_update(
        made, actor=coordinator, expected_version=1, data={"overall": 2}
    )
    assert (changed.overall, changed.version) == (2, 2)


def test_feedback_reminders_are_not_duplicated(world: Any) -> None:
    course = event(world)
    a, _b, _c = _attended(
        world,
        course,
        ("Participant AZE-0001", "p1@aze.example"),
        ("Participant AZE-0002", "p2@aze.example"),
        ("Participant AZE-0003", ""),  # no e-mail
    )
    _feedback(world, a)
    staff = actor(world, "staff_all")
    with pytest.raises(Forbidden):
        services.feedback_remind(actor=actor(world, "aze_coordinator"), event=course)
    assert services.feedback_remind(actor=staff, event=course) == 1
    assert services.feedback_remind(actor=staff, event=course) == 0
    assert [m.to for m in mail.outbox] == [["p2@aze.example"]]
    log = ReminderLog.objects.get()
    assert (log.kind, log.subject, log.recipient_email) == (
        "FEEDBACK",
        f"registration:{Registration.objects.get(email='p2@aze.example').pk}",
        "p2@aze.example",
    )
    later = timezone.now() + dt.timedelta(hours=73)
    assert services.feedback_remind(actor=staff, event=course, now=later) == 1


def test_system_actor_is_trusted(world: Any) -> None:
    course = event(world)
    made = services.registration_nominate(
        actor=Actor.system(),
        data={
            "event": course,
            "owner": world.aze,
            "person_name": "Participant AZE-0001",
            "category": "CIVILIAN",
            "organisation_name": "MFA",
        },
    )
    assert made.status == "PENDING"
