"""The PARP API collections: cycles (with transitions, series, goal import/export and
carry-over), survey answers, Partnership Goals and goal assessments."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from partnerdesk.core.actor import Actor
from partnerdesk.core.api.errors import error_body
from partnerdesk.core.api.viewsets import IF_MATCH, RecordViewSet
from partnerdesk.core.selectors import get_changeable, get_visible
from partnerdesk.organisations.models import Organisation
from partnerdesk.parp import exports, imports, selectors, services
from partnerdesk.parp.filtersets import (
    GoalAssessmentFilter,
    ParpCycleFilter,
    PartnershipGoalFilter,
    SurveyAnswerFilter,
)
from partnerdesk.parp.models import GoalAssessment, ParpCycle, PartnershipGoal, SurveyAnswer
from partnerdesk.parp.serializers import (
    CarryOverResultSerializer,
    CarryOverSerializer,
    GoalAssessmentInputSerializer,
    GoalAssessmentSerializer,
    GoalImportSerializer,
    ImportResultSerializer,
    ParpCycleInputSerializer,
    ParpCycleSerializer,
    PartnershipGoalInputSerializer,
    PartnershipGoalSerializer,
    SeriesPointSerializer,
    SurveyAnswerInputSerializer,
    SurveyAnswerSerializer,
    TransitionSerializer,
)

NATION_PARAM = OpenApiParameter(
    name="nation", required=True, description="Nation code, e.g. AZE.", type=str
)
FILE_TYPE_PARAM = OpenApiParameter(
    name="file_type", required=False, description="csv (default) or xlsx.", enum=["csv", "xlsx"]
)


def _documented(output: Any) -> Any:
    """Document that create and update answer with the output shape (not the input's)."""
    return extend_schema_view(
        create=extend_schema(responses={201: output}),
        update=extend_schema(responses={200: output}),
        partial_update=extend_schema(responses={200: output}),
    )


def import_rejected_response(request: Any, exc: services.ImportRejected) -> Response:
    """400 in the API's error format, with every error's row and column under `rows`."""
    body = error_body(
        status_code=400,
        code="validation_error",
        message=str(exc),
        fields={"file": [str(e) for e in exc.errors]},
        request=request,
    )
    body["error"]["rows"] = [
        {"row": e.row, "column": e.column, "message": e.message} for e in exc.errors
    ]
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


@_documented(ParpCycleSerializer)
class ParpCycleViewSet(RecordViewSet):
    """PARP cycles of the nations you may see, with computed goal counts and calendar."""

    output_serializer = ParpCycleSerializer
    input_serializer = ParpCycleInputSerializer
    serializer_class = ParpCycleSerializer
    filterset_class = ParpCycleFilter
    ordering_fields = ("start_year", "end_year", "step", "updated_at")
    ordering = ("owner__name", "-start_year")
    search_fields = ("note", "forum")
    queryset = ParpCycle.objects.none()

    list_selector = staticmethod(selectors.cycle_list_with_counts)
    create_service = staticmethod(services.cycle_create)
    update_service = staticmethod(services.cycle_update)
    delete_service = staticmethod(services.cycle_delete)

    def _changeable(self) -> ParpCycle:
        return get_changeable(self.get_queryset(), self.request.user, self.kwargs["pk"])

    @extend_schema(
        parameters=[IF_MATCH], request=TransitionSerializer, responses=ParpCycleSerializer
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """Move the cycle one step forward (or one back to correct); needs If-Match."""
        cycle = self._changeable()
        expected = self._expected_version(request)
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.cycle_transition(
            cycle,
            actor=self._actor(),
            expected_version=expected,
            target=serializer.validated_data["step"],
        )
        return self._item_response(get_visible(self.get_queryset(), request.user, cycle.pk))

    @extend_schema(parameters=[NATION_PARAM], responses=SeriesPointSerializer(many=True))
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def series(self, request: Request) -> Response:
        """A nation's Partnership Goals per cycle (in all, armed forces, by service), computed
        from the goal rows you may see."""
        code = request.query_params.get("nation", "").strip()
        if not code:
            raise ValidationError({"nation": "Give a nation code, e.g. AZE."})
        nation = Organisation.objects.filter(code__iexact=code).first()
        if nation is None:
            raise ValidationError({"nation": f"Unknown nation code {code!r}."})
        points = selectors.goal_series(request.user, nation.pk)
        return Response(SeriesPointSerializer(points, many=True).data)

    @extend_schema(
        request={"multipart/form-data": GoalImportSerializer},
        responses={
            200: ImportResultSerializer,
            400: OpenApiResponse(
                description="The table has errors; `error.rows` lists each with row and "
                "column. Nothing was written."
            ),
        },
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="import-goals",
        parser_classes=[MultiPartParser, FormParser],
        filter_backends=[],
    )
    def import_goals(self, request: Request, pk: str | None = None) -> Response:
        """Import Partnership Goals into this cycle from CSV or XLSX: all rows or none."""
        cycle = self._changeable()
        serializer = GoalImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        parsed = imports.parse_goal_table(upload.read(), upload.name or "")
        try:
            if parsed.errors:
                raise services.ImportRejected(parsed.errors)
            result = services.goal_import(
                actor=self._actor(),
                cycle=cycle,
                rows=parsed.rows,
                dry_run=serializer.validated_data["dry_run"],
            )
        except services.ImportRejected as exc:
            return import_rejected_response(request, exc)
        return Response(ImportResultSerializer(result).data)

    @extend_schema(
        parameters=[FILE_TYPE_PARAM],
        responses={
            (200, exports.FILE_TYPES["csv"].split(";")[0]): OpenApiTypes.BINARY,
            (200, exports.FILE_TYPES["xlsx"]): OpenApiTypes.BINARY,
        },
    )
    @action(detail=True, methods=["get"], url_path="export-goals", filter_backends=[])
    def export_goals(self, request: Request, pk: str | None = None) -> HttpResponse:
        """This cycle's goals you may see, as CSV or XLSX in the import's layout."""
        cycle = self._object()
        file_type = request.query_params.get("file_type", "csv")
        if file_type not in exports.FILE_TYPES:
            raise ValidationError({"file_type": "Use csv or xlsx."})
        goals = selectors.goal_list(request.user, cycle_id=cycle.pk).order_by("code")
        response = HttpResponse(
            exports.export_goals(goals, file_type), content_type=exports.FILE_TYPES[file_type]
        )
        name = exports.export_filename(cycle.label, cycle.owner.code, file_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    @extend_schema(request=CarryOverSerializer, responses=CarryOverResultSerializer)
    @action(detail=True, methods=["post"], url_path="carry-over", filter_backends=[])
    def carry_over(self, request: Request, pk: str | None = None) -> Response:
        """Copy this cycle's goals that are not implemented or dropped into a later cycle."""
        cycle = self._changeable()
        serializer = CarryOverSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        result = services.goal_carry_over(
            actor=self._actor(), source=cycle, target=serializer.validated_data["target"]
        )
        data = {
            "created": [g.pk for g in result.created],
            "marked_carried_over": [g.pk for g in result.marked],
            "skipped": result.skipped,
        }
        return Response(CarryOverResultSerializer(data).data)


@_documented(SurveyAnswerSerializer)
class SurveyAnswerViewSet(RecordViewSet):
    """Answers to the PARP Survey of the cycles you may see."""

    output_serializer = SurveyAnswerSerializer
    input_serializer = SurveyAnswerInputSerializer
    serializer_class = SurveyAnswerSerializer
    filterset_class = SurveyAnswerFilter
    ordering_fields = ("section", "year", "updated_at")
    ordering = ("cycle", "section", "pk")
    search_fields = ("question", "answer")
    queryset = SurveyAnswer.objects.none()

    list_selector = staticmethod(selectors.survey_answer_list)

    def service_create(self, *, actor: Actor, data: dict[str, Any]) -> SurveyAnswer:
        cycle = data.pop("cycle")
        return services.survey_answer_create(actor=actor, cycle=cycle, data=data)

    update_service = staticmethod(services.survey_answer_update)
    delete_service = staticmethod(services.survey_answer_delete)


@_documented(PartnershipGoalSerializer)
class PartnershipGoalViewSet(RecordViewSet):
    """Partnership Goals of the cycles you may see, with their linked plan objectives."""

    output_serializer = PartnershipGoalSerializer
    input_serializer = PartnershipGoalInputSerializer
    serializer_class = PartnershipGoalSerializer
    filterset_class = PartnershipGoalFilter
    ordering_fields = ("code", "service", "status", "target_date", "updated_at")
    ordering = ("cycle", "code")
    search_fields = ("code", "title")
    queryset = PartnershipGoal.objects.none()

    list_selector = staticmethod(selectors.goal_list)

    def service_create(self, *, actor: Actor, data: dict[str, Any]) -> PartnershipGoal:
        cycle = data.pop("cycle")
        return services.goal_create(actor=actor, cycle=cycle, data=data)

    update_service = staticmethod(services.goal_update)
    delete_service = staticmethod(services.goal_delete)


@_documented(GoalAssessmentSerializer)
class GoalAssessmentViewSet(RecordViewSet):
    """Yearly assessments of the Partnership Goals you may see."""

    output_serializer = GoalAssessmentSerializer
    input_serializer = GoalAssessmentInputSerializer
    serializer_class = GoalAssessmentSerializer
    filterset_class = GoalAssessmentFilter
    ordering_fields = ("year", "progress", "updated_at")
    ordering = ("goal", "year")
    search_fields = ("narrative",)
    queryset = GoalAssessment.objects.none()

    list_selector = staticmethod(selectors.assessment_list)

    def service_create(self, *, actor: Actor, data: dict[str, Any]) -> GoalAssessment:
        goal = data.pop("goal")
        return services.assessment_create(actor=actor, goal=goal, data=data)

    update_service = staticmethod(services.assessment_update)
    delete_service = staticmethod(services.assessment_delete)
