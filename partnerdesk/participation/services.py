"""Write use-cases of participation: nominations, the waitlist, the organiser's decisions,
attendance, feedback and feedback reminders.

Every function is keyword-only and atomic, checks its domain rule, then writes through the
core record services (validated, versioned, one change-log row per changed row).

Seats. PENDING and APPROVED registrations hold a seat of the event; they never exceed the
event's capacity. Every function that takes or frees a seat first locks the event row
(`select_for_update`; SQLite runs IMMEDIATE transactions, so the write lock is already held)
and counts the seats inside that lock, so concurrent nominations cannot overbook. Whenever a
seat is freed (reject, cancel, capacity raised) the first WAITLISTED registration — by
`queued_at`, then id — is promoted to PENDING in the same transaction, and the coordinators
of its nation get an e-mail once the transaction commits (plain `send_mail`: a promotion
happens once, so the reminder log's duplicate rule is not needed).

Who may do what:
- nominate, edit the personal details: whoever may change the nation's BILATERAL records
  (its coordinator, alliance staff covering it), while registration is open and the nation's
  invitation is not declined; a nomination answers a NO_ANSWER invitation ACCEPTED;
- approve, reject, check in, remind for feedback: the event's organisers (`is_organiser`);
- cancel: the nation or an organiser;
- feedback: the nation (the marking grants decide: NATIONAL_ONLY only by its coordinator).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden, VersionConflict
from partnerdesk.core.markings import Marking
from partnerdesk.core.permissions import Action, allows, can
from partnerdesk.core.services import record_create, record_delete, record_update
from partnerdesk.core.workflow import check_transition
from partnerdesk.events import services as event_services
from partnerdesk.events.choices import TOOK_PLACE_STATES, EventState, InvitationAnswer
from partnerdesk.events.models import Event, Invitation
from partnerdesk.events.selectors import is_organiser, may_answer
from partnerdesk.organisations.choices import OrganisationKind
from partnerdesk.organisations.models import Organisation
from partnerdesk.participation.choices import (
    REGISTRATION_TRANSITIONS,
    SEAT_HOLDING,
    STATUS_LABELS,
    RegistrationStatus,
)
from partnerdesk.participation.models import Feedback, Registration

PERSON_FIELDS = (
    "person_name",
    "rank_title",
    "category",
    "organisation",
    "organisation_name",
    "email",
)
NOMINATION_FIELDS = ("event", "owner", *PERSON_FIELDS)
FEEDBACK_FIELDS = ("registration", "marking", "overall", "relevance", "comments")
FEEDBACK_UPDATE_FIELDS = ("marking", "overall", "relevance", "comments")
# Event states in which registrations can still be decided or cancelled (seats matter).
DECIDING_STATES = frozenset({EventState.REGISTRATION_OPEN, EventState.REGISTRATION_CLOSED})
# Event states in which attendance is recorded and feedback given.
ATTENDANCE_STATES = frozenset({EventState.HELD, EventState.FEEDBACK_COLLECTED})
FEEDBACK_STATES = TOOK_PLACE_STATES
OPEN_FOR_NOMINATION = frozenset({EventState.REGISTRATION_OPEN})

S = RegistrationStatus
EVENT_LABELS = dict(EventState.choices)


# -- helpers -------------------------------------------------------------------------------


def _only(data: Mapping[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """The values of `fields`; any other name is refused by name."""
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "This field cannot be set."))
    return dict(data)


def lock_event(event_id: int) -> Event:
    """Lock the event row for the transaction: serialises every seat count of the event."""
    return Event.objects.select_for_update().select_related("host").get(pk=event_id)


def seats_held(event_id: int) -> int:
    """How many registrations of the event hold a seat (PENDING + APPROVED)."""
    return Registration.objects.filter(event_id=event_id, status__in=sorted(SEAT_HOLDING)).count()


def _organiser_only(actor: Actor, event: Event, what: str) -> Any:
    """An `authorise` rule: only the event's organisers (system jobs are trusted)."""

    def check(_obj: Any) -> None:
        if actor.user is not None and not is_organiser(actor.user, event):
            raise Forbidden(f"Only the organisers of “{event.title}” may {what}.")

    return check


