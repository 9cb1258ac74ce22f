"""Read use-cases of events, always restricted to what the user may see, and the two decisions
other apps rely on: who organises an event and who may approve it.

`event_list` is THE read path for events: pages, the calendar, the API, the CLI and the iCal
feeds all call it, so every visibility rule (markings, the release to invited nations and the
host) holds everywhere. Children (invitations, reports) are visible only when the user may see
them *and* their event.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from partnerdesk.accounts.models import hash_token
from partnerdesk.core.exceptions import NotFound
from partnerdesk.core.permissions import Action, can, restrict
from partnerdesk.core.roles import ALLIANCE_ROLES, Role
from partnerdesk.core.selectors import get_visible
from partnerdesk.core.timeline import TimelineEntry
from partnerdesk.events.choices import EVENT_TRANSITIONS, FeedScope, InvitationAnswer
from partnerdesk.events.choices import EventState as S
from partnerdesk.events.models import CalendarFeed, Event, EventReport, Invitation, ReminderLog
from partnerdesk.organisations.choices import ALLIANCE_KINDS
from partnerdesk.organisations.models import Organisation
from partnerdesk.organisations.selectors import nations_for_records
from partnerdesk.pcm.models import Activity

# Moves that only an approver (`may_approve`) may make; every other move is the organisers'.
APPROVER_MOVES = frozenset({S.APPROVED, S.REJECTED})
# How far back an iCal feed reaches (all future events are always listed).
FEED_WINDOW_DAYS = 730


def is_organiser(user: Any, event: Event) -> bool:
    """Whether `user` runs `event`: may change it under the marking grants (its owning nation's
    coordinator, or alliance staff covering the owner). Organisers invite, open and close
    registration, decide on registrations, check participants in and write the report."""
    return can(user, Action.CHANGE, event)


def may_approve(user: Any, event: Event) -> bool:
    """Whether `user` may approve or reject a proposed `event`.

    Alliance staff who may change the event approve; so does a coordinator of the host nation
    when the host is not the proposer. A partner never approves its own proposal.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.role in ALLIANCE_ROLES:
        return user.role == Role.ALLIANCE_STAFF and can(user, Action.CHANGE, event)
    if user.role != Role.PARTNER_COORDINATOR or user.nation_id is None:
        return False
    host = event.host
    host_nation = host.nation_id
    return host_nation == user.nation_id and host_nation != event.owner_id


# -- events --------------------------------------------------------------------------------


def _events(user: Any) -> QuerySet[Event]:
    return restrict(
        Event.objects.select_related(
            "owner", "host", "host__parent", "activity", "activity__catalogue"
        ),
        user,
    )


def event_list(
    user: Any,
    *,
    nation: Any = None,
    year: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    activity: Any = None,
    area: str | None = None,
    format: str | None = None,
    host: Any = None,
    state: str | Iterable[str] | None = None,
    text: str | None = None,
    nation_id: int | None = None,
) -> QuerySet[Event]:
    """Events `user` may see, narrowed by the given filters (each optional), with owner, host
    and activity loaded.

    `nation` (an organisation or its pk) keeps events owned by or inviting that nation;
    `year` keeps events starting that year; `date_from`/`date_to` keep events overlapping the
    range; `state` takes one state or several; `text` searches title, location and the
    activity's code; `nation_id` (the alliance nation switcher) works like `nation`. Each
    event appears once.
    """
    qs = _events(user)
    nation = nation or nation_id
    if nation:
        nation_id = getattr(nation, "pk", nation)
        invited = Invitation.objects.filter(owner_id=nation_id).values("event_id")
        qs = qs.filter(Q(owner_id=nation_id) | Q(pk__in=invited))
    if year:
        qs = qs.filter(start_date__year=int(year))
    if date_from:
        qs = qs.filter(end_date__gte=date_from)
    if date_to:
        qs = qs.filter(start_date__lte=date_to)
    if activity:
        qs = qs.filter(activity_id=getattr(activity, "pk", activity))
    if area:
        qs = qs.filter(area=area)
    if format:
        qs = qs.filter(format=format)
    if host:
        qs = qs.filter(host_id=getattr(host, "pk", host))
    if state:
        states = [state] if isinstance(state, str) else list(state)
        qs = qs.filter(state__in=states)
    if text:
        qs = qs.filter(
            Q(title__icontains=text)
            | Q(location__icontains=text)
            | Q(activity__code__icontains=text)
        )
    return qs


def event_get(user: Any, pk: Any) -> Event:
    """The event `pk` if `user` may see it; NotFound otherwise (missing or hidden alike)."""
    return get_visible(_events(user), user, pk)


