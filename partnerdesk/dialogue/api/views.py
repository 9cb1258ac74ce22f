"""The dialogue API collections: the base viewset wired to this domain's selectors and
services, plus status transitions and the briefing of a meeting."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from partnerdesk.core.api.viewsets import IF_MATCH, RecordViewSet
from partnerdesk.dialogue import selectors, services
from partnerdesk.dialogue.filtersets import FollowUpFilter, MeetingFilter, ParticipantFilter
from partnerdesk.dialogue.models import FollowUp, Meeting, Participant
from partnerdesk.dialogue.serializers import (
    BriefingSerializer,
    DialogueFollowUpInputSerializer,
    DialogueFollowUpSerializer,
    DialogueFollowUpTransitionSerializer,
    MeetingInputSerializer,
    MeetingSerializer,
    MeetingTransitionSerializer,
    ParticipantInputSerializer,
    ParticipantSerializer,
)


class MeetingViewSet(RecordViewSet):
    """Meetings and visits with a partner nation, dated at their real precision. Status moves
    (planned → held or cancelled) use the transition endpoint; `briefing` lists the open
    follow-ups of earlier meetings."""

    output_serializer = MeetingSerializer
    input_serializer = MeetingInputSerializer
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    ordering_fields = ("date", "title", "format", "status", "updated_at")
    ordering = ("date", "pk")
    search_fields = ("title", "place", "summary", "outcome")
    queryset = Meeting.objects.none()

    list_selector = staticmethod(selectors.meeting_list)
    create_service = staticmethod(services.meeting_create)
    update_service = staticmethod(services.meeting_update)
    delete_service = staticmethod(services.meeting_delete)

    @extend_schema(
        parameters=[IF_MATCH], request=MeetingTransitionSerializer, responses=MeetingSerializer
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """Move the meeting to another status (Planned, Held, Cancelled); needs If-Match."""
        obj = self._object()
        expected = self._expected_version(request)
        body = MeetingTransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        moved = services.meeting_transition(
            obj,
            actor=self._actor(),
            expected_version=expected,
            target=body.validated_data["status"],
        )
        return self._item_response(moved)

    @extend_schema(request=None, responses=BriefingSerializer)
    @action(detail=True, methods=["get"], filter_backends=[])
    def briefing(self, request: Request, pk: str | None = None) -> Response:
        """The meeting's facts and participants, every open follow-up of the nation taken in
        earlier meetings (overdue first) and the current status of their objectives."""
        meeting = selectors.meeting_get(request.user, pk)
        data = selectors.briefing(request.user, meeting, today=timezone.localdate())
        return Response(BriefingSerializer(data, context=self.get_serializer_context()).data)


class ParticipantViewSet(RecordViewSet):
    """Participants of meetings: person, title, side and organisation."""

    output_serializer = ParticipantSerializer
    input_serializer = ParticipantInputSerializer
    serializer_class = ParticipantSerializer
    filterset_class = ParticipantFilter
    ordering_fields = ("person", "side", "position", "updated_at")
    ordering = ("meeting__date", "meeting", "side", "position", "pk")
    search_fields = ("person", "title")
    queryset = Participant.objects.none()

    list_selector = staticmethod(selectors.participant_list)
    create_service = staticmethod(services.participant_create)
    update_service = staticmethod(services.participant_update)
    delete_service = staticmethod(services.participant_delete)


class FollowUpViewSet(RecordViewSet):
    """The follow-up ledger: commitments taken in meetings, their owner, due date, status and
    links to objectives, Partnership Goals and assessment divergences."""

    output_serializer = DialogueFollowUpSerializer
    input_serializer = DialogueFollowUpInputSerializer
    serializer_class = DialogueFollowUpSerializer
    filterset_class = FollowUpFilter
    ordering_fields = ("due_on", "status", "updated_at")
    ordering = ("due_on", "pk")
    search_fields = ("text", "responsible_person", "note")
    queryset = FollowUp.objects.none()

    list_selector = staticmethod(selectors.followup_list)
    create_service = staticmethod(services.followup_create)
    update_service = staticmethod(services.followup_update)
    delete_service = staticmethod(services.followup_delete)

    @extend_schema(
        parameters=[IF_MATCH],
        request=DialogueFollowUpTransitionSerializer,
        responses=DialogueFollowUpSerializer,
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """Move the follow-up to another status (Open, In progress, Done, Dropped); needs
        If-Match."""
        obj = self._object()
        expected = self._expected_version(request)
        body = DialogueFollowUpTransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        moved = services.followup_transition(
            obj,
            actor=self._actor(),
            expected_version=expected,
            target=body.validated_data["status"],
        )
        return self._item_response(moved)
