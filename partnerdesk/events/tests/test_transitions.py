"""Every move of the event life cycle, allowed and refused, for every role of the test world."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden
from partnerdesk.events.choices import EVENT_TRANSITIONS, EventState
from partnerdesk.events.selectors import allowed_moves
from partnerdesk.events.services import event_transition, invitation_create
from partnerdesk.events.tests.helpers import actor, event, move_to
from partnerdesk.testing.world import ROLE_USERS

pytestmark = pytest.mark.django_db

ACTIVE = [name for name in ROLE_USERS if name != "deactivated"]
# For an event organised and hosted by Azerbaijan: who organises, who approves.
ORGANISERS = {"aze_coordinator", "staff_all"}
APPROVERS = {"staff_all"}
MOVES = sorted(
    (source, target) for source, targets in EVENT_TRANSITIONS.items() for target in targets
)


def _expected(target: str) -> set[str]:
    return APPROVERS if target in (EventState.APPROVED, EventState.REJECTED) else ORGANISERS


@pytest.mark.parametrize(("source", "target"), MOVES)
def test_each_move_by_each_role(world: Any, source: str, target: str) -> None:
    allowed: set[str] = set()
    for name in ACTIVE:
        prepared = move_to(event(world, title=f"{source}->{target} by {name}"), source)
        if target == EventState.INVITATIONS_SENT:
            invitation_create(actor=Actor.system(), event=prepared, nations=["GEO"])
        try:
            moved = event_transition(
                prepared,
                actor=actor(world, name),
                expected_version=prepared.version,
                target=target,
                note="because",
                today=prepared.start_date,
            )
        except (Forbidden, ValidationError):
            prepared.refresh_from_db()
            assert prepared.state == source
            continue
        assert moved.state == target
        allowed.add(name)
    assert allowed == _expected(target)


@pytest.mark.parametrize("source", list(EVENT_TRANSITIONS))
def test_allowed_moves_offered_per_role(world: Any, source: str) -> None:
    prepared = move_to(event(world), source)
    if source == EventState.APPROVED:
        invitation_create(actor=Actor.system(), event=prepared, nations=["GEO"])
    offered = {
        name: set(allowed_moves(world.users[name], prepared, today=prepared.start_date))
        for name in [*ACTIVE, "deactivated"]
    }
    expected = {
        name: {t for t in EVENT_TRANSITIONS[source] if name in _expected(t)}
        for name in [*ACTIVE, "deactivated"]
    }
    assert offered == expected


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        (
            "DRAFT",
            "APPROVED",
            "Cannot move from Draft to Approved. From Draft it can move to: Cancelled, Proposed.",
        ),
        ("CLOSED", "HELD", "Cannot move from Closed to Held. Closed is final."),
        (
            "HELD",
            "REGISTRATION_OPEN",
            "Cannot move from Held to Registration open. From Held it can move to: "
            "Feedback collected.",
        ),
    ],
)
def test_illegal_move_names_states_and_moves(
    world: Any, source: str, target: str, message: str
) -> None:
    prepared = move_to(event(world), source)
    with pytest.raises(ValidationError) as caught:
        event_transition(
            prepared,
            actor=actor(world, "staff_all"),
            expected_version=prepared.version,
            target=target,
        )
    assert caught.value.message_dict == {"state": [message]}


def test_unknown_state_is_refused(world: Any) -> None:
    prepared = event(world)
    with pytest.raises(ValidationError) as caught:
        event_transition(
            prepared, actor=actor(world, "staff_all"), expected_version=1, target="DONE"
        )
    assert caught.value.message_dict == {"state": ["Unknown status 'DONE'."]}


def test_host_nation_coordinator_approves_a_foreign_proposal(world: Any) -> None:
    """A Georgian proposal hosted in Azerbaijan: the Azerbaijani coordinator decides; the
    Georgian coordinator (the proposer) never does."""
    proposed = move_to(
        event(world, owner=world.geo, host=world.aze, title="Border seminar"), "PROPOSED"
    )
    offered = {
        name: allowed_moves(world.users[name], proposed) for name in ACTIVE if name != "analyst"
    }
    assert offered["aze_coordinator"] == ["APPROVED", "REJECTED"]
    assert offered["geo_coordinator"] == ["DRAFT", "CANCELLED"]
    assert offered["staff_geo"] == ["DRAFT", "APPROVED", "REJECTED", "CANCELLED"]
    with pytest.raises(Forbidden) as caught:
        event_transition(
            proposed,
            actor=actor(world, "geo_coordinator"),
            expected_version=proposed.version,
            target="APPROVED",
        )
    assert "never approves" in str(caught.value)
    approved = event_transition(
        proposed,
        actor=actor(world, "aze_coordinator"),
        expected_version=proposed.version,
        target="APPROVED",
    )
    assert (approved.state, approved.decided_by) == ("APPROVED", world.users["aze_coordinator"])


def test_propose_records_proposer_and_reject_needs_a_reason(world: Any) -> None:
    draft = event(world)
    proposed = event_transition(
        draft, actor=actor(world, "aze_coordinator"), expected_version=1, target="PROPOSED"
    )
    assert proposed.proposed_by == world.users["aze_coordinator"]
    with pytest.raises(ValidationError) as caught:
        event_transition(
            proposed, actor=actor(world, "staff_all"), expected_version=2, target="REJECTED"
        )
    assert caught.value.message_dict == {"note": ["Give the reason for rejecting the event."]}
    rejected = event_transition(
        proposed,
        actor=actor(world, "staff_all"),
        expected_version=2,
        target="REJECTED",
        note="Overlaps the exercise",
    )
    assert (rejected.state, rejected.state_note, rejected.decided_by) == (
        "REJECTED",
        "Overlaps the exercise",
        world.users["staff_all"],
    )
    reworked = event_transition(
        rejected, actor=actor(world, "aze_coordinator"), expected_version=3, target="DRAFT"
    )
    assert reworked.state == "DRAFT"


def test_cancel_needs_a_reason(world: Any) -> None:
    draft = event(world)
    with pytest.raises(ValidationError) as caught:
        event_transition(
            draft, actor=actor(world, "aze_coordinator"), expected_version=1, target="CANCELLED"
        )
    assert caught.value.message_dict == {"note": ["Give the reason for cancelling the event."]}


def test_invitations_sent_needs_an_invitation(world: Any) -> None:
    approved = move_to(event(world), "APPROVED")
    with pytest.raises(ValidationError) as caught:
        event_transition(
            approved,
            actor=actor(world, "aze_coordinator"),
            expected_version=approved.version,
            target="INVITATIONS_SENT",
        )
    assert caught.value.message_dict == {
        "state": ["Invite at least one nation before sending invitations."]
    }
    assert allowed_moves(world.users["aze_coordinator"], approved) == ["CANCELLED"]


def test_held_not_before_start(world: Any) -> None:
    closed = move_to(event(world), "REGISTRATION_CLOSED")
    day_before = closed.start_date - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        event_transition(
            closed,
            actor=actor(world, "aze_coordinator"),
            expected_version=closed.version,
            target="HELD",
            today=day_before,
        )
    assert caught.value.message_dict == {
        "state": ["The event starts on 2030-05-06; it cannot be marked held before then."]
    }
    assert "HELD" not in allowed_moves(world.users["aze_coordinator"], closed, today=day_before)
    held = event_transition(
        closed,
        actor=actor(world, "aze_coordinator"),
        expected_version=closed.version,
        target="HELD",
        today=closed.start_date,
    )
    assert held.state == "HELD"