def allowed_moves(user: Any, event: Event, *, today: dt.date | None = None) -> list[str]:
    """The states `user` may move `event` to now, in the order of `EventState`.

    Approve/reject need `may_approve`; every other move needs an organiser. Sending
    invitations needs at least one invitation and marking the event held needs its start date
    to have come, so the buttons offered never lead to a refusal.
    """
    possible = EVENT_TRANSITIONS.get(event.state, frozenset())
    if not possible:
        return []
    organiser = is_organiser(user, event)
    approver = may_approve(user, event) if APPROVER_MOVES & possible else False
    day = today or timezone.localdate()
    moves: list[str] = []
    for target in S.values:
        if target not in possible:
            continue
        if target in APPROVER_MOVES:
            if approver:
                moves.append(target)
            continue
        if not organiser:
            continue
        if target == S.INVITATIONS_SENT and not event.invitations.exists():
            continue
        if target == S.HELD and event.start_date > day:
            continue
        moves.append(target)
    return moves


def organisers_for(user: Any) -> QuerySet[Organisation]:
    """Who `user` may create events for: their nations (`nations_for_records`), plus the NATO
    bodies for alliance staff covering all nations."""
    nations = nations_for_records(user)
    if getattr(user, "covers_all_nations", False):
        bodies = Organisation.objects.filter(kind__in=ALLIANCE_KINDS).values("pk")
        return Organisation.objects.filter(
            Q(pk__in=nations.values("pk")) | Q(pk__in=bodies)
        ).order_by("name")
    return nations


def activity_choices(user: Any) -> QuerySet[Activity]:
    """Catalogue activities `user` may pick for an event or a series feed, newest year first."""
    return restrict(
        Activity.objects.select_related("catalogue", "organiser").order_by(
            "-catalogue__year", "code"
        ),
        user,
    )


# -- invitations ---------------------------------------------------------------------------


def invitation_list(
    user: Any,
    *,
    event: Event | None = None,
    nation: Any = None,
    answer: str | None = None,
) -> QuerySet[Invitation]:
    """Invitations `user` may see whose event the user may see too, with nation, answerer
    and event loaded; optionally of one event, one invited nation or one answer."""
    qs = restrict(
        Invitation.objects.select_related("owner", "answered_by", "event", "event__owner"), user
    ).filter(event_id__in=restrict(Event.objects.all(), user).values("pk"))
    if event is not None:
        qs = qs.filter(event=event)
    if nation:
        qs = qs.filter(owner_id=getattr(nation, "pk", nation))
    if answer:
        qs = qs.filter(answer=answer)
    return qs


def invitation_get(user: Any, pk: Any) -> Invitation:
    """One visible invitation (of a visible event); NotFound otherwise."""
    return get_visible(invitation_list(user), user, pk)


