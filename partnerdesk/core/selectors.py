"""Generic read helpers: fetch-and-authorise in one step, and the scoped change log."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q

from partnerdesk.core.exceptions import Forbidden, NotFound
from partnerdesk.core.models import ChangeRecord
from partnerdesk.core.permissions import Action, grant_q, restrict
from partnerdesk.core.roles import Role

M = TypeVar("M", bound=models.Model)


def get_visible(queryset: models.QuerySet[M], user: Any, pk: Any) -> M:
    """Return the row `pk` of `queryset` if `user` may see it; otherwise raise NotFound.

    Missing, foreign and over-marked rows raise the same NotFound, so callers cannot tell them
    apart (and neither can the user).
    """
    try:
        return restrict(queryset, user, Action.VIEW).get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise NotFound("Not found.") from exc


def get_changeable(queryset: models.QuerySet[M], user: Any, pk: Any) -> M:
    """Return the row if `user` may change it; NotFound if invisible, Forbidden if read-only."""
    obj = get_visible(queryset, user, pk)
    if not restrict(queryset.filter(pk=obj.pk), user, Action.CHANGE).exists():
        raise Forbidden("You may view this record but not change it.")
    return obj


def change_records_visible(user: Any) -> models.QuerySet[ChangeRecord]:
    """Change-log rows `user` may read: same rules as the objects they describe.

    Rows about nation-owned records follow the owner/marking grants; rows about reference
    data are readable by every active user; rows about accounts only by administrators.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return ChangeRecord.objects.none()
    scoped = Q(owner__isnull=False) & grant_q(user, Action.VIEW)
    reference = Q(owner__isnull=True, admin_only=False)
    condition = scoped | reference
    if user.role == Role.ADMINISTRATOR:
        condition |= Q(owner__isnull=True, admin_only=True)
    return ChangeRecord.objects.filter(condition).select_related("actor", "content_type")


def history_list(user: Any, obj: models.Model) -> models.QuerySet[ChangeRecord]:
    """The visible change-log rows of one object, newest first."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return change_records_visible(user).filter(content_type=content_type, object_id=str(obj.pk))