def _nation_or_organiser(actor: Actor, registration: Registration, event: Event) -> Any:
    def check(_obj: Any) -> None:
        user = actor.user
        if user is None or is_organiser(user, event) or can(user, Action.CHANGE, registration):
            return
        raise Forbidden("Only the participant's nation or the organisers may cancel.")

    return check


def _trusted(_obj: Any) -> None:
    """An `authorise` rule for changes the service itself decided (a promotion)."""


def _state_error(event: Event, doing: str, states: frozenset[str]) -> ValidationError:
    allowed = " or ".join(sorted(EVENT_LABELS[s] for s in states))
    return ValidationError(
        {
            "event": f"“{event.title}” is {EVENT_LABELS[event.state]}: {doing} only while it is "
            f"{allowed}."
        }
    )


def _current(registration: Registration, expected_version: int) -> Registration:
    """The stored row, locked, if still at `expected_version` (VersionConflict otherwise)."""
    current = (
        Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
    )
    if current.version != expected_version:
        raise VersionConflict(current, expected_version)
    return current


def _move(
    registration: Registration,
    *,
    actor: Actor,
    expected_version: int,
    target: str,
    authorise: Any,
    extra: Mapping[str, Any] | None = None,
) -> Registration:
    """Check the stored status's move against REGISTRATION_TRANSITIONS, then update
    (versioned, audited)."""
    current = _current(registration, expected_version)
    authorise(current)
    check_transition(
        current=current.status,
        target=target,
        allowed=REGISTRATION_TRANSITIONS,
        labels=STATUS_LABELS,
    )
    return record_update(
        current,
        actor=actor,
        expected_version=expected_version,
        values={"status": target, **(extra or {})},
        authorise=authorise,
    )


def _mail_promotion(registration: Registration, event: Event) -> None:
    coordinators = event_services.coordinators_of([registration.owner_id])
    recipients = sorted({u.email for u in coordinators.get(registration.owner_id, [])})
    if not recipients:
        return
    subject = f"Seat available: {registration.person_name} moves up for {event.title}"
    body = (
        f"A seat became free at “{event.title}” ({event.start_date:%d %b %Y}, "
        f"{event.location}).\n\n{registration.person_name} was first on the waitlist and is now "
        "awaiting the organiser's approval.\n"
    )
    send_mail(subject, body, None, recipients, fail_silently=True)


def promote_waitlist(event: Event, *, actor: Actor) -> list[Registration]:
    """Fill free seats of a locked `event` from its waitlist, first queued first; return the
    promoted registrations. The caller holds the event lock (see `lock_event`).

    Promotions happen only while registrations are decided (registration open or closed);
    each is audited as a change by `actor` and mailed to the nation's coordinators on commit.
    """
    if event.state not in DECIDING_STATES:
        return []
    free = event.capacity - seats_held(event.pk)
    if free <= 0:
        return []
    waiting = list(
        Registration.objects.filter(event_id=event.pk, status=S.WAITLISTED).order_by(
            "queued_at", "pk"
        )[:free]
    )
    promoted = []
    for registration in waiting:
        moved = _move(
            registration,
            actor=actor,
            expected_version=registration.version,
            target=S.PENDING,
            authorise=_trusted,
            extra={"status_note": "Promoted from the waitlist when a seat became free."},
        )
        transaction.on_commit(partial(_mail_promotion, moved, event))
        promoted.append(moved)
    return promoted


def capacity_guard(event: Event, new_capacity: int) -> None:
    """Refuse lowering an event's capacity below the seats its registrations hold.

    Registered with the events app's capacity guards (see apps.py); the events service calls
    it inside its transaction before it saves a new capacity.
    """
    held = seats_held(event.pk)
    if new_capacity < held:
        raise ValidationError(
            {
                "capacity": f"{held} seats are held by pending or approved registrations; the "
                f"capacity cannot go below {held}. Reject or cancel registrations first."
            }
        )


