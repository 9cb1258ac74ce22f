"""Users (administrators) and the caller's own account."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from partnerdesk.accounts import selectors
from partnerdesk.accounts.serializers import UserSerializer
from partnerdesk.core.api.viewsets import HistoryMixin


class UserViewSet(HistoryMixin, viewsets.ReadOnlyModelViewSet):
    """All users; visible to administrators only (others get an empty list)."""

    serializer_class = UserSerializer
    filterset_fields = ("role", "is_active")
    ordering_fields = ("username",)
    search_fields = ("username",)
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.user_list(self.request.user)


@extend_schema(responses=UserSerializer)
@api_view(["GET"])
def me(request: Request) -> Response:
    """The authenticated caller."""
    user: Any = request.user
    return Response(UserSerializer(user).data)
