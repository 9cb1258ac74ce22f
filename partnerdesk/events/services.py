"""Write use-cases of events: every change is checked, validated, versioned and audited.

Who may do what is decided here, not in the views, API or CLI:
- events are created and edited by their organisers (the marking grants on the owner);
  details change while the event is being prepared (DRAFT, PROPOSED, APPROVED, REJECTED),
  dates, capacity, location and description until it is held;
- every move of the life cycle is checked against `choices.EVENT_TRANSITIONS`; approve and
  reject need `selectors.may_approve`, every other move an organiser (`selectors.is_organiser`);
- invitations are created by organisers for invited nations (owned by those nations, always
  BILATERAL) and answered by the invited nation's coordinator;
- reminders, after-action reports are organisers' work; iCal feeds belong to their user.

Lowering an event's capacity asks every function in `capacity_guard` first (see there).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Field, Q
from django.urls import reverse
from django.utils import timezone

from partnerdesk.accounts.models import hash_token
from partnerdesk.core.actor import Actor
from partnerdesk.core.audit import record_change, snapshot
from partnerdesk.core.exceptions import Forbidden, VersionConflict
from partnerdesk.core.markings import Marking
from partnerdesk.core.models import ChangeAction
from partnerdesk.core.roles import Role
from partnerdesk.core.services import (
    record_bulk_create,
    record_create,
    record_delete,
    record_update,
)
from partnerdesk.core.workflow import check_transition
from partnerdesk.events.choices import (
    EVENT_TRANSITIONS,
    OPEN_STATES,
    TOOK_PLACE_STATES,
    EventState,
    FeedScope,
    InvitationAnswer,
    ReminderKind,
)
from partnerdesk.events.models import CalendarFeed, Event, EventReport, Invitation, ReminderLog
from partnerdesk.events.selectors import APPROVER_MOVES, is_organiser, may_answer, may_approve
from partnerdesk.organisations.choices import OrganisationKind
from partnerdesk.organisations.models import Organisation

S = EventState
DEFAULT_REMINDER_INTERVAL_HOURS = 72
STATE_LABELS: dict[str, str] = dict(EventState.choices)

# Fields an organiser sets while preparing the event; the schedule fields change until HELD.
DETAIL_FIELDS = (
    "activity",
    "title",
    "area",
    "format",
    "host",
    "marking",
    "languages",
)
SCHEDULE_FIELDS = ("start_date", "end_date", "capacity", "location", "description")
EVENT_FIELDS = ("owner", *DETAIL_FIELDS, *SCHEDULE_FIELDS)
DETAIL_STATES = frozenset({S.DRAFT, S.PROPOSED, S.APPROVED, S.REJECTED})
SCHEDULE_STATES = (OPEN_STATES | {S.REJECTED}) - {S.CANCELLED}
# Invitations can be issued from approval until registration closes, and answered (or the
# answer changed) while invitations are out and registration is open.
INVITE_STATES = frozenset(
    {S.APPROVED, S.INVITATIONS_SENT, S.REGISTRATION_OPEN, S.REGISTRATION_CLOSED}
)
ANSWER_STATES = frozenset({S.INVITATIONS_SENT, S.REGISTRATION_OPEN})
REMIND_STATES = ANSWER_STATES
REPORT_FIELDS = ("marking", "summary", "lessons", "recommendations")

CapacityGuard = Callable[[Event, int], None]

capacity_guard: list[CapacityGuard] = []
"""Checks run before an event's capacity is lowered; each raises ValidationError to refuse.

Apps that hold seats on events (participation) append a function in their
`AppConfig.ready()`: it receives the event (locked, still at its old capacity) and the new
capacity, and raises `ValidationError({"capacity": "..."})` when fewer seats would remain than
are already held. Events cannot import those apps, so this hook is how they keep the rule.
"""

CapacityRaised = Callable[[Event, Actor], None]

capacity_raised: list[CapacityRaised] = []
"""Functions run after an event's capacity was raised, in the same transaction.