def fill_after_capacity_raised(event: Event, actor: Actor) -> None:
    """Registered with the events app's `capacity_raised` hooks: once an organiser raised the
    capacity (inside the same transaction), promote waitlisted registrations into the new
    seats."""
    promote_waitlist(lock_event(event.pk), actor=actor)


# -- nominations ---------------------------------------------------------------------------


def _nation_of(actor: Actor, values: dict[str, Any]) -> Organisation:
    nation = values.get("owner")
    if nation is None and actor.user is not None and actor.user.nation_id is not None:
        nation = Organisation.objects.get(pk=actor.user.nation_id)
    if not isinstance(nation, Organisation):
        raise ValidationError({"owner": "Choose the nation whose participant this is."})
    if nation.kind != OrganisationKind.STATE:
        raise ValidationError({"owner": "Participants are nominated by a nation (a state)."})
    return nation


def _check_organisation(values: Mapping[str, Any], nation: Organisation) -> None:
    organisation = values.get("organisation")
    if organisation is not None and organisation.nation_id != nation.pk:
        raise ValidationError(
            {"organisation": f"Choose {nation.name} or one of its national agencies."}
        )
    if organisation is None and not values.get("organisation_name"):
        raise ValidationError(
            {
                "organisation": "Choose the participant's organisation, or type its name in "
                "“organisation name”."
            }
        )


def _usable_invitation(event: Event, nation: Organisation) -> Invitation:
    invitation = Invitation.objects.filter(event_id=event.pk, owner_id=nation.pk).first()
    if invitation is None:
        raise ValidationError({"event": f"{nation.name} is not invited to “{event.title}”."})
    if invitation.answer == InvitationAnswer.DECLINED:
        raise ValidationError(
            {
                "event": f"{nation.name} declined the invitation to “{event.title}”; "
                "nominations are closed for it."
            }
        )
    return invitation


def _accept(invitation: Invitation, *, actor: Actor, nation: Organisation) -> None:
    """A nomination answers an unanswered invitation ACCEPTED (audited, by the nominator,
    through the events service — which lets only the nation's coordinators answer)."""
    if invitation.answer != InvitationAnswer.NO_ANSWER:
        return
    if actor.user is not None and not may_answer(actor.user, invitation):
        raise ValidationError(
            {
                "event": f"{nation.name} has not answered the invitation yet. A coordinator of "
                f"{nation.name} answers it (nominating a participant accepts it)."
            }
        )
    event_services.invitation_answer(
        invitation,
        actor=actor,
        expected_version=invitation.version,
        answer=InvitationAnswer.ACCEPTED,
        note="Accepted by nominating a participant.",
    )


def registration_nominate(*, actor: Actor, data: Mapping[str, Any]) -> Registration:
    """Nominate a participant of a nation for an event; return the registration.

    Allowed while the event is REGISTRATION_OPEN, to whoever may change the nation's
    BILATERAL records, when the nation's invitation is not declined (an unanswered one is
    answered ACCEPTED). The registration is PENDING while seats are free and WAITLISTED once
    PENDING + APPROVED reach the capacity — counted under the event lock, so concurrent
    nominations never overbook.
    """
    values = _only(data, NOMINATION_FIELDS)
    event = values.get("event")
    if not isinstance(event, Event):
        raise ValidationError({"event": "Choose the event."})
    nation = _nation_of(actor, values)
    user = actor.user
    if user is not None and not allows(
        user, Action.CHANGE, owner_id=nation.pk, marking=Marking.BILATERAL
    ):
        raise Forbidden(f"You may not nominate participants of {nation.name}.")
    _check_organisation(values, nation)
    with transaction.atomic():
        locked = lock_event(event.pk)
        if locked.state != EventState.REGISTRATION_OPEN:
            raise _state_error(locked, "participants are nominated", OPEN_FOR_NOMINATION)
        invitation = _usable_invitation(locked, nation)
        _accept(invitation, actor=actor, nation=nation)
        promote_waitlist(locked, actor=actor)  # nobody overtakes the waitlist
        full = seats_held(locked.pk) >= locked.capacity
        values.update(
            event=locked,
            owner=nation,
            marking=Marking.BILATERAL,
            status=S.WAITLISTED if full else S.PENDING,
            queued_at=timezone.now(),
            nominated_by=user,
        )
        return record_create(Registration, actor=actor, values=values)


