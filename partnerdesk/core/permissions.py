"""The one place that decides what a user may see and what a user may change.

Every nation-owned record carries an owning nation and a marking. A user's access is a list
of *grants*: each grant names a set of markings and either "any nation", "own nation" or an
explicit set of nations. The same grants produce both the database filter (`restrict`) and the
in-memory check (`allows`), so list pages, detail pages, the API, exports and the CLI cannot
disagree. Reference data (organisations, sources) uses role lists instead (`ReferenceAccess`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from django.db import models
from django.db.models import Q

from partnerdesk.core.markings import Marking
from partnerdesk.core.roles import Role


class Action(enum.StrEnum):
    """What a principal wants to do with a record."""

    VIEW = "view"
    CHANGE = "change"


class Principal(Protocol):
    """What the permission rules need to know about a user (accounts.User satisfies it)."""

    @property
    def is_authenticated(self) -> bool: ...

    is_active: bool
    role: str

    @property
    def nation_id(self) -> int | None: ...

    @property
    def covers_all_nations(self) -> bool: ...

    @property
    def assigned_nation_ids(self) -> frozenset[int]: ...


ANY_NATION = None  # a grant's nations=None means every nation


@dataclass(frozen=True)
class Grant:
    """Records with a marking in `markings`, owned by a nation in `nations` (None = any)."""

    markings: frozenset[str]
    nations: frozenset[int] | None


RELEASED = frozenset({Marking.PUBLIC, Marking.PARTNERS})
NOT_NATIONAL = frozenset(m for m in Marking.values if m != Marking.NATIONAL_ONLY)
PARTNER_OWN = frozenset(
    {Marking.PUBLIC, Marking.PARTNERS, Marking.BILATERAL, Marking.NATIONAL_ONLY}
)


def grants(user: Principal | Any, action: Action) -> list[Grant]:
    """Return the grants `user` holds for `action`; an empty list means nothing at all.

    Inactive and anonymous users hold no grants. Partner users never see another nation's
    BILATERAL, ALLIANCE_ONLY or NATIONAL_ONLY records; alliance users never see NATIONAL_ONLY.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    role = user.role
    own = frozenset({user.nation_id}) if user.nation_id is not None else frozenset()
    if action is Action.VIEW:
        if role in (Role.PARTNER_COORDINATOR, Role.PARTNER_ASSESSOR, Role.PARTNER_VIEWER):
            return [Grant(RELEASED, ANY_NATION), Grant(PARTNER_OWN, own)]
        if role in (Role.ALLIANCE_STAFF, Role.ALLIANCE_ASSESSOR, Role.ADMINISTRATOR):
            return [Grant(NOT_NATIONAL, ANY_NATION)]
        if role == Role.ANALYST:
            return [Grant(RELEASED, ANY_NATION)]
        return []
    if role == Role.PARTNER_COORDINATOR:
        return [Grant(PARTNER_OWN, own)]
    if role == Role.ALLIANCE_STAFF:
        nations = ANY_NATION if user.covers_all_nations else user.assigned_nation_ids
        return [Grant(NOT_NATIONAL, nations)]
    return []


def grant_q(
    user: Principal | Any, action: Action, *, owner: str = "owner", marking: str = "marking"
) -> Q:
    """A filter matching exactly the rows `allows` accepts; matches nothing without grants."""
    result = Q(pk__in=[])
    for grant in grants(user, action):
        condition = Q(**{f"{marking}__in": sorted(grant.markings)})
        if grant.nations is not None:
            if not grant.nations:
                continue
            condition &= Q(**{f"{owner}_id__in": sorted(grant.nations)})
        result |= condition
    return result


def allows(user: Principal | Any, action: Action, *, owner_id: int | None, marking: str) -> bool:
    """Whether `user` may perform `action` on a record owned by `owner_id` with `marking`."""
    for grant in grants(user, action):
        if marking not in grant.markings:
            continue
        if grant.nations is None or (owner_id is not None and owner_id in grant.nations):
            return True
    return False


_M = TypeVar("_M", bound=models.Model)


@dataclass(frozen=True)
class Release:
    """Extra readers of a nation record beyond its owner: the nations reached through `paths`.

    Each path is a lookup from the model to an organisation (for example `invitations__owner`
    for an event's invited nations, or `event__owner` for a registration's organiser). A partner
    user whose nation is reached through any path may *view* the record when its marking is in
    `markings`. Releases never grant changes, never reach NATIONAL_ONLY rows unless listed, and
    give analysts nothing (they hold no nation).
    """

    paths: tuple[str, ...]
    markings: frozenset[str] = frozenset({Marking.BILATERAL})


def release_q(model: type[models.Model], user: Principal | Any) -> Q:
    """Rows of `model` released to the user's nation; matches nothing without a release."""
    release: Release | None = getattr(model, "release", None)
    nation_id = getattr(user, "nation_id", None) if user is not None else None
    if release is None or nation_id is None or not grants(user, Action.VIEW):
        return Q(pk__in=[])
    reached = Q(pk__in=[])
    for path in release.paths:
        reached |= Q(**{path: nation_id})
    released_pks = model._base_manager.filter(reached).values("pk")
    return Q(marking__in=sorted(release.markings), pk__in=released_pks)


def restrict(
    queryset: models.QuerySet[_M], user: Principal | Any, action: Action = Action.VIEW
) -> models.QuerySet[_M]:
    """Narrow `queryset` to the rows `user` may see (or change). Applied by every selector."""
    model = queryset.model
    reference = getattr(model, "reference_access", None)
    if reference is not None:
        if reference.permits(user, action):
            return queryset
        return queryset.none()
    condition = grant_q(user, action)
    if action is Action.VIEW and getattr(model, "release", None) is not None:
        condition |= release_q(model, user)
    return queryset.filter(condition)


def can(user: Principal | Any, action: Action, obj: models.Model) -> bool:
    """Whether `user` may perform `action` on `obj` in its current (possibly unsaved) state.

    A release (see `Release`) is checked against the stored row, so it applies to saved
    records only.
    """
    reference = getattr(obj, "reference_access", None)
    if reference is not None:
        return bool(reference.permits(user, action))
    if allows(user, action, owner_id=obj.owner_id, marking=obj.marking):  # type: ignore[attr-defined]
        return True
    model = type(obj)
    if action is not Action.VIEW or obj.pk is None or getattr(model, "release", None) is None:
        return False
    return model._base_manager.filter(release_q(model, user), pk=obj.pk).exists()


@dataclass(frozen=True)
class ReferenceAccess:
    """Access to data that belongs to no nation: role lists for reading and for writing.

    `view_roles=None` means every active user may read.
    """

    change_roles: frozenset[str]
    view_roles: frozenset[str] | None = None

    @classmethod
    def writable_by(cls, roles: Iterable[str]) -> ReferenceAccess:
        """Every active user reads; the given roles write."""
        return cls(frozenset(roles))

    @classmethod
    def restricted_to(cls, roles: Iterable[str]) -> ReferenceAccess:
        """Only the given roles read or write."""
        return cls(frozenset(roles), frozenset(roles))

    def permits(self, user: Principal | Any, action: Action) -> bool:
        """Whether an active `user` holds a role that allows `action`."""
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        if action is Action.VIEW:
            return self.view_roles is None or user.role in self.view_roles
        return user.role in self.change_roles
