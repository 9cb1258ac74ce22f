"""Read use-cases of the political dialogue, always restricted to what the user may see.

A participant or follow-up is visible only when the user may see it *and* its meeting, so an
over-marked meeting hides everything under it. Links of a follow-up (objectives, goals, the
divergence) are shown only as far as the reader may see them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from partnerdesk.assessments.selectors import PairRow, pair_rows
from partnerdesk.core.permissions import Action, restrict
from partnerdesk.core.selectors import get_changeable, get_visible
from partnerdesk.dialogue.choices import (
    CONFIDENCE_ORDER,
    OPEN_STATUSES,
    VISIT_FORMATS,
    MeetingStatus,
)
from partnerdesk.dialogue.models import FollowUp, Meeting, Participant
from partnerdesk.parp.models import PartnershipGoal
from partnerdesk.plans.models import Commitment, Objective

# -- meetings ------------------------------------------------------------------------------


def _meetings(user: Any) -> QuerySet[Meeting]:
    return restrict(Meeting.objects.all(), user, Action.VIEW)


def meeting_list(user: Any, *, nation_id: int | None = None) -> QuerySet[Meeting]:
    """Meetings `user` may see (optionally of one nation), oldest first, nation and sources
    loaded."""
    queryset = Meeting.objects.select_related("owner").prefetch_related("sources")
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    return restrict(queryset, user, Action.VIEW).order_by("date", "pk")


def _participants(user: Any) -> QuerySet[Participant]:
    return restrict(
        Participant.objects.select_related("organisation").order_by("side", "position", "pk"),
        user,
        Action.VIEW,
    )


def _followup_queryset(user: Any) -> QuerySet[FollowUp]:
    """Follow-ups with everything a row shows: meeting, responsible body, visible links."""
    return FollowUp.objects.select_related(
        "owner",
        "meeting",
        "responsible_organisation",
        "divergence_round",
        "divergence_objective",
    ).prefetch_related(
        "sources",
        Prefetch(
            "objectives",
            queryset=restrict(Objective.objects.select_related("plan"), user).order_by("code"),
        ),
        Prefetch(
            "goals",
            queryset=restrict(PartnershipGoal.objects.select_related("cycle"), user).order_by(
                "code"
            ),
        ),
    )


def meeting_detail_list(user: Any) -> QuerySet[Meeting]:
    """Like `meeting_list`, plus the visible participants and follow-ups of each meeting."""
    return meeting_list(user).prefetch_related(
        Prefetch("participants", queryset=_participants(user)),
        Prefetch(
            "followups",
            queryset=restrict(_followup_queryset(user), user, Action.VIEW).order_by("due_on", "pk"),
        ),
    )


def meeting_get(user: Any, pk: Any) -> Meeting:
    """One visible meeting with its participants and follow-ups; NotFound when hidden."""
    return get_visible(meeting_detail_list(user), user, pk)


def meeting_get_for_change(user: Any, pk: Any) -> Meeting:
    """One meeting `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(meeting_list(user), user, pk)


# -- participants --------------------------------------------------------------------------


def participant_list(
    user: Any, *, nation_id: int | None = None, meeting_id: int | None = None
) -> QuerySet[Participant]:
    """Participants `user` may see, of meetings `user` may see."""
    queryset = Participant.objects.select_related("owner", "meeting", "organisation")
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    if meeting_id is not None:
        queryset = queryset.filter(meeting_id=meeting_id)
    queryset = queryset.filter(meeting__in=_meetings(user))
    return restrict(queryset, user, Action.VIEW).order_by(
        "meeting__date", "meeting", "side", "position", "pk"
    )


def participant_get(user: Any, pk: Any) -> Participant:
    """One visible participant; NotFound when hidden."""
    return get_visible(participant_list(user), user, pk)


def participant_get_for_change(user: Any, pk: Any) -> Participant:
    """One participant `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(participant_list(user), user, pk)


# -- follow-ups ----------------------------------------------------------------------------


def overdue_q(today: dt.date) -> Q:
    """Follow-ups still open whose due date has passed on `today`."""
    return Q(status__in=sorted(OPEN_STATUSES), due_on__lt=today)


