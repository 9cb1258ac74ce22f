"""The events API: events (CRUD, transitions, reminders), invitations (invite, answer),
after-action reports and the caller's own calendar feeds."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from partnerdesk.core.actor import Actor
from partnerdesk.core.api.viewsets import IF_MATCH, RecordViewSet
from partnerdesk.core.models import ChangeSource
from partnerdesk.core.selectors import get_visible
from partnerdesk.events import selectors, services
from partnerdesk.events.filtersets import EventFilter, EventReportFilter, InvitationFilter
from partnerdesk.events.models import CalendarFeed, Event, EventReport, Invitation
from partnerdesk.events.serializers import (
    CalendarFeedCreatedSerializer,
    CalendarFeedInputSerializer,
    CalendarFeedSerializer,
    EventInputSerializer,
    EventReminderResultSerializer,
    EventReportInputSerializer,
    EventReportSerializer,
    EventSerializer,
    EventTransitionSerializer,
    InvitationAnswerSerializer,
    InvitationCreateSerializer,
    InvitationSerializer,
    ReminderLogSerializer,
)


class EventViewSet(RecordViewSet):
    """Events the caller may see (a BILATERAL event is seen by its invited nations and host).
    Change the state with `POST …/transition/`; single events list the caller's
    `allowed_moves`."""

    output_serializer = EventSerializer
    input_serializer = EventInputSerializer
    serializer_class = EventSerializer
    filterset_class = EventFilter
    ordering_fields = ("start_date", "title", "state", "updated_at")
    ordering = ("start_date", "title", "pk")
    search_fields = ("title", "location")
    queryset = Event.objects.none()

    list_selector = staticmethod(selectors.event_list)
    create_service = staticmethod(services.event_create)
    update_service = staticmethod(services.event_update)
    delete_service = staticmethod(services.event_delete)

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["with_moves"] = getattr(self, "action", None) != "list"
        return context

    @extend_schema(
        parameters=[IF_MATCH], request=EventTransitionSerializer, responses=EventSerializer
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """Move the event along its life cycle (`to`, with `note` as the reason for reject or
        cancel); needs If-Match. A refused move names the states and the possible moves."""
        event = self._object()
        expected = self._expected_version(request)
        body = EventTransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        moved = services.event_transition(
            event,
            actor=self._actor(),
            expected_version=expected,
            target=body.validated_data["to"],
            note=body.validated_data["note"],
        )
        return self._item_response(selectors.event_get(request.user, moved.pk))

    @extend_schema(request=None, responses=EventReminderResultSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def remind(self, request: Request, pk: str | None = None) -> Response:
        """E-mail the coordinators of invited nations that have not answered (organisers; at
        most once per recipient within the reminder interval)."""
        result = services.event_remind(actor=self._actor(), event=self._object())
        return Response(EventReminderResultSerializer(result.as_dict()).data)

    @extend_schema(responses=ReminderLogSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[])
    def reminders(self, request: Request, pk: str | None = None) -> Response:
        """The reminders sent about this event (organisers only; empty for others)."""
        rows = selectors.reminder_list(request.user, self._object())
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(ReminderLogSerializer(page, many=True).data)


class InvitationViewSet(RecordViewSet):
    """Invitations of nations to events. Organisers invite (`POST` with a list of nation
    codes, idempotent); the invited nation's coordinator answers (`POST …/answer/`)."""

    http_method_names = ["get", "post", "delete", "head", "options"]
    output_serializer = InvitationSerializer
    input_serializer = InvitationCreateSerializer
    serializer_class = InvitationSerializer
    filterset_class = InvitationFilter
    ordering_fields = ("answered_at", "updated_at")
    ordering = ("event", "owner__name")
    queryset = Invitation.objects.none()

    list_selector = staticmethod(selectors.invitation_list)
    delete_service = staticmethod(services.invitation_delete)

    @extend_schema(
        request=InvitationCreateSerializer,
        responses={201: InvitationSerializer(many=True)},
    )
    def create(self, request: Request) -> Response:
        """Invite nations to an event; answers 201 with the invitations created now."""
        body = InvitationCreateSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        created = services.invitation_create(
            actor=self._actor(),
            event=body.validated_data["event"],
            nations=body.validated_data["nations"],
            note=body.validated_data["note"],
        )
        rows = self.get_queryset().filter(pk__in=[i.pk for i in created])
        return Response(InvitationSerializer(rows, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[IF_MATCH], request=InvitationAnswerSerializer, responses=InvitationSerializer
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def answer(self, request: Request, pk: str | None = None) -> Response:
        """Accept or decline (the invited nation's coordinator); needs If-Match."""
        invitation = self._object()
        expected = self._expected_version(request)
        body = InvitationAnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        answered = services.invitation_answer(
            invitation,
            actor=self._actor(),
            expected_version=expected,
            answer=body.validated_data["answer"],
            note=body.validated_data.get("note"),
        )
        return self._item_response(get_visible(self.get_queryset(), request.user, answered.pk))


class EventReportViewSet(RecordViewSet):
    """After-action reports of held events, written by the organisers; the marking decides
    who reads them."""

    output_serializer = EventReportSerializer
    input_serializer = EventReportInputSerializer
    serializer_class = EventReportSerializer
    filterset_class = EventReportFilter
    ordering_fields = ("updated_at",)
    ordering = ("event",)
    queryset = EventReport.objects.none()

    list_selector = staticmethod(selectors.report_list)
    delete_service = staticmethod(services.report_delete)

    def service_create(self, *, actor: Actor, data: dict[str, Any]) -> EventReport:
        event = data.pop("event", None)
        if event is None:
            raise ValidationError({"event": "Choose the event."})
        return services.report_create(actor=actor, event=event, data=data)

    def service_update(
        self, obj: Any, *, actor: Actor, expected_version: int, data: dict[str, Any]
    ) -> EventReport:
        event = data.pop("event", None)
        if event is not None and event.pk != obj.event_id:
            raise ValidationError({"event": "A report stays with its event."})
        return services.report_update(
            obj, actor=actor, expected_version=expected_version, data=data
        )


class CalendarFeedViewSet(viewsets.GenericViewSet):
    """The caller's own iCal feeds: list, create (the token and URL are shown once) and
    revoke (`DELETE`)."""

    serializer_class = CalendarFeedSerializer
    queryset = CalendarFeed.objects.none()
    lookup_value_regex = r"[0-9]+"
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[CalendarFeed]:
        return selectors.feed_list(self.request.user)

    def list(self, request: Request) -> Response:
        """The caller's active feeds."""
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(CalendarFeedSerializer(page, many=True).data)

    @extend_schema(
        request=CalendarFeedInputSerializer, responses={201: CalendarFeedCreatedSerializer}
    )
    def create(self, request: Request) -> Response:
        """Create a feed; the answer holds its secret token and URL, never shown again."""
        body = CalendarFeedInputSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        feed, token = services.feed_create(
            actor=Actor.from_request(request, ChangeSource.API), **body.validated_data
        )
        data = dict(CalendarFeedSerializer(feed).data)
        data["token"] = token
        data["url"] = request.build_absolute_uri(reverse("events:feed", args=[token]))
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: OpenApiResponse(description="Revoked")})
    def destroy(self, request: Request, pk: str | None = None) -> Response:
        """Revoke a feed: its URL answers 404 from now on."""
        feed = selectors.feed_get(request.user, pk)
        services.feed_revoke(feed, actor=Actor.from_request(request, ChangeSource.API))
        return Response(status=status.HTTP_204_NO_CONTENT)
