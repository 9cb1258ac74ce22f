"""The timeline API: a nation's chronology (read-only) and the milestones collection."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from partnerdesk.core.api.viewsets import RecordViewSet
from partnerdesk.timeline import selectors, services
from partnerdesk.timeline.filtersets import MilestoneFilter
from partnerdesk.timeline.forms import parse_query, query_entries
from partnerdesk.timeline.models import Milestone
from partnerdesk.timeline.serializers import (
    MilestoneInputSerializer,
    MilestoneSerializer,
    TimelineEntrySerializer,
)


class MilestoneViewSet(RecordViewSet):
    """Dated facts of a nation's relationship that belong to no mechanism record."""

    output_serializer = MilestoneSerializer
    input_serializer = MilestoneInputSerializer
    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilter
    ordering_fields = ("date", "title", "updated_at")
    ordering = ("date", "title")
    search_fields = ("title", "description")
    queryset = Milestone.objects.none()

    list_selector = staticmethod(selectors.milestone_list)
    create_service = staticmethod(services.milestone_create)
    update_service = staticmethod(services.milestone_update)
    delete_service = staticmethod(services.milestone_delete)


class TimelineView(APIView):
    """Every dated record of one nation the caller may see, oldest first."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("nation", str, description="Nation code (partners: their own)."),
            OpenApiParameter("mechanism", str, many=True, description="Mechanism codes."),
            OpenApiParameter("from", int, description="First year (inclusive)."),
            OpenApiParameter("to", int, description="Last year (inclusive)."),
            OpenApiParameter("year", int, description="Only this year."),
        ],
        responses=TimelineEntrySerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        """The chronology; 400 with field errors for a bad nation, mechanism or year."""
        query = parse_query(request._request)
        if query.nation is None and not query.errors:
            query.errors["nation"] = "Choose a nation: ?nation=CODE."
        if query.errors:
            raise ValidationError({k: [v] for k, v in query.errors.items()})
        entries = query_entries(request._request, query)
        return Response(TimelineEntrySerializer(entries, many=True).data)
