"""The participation API: registrations (create = nominate; approve, reject, cancel and check
in as actions), feedback (with feedback reminders) and the counts per nation and year."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from partnerdesk.core.api.viewsets import IF_MATCH, RecordViewSet
from partnerdesk.core.exceptions import NotFound
from partnerdesk.participation import analytics, selectors, services
from partnerdesk.participation.filtersets import FeedbackFilter, RegistrationFilter
from partnerdesk.participation.models import Feedback, Registration
from partnerdesk.participation.serializers import (
    CheckInSerializer,
    CountsQuerySerializer,
    CountsSerializer,
    DecisionSerializer,
    FeedbackInputSerializer,
    FeedbackSerializer,
    RegistrationInputSerializer,
    RegistrationSerializer,
    RemindResultSerializer,
    RemindSerializer,
)


class RegistrationViewSet(RecordViewSet):
    """Participants nominated for events. Personal data: visible to the participant's nation,
    alliance staff and the event's organisers only (analysts see none — use the counts).
    POST nominates (PENDING while seats are free, WAITLISTED once full); status changes go
    through the approve, reject, cancel and check-in actions. There is no DELETE: cancel."""

    output_serializer = RegistrationSerializer
    input_serializer = RegistrationInputSerializer
    serializer_class = RegistrationSerializer
    filterset_class = RegistrationFilter
    ordering_fields = ("queued_at", "person_name", "status", "updated_at")
    ordering = ("event", "queued_at", "pk")
    search_fields = ("person_name", "organisation_name")
    queryset = Registration.objects.none()
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    list_selector = staticmethod(selectors.registration_list)
    create_service = staticmethod(services.registration_nominate)
    update_service = staticmethod(services.registration_update)

    def _decide(self, request: Request, service: Any, *, with_note: bool) -> Response:
        obj = self._object()
        expected = self._expected_version(request)
        kwargs: dict[str, Any] = {}
        if with_note:
            body = DecisionSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            kwargs["note"] = body.validated_data["note"]
        moved = service(obj, actor=self._actor(), expected_version=expected, **kwargs)
        return self._item_response(moved)

    @extend_schema(parameters=[IF_MATCH], request=None, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        """The organiser approves a pending registration; needs If-Match."""
        return self._decide(request, services.registration_approve, with_note=False)

    @extend_schema(
        parameters=[IF_MATCH], request=DecisionSerializer, responses=RegistrationSerializer
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        """The organiser rejects a registration (its seat goes to the waitlist); needs If-Match."""
        return self._decide(request, services.registration_reject, with_note=True)

    @extend_schema(
        parameters=[IF_MATCH], request=DecisionSerializer, responses=RegistrationSerializer
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        """The nation or the organiser cancels (its seat goes to the waitlist); needs If-Match."""
        return self._decide(request, services.registration_cancel, with_note=True)

    @extend_schema(
        parameters=[IF_MATCH], request=CheckInSerializer, responses=RegistrationSerializer
    )
    @action(detail=True, methods=["post"], url_path="check-in", filter_backends=[])
    def check_in(self, request: Request, pk: str | None = None) -> Response:
        """The organiser records attendance of an approved participant once the event is held;
        needs If-Match."""
        obj = self._object()
        expected = self._expected_version(request)
        body = CheckInSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        moved = services.registration_check_in(
            obj,
            actor=self._actor(),
            expected_version=expected,
            attended=body.validated_data["attended"],
        )
        return self._item_response(moved)


class FeedbackViewSet(RecordViewSet):
    """Participants' feedback on events they attended: BILATERAL feedback is released to the
    organiser, NATIONAL_ONLY stays with the nation."""

    output_serializer = FeedbackSerializer
    input_serializer = FeedbackInputSerializer
    serializer_class = FeedbackSerializer
    filterset_class = FeedbackFilter
    ordering_fields = ("overall", "relevance", "updated_at")
    ordering = ("registration",)
    search_fields = ("comments",)
    queryset = Feedback.objects.none()

    list_selector = staticmethod(selectors.feedback_list)
    create_service = staticmethod(services.feedback_create)
    update_service = staticmethod(services.feedback_update)
    delete_service = staticmethod(services.feedback_delete)

    @extend_schema(request=RemindSerializer, responses=RemindResultSerializer)
    @action(detail=False, methods=["post"], filter_backends=[], pagination_class=None)
    def remind(self, request: Request) -> Response:
        """The organiser e-mails every attended participant of the event who has an e-mail and
        no feedback yet (nobody twice within the reminder interval)."""
        body = RemindSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        sent = services.feedback_remind(actor=self._actor(), event=body.validated_data["event"])
        return Response({"sent": sent})


class CountsView(APIView):
    """Participation counts of a nation: events joined and participants (military/civilian)
    by area for the year, and the year-by-year series. Partner users get their own nation;
    alliance users any nation (analysts over the events they may see). Numbers only."""

    @extend_schema(
        operation_id="participation_counts",
        parameters=[
            OpenApiParameter("nation", str, required=True, description="Nation code, e.g. AZE"),
            OpenApiParameter("year", int, required=False, description="Start year of events"),
        ],
        responses=CountsSerializer,
    )
    def get(self, request: Request) -> Response:
        """The counts of `nation` (and `year`, or all years)."""
        query = CountsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            counts = analytics.participation_counts(
                request.user,
                nation=query.validated_data["nation"],
                year=query.validated_data.get("year"),
            )
        except NotFound as exc:
            raise exceptions.NotFound(str(exc)) from exc
        return Response(counts.as_dict())
