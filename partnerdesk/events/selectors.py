"""Read use-cases of events, always restricted to what the user may see, and the two decisions
other apps rely on: who organises an event and who may approve it."""

from __future__ import annotations

from typing import Any

from partnerdesk.core.permissions import Action, can
from partnerdesk.core.roles import ALLIANCE_ROLES, Role
from partnerdesk.events.models import Event


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
