"""Read use-cases of participation, always restricted to what the user may see.

Registrations hold personal data: `registration_list` is the only read path for them (pages,
API, CLI, panels), and it returns only rows the user may see — the participant's nation,
alliance staff, and the event's organiser and host (the model's release). Analysts see none;
they get numbers from `analytics`. Feedback is read through `feedback_list` the same way, so
NATIONAL_ONLY feedback never leaves its nation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet

from partnerdesk.core.markings import Marking
from partnerdesk.core.permissions import Action, allows, can, restrict
from partnerdesk.core.selectors import get_changeable, get_visible
from partnerdesk.events.choices import TOOK_PLACE_STATES, EventState, InvitationAnswer
from partnerdesk.events.models import Event, Invitation
from partnerdesk.events.selectors import event_list, is_organiser
from partnerdesk.organisations.models import Organisation
from partnerdesk.organisations.selectors import nations_for_records
from partnerdesk.participation.choices import (
    REGISTRATION_TRANSITIONS,
    SEAT_HOLDING,
    STATUS_LABELS,
    RegistrationStatus,
)
from partnerdesk.participation.models import Feedback, Registration
from partnerdesk.pcm.selectors import programme_line_list
from partnerdesk.plans.models import Objective, Plan

S = RegistrationStatus
ATTENDANCE_STATES = frozenset({EventState.HELD, EventState.FEEDBACK_COLLECTED})


def _visible_events(user: Any) -> QuerySet[Event]:
    return restrict(Event.objects.all(), user)


# -- registrations -------------------------------------------------------------------------


def registration_list(
    user: Any,
    *,
    nation_id: int | None = None,
    event: Event | int | None = None,
    status: str | None = None,
) -> QuerySet[Registration]:
    """Registrations `user` may see (of events the user may see), with event, nation,
    organisation and nominator loaded; optionally of one nation, one event or one status."""
    queryset = restrict(
        Registration.objects.select_related(
            "event", "event__owner", "event__host", "owner", "organisation", "nominated_by"
        ),
        user,
    ).filter(event_id__in=_visible_events(user).values("pk"))
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    if event is not None:
        queryset = queryset.filter(event_id=getattr(event, "pk", event))
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def registration_get(user: Any, pk: Any) -> Registration:
    """One visible registration; NotFound for missing or hidden ones alike."""
    return get_visible(registration_list(user), user, pk)


def registration_get_for_change(user: Any, pk: Any) -> Registration:
    """One registration whose personal details `user` may correct (the nation's right);
    NotFound if invisible, Forbidden if read-only."""
    return get_changeable(registration_list(user), user, pk)


def seat_counts(event: Event) -> dict[str, int]:
    """Seats of `event`: held (PENDING + APPROVED), free, waitlisted — numbers only, for anyone
    who may see the event."""
    counts = Registration.objects.filter(event_id=event.pk).aggregate(
        held=Count("pk", filter=Q(status__in=sorted(SEAT_HOLDING))),
        waitlisted=Count("pk", filter=Q(status=S.WAITLISTED)),
    )
    held = int(counts["held"])
    return {
        "capacity": event.capacity,
        "held": held,
        "free": max(event.capacity - held, 0),
        "waitlisted": int(counts["waitlisted"]),
    }


def may_nominate_for(user: Any, nation_id: int) -> bool:
    """Whether `user` may nominate participants of the nation (change its BILATERAL records)."""
    return allows(user, Action.CHANGE, owner_id=nation_id, marking=Marking.BILATERAL)


def nomination_nations(user: Any, event: Event) -> list[Organisation]:
    """Nations `user` may nominate for at `event` now: registration open, invited, not
    declined, and the user may change the nation's records. Empty otherwise."""
    if event.state != EventState.REGISTRATION_OPEN:
        return []
    invited = Invitation.objects.filter(event_id=event.pk).exclude(answer=InvitationAnswer.DECLINED)
    return list(
        nations_for_records(user).filter(pk__in=invited.values("owner_id")).order_by("name")
    )


def nomination_events(user: Any) -> QuerySet[Event]:
    """Events open for registration to which a nation `user` nominates for is invited (and
    has not declined)."""
    invited = Invitation.objects.filter(
        owner_id__in=nations_for_records(user).values("pk")
    ).exclude(answer=InvitationAnswer.DECLINED)
    return event_list(user, state=EventState.REGISTRATION_OPEN).filter(
        pk__in=invited.values("event_id")
    )


def registration_moves(user: Any, registration: Registration, *, organiser: bool) -> list[str]:
    """The decisions `user` may take on a registration now (APPROVED, REJECTED, CANCELLED),
    given whether the user organises its event; no query."""
    event = registration.event
    if event.state not in (EventState.REGISTRATION_OPEN, EventState.REGISTRATION_CLOSED):
        return []
    possible = REGISTRATION_TRANSITIONS[registration.status] - {S.PENDING}
    may_cancel = organiser or can(user, Action.CHANGE, registration)
    moves: list[str] = []
    for target in (S.APPROVED, S.REJECTED, S.CANCELLED):
        allowed = may_cancel if target == S.CANCELLED else organiser
        if target in possible and allowed:
            moves.append(str(target))
    return moves


# -- feedback ------------------------------------------------------------------------------


def feedback_list(
    user: Any, *, event: Event | int | None = None, nation_id: int | None = None
) -> QuerySet[Feedback]:
    """Feedback `user` may read (BILATERAL: nation, alliance staff, organiser and host;
    NATIONAL_ONLY: the nation only) on registrations the user may see, with registration and
    event loaded."""
    queryset = restrict(
        Feedback.objects.select_related(
            "owner", "registration", "registration__event", "registration__owner"
        ),
        user,
    ).filter(registration_id__in=registration_list(user).values("pk"))
    if event is not None:
        queryset = queryset.filter(registration__event_id=getattr(event, "pk", event))
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    return queryset


def feedback_get(user: Any, pk: Any) -> Feedback:
    """One readable feedback; NotFound otherwise."""
    return get_visible(feedback_list(user), user, pk)


def feedback_get_for_change(user: Any, pk: Any) -> Feedback:
    """One feedback `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(feedback_list(user), user, pk)


def feedback_candidates(user: Any) -> QuerySet[Registration]:
    """Registrations `user` may give feedback for: visible, attended, of an event that took
    place, without feedback yet, of a nation the user may write for."""
    return registration_list(user).filter(
        attended=True,
        event__state__in=sorted(TOOK_PLACE_STATES),
        feedback__isnull=True,
        owner_id__in=nations_for_records(user).values("pk"),
    )


# -- participation ("took part") -----------------------------------------------------------


def took_part(nation_id: int | None = None) -> QuerySet[Registration]:
    """Registrations that count as taking part: APPROVED, in an event that took place
    (HELD, FEEDBACK_COLLECTED, CLOSED), attended or attendance not recorded. Unrestricted —
    callers narrow it to the events their user may see and never show names from it."""
    queryset = Registration.objects.filter(
        status=S.APPROVED, event__state__in=sorted(TOOK_PLACE_STATES)
    ).filter(Q(attended=True) | Q(attended__isnull=True))
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    return queryset


# -- panels --------------------------------------------------------------------------------


@dataclass
class RegistrationRow:
    """One registration on the event panel with what the user may do with it."""

    registration: Registration
    moves: list[str]
    can_check_in: bool
    can_give_feedback: bool
    feedback: Feedback | None

    @property
    def move_labels(self) -> list[tuple[str, str]]:
        """The allowed decisions with their labels, for buttons."""
        return [(move, STATUS_LABELS[move]) for move in self.moves]


@dataclass
class EventPanel:
    """The participation panel of an event page for one user."""

    event: Event
    seats: dict[str, int]
    rows: list[RegistrationRow]
    organiser: bool
    nations: list[Organisation]
    sees_all: bool
    hidden_names: bool
    attendance_open: bool
    feedback_open: bool
    feedback_summary: dict[str, Any] = field(default_factory=dict)


def event_panel(user: Any, event: Event) -> EventPanel:
    """Registrations of `event` the user may see (their nation's, or all for organisers and
    alliance staff), seats, the nations the user may nominate for and the allowed actions;
    a fixed number of queries whatever the number of registrations."""
    organiser = is_organiser(user, event)
    registrations = list(registration_list(user, event=event).order_by("status", "queued_at"))
    feedback = {f.registration_id: f for f in feedback_list(user, event=event)}
    attendance_open = event.state in ATTENDANCE_STATES
    took_place = event.state in TOOK_PLACE_STATES
    rows = []
    for registration in registrations:
        writer = may_nominate_for(user, registration.owner_id)
        rows.append(
            RegistrationRow(
                registration=registration,
                moves=registration_moves(user, registration, organiser=organiser),
                can_check_in=organiser and attendance_open and registration.status == S.APPROVED,
                can_give_feedback=writer
                and took_place
                and registration.attended is True
                and registration.pk not in feedback,
                feedback=feedback.get(registration.pk),
            )
        )
    role = getattr(user, "role", "")
    return EventPanel(
        event=event,
        seats=seat_counts(event),
        rows=rows,
        organiser=organiser,
        nations=nomination_nations(user, event),
        sees_all=organiser or getattr(user, "is_alliance", False),
        hidden_names=role == "ANALYST",
        attendance_open=attendance_open,
        feedback_open=took_place,
        feedback_summary=feedback_summary(list(feedback.values())),
    )


def feedback_summary(rows: list[Feedback]) -> dict[str, Any]:
    """Count and average scores (one decimal) of already-loaded feedback; no query."""
    if not rows:
        return {"count": 0, "overall": None, "relevance": None}
    return {
        "count": len(rows),
        "overall": round(sum(f.overall for f in rows) / len(rows), 1),
        "relevance": round(sum(f.relevance for f in rows) / len(rows), 1),
    }


@dataclass(frozen=True)
class ServedEvent:
    """An event that served an objective, with the feedback the user may read about it."""

    event: Event
    feedback_count: int
    overall: float | None
    relevance: float | None


def events_for_objective(user: Any, objective: Objective) -> list[ServedEvent]:
    """Events that served `objective`: occurrences of the activities picked by programme
    lines serving it (lines the user may see), that took place with the objective's nation
    taking part, visible to the user — each with the count and average scores of that nation's
    feedback the user may read. Three queries."""
    nation_id = objective.owner_id
    activities = (
        programme_line_list(user, objective_id=objective.pk)
        .prefetch_related(None)
        .values("activity_id")
    )
    events = list(
        event_list(user)
        .filter(
            activity_id__in=activities,
            pk__in=took_part(nation_id).values("event_id"),
        )
        .order_by("-start_date", "title")
    )
    scores = {
        row["registration__event_id"]: row
        for row in feedback_list(user, nation_id=nation_id)
        .filter(registration__event_id__in=[e.pk for e in events])
        .values("registration__event_id")
        .annotate(n=Count("pk"), overall=Avg("overall"), relevance=Avg("relevance"))
        .order_by()
    }
    result = []
    for event in events:
        row = scores.get(event.pk)
        result.append(
            ServedEvent(
                event=event,
                feedback_count=int(row["n"]) if row else 0,
                overall=round(float(row["overall"]), 1) if row else None,
                relevance=round(float(row["relevance"]), 1) if row else None,
            )
        )
    return result


@dataclass(frozen=True)
class PlanShare:
    """How many of a plan's selected activities took place with the nation participating."""

    selected: int
    took_place: int

    @property
    def percent(self) -> int | None:
        """The share in whole percent (rounded half up), None without selected activities."""
        if not self.selected:
            return None
        return (200 * self.took_place + self.selected) // (2 * self.selected)


def plan_share(user: Any, plan: Plan) -> PlanShare:
    """The share of `plan`'s selected activities (its programme lines the user may see) that
    took place — an event of the activity the user may see, in which the plan's nation took
    part. Two queries."""
    lines = programme_line_list(user, plan_id=plan.pk).prefetch_related(None).order_by()
    selected = lines.values("activity_id").distinct().count()
    done_events = event_list(user).filter(pk__in=took_part(plan.owner_id).values("event_id"))
    took_place = (
        lines.filter(activity_id__in=done_events.values("activity_id"))
        .values("activity_id")
        .distinct()
        .count()
    )
    return PlanShare(selected=selected, took_place=took_place)