def registration_update(
    registration: Registration, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> Registration:
    """Correct a participant's personal details (the nation's right); the status, event and
    nation change only through the other services."""
    values = _only(data, PERSON_FIELDS)
    merged = {name: getattr(registration, name) for name in PERSON_FIELDS} | values
    _check_organisation(merged, registration.owner)
    return record_update(
        registration, actor=actor, expected_version=expected_version, values=values
    )


def registration_approve(
    registration: Registration, *, actor: Actor, expected_version: int
) -> Registration:
    """The organiser approves a PENDING registration (before the event is held)."""
    with transaction.atomic():
        event = lock_event(registration.event_id)
        if event.state not in DECIDING_STATES:
            raise _state_error(event, "registrations are approved", DECIDING_STATES)
        return _move(
            registration,
            actor=actor,
            expected_version=expected_version,
            target=S.APPROVED,
            authorise=_organiser_only(actor, event, "approve registrations"),
        )


def registration_reject(
    registration: Registration, *, actor: Actor, expected_version: int, note: str = ""
) -> Registration:
    """The organiser rejects a registration; a seat it held goes to the first on the waitlist."""
    with transaction.atomic():
        event = lock_event(registration.event_id)
        if event.state not in DECIDING_STATES:
            raise _state_error(event, "registrations are rejected", DECIDING_STATES)
        moved = _move(
            registration,
            actor=actor,
            expected_version=expected_version,
            target=S.REJECTED,
            authorise=_organiser_only(actor, event, "reject registrations"),
            extra={"status_note": note[:300]},
        )
        promote_waitlist(event, actor=actor)
    return moved


def registration_cancel(
    registration: Registration, *, actor: Actor, expected_version: int, note: str = ""
) -> Registration:
    """The nation (or an organiser) cancels a registration before the event is held; a seat
    it held goes to the first on the waitlist."""
    with transaction.atomic():
        event = lock_event(registration.event_id)
        if event.state not in DECIDING_STATES:
            raise _state_error(event, "registrations are cancelled", DECIDING_STATES)
        moved = _move(
            registration,
            actor=actor,
            expected_version=expected_version,
            target=S.CANCELLED,
            authorise=_nation_or_organiser(actor, registration, event),
            extra={"status_note": note[:300]},
        )
        promote_waitlist(event, actor=actor)
    return moved


# -- attendance ----------------------------------------------------------------------------


def registration_check_in(
    registration: Registration,
    *,
    actor: Actor,
    expected_version: int,
    attended: bool | None,
    now: dt.datetime | None = None,
) -> Registration:
    """The organiser records whether an APPROVED participant attended (None clears it).

    Only once the event is HELD (or while its feedback is collected). `checked_in_at` is the
    moment attendance was recorded as yes, and is cleared otherwise.
    """
    with transaction.atomic():
        event = lock_event(registration.event_id)
        rule = _organiser_only(actor, event, "check participants in")
        rule(event)
        if event.state not in ATTENDANCE_STATES:
            raise _state_error(event, "attendance is recorded", ATTENDANCE_STATES)
        current = _current(registration, expected_version)
        if current.status != S.APPROVED:
            raise ValidationError(
                {
                    "attended": "Only approved participants are checked in; this registration "
                    f"is {STATUS_LABELS[current.status]}."
                }
            )
        moment = now or timezone.now()
        return record_update(
            current,
            actor=actor,
            expected_version=expected_version,
            values={"attended": attended, "checked_in_at": moment if attended else None},
            authorise=rule,
        )


def registration_check_in_many(
    event: Event, *, actor: Actor, marks: Mapping[int, bool | None]
) -> int:
    """Record attendance for several registrations of `event` at once (all or nothing);
    `marks` maps a registration id to attended yes/no/unknown. Return how many changed."""
    if actor.user is not None and not is_organiser(actor.user, event):
        raise Forbidden(f"Only the organisers of “{event.title}” may check participants in.")
    changed = 0
    now = timezone.now()
    with transaction.atomic():
        rows = Registration.objects.filter(event_id=event.pk, pk__in=list(marks)).select_related(
            "event"
        )
        found = {r.pk: r for r in rows}
        missing = sorted(set(marks) - set(found))
        if missing:
            raise ValidationError(
                {"attended": f"Not registrations of this event: {', '.join(map(str, missing))}."}
            )
        for pk, attended in sorted(marks.items()):
            registration = found[pk]
            if registration.attended == attended:
                continue
            registration_check_in(
                registration,
                actor=actor,
                expected_version=registration.version,
                attended=attended,
                now=now,
            )
            changed += 1
    return changed


# -- feedback ------------------------------------------------------------------------------


def feedback_create(*, actor: Actor, data: Mapping[str, Any]) -> Feedback:
    """Record a participant's feedback on a held event (one per registration, attended only).

    The nation owns it; BILATERAL releases it to the organiser, NATIONAL_ONLY keeps it home.
    """
    values = _only(data, FEEDBACK_FIELDS)
    registration = values.get("registration")
    if not isinstance(registration, Registration):
        raise ValidationError({"registration": "Choose the participant."})
    event = registration.event
    if event.state not in FEEDBACK_STATES:
        raise _state_error(event, "feedback is given", FEEDBACK_STATES)
    if registration.attended is not True:
        raise ValidationError(
            {"registration": "Feedback is given for participants who attended the event."}
        )
    if Feedback.objects.filter(registration_id=registration.pk).exists():
        raise ValidationError(
            {"registration": f"{registration.person_name} already has feedback; edit it instead."}
        )
    values["owner"] = registration.owner
    values.setdefault("marking", Marking.BILATERAL)
    return record_create(Feedback, actor=actor, values=values)


def feedback_update(
    feedback: Feedback, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> Feedback:
    """Change scores, comments or marking of a feedback (the nation's right)."""
    values = dict(data)
    given = values.pop("registration", None)
    if given is not None and getattr(given, "pk", given) != feedback.registration_id:
        raise ValidationError({"registration": "Feedback stays with its participant."})
    values = _only(values, FEEDBACK_UPDATE_FIELDS)
    return record_update(feedback, actor=actor, expected_version=expected_version, values=values)


def feedback_delete(feedback: Feedback, *, actor: Actor, expected_version: int) -> None:
    """Delete a feedback (the change log keeps its last state)."""
    record_delete(feedback, actor=actor, expected_version=expected_version)


def feedback_remind(*, actor: Actor, event: Event, now: dt.datetime | None = None) -> int:
    """E-mail every attended participant of `event` who has an e-mail and no feedback yet,
    through `events.services.send_reminder` (kind FEEDBACK, subject `registration:<id>`), so
    nobody gets a second reminder within the interval. Organisers only; return how many were
    sent."""
    if actor.user is not None and not is_organiser(actor.user, event):
        raise Forbidden(f"Only the organisers of “{event.title}” may send feedback reminders.")
    if event.state not in FEEDBACK_STATES:
        raise _state_error(event, "feedback reminders are sent", FEEDBACK_STATES)
    waiting = (
        Registration.objects.filter(event_id=event.pk, attended=True, feedback__isnull=True)
        .exclude(email="")
        .order_by("pk")
    )
    sent = 0
    for registration in waiting:
        sent += event_services.send_reminder(
            actor=actor,
            event=event,
            kind="FEEDBACK",
            subject=f"registration:{registration.pk}",
            recipient_email=registration.email,
            mail_subject=f"Your feedback on {event.title}",
            body=(
                f"Dear {registration.person_name},\n\nthank you for taking part in "
                f"“{event.title}” ({event.start_date:%d %b %Y}, {event.location}). Please "
                "give your feedback to your national coordinator: an overall mark and how "
                "relevant the event was, each from 1 to 5, and any comments.\n"
            ),
            now=now,
        )
    return sent