def may_answer(user: Any, invitation: Invitation) -> bool:
    """Whether `user` answers `invitation`: an active coordinator of the invited nation."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.role == Role.PARTNER_COORDINATOR
        and user.nation_id is not None
        and user.nation_id == invitation.owner_id
    )


@dataclass(frozen=True)
class InvitationCounts:
    """How many visible invitations of an event were accepted, declined or not answered."""

    accepted: int = 0
    declined: int = 0
    no_answer: int = 0

    @property
    def total(self) -> int:
        return self.accepted + self.declined + self.no_answer


def invitation_counts(invitations: Iterable[Invitation]) -> InvitationCounts:
    """Count answers of already-loaded invitations (no query)."""
    answers = [i.answer for i in invitations]
    return InvitationCounts(
        accepted=answers.count(InvitationAnswer.ACCEPTED),
        declined=answers.count(InvitationAnswer.DECLINED),
        no_answer=answers.count(InvitationAnswer.NO_ANSWER),
    )


# -- reminders, reports --------------------------------------------------------------------


def reminder_list(user: Any, event: Event) -> QuerySet[ReminderLog]:
    """The reminder log of `event`, newest first — for its organisers only (empty otherwise)."""
    if not is_organiser(user, event):
        return ReminderLog.objects.none()
    return ReminderLog.objects.filter(event=event).select_related("recipient_user")


def report_list(user: Any, *, event: Event | None = None) -> QuerySet[EventReport]:
    """After-action reports `user` may read (and whose event the user may see)."""
    qs = restrict(
        EventReport.objects.select_related("owner", "event", "event__owner", "event__host"), user
    ).filter(event_id__in=restrict(Event.objects.all(), user).values("pk"))
    if event is not None:
        qs = qs.filter(event=event)
    return qs


def report_get(user: Any, pk: Any) -> EventReport:
    """One readable report; NotFound otherwise."""
    return get_visible(report_list(user), user, pk)


def report_of(user: Any, event: Event) -> EventReport | None:
    """The report of `event` if it exists and `user` may read it."""
    return report_list(user, event=event).first()


def event_detail_invitations(user: Any, event: Event) -> list[Invitation]:
    """The visible invitations of an event for its page, nation order."""
    return list(invitation_list(user, event=event).order_by("owner__name"))


# -- calendar ------------------------------------------------------------------------------


@dataclass
class CalendarDay:
    """One cell of the month grid."""

    date: dt.date
    in_month: bool
    is_today: bool
    events: list[Event] = field(default_factory=list)


@dataclass
class CalendarMonth:
    """A month as weeks of seven days (Monday first), each day with the events running then."""

    year: int
    month: int
    weeks: list[list[CalendarDay]]
    events: list[Event]

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def previous(self) -> dt.date:
        return (self.first - dt.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> dt.date:
        last = calendar.monthrange(self.year, self.month)[1]
        return self.first + dt.timedelta(days=last)


def calendar_month(
    user: Any,
    *,
    year: int,
    month: int,
    today: dt.date | None = None,
    events: QuerySet[Event] | None = None,
) -> CalendarMonth:
    """The month grid of `year`/`month` with the events that overlap each day; one query
    whatever the number of events. `events` narrows `event_list(user)` further (filters)."""
    day = today or timezone.localdate()
    grid = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    start, end = grid[0][0], grid[-1][-1]
    source = events if events is not None else event_list(user)
    loaded = list(source.filter(end_date__gte=start, start_date__lte=end))
    weeks = [
        [
            CalendarDay(
                date=date,
                in_month=date.month == month,
                is_today=date == day,
                events=[e for e in loaded if e.start_date <= date <= e.end_date],
            )
            for date in week
        ]
        for week in grid
    ]
    in_month = [
        e
        for e in loaded
        if e.end_date >= dt.date(year, month, 1)
        and e.start_date <= dt.date(year, month, calendar.monthrange(year, month)[1])
    ]
    return CalendarMonth(year=year, month=month, weeks=weeks, events=in_month)


# -- iCal feeds ----------------------------------------------------------------------------


def feed_list(user: Any) -> QuerySet[CalendarFeed]:
    """The user's own feeds that are not revoked, newest first (nobody sees another's)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return CalendarFeed.objects.none()
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).select_related(
        "nation", "activity"
    )


def feed_get(user: Any, pk: Any) -> CalendarFeed:
    """One of the user's active feeds; NotFound otherwise (another user's feed alike)."""
    try:
        found = feed_list(user).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise NotFound("Not found.")
    return found


def feed_by_token(token: str) -> CalendarFeed | None:
    """The active feed whose secret is `token`, if its user is still active; None otherwise."""
    if not token or len(token) > 200:
        return None
    return (
        CalendarFeed.objects.select_related("user", "user__organisation", "nation", "activity")
        .filter(token_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def feed_events(feed: CalendarFeed, *, today: dt.date | None = None) -> QuerySet[Event]:
    """What the feed lists: `event_list(feed.user, …)` narrowed by the feed's scope, from
    `FEED_WINDOW_DAYS` before today on (all future events), so every visibility rule of the
    feed's user holds."""
    day = today or timezone.localdate()
    filters: dict[str, Any] = {"date_from": day - dt.timedelta(days=FEED_WINDOW_DAYS)}
    if feed.scope == FeedScope.NATION:
        filters["nation"] = feed.nation_id
    elif feed.scope == FeedScope.SERIES:
        filters["activity"] = feed.activity_id
    return event_list(feed.user, **filters)


def event_page_prefetch(qs: QuerySet[Event], user: Any) -> QuerySet[Event]:
    """Load each event's visible invitations in one extra query (list pages with counts)."""
    visible = restrict(Invitation.objects.select_related("owner"), user)
    return qs.prefetch_related(Prefetch("invitations", queryset=visible, to_attr="visible_invites"))


def timeline_entries(user: Any, nation_id: int | None = None) -> list[TimelineEntry]:
    """Events on a nation's timeline: those it organises or is invited to (unless it declined),
    that `user` may see, dated by their first day; the kind is the event's state."""
    events = event_list(user, nation=nation_id) if nation_id else event_list(user)
    if nation_id:
        declined = Invitation.objects.filter(
            owner_id=nation_id, answer=InvitationAnswer.DECLINED
        ).values("event_id")
        events = events.exclude(pk__in=declined)
    return [
        TimelineEntry(
            date=event.start_date,
            precision="DAY",
            mechanism="events",
            kind=event.get_state_display().lower(),
            title=f"{event.title} ({event.get_format_display().lower()}, {event.location})",
            url=event.get_absolute_url(),
            owner_id=event.owner_id,
        )
        for event in events
    ]
