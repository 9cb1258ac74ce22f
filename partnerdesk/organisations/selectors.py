"""Read use-cases for organisations and memberships (reference data every user may read)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from partnerdesk.core.permissions import Action, restrict
from partnerdesk.core.roles import Role
from partnerdesk.core.selectors import get_visible
from partnerdesk.organisations.choices import (
    PARTNER_FRAMEWORKS,
    Framework,
    MembershipStatus,
    OrganisationKind,
)
from partnerdesk.organisations.models import Membership, Organisation


def organisation_list(user: Any, *, kind: str | None = None) -> QuerySet[Organisation]:
    """Organisations `user` may see (all, for any active user), with parents loaded."""
    queryset = Organisation.objects.select_related("parent")
    if kind:
        queryset = queryset.filter(kind=kind)
    return restrict(queryset, user, Action.VIEW)


def organisation_get(user: Any, pk: Any) -> Organisation:
    """One organisation, or NotFound."""
    return get_visible(organisation_list(user), user, pk)


def membership_list(user: Any, *, organisation_id: int | None = None) -> QuerySet[Membership]:
    """Memberships `user` may see, with organisation and sources loaded."""
    queryset = Membership.objects.select_related("organisation").prefetch_related("sources")
    if organisation_id is not None:
        queryset = queryset.filter(organisation_id=organisation_id)
    return restrict(queryset, user, Action.VIEW)


def _in_force(day: dt.date) -> Q:
    return Q(memberships__status=MembershipStatus.ACTIVE, memberships__start__lte=day) & (
        Q(memberships__end__isnull=True) | Q(memberships__end__gte=day)
    )


def members_on(day: dt.date, framework: str) -> QuerySet[Organisation]:
    """States with a membership of `framework` in force on `day` (inclusive bounds)."""
    condition = _in_force(day) & Q(memberships__framework=framework)
    return Organisation.objects.filter(condition).distinct().order_by("name")


def allies_on(day: dt.date) -> QuerySet[Organisation]:
    """The Allies on `day`."""
    return members_on(day, Framework.NATO)


def partners_on(day: dt.date, framework: str | None = None) -> QuerySet[Organisation]:
    """Partner states on `day`, of one partner framework or of any; Allies are never partners."""
    frameworks = [framework] if framework else list(PARTNER_FRAMEWORKS)
    condition = _in_force(day) & Q(memberships__framework__in=frameworks)
    allies = allies_on(day).values("pk")
    return Organisation.objects.filter(condition).exclude(pk__in=allies).distinct().order_by("name")


def partner_states(user: Any) -> QuerySet[Organisation]:
    """States that have ever had a partner membership (the nations the system works with)."""
    queryset = (
        Organisation.objects.filter(
            kind=OrganisationKind.STATE, memberships__framework__in=list(PARTNER_FRAMEWORKS)
        )
        .distinct()
        .order_by("name")
    )
    return restrict(queryset, user, Action.VIEW)


def nations_for_records(user: Any) -> QuerySet[Organisation]:
    """The nations `user` may create nation records for (empty for read-only roles)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    if user.role == Role.PARTNER_COORDINATOR and user.nation_id is not None:
        return Organisation.objects.filter(pk=user.nation_id)
    if user.role == Role.ALLIANCE_STAFF:
        states = partner_states(user)
        if user.covers_all_nations:
            return states
        return states.filter(pk__in=sorted(user.assigned_nation_ids))
    return Organisation.objects.none()
