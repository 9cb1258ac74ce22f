"""The assessment API: rounds (submit, close, analytics, export), ratings and follow-ups."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import renderers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from partnerdesk.assessments import exports, selectors, services
from partnerdesk.assessments.filtersets import (
    AssessmentRoundFilter,
    FollowUpFilter,
    RatingFilter,
)
from partnerdesk.assessments.models import AssessmentRound, FollowUp, Rating
from partnerdesk.assessments.serializers import (
    AssessmentRoundInputSerializer,
    AssessmentRoundSerializer,
    DivergencesRequestSerializer,
    FollowUpInputSerializer,
    FollowUpSerializer,
    PlanAnalyticsSerializer,
    RatingInputSerializer,
    RatingSerializer,
    RatingUpdateSerializer,
    RoundAnalyticsSerializer,
    SubmitSerializer,
    plan_analytics,
    round_analytics,
)
from partnerdesk.core.actor import Actor
from partnerdesk.core.api.viewsets import IF_MATCH, RecordViewSet
from partnerdesk.core.selectors import get_visible
from partnerdesk.plans.selectors import plan_get

NO_DELETE = ["get", "post", "put", "patch", "head", "options"]


class _FileRenderer(renderers.BaseRenderer):
    """Passes file bytes through; anything else (an error document) is sent as JSON."""

    charset = None

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        if isinstance(data, bytes):
            return data
        return renderers.JSONRenderer().render(data)


class CsvRenderer(_FileRenderer):
    media_type = "text/csv"
    format = "csv"


class XlsxRenderer(_FileRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"


def _fixed(obj: Any, data: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """Drop fields that cannot change when the client resends their current value (PUT)."""
    out = dict(data)
    for name in names:
        if name in out and out[name] == getattr(obj, name):
            out.pop(name)
    return out


class AssessmentRoundViewSet(RecordViewSet):
    """Annual assessment rounds of plans; ratings stay blind until both sides have submitted."""

    output_serializer = AssessmentRoundSerializer
    input_serializer = AssessmentRoundInputSerializer
    serializer_class = AssessmentRoundSerializer
    filterset_class = AssessmentRoundFilter
    ordering_fields = ("year", "deadline", "updated_at")
    ordering = ("owner__name", "-year", "pk")
    search_fields = ("plan__title", "note")
    queryset = AssessmentRound.objects.none()

    list_selector = staticmethod(selectors.round_list)
    create_service = staticmethod(services.round_open)

    def service_update(
        self, obj: Any, *, actor: Actor, expected_version: int, data: dict[str, Any]
    ) -> AssessmentRound:
        return services.round_update(
            obj,
            actor=actor,
            expected_version=expected_version,
            data=_fixed(obj, data, ("plan", "year")),
        )

    delete_service = staticmethod(services.round_delete)

    def _round(self) -> AssessmentRound:
        return get_visible(self.get_queryset(), self.request.user, self.kwargs["pk"])

    @extend_schema(request=SubmitSerializer, responses=AssessmentRoundSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """Submit your side's ratings (every objective rated); they are frozen afterwards."""
        serializer = SubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.side_submit(
            actor=self._actor(), assessment=self._round(), side=serializer.validated_data["side"]
        )
        return self._item_response(self._round())

    @extend_schema(request=None, parameters=[IF_MATCH], responses=AssessmentRoundSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def close(self, request: Request, pk: str | None = None) -> Response:
        """Close the round (both sides submitted, or after the deadline); reveals every rating."""
        assessment = self._round()
        expected = self._expected_version(request)
        services.round_close(assessment, actor=self._actor(), expected_version=expected)
        return self._item_response(self._round())

    @extend_schema(
        parameters=[
            OpenApiParameter(name="plan", type=int, required=True, description="The plan id.")
        ],
        responses=PlanAnalyticsSerializer,
    )
    @action(detail=False, methods=["get"], filter_backends=[], url_path="plan-analytics")
    def plan_analytics(self, request: Request) -> Response:
        """Agreement of one plan across its revealed rounds: overall, by year, by chapter."""
        raw = request.query_params.get("plan", "")
        if not raw.isdigit():
            raise ValidationError({"plan": "Give the plan id as ?plan=<id>."})
        plan = plan_get(request.user, int(raw))
        rounds = list(selectors.round_list(request.user, plan_id=plan.pk))
        services.reveal_register(actor=self._actor(), rounds=rounds)
        return Response(PlanAnalyticsSerializer(plan_analytics(request.user, plan.pk)).data)

    @extend_schema(responses=RoundAnalyticsSerializer)
    @action(detail=True, methods=["get"], filter_backends=[])
    def analytics(self, request: Request, pk: str | None = None) -> Response:
        """Agreement statistics of the round (empty until it is revealed)."""
        assessment = self._round()
        services.reveal_register(actor=self._actor(), rounds=[assessment])
        data = round_analytics(request.user, assessment)
        return Response(RoundAnalyticsSerializer(data).data)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                name="format",
                type=str,
                enum=sorted(exports.FORMATS),
                description="csv (default) or xlsx.",
            )
        ],
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, XlsxRenderer.media_type): OpenApiTypes.BINARY,
        },
    )
    @action(
        detail=True,
        methods=["get"],
        filter_backends=[],
        renderer_classes=[CsvRenderer, XlsxRenderer, renderers.JSONRenderer],
    )
    def export(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The ratings you may see, one line per objective, as CSV or XLSX."""
        assessment = self._round()
        fmt = request.query_params.get("format", "csv")
        board = selectors.rating_board(request.user, assessment)
        services.reveal_register(actor=self._actor(), rounds=[assessment])
        content, content_type, filename = exports.render(assessment, board.rows, fmt)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @extend_schema(
        request=DivergencesRequestSerializer,
        responses={201: FollowUpSerializer(many=True)},
    )
    @action(
        detail=True,
        methods=["post"],
        filter_backends=[],
        url_path="divergences-to-follow-ups",
    )
    def divergences_to_follow_ups(self, request: Request, pk: str | None = None) -> Response:
        """Open a follow-up for each objective where the sides differ by two levels or more."""
        serializer = DivergencesRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = services.divergences_to_follow_ups(
            actor=self._actor(),
            assessment=self._round(),
            due_on=serializer.validated_data.get("due_on"),
        )
        data = FollowUpSerializer(created, many=True).data
        return Response(data, status=status.HTTP_201_CREATED)


class RatingViewSet(RecordViewSet):
    """Ratings of objectives; before the reveal you see only your own side's (blind rule)."""

    http_method_names = NO_DELETE
    output_serializer = RatingSerializer
    input_serializer = RatingInputSerializer
    serializer_class = RatingSerializer
    filterset_class = RatingFilter
    ordering_fields = ("level", "updated_at")
    ordering = ("round", "objective__chapter__position", "objective__position", "side")
    queryset = Rating.objects.none()

    def get_serializer_class(self) -> Any:
        if self.action in {"update", "partial_update"}:
            return RatingUpdateSerializer
        return super().get_serializer_class()

    list_selector = staticmethod(selectors.rating_list)
    create_service = staticmethod(services.rating_create)
    update_service = staticmethod(services.rating_update)

    def _update(self, request: Request, *, partial: bool) -> Response:
        self.input_serializer = RatingUpdateSerializer  # type: ignore[assignment]
        return super()._update(request, partial=partial)

    def list(self, request: Request) -> Response:
        """A page of the ratings you may see (only your own side's before the reveal)."""
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset) or []
        services.reveal_register(
            actor=self._actor(), rounds={rating.round_id: rating.round for rating in page}.values()
        )
        serializer = self.output_serializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        """One rating you may see, with its ETag."""
        rating = self._object()
        services.reveal_register(actor=self._actor(), rounds=[rating.round])
        return self._item_response(rating)


class FollowUpViewSet(RecordViewSet):
    """Follow-ups on objectives (for example divergences to discuss at the next meeting)."""

    output_serializer = FollowUpSerializer
    input_serializer = FollowUpInputSerializer
    serializer_class = FollowUpSerializer
    filterset_class = FollowUpFilter
    ordering_fields = ("due_on", "updated_at", "status")
    ordering = ("status", "due_on", "pk")
    search_fields = ("text",)
    queryset = FollowUp.objects.none()

    list_selector = staticmethod(selectors.followup_list)
    create_service = staticmethod(services.followup_create)

    def service_update(
        self, obj: Any, *, actor: Actor, expected_version: int, data: dict[str, Any]
    ) -> FollowUp:
        return services.followup_update(
            obj,
            actor=actor,
            expected_version=expected_version,
            data=_fixed(obj, data, ("round", "objective")),
        )

    delete_service = staticmethod(services.followup_delete)