Participation appends one that fills the new seats from the waitlist (first queued first),
so raising the capacity promotes waiting participants at once.
"""


# -- helpers -------------------------------------------------------------------------------


def _user(actor: Actor) -> Any:
    return actor.user


def _refuse_unknown(data: Mapping[str, Any], fields: Sequence[str]) -> None:
    unknown = set(data) - set(fields)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be set."))


def _organiser_rule(actor: Actor, event: Event, what: str) -> Callable[[Any], None]:
    """An `authorise` function: only the event's organisers (system jobs pass)."""

    def check(_obj: Any) -> None:
        if actor.user is not None and not is_organiser(actor.user, event):
            raise Forbidden(f"Only the event's organisers may {what}.")

    return check


def _require_organiser(actor: Actor, event: Event, what: str) -> None:
    _organiser_rule(actor, event, what)(event)


def _prefill(values: dict[str, Any]) -> dict[str, Any]:
    """Fill what an activity implies (title, area, format, languages, host) when not given."""
    activity = values.get("activity")
    if activity is None:
        missing = {
            name: "Required for an event without a catalogue activity."
            for name in ("title", "area", "format")
            if not values.get(name)
        }
        if missing:
            raise ValidationError(missing)
        return values
    values.setdefault("title", "")
    values.setdefault("area", "")
    values.setdefault("format", "")
    if not values["title"]:
        values["title"] = activity.title
    if not values["area"]:
        values["area"] = activity.area
    if not values["format"]:
        values["format"] = activity.format
    if not values.get("languages"):
        values["languages"] = activity.language
    if not values.get("host"):
        values["host"] = activity.organiser
    if not values.get("description"):
        values["description"] = activity.description
    return values


def _differs(event: Event, name: str, value: Any) -> bool:
    """Whether `value` would change field `name` of `event` (foreign keys compared by id)."""
    field = Event._meta.get_field(name)
    if not isinstance(field, Field):
        return True
    if field.is_relation:
        return getattr(value, "pk", value) != getattr(event, field.attname)
    try:
        return field.to_python(value) != getattr(event, name)
    except ValidationError:
        return True


def _check_capacity(event: Event, capacity: Any) -> None:
    """Ask every registered guard before lowering the capacity of a saved event."""
    if event.pk is None or capacity in (None, "") or int(capacity) >= event.capacity:
        return
    for guard in capacity_guard:
        guard(event, int(capacity))


# -- events --------------------------------------------------------------------------------


def event_create(*, actor: Actor, data: Mapping[str, Any]) -> Event:
    """Create an event in DRAFT for `data["owner"]` (the organiser); return it.

    With an `activity`, missing title, area, format, languages, description and host come
    from the activity (its organiser is the default host); without one, title, area and
    format are required. The marking grants decide whether the actor may organise for that
    owner.
    """
    _refuse_unknown(data, EVENT_FIELDS)
    values = _prefill(dict(data))
    if not values.get("owner"):
        raise ValidationError({"owner": "Choose the organising nation or body."})
    values.setdefault("marking", Marking.BILATERAL)
    values["state"] = S.DRAFT
    return record_create(Event, actor=actor, values=values)


