"""Write use-cases for accounts: users and API tokens, audited like every other write."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from partnerdesk.accounts.models import ApiToken, User, hash_token
from partnerdesk.core.actor import Actor
from partnerdesk.core.audit import record_change, snapshot
from partnerdesk.core.exceptions import Forbidden
from partnerdesk.core.models import ChangeAction
from partnerdesk.core.permissions import Action, can
from partnerdesk.core.roles import Role
from partnerdesk.organisations.models import Organisation


def _require_admin(actor: Actor) -> None:
    if actor.user is not None and actor.user.role != Role.ADMINISTRATOR:
        raise Forbidden("Only administrators manage accounts.")


def user_create(
    *,
    actor: Actor,
    username: str,
    password: str,
    role: str,
    organisation: Organisation,
    email: str = "",
    all_nations: bool = False,
    assigned_nations: Iterable[Organisation] = (),
    check_password_strength: bool = True,
) -> User:
    """Create a user with a hashed password; administrators or system jobs only; audited."""
    _require_admin(actor)
    with transaction.atomic():
        user = User(
            username=username,
            email=email,
            role=role,
            organisation=organisation,
            all_nations=all_nations,
        )
        user.full_clean(exclude=["password"])
        if check_password_strength:
            validate_password(password, user)
        user.set_password(password)
        user.save()
        user.assigned_nations.set(list(assigned_nations))
        record_change(
            actor=actor, obj=user, action=ChangeAction.CREATE, before=None, after=snapshot(user)
        )
    return user


def user_set_active(*, actor: Actor, user: User, active: bool) -> User:
    """Activate or deactivate a user (users are never deleted: the audit log points at them)."""
    _require_admin(actor)
    with transaction.atomic():
        before = snapshot(user)
        user.is_active = active
        user.save(update_fields=["is_active"])
        record_change(
            actor=actor, obj=user, action=ChangeAction.UPDATE, before=before, after=snapshot(user)
        )
    return user


def token_create(*, actor: Actor, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Issue a new API token for `user` and return it with its key (shown once, stored hashed).

    Users may issue tokens for themselves; administrators and system jobs for anyone.
    """
    if (
        actor.user is not None
        and actor.user.pk != user.pk
        and actor.user.role != Role.ADMINISTRATOR
    ):
        raise Forbidden("You may only create tokens for yourself.")
    if not user.is_active:
        raise ValidationError({"user": "This user is deactivated."})
    key = "pd_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name[:100], prefix=key[:10], key_hash=hash_token(key)
        )
        record_change(
            actor=actor, obj=token, action=ChangeAction.CREATE, before=None, after=snapshot(token)
        )
    return token, key


def token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    """Revoke a token (idempotent); its owner or an administrator may do it; audited."""
    if (
        actor.user is not None
        and actor.user.pk != token.user_id
        and not can(actor.user, Action.CHANGE, token)
    ):
        raise Forbidden("You may only revoke your own tokens.")
    if token.revoked_at is not None:
        return token
    with transaction.atomic():
        before = snapshot(token)
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_change(
            actor=actor, obj=token, action=ChangeAction.UPDATE, before=before, after=snapshot(token)
        )
    return token
