"""Read use-cases for accounts."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from partnerdesk.accounts.models import ApiToken, User
from partnerdesk.core.exceptions import NotFound
from partnerdesk.core.permissions import Action, restrict


def user_list(user: Any) -> QuerySet[User]:
    """Users an administrator may see (others see none), with organisation loaded."""
    queryset = User.objects.select_related("organisation").prefetch_related("assigned_nations")
    return restrict(queryset, user, Action.VIEW)


def user_get_by_username(username: str) -> User:
    """A user by name for trusted callers (the CLI run by an operator); NotFound otherwise."""
    found = User.objects.select_related("organisation").filter(username=username).first()
    if found is None:
        raise NotFound(f"No user named {username!r}.")
    return found


def token_list(user: Any) -> QuerySet[ApiToken]:
    """The caller's own tokens, newest first."""
    if user is None or not user.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user_id=user.pk)


def token_get_own(user: Any, pk: Any) -> ApiToken:
    """One of the caller's tokens; NotFound otherwise."""
    try:
        return token_list(user).get(pk=pk)
    except (ApiToken.DoesNotExist, ValueError) as exc:
        raise NotFound("Not found.") from exc