def event_update(
    event: Event, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> Event:
    """Change an event's details (while it is prepared) or schedule (until it is held).

    The owner never changes. Lowering the capacity asks `capacity_guard` (under the row lock),
    so it cannot drop below the seats already held.
    """
    _refuse_unknown(data, EVENT_FIELDS)
    values = dict(data)
    if "owner" in values:
        given = values.pop("owner")
        if getattr(given, "pk", given) != event.owner_id:
            raise ValidationError({"owner": "The organiser of an event cannot change."})
    state_label = STATE_LABELS[event.state]
    changed = {name for name, value in values.items() if _differs(event, name, value)}
    detail = sorted(changed & set(DETAIL_FIELDS))
    if detail and event.state not in DETAIL_STATES:
        raise ValidationError(
            dict.fromkeys(detail, f"Cannot change this once the event is {state_label}.")
        )
    schedule = sorted(changed & set(SCHEDULE_FIELDS))
    if schedule and event.state not in SCHEDULE_STATES:
        raise ValidationError(
            dict.fromkeys(schedule, f"Cannot change this once the event is {state_label}.")
        )
    if "activity" in values and values["activity"] is None:
        for name in ("title", "area", "format"):
            if name in values and not values[name]:
                raise ValidationError({name: "Required for an event without a catalogue activity."})
    with transaction.atomic():
        before = event.capacity
        if "capacity" in values:
            locked = Event.objects.select_for_update().get(pk=event.pk)
            before = locked.capacity
            _check_capacity(locked, values["capacity"])
        saved = record_update(
            event,
            actor=actor,
            expected_version=expected_version,
            values=values,
            authorise=_organiser_rule(actor, event, "edit it"),
        )
        if saved.capacity > before:
            for after_raise in capacity_raised:
                after_raise(saved, actor)
        return saved


def event_delete(event: Event, *, actor: Actor, expected_version: int) -> None:
    """Delete an event that is still a DRAFT or was REJECTED (later, cancel it instead)."""
    if event.state not in (S.DRAFT, S.REJECTED):
        raise ValidationError(
            f"Only draft or rejected events can be deleted; this one is "
            f"{STATE_LABELS[event.state]} — cancel it instead."
        )
    _require_organiser(actor, event, "delete it")
    record_delete(event, actor=actor, expected_version=expected_version)


def _transition_rule(actor: Actor, event: Event, target: str) -> Callable[[Any], None]:
    def check(obj: Any) -> None:
        user = actor.user
        if user is None:
            return
        if target in APPROVER_MOVES:
            if not may_approve(user, event):
                if is_organiser(user, event) and user.role == Role.PARTNER_COORDINATOR:
                    raise Forbidden(
                        "A partner never approves or rejects its own proposal; alliance "
                        "staff or the host nation decide."
                    )
                raise Forbidden("You may not approve or reject this event.")
        elif not is_organiser(user, event):
            raise Forbidden("Only the event's organisers may change its state.")

    return check


def event_transition(
    event: Event,
    *,
    actor: Actor,
    expected_version: int,
    target: str,
    note: str = "",
    today: dt.date | None = None,
) -> Event:
    """Move `event` to `target` along `EVENT_TRANSITIONS`, if the actor may make that move.

    A refused move names the current state and the possible moves. Rejecting and cancelling
    need a reason (`note`, kept in `state_note`); sending invitations needs at least one
    invitation; HELD is refused before the start date. Proposing records `proposed_by`,
    approving or rejecting `decided_by`.
    """
    check_transition(
        current=event.state,
        target=target,
        allowed=EVENT_TRANSITIONS,
        labels=STATE_LABELS,
        field="state",
    )
    rule = _transition_rule(actor, event, target)
    rule(event)
    note = (note or "").strip()
    extra: dict[str, Any] = {"state": target}
    if target in (S.REJECTED, S.CANCELLED):
        if not note:
            verb = "rejecting" if target == S.REJECTED else "cancelling"
            raise ValidationError({"note": f"Give the reason for {verb} the event."})
        extra["state_note"] = note[:300]
    elif target == S.DRAFT:
        extra["state_note"] = note[:300]
    if target == S.PROPOSED:
        extra["proposed_by"] = actor.user
    if target in APPROVER_MOVES:
        extra["decided_by"] = actor.user
    if target == S.INVITATIONS_SENT and not event.invitations.exists():
        raise ValidationError({"state": "Invite at least one nation before sending invitations."})
    day = today or timezone.localdate()
    if target == S.HELD and event.start_date > day:
        raise ValidationError(
            {
                "state": f"The event starts on {event.start_date.isoformat()}; "
                "it cannot be marked held before then."
            }
        )
    return record_update(
        event, actor=actor, expected_version=expected_version, values=extra, authorise=rule
    )


# -- invitations ---------------------------------------------------------------------------


def _nations(items: Iterable[Any]) -> list[Organisation]:
    """Resolve organisations or codes to states; unknown codes and non-states are refused."""
    given = list(items)
    codes = [str(i).strip().upper() for i in given if not isinstance(i, Organisation)]
    found = {o.code.upper(): o for o in Organisation.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise ValidationError({"nations": f"Unknown nation code(s): {', '.join(missing)}."})
    result: list[Organisation] = []
    seen: set[int] = set()
    for item in given:
        org = item if isinstance(item, Organisation) else found[str(item).strip().upper()]
        if org.kind != OrganisationKind.STATE:
            raise ValidationError({"nations": f"{org.code} is not a state; invite nations only."})
        if org.pk not in seen:
            seen.add(org.pk)
            result.append(org)
    if not result:
        raise ValidationError({"nations": "Choose at least one nation to invite."})
    return result


def invitation_create(
    *, actor: Actor, event: Event, nations: Iterable[Any], note: str = ""
) -> list[Invitation]:
    """Invite nations (organisations or codes) to `event`; return the invitations created.

    Idempotent: nations already invited are skipped. Allowed for organisers from APPROVED
    until registration closes. Each invitation is owned by the invited nation and BILATERAL;
    the organiser is authorised by the event rule, not by the marking grants.
    """
    if event.state not in INVITE_STATES:
        raise ValidationError(
            {
                "nations": f"Nations can be invited from Approved until Registration closed; "
                f"this event is {STATE_LABELS[event.state]}."
            }
        )
    _require_organiser(actor, event, "invite nations")
    chosen = _nations(nations)
    if any(n.pk == event.owner_id for n in chosen):
        raise ValidationError({"nations": "The organising nation is not invited to its own event."})
    with transaction.atomic():
        Event.objects.select_for_update().filter(pk=event.pk).exists()
        existing = set(
            Invitation.objects.filter(event=event, owner__in=chosen).values_list(
                "owner_id", flat=True
            )
        )
        rows = [
            {
                "event": event,
                "owner": nation,
                "marking": Marking.BILATERAL,
                "note": note[:300],
            }
            for nation in chosen
            if nation.pk not in existing
        ]
        if not rows:
            return []
        return record_bulk_create(
            Invitation,
            actor=actor,
            rows=rows,
            authorise=_organiser_rule(actor, event, "invite nations"),
        )


def invitation_answer(
    invitation: Invitation,
    *,
    actor: Actor,
    expected_version: int,
    answer: str,
    note: str | None = None,
    now: dt.datetime | None = None,
) -> Invitation:
    """Record the invited nation's answer (ACCEPTED or DECLINED), who gave it and when.

    Only a coordinator of the invited nation answers, while invitations are out or
    registration is open; the answer may change until registration closes.
    """
    if answer not in (InvitationAnswer.ACCEPTED, InvitationAnswer.DECLINED):
        raise ValidationError({"answer": "Answer ACCEPTED or DECLINED."})
    event = invitation.event
    if event.state not in ANSWER_STATES:
        raise ValidationError(
            {
                "answer": "Invitations are answered once they are sent and until registration "
                f"closes; this event is {STATE_LABELS[event.state]}."
            }
        )

    def rule(_obj: Any) -> None:
        if actor.user is not None and not may_answer(actor.user, invitation):
            raise Forbidden("Only a coordinator of the invited nation answers this invitation.")

    rule(invitation)
    values: dict[str, Any] = {
        "answer": answer,
        "answered_at": now or timezone.now(),
        "answered_by": actor.user,
    }
    if note is not None:
        values["note"] = note[:300]
    current = Invitation.objects.get(pk=invitation.pk)
    if current.answer == answer and (note is None or current.note == values["note"]):
        values = {}
    return record_update(
        invitation,
        actor=actor,
        expected_version=expected_version,
        values=values,
        authorise=rule,
    )


def invitation_delete(invitation: Invitation, *, actor: Actor, expected_version: int) -> None:
    """Withdraw an unanswered invitation (organisers, before registration closes)."""
    event = invitation.event
    if invitation.answer != InvitationAnswer.NO_ANSWER:
        raise ValidationError("An answered invitation cannot be withdrawn.")
    if event.state not in INVITE_STATES - {S.REGISTRATION_CLOSED}:
        raise ValidationError(
            f"Invitations cannot be withdrawn once the event is {STATE_LABELS[event.state]}."
        )
    _require_organiser(actor, event, "withdraw invitations")
    with transaction.atomic():
        current = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if current.version != expected_version:
            raise VersionConflict(current, expected_version)
        record_change(
            actor=actor,
            obj=current,
            action=ChangeAction.DELETE,
            before=snapshot(current),
            after=None,
        )
        current.delete()


# -- reminders -----------------------------------------------------------------------------


def reminder_interval() -> dt.timedelta:
    """The quiet period between two reminders to the same recipient about the same subject
    (setting PARTNERDESK_REMINDER_INTERVAL_HOURS, 72 hours by default)."""
    hours = getattr(
        settings, "PARTNERDESK_REMINDER_INTERVAL_HOURS", DEFAULT_REMINDER_INTERVAL_HOURS
    )
    return dt.timedelta(hours=float(hours))


def send_reminder(
    *,
    actor: Actor,
    event: Event,
    kind: str,
    subject: str,
    recipient_email: str,
    recipient_user: Any = None,
    mail_subject: str,
    body: str,
    now: dt.datetime | None = None,
) -> bool:
    """Send one reminder e-mail and log it, unless the same recipient already had one about the
    same `subject` within `reminder_interval()`; return whether it was sent.

    The caller decides who needs a reminder and may send it (organisers only). Sending goes
    through Django's e-mail framework (console or file backend in development); the log row is
    written in the same transaction, so a failed send leaves no row.
    """
    moment = now or timezone.now()
    with transaction.atomic():
        recent = ReminderLog.objects.filter(
            subject=subject,
            recipient_email__iexact=recipient_email,
            sent_at__gt=moment - reminder_interval(),
        ).exists()
        if recent:
            return False
        ReminderLog.objects.create(
            event=event,
            kind=kind,
            subject=subject,
            recipient_email=recipient_email,
            recipient_user=recipient_user,
            sent_at=moment,
            sent_by_label=actor.label,
        )
        send_mail(mail_subject, body, None, [recipient_email], fail_silently=False)
    return True


@dataclass(frozen=True)
class ReminderResult:
    """What one reminder run did: e-mails sent, and recipients skipped (reminded recently)."""

    sent: int
    skipped: int
    invitations: int

    def as_dict(self) -> dict[str, int]:
        return {"sent": self.sent, "skipped": self.skipped, "invitations": self.invitations}


def coordinators_of(nation_ids: Iterable[int]) -> dict[int, list[Any]]:
    """Active partner coordinators with an e-mail address, by the nation they work for."""
    ids = list(nation_ids)
    users = (
        get_user_model()
        .objects.filter(is_active=True, role=Role.PARTNER_COORDINATOR)
        .exclude(email="")
        .filter(
            Q(organisation_id__in=ids, organisation__kind=OrganisationKind.STATE)
            | Q(
                organisation__parent_id__in=ids,
                organisation__kind=OrganisationKind.NATIONAL_AGENCY,
            )
        )
        .select_related("organisation")
        .order_by("username")
    )
    result: dict[int, list[Any]] = {}
    for user in users:
        nation_id = user.organisation.nation_id
        if nation_id is not None:
            result.setdefault(nation_id, []).append(user)
    return result


def event_remind(
    *,
    actor: Actor,
    event: Event,
    kind: str = ReminderKind.INVITATION,
    now: dt.datetime | None = None,
) -> ReminderResult:
    """E-mail the coordinators of every invited nation that has not answered `event` yet.

    Organisers only, while invitations are out or registration is open. Each recipient gets at
    most one reminder per invitation within the interval (`send_reminder`); the result counts
    sent and skipped e-mails.
    """
    if kind != ReminderKind.INVITATION:
        raise ValidationError(
            {
                "kind": "Events send invitation reminders; feedback reminders come from "
                "participation."
            }
        )
    _require_organiser(actor, event, "send reminders")
    if event.state not in REMIND_STATES:
        raise ValidationError(
            {
                "kind": "Invitation reminders are sent while invitations are out or registration "
                f"is open; this event is {STATE_LABELS[event.state]}."
            }
        )
    pending = list(
        Invitation.objects.filter(event=event, answer=InvitationAnswer.NO_ANSWER).select_related(
            "owner"
        )
    )
    recipients = coordinators_of(i.owner_id for i in pending)
    link = reverse("events:detail", args=[event.pk])
    sent = skipped = 0
    for invitation in pending:
        for user in recipients.get(invitation.owner_id, []):
            body = (
                f"{invitation.owner.name} is invited to “{event.title}” "
                f"({event.start_date.isoformat()} – {event.end_date.isoformat()}, "
                f"{event.location}).\n\nPlease accept or decline the invitation in partnerdesk: "
                f"{link}\n"
            )
            if send_reminder(
                actor=actor,
                event=event,
                kind=kind,
                subject=f"invitation:{invitation.pk}",
                recipient_email=user.email,
                recipient_user=user,
                mail_subject=f"Invitation to answer: {event.title}",
                body=body,
                now=now,
            ):
                sent += 1
            else:
                skipped += 1
    return ReminderResult(sent=sent, skipped=skipped, invitations=len(pending))


# -- after-action reports ------------------------------------------------------------------


def report_create(*, actor: Actor, event: Event, data: Mapping[str, Any]) -> EventReport:
    """Write the after-action report of a held (or later) event; organisers only. The report
    is owned like the event; its marking (BILATERAL by default) decides who reads it."""
    _refuse_unknown(data, REPORT_FIELDS)
    if event.state not in TOOK_PLACE_STATES:
        raise ValidationError(
            {
                "summary": "The report is written once the event is held; this event is "
                f"{STATE_LABELS[event.state]}."
            }
        )
    _require_organiser(actor, event, "write its report")
    if EventReport.objects.filter(event=event).exists():
        raise ValidationError({"summary": "This event already has a report; edit it instead."})
    values = {"marking": Marking.BILATERAL, **data, "event": event, "owner": event.owner}
    return record_create(EventReport, actor=actor, values=values)


def report_update(
    report: EventReport, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> EventReport:
    """Change a report (organisers; marking grants apply to the new marking too)."""
    _refuse_unknown(data, REPORT_FIELDS)
    _require_organiser(actor, report.event, "edit its report")
    return record_update(report, actor=actor, expected_version=expected_version, values=data)


def report_delete(report: EventReport, *, actor: Actor, expected_version: int) -> None:
    """Delete a report (organisers)."""
    _require_organiser(actor, report.event, "delete its report")
    record_delete(report, actor=actor, expected_version=expected_version)


# -- iCal feeds ----------------------------------------------------------------------------


def _own_feed(actor: Actor) -> Callable[[Any], None]:
    def check(feed: Any) -> None:
        if actor.user is None or feed.user_id != actor.user.pk:
            raise Forbidden("Calendar feeds belong to their user.")

    return check


def feed_create(
    *,
    actor: Actor,
    label: str,
    scope: str = FeedScope.USER,
    nation: Organisation | None = None,
    activity: Any = None,
) -> tuple[CalendarFeed, str]:
    """Create an iCal feed of the acting user; return it and its secret token (shown once).

    Only the token's SHA-256 is stored. A nation feed needs a nation, a series feed an
    activity; the feed never lists more than its user may see.
    """
    user = actor.user
    if user is None or not user.is_authenticated or not user.is_active:
        raise Forbidden("Sign in to create a calendar feed.")
    if scope not in FeedScope.values:
        raise ValidationError({"scope": f"Choose one of {', '.join(FeedScope.values)}."})
    token = secrets.token_urlsafe(32)
    values = {
        "user": user,
        "label": (label or "").strip(),
        "scope": scope,
        "nation": nation if scope == FeedScope.NATION else None,
        "activity": activity if scope == FeedScope.SERIES else None,
        "token_hash": hash_token(token),
    }
    feed = record_create(CalendarFeed, actor=actor, values=values, authorise=_own_feed(actor))
    return feed, token


def feed_revoke(
    feed: CalendarFeed, *, actor: Actor, now: dt.datetime | None = None
) -> CalendarFeed:
    """Revoke one of the acting user's feeds; its URL answers 404 from now on."""
    if feed.revoked_at is not None:
        return feed
    return record_update(
        feed,
        actor=actor,
        expected_version=feed.version,
        values={"revoked_at": now or timezone.now()},
        authorise=_own_feed(actor),
    )


def feed_touch(feed: CalendarFeed, *, now: dt.datetime | None = None) -> None:
    """Note when a feed was last fetched (not audited: bookkeeping, like a token's use)."""
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now or timezone.now())