def followup_list(
    user: Any, *, nation_id: int | None = None, meeting_id: int | None = None
) -> QuerySet[FollowUp]:
    """The follow-up ledger: follow-ups `user` may see (of meetings `user` may see), by due
    date, with meeting, responsible body and the visible links loaded."""
    queryset = _followup_queryset(user)
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    if meeting_id is not None:
        queryset = queryset.filter(meeting_id=meeting_id)
    queryset = queryset.filter(meeting__in=_meetings(user))
    return restrict(queryset, user, Action.VIEW).order_by("due_on", "pk")


def followup_get(user: Any, pk: Any) -> FollowUp:
    """One visible follow-up; NotFound when hidden."""
    return get_visible(followup_list(user), user, pk)


def followup_get_for_change(user: Any, pk: Any) -> FollowUp:
    """One follow-up `user` may change; NotFound if invisible, Forbidden if read-only."""
    return get_changeable(followup_list(user), user, pk)


def divergence_gap(pairs: dict[tuple[int, int], PairRow], followup: FollowUp) -> int | None:
    """The current national-minus-alliance gap of the follow-up's divergence as the reader
    sees it (None when not linked or not revealed to the reader)."""
    if followup.divergence_round_id is None or followup.divergence_objective_id is None:
        return None
    pair = pairs.get((followup.divergence_round_id, followup.divergence_objective_id))
    if pair is None or pair.national is None or pair.alliance is None:
        return None
    return pair.national - pair.alliance


def revealed_pairs(user: Any, nation_id: int) -> dict[tuple[int, int], PairRow]:
    """Revealed rating pairs of a nation the user may see, by (round id, objective id)."""
    return {(p.round_id, p.objective_id): p for p in pair_rows(user, nation_id=nation_id)}


def divergence_choices(user: Any, nation_id: int) -> list[PairRow]:
    """Divergences of a nation the user may see: revealed pairs at least the divergence gap
    apart, newest round first (choices for a follow-up's link)."""
    from partnerdesk.assessments.analytics import divergences

    rows = divergences(pair_rows(user, nation_id=nation_id))
    return sorted(rows, key=lambda p: (-p.year, p.objective_code))


# -- the briefing --------------------------------------------------------------------------


@dataclass(frozen=True)
class ObjectiveStatus:
    """Where a linked objective stands: its plan's status, its visible commitments by status
    and the latest revealed rating pair the reader may see."""

    objective: Objective
    plan_status: str
    commitments: tuple[tuple[str, int], ...]
    latest_year: int | None
    national: int | None
    alliance: int | None
    levels: int | None


@dataclass(frozen=True)
class BriefingItem:
    """An open follow-up from an earlier meeting, with whether it is overdue."""

    followup: FollowUp
    overdue: bool
    gap: int | None


@dataclass
class Briefing:
    """What to know before a meeting: its facts and participants (on `meeting`), the open
    follow-ups of earlier meetings of the nation (overdue first) and the current status of the
    objectives they are linked to."""

    meeting: Meeting
    today: dt.date
    items: list[BriefingItem] = field(default_factory=list)
    objectives: list[ObjectiveStatus] = field(default_factory=list)

    @property
    def overdue_count(self) -> int:
        return sum(1 for item in self.items if item.overdue)


def open_followups_before(user: Any, meeting: Meeting) -> QuerySet[FollowUp]:
    """OPEN and IN_PROGRESS follow-ups of the meeting's nation taken in earlier meetings
    (meetings whose date — the start of their period — is before this meeting's)."""
    return followup_list(user, nation_id=meeting.owner_id).filter(
        status__in=sorted(OPEN_STATUSES), meeting__date__lt=meeting.date
    )


