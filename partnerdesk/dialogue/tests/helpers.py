"""Small builders shared by the dialogue tests (they go through the services like users do)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnerdesk.core.actor import Actor
from partnerdesk.dialogue.models import FollowUp, Meeting, Participant
from partnerdesk.dialogue.services import followup_create, meeting_create, participant_create


def actor(world: Any, name: str, source: str = "web") -> Actor:
    """The actor of a named test user."""
    return Actor(user=world.users[name], source=source, request_id="req-dialogue")


def meeting(
    world: Any,
    *,
    title: str = "NAC + Azerbaijan",
    date: dt.date = dt.date(2016, 5, 31),
    precision: str = "DAY",
    marking: str = "BILATERAL",
    by: Actor | None = None,
    **extra: Any,
) -> Meeting:
    """An Azerbaijani meeting at NATO HQ (held), created by the system actor unless `by`."""
    data = {
        "owner": extra.pop("owner", world.aze),
        "marking": marking,
        "title": title,
        "date": date,
        "precision": precision,
        "format": "NAC_PARTNER",
        "direction": "TO_NATO_HQ",
        "topics": ["PARTNERSHIP_POLICY"],
    } | extra
    return meeting_create(actor=by or Actor.system(), data=data)


def participant(target: Meeting, person: str = "Elmar Mammadyarov", **extra: Any) -> Participant:
    """A partner-side participant of `target`."""
    data = {"meeting": target, "person": person, "side": "PARTNER"} | extra
    return participant_create(actor=Actor.system(), data=data)


def followup(
    target: Meeting,
    text: str = "Send the draft plan",
    *,
    due: dt.date | None = None,
    status: str = "OPEN",
    by: Actor | None = None,
    **extra: Any,
) -> FollowUp:
    """A partner-side follow-up taken in `target`."""
    data = {
        "meeting": target,
        "text": text,
        "responsible_side": "PARTNER",
        "due_on": due,
        "status": status,
    } | extra
    return followup_create(actor=by or Actor.system(), data=data)


def plan_objective(
    world: Any, *, owner: Any = None, code: str = "1.1", marking: str = "PUBLIC"
) -> Any:
    """A plan with one chapter and one objective, written directly (fixture data of another
    app: only the link target matters here)."""
    from partnerdesk.plans.models import Chapter, Objective, Plan

    nation = owner or world.aze
    plan = Plan.objects.create(
        owner=nation,
        marking=marking,
        plan_type="IPAP",
        title=f"IPAP of {nation.code} {code}",
        period_start=dt.date(2015, 1, 1),
        period_end=dt.date(2016, 12, 31),
    )
    chapter = Chapter.objects.create(
        owner=nation, marking=marking, plan=plan, code="1", title="Political"
    )
    return Objective.objects.create(
        owner=nation, marking=marking, plan=plan, chapter=chapter, code=code, text="Reform"
    )
