"""The base API viewset every domain collection uses.

It reads through the domain's selectors (already restricted to the user), writes through its
services with an explicit `Actor`, sends an ETag with every item, requires If-Match on
PUT/PATCH/DELETE (428 without, 412 when stale) and exposes `GET <item>/history/`.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from django.db import models
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from partnerdesk.core.actor import Actor
from partnerdesk.core.api.errors import PreconditionFailed, PreconditionRequired
from partnerdesk.core.api.serializers import ChangeRecordSerializer
from partnerdesk.core.models import ChangeSource
from partnerdesk.core.selectors import get_visible, history_list

_ETAG = re.compile(r'^\s*(?:W/)?"(\d+)"\s*$')

IF_MATCH = OpenApiParameter(
    name="If-Match",
    location=OpenApiParameter.HEADER,
    required=True,
    description='ETag of the version being changed, as returned by GET (for example "3").',
)


def etag_for(obj: Any) -> str:
    """The strong ETag of a versioned record: its version number in quotes."""
    return f'"{obj.version}"'


class HistoryMixin:
    """Adds `GET <item>/history/`: the item's change log as far as the caller may see it."""

    request: Any
    kwargs: dict[str, Any]
    lookup_field: str
    paginate_queryset: Any
    get_paginated_response: Any
    get_queryset: Any

    def _object(self) -> Any:
        return get_visible(self.get_queryset(), self.request.user, self.kwargs[self.lookup_field])

    @extend_schema(responses=ChangeRecordSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[])
    def history(self, request: Request, pk: str | None = None) -> Response:
        """The record's change log, newest first, as far as the caller may see it."""
        page = self.paginate_queryset(history_list(request.user, self._object()))
        return self.get_paginated_response(ChangeRecordSerializer(page, many=True).data)


class RecordViewSet(HistoryMixin, viewsets.GenericViewSet):
    """CRUD + history over a domain's selectors and services; subclasses fill in the hooks."""

    output_serializer: type[serializers.Serializer[Any]]
    input_serializer: type[serializers.Serializer[Any]]
    lookup_value_regex = r"[0-9]+"

    # -- hooks: a domain viewset names its selector and services (or overrides the methods) --
    list_selector: Any = None  # (user) -> the rows the user may see, related rows loaded
    create_service: Any = None  # (*, actor, data) -> the created record
    update_service: Any = None  # (obj, *, actor, expected_version, data) -> the updated record
    delete_service: Any = None  # (obj, *, actor, expected_version) -> None
    # Serializers of the extra actions (action name -> serializer), and the actions that
    # answer a file: their content negotiation is fixed so `?format=` names the file type
    # and errors still come as JSON.
    action_serializers: ClassVar[dict[str, Any]] = {}
    file_actions: ClassVar[frozenset[str]] = frozenset()

    def selector_list(self, user: Any) -> models.QuerySet[Any]:
        """The rows `user` may see, with related rows prefetched."""
        return type(self).list_selector(user)

    def service_create(self, *, actor: Actor, data: dict[str, Any]) -> Any:
        """Create a record through the domain service."""
        return type(self).create_service(actor=actor, data=data)

    def service_update(
        self, obj: Any, *, actor: Actor, expected_version: int, data: dict[str, Any]
    ) -> Any:
        """Update a record through the domain service."""
        return type(self).update_service(
            obj, actor=actor, expected_version=expected_version, data=data
        )

    def service_delete(self, obj: Any, *, actor: Actor, expected_version: int) -> None:
        """Delete a record through the domain service."""
        type(self).delete_service(obj, actor=actor, expected_version=expected_version)

    # -- plumbing ---------------------------------------------------------------------------
    def get_queryset(self) -> models.QuerySet[Any]:
        return self.selector_list(self.request.user)

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        if getattr(self, "action", None) in self.file_actions:
            return (JSONRenderer(), JSONRenderer.media_type)
        return super().perform_content_negotiation(request, force)

    def get_serializer_class(self) -> type[serializers.Serializer[Any]]:
        if self.action in self.action_serializers:
            return self.action_serializers[self.action]
        if self.action in {"create", "update", "partial_update"}:
            return self.input_serializer
        if self.action == "history":
            return ChangeRecordSerializer
        return self.output_serializer

    def _actor(self) -> Actor:
        return Actor.from_request(self.request, ChangeSource.API)

    def _expected_version(self, request: Request) -> int:
        header = request.headers.get("If-Match")
        if not header:
            raise PreconditionRequired()
        match = _ETAG.match(header)
        if match is None:
            raise PreconditionFailed('If-Match must be an ETag such as "3".')
        return int(match.group(1))

    def _item_response(self, obj: Any, status_code: int = status.HTTP_200_OK) -> Response:
        data = self.output_serializer(obj, context=self.get_serializer_context()).data
        response = Response(data, status=status_code)
        response["ETag"] = etag_for(obj)
        return response

    def list(self, request: Request) -> Response:
        """A page of the records the caller may see, filtered and ordered."""
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        serializer = self.output_serializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        """One record (404 when missing, foreign or over-marked) with its ETag."""
        return self._item_response(self._object())

    def create(self, request: Request) -> Response:
        """Create a record; answers 201 with the record and its ETag."""
        serializer = self.input_serializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        obj = self.service_create(actor=self._actor(), data=dict(serializer.validated_data))
        obj = get_visible(self.get_queryset(), request.user, obj.pk)
        return self._item_response(obj, status.HTTP_201_CREATED)

    def _update(self, request: Request, *, partial: bool) -> Response:
        obj = self._object()
        expected = self._expected_version(request)
        serializer = self.input_serializer(
            obj, data=request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        obj = self.service_update(
            obj,
            actor=self._actor(),
            expected_version=expected,
            data=dict(serializer.validated_data),
        )
        return self._item_response(get_visible(self.get_queryset(), request.user, obj.pk))

    @extend_schema(parameters=[IF_MATCH])
    def update(self, request: Request, pk: str | None = None) -> Response:
        """Replace a record's editable fields; needs If-Match."""
        return self._update(request, partial=False)

    @extend_schema(parameters=[IF_MATCH])
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        """Change some fields of a record; needs If-Match."""
        return self._update(request, partial=True)

    @extend_schema(parameters=[IF_MATCH], responses={204: OpenApiResponse(description="Deleted")})
    def destroy(self, request: Request, pk: str | None = None) -> Response:
        """Delete a record; needs If-Match."""
        obj = self._object()
        expected = self._expected_version(request)
        self.service_delete(obj, actor=self._actor(), expected_version=expected)
        return Response(status=status.HTTP_204_NO_CONTENT)