def briefing(user: Any, meeting: Meeting, *, today: dt.date) -> Briefing:
    """The briefing of `meeting` (loaded by `meeting_get`) for `user` on `today`, in a fixed
    number of queries whatever the number of follow-ups and objectives."""
    followups = list(open_followups_before(user, meeting))
    pairs = revealed_pairs(user, meeting.owner_id)
    items = [
        BriefingItem(followup=f, overdue=f.is_overdue(today), gap=divergence_gap(pairs, f))
        for f in followups
    ]
    items.sort(
        key=lambda i: (
            not i.overdue,
            i.followup.due_on or dt.date.max,
            i.followup.meeting.date,
            i.followup.pk,
        )
    )
    objective_ids = sorted({o.pk for f in followups for o in f.objectives.all()})
    objectives = (
        restrict(Objective.objects.select_related("plan"), user, Action.VIEW)
        .filter(pk__in=objective_ids)
        .prefetch_related(
            Prefetch(
                "commitments",
                queryset=restrict(Commitment.objects.all(), user, Action.VIEW),
                to_attr="visible_commitments",
            )
        )
        .order_by("plan__period_start", "code")
    )
    latest: dict[int, PairRow] = {}
    for pair in pairs.values():
        known = latest.get(pair.objective_id)
        if known is None or pair.year > known.year:
            latest[pair.objective_id] = pair
    statuses = []
    for objective in objectives:
        counts: dict[str, int] = {}
        for commitment in objective.visible_commitments:
            label = commitment.get_status_display()
            counts[label] = counts.get(label, 0) + 1
        found = latest.get(objective.pk)
        statuses.append(
            ObjectiveStatus(
                objective=objective,
                plan_status=objective.plan.get_status_display(),
                commitments=tuple(sorted(counts.items())),
                latest_year=found.year if found else None,
                national=found.national if found else None,
                alliance=found.alliance if found else None,
                levels=found.levels if found else None,
            )
        )
    return Briefing(meeting=meeting, today=today, items=items, objectives=statuses)


# -- the timeline --------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    """One dated record for the relationship timeline; `date` is the first day of its period."""

    date: dt.date
    precision: str
    mechanism: str
    kind: str
    title: str
    url: str
    owner_id: int
    source_keys: tuple[str, ...]
    confidence: str


def _cited(sources: Any) -> tuple[tuple[str, ...], str]:
    rows = list(sources)
    keys = tuple(sorted(str(s.key) for s in rows if s.key))
    ranks = [CONFIDENCE_ORDER.index(s.confidence) for s in rows if s.confidence in CONFIDENCE_ORDER]
    return keys, (CONFIDENCE_ORDER[min(ranks)] if ranks else "")


def timeline_entries(user: Any, *, nation_id: int | None = None) -> list[TimelineEntry]:
    """One entry per meeting `user` may see (kind "visit" or "meeting", "planned …" or
    "cancelled …" when not held) and one per visible follow-up with a due date ("follow-up
    due"), in two queries plus prefetches."""
    entries: list[TimelineEntry] = []
    for meeting in meeting_list(user, nation_id=nation_id):
        keys, confidence = _cited(meeting.sources.all())
        kind = "visit" if meeting.format in VISIT_FORMATS else "meeting"
        if meeting.status == MeetingStatus.PLANNED:
            kind = f"planned {kind}"
        elif meeting.status == MeetingStatus.CANCELLED:
            kind = f"cancelled {kind}"
        entries.append(
            TimelineEntry(
                date=meeting.date,
                precision=meeting.precision,
                mechanism="dialogue",
                kind=kind,
                title=f"{meeting.title} — {meeting.get_format_display()}",
                url=meeting.get_absolute_url(),
                owner_id=meeting.owner_id,
                source_keys=keys,
                confidence=confidence,
            )
        )
    followups = (
        restrict(FollowUp.objects.select_related("meeting"), user, Action.VIEW)
        .filter(meeting__in=_meetings(user), due_on__isnull=False)
        .prefetch_related("sources")
        .order_by("due_on", "pk")
    )
    if nation_id is not None:
        followups = followups.filter(owner_id=nation_id)
    for followup in followups:
        due = followup.due_on
        if due is None:
            continue
        keys, confidence = _cited(followup.sources.all())
        entries.append(
            TimelineEntry(
                date=due,
                precision="DAY",
                mechanism="dialogue",
                kind="follow-up due",
                title=f"Follow-up due ({followup.get_status_display().lower()}): {followup}",
                url=followup.get_absolute_url(),
                owner_id=followup.owner_id,
                source_keys=keys,
                confidence=confidence,
            )
        )
    return entries
