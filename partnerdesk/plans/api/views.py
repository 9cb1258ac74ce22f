"""The plans API: plans (with transition, compare, carry-over, import and export), decisions,
chapters, objectives and commitments — the base viewset wired to this domain."""

from __future__ import annotations

from typing import Any, ClassVar

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from partnerdesk.core.api.viewsets import IF_MATCH, RecordViewSet
from partnerdesk.core.tabular import MAX_BYTES
from partnerdesk.plans import exports, imports, selectors, services
from partnerdesk.plans.filtersets import (
    ChapterFilter,
    CommitmentFilter,
    DecisionFilter,
    ObjectiveFilter,
    PlanFilter,
)
from partnerdesk.plans.models import Chapter, Commitment, Decision, Objective, Plan
from partnerdesk.plans.serializers import (
    ChapterInputSerializer,
    ChapterSerializer,
    CommitmentInputSerializer,
    CommitmentSerializer,
    ObjectiveInputSerializer,
    ObjectiveSerializer,
    PlanCarryOverResultSerializer,
    PlanCarryOverSerializer,
    PlanComparisonSerializer,
    PlanDecisionInputSerializer,
    PlanDecisionSerializer,
    PlanImportResultSerializer,
    PlanImportUploadSerializer,
    PlanInputSerializer,
    PlanSerializer,
    PlanTransitionSerializer,
)

LIST_PARAMETER = OpenApiParameter(
    name="list",
    type=str,
    enum=sorted(exports.LISTS),
    required=True,
    description="Which list: objectives (chapter_code, objective_code, text) or commitments "
    "(objective_code, text, agency_code, due_on, status).",
)
TRUE_VALUES = {"1", "true", "yes", "on"}


class PlanViewSet(RecordViewSet):
    """IPAPs, IPCPs, ITPPs and ANPs of the nations you may see, with their life cycle."""

    output_serializer = PlanSerializer
    input_serializer = PlanInputSerializer
    serializer_class = PlanSerializer
    filterset_class = PlanFilter
    ordering_fields = ("period_start", "period_end", "title", "status", "updated_at")
    ordering = ("owner__name", "-period_start", "plan_type")
    search_fields = ("title", "summary")
    queryset = Plan.objects.none()

    list_selector = staticmethod(selectors.plan_list)
    create_service = staticmethod(services.plan_create)
    update_service = staticmethod(services.plan_update)
    delete_service = staticmethod(services.plan_delete)

    action_serializers: ClassVar[dict[str, Any]] = {
        "transition": PlanTransitionSerializer,
        "carry_over": PlanCarryOverSerializer,
        "import_file": PlanImportUploadSerializer,
    }
    file_actions = frozenset({"export"})

    @extend_schema(
        request=PlanTransitionSerializer,
        responses={200: PlanSerializer},
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """Move the plan to another status (only along the allowed transitions); needs If-Match."""
        plan = selectors.plan_get_for_change(request.user, pk)
        expected = self._expected_version(request)
        body = PlanTransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        plan = services.plan_transition(
            plan,
            actor=self._actor(),
            expected_version=expected,
            target=body.validated_data["status"],
        )
        return self._item_response(selectors.plan_get(request.user, plan.pk))

    @extend_schema(
        parameters=[
            OpenApiParameter(
                name="with",
                type=int,
                required=True,
                description="Id of the other plan; the one that starts first is plan A.",
            )
        ],
        responses={200: PlanComparisonSerializer},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def compare(self, request: Request, pk: str | None = None) -> Response:
        """Objectives added, dropped, reworded and carried over between two plans."""
        plan = self._object()
        raw = request.query_params.get("with", "")
        if not raw.isdigit():
            raise serializers.ValidationError(
                {"with": ["Give the id of the plan to compare with."]}
            )
        other = selectors.plan_get(request.user, int(raw))
        if other.pk == plan.pk:
            raise serializers.ValidationError({"with": ["Choose another plan."]})
        older, newer = sorted((plan, other), key=lambda p: (p.period_start, p.pk))
        comparison = selectors.plan_compare(request.user, older, newer)
        return Response(PlanComparisonSerializer(comparison).data)

    @extend_schema(request=PlanCarryOverSerializer, responses={200: PlanCarryOverResultSerializer})
    @action(detail=True, methods=["post"], url_path="carry-over", filter_backends=[])
    def carry_over(self, request: Request, pk: str | None = None) -> Response:
        """Copy the unfinished objectives (and open commitments) of an earlier plan into this
        one; objectives already carried are skipped."""
        target = selectors.plan_get_for_change(request.user, pk)
        body = PlanCarryOverSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        copies = services.plan_carry_over(body.validated_data["from"], target, actor=self._actor())
        objectives = selectors.objective_list(request.user).filter(pk__in=[c.pk for c in copies])
        data = {
            "created": len(copies),
            "objectives": ObjectiveSerializer(objectives, many=True).data,
        }
        return Response(data)

    @extend_schema(
        parameters=[
            LIST_PARAMETER,
            OpenApiParameter(name="format", type=str, enum=sorted(exports.FORMATS), required=True),
        ],
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, exports.FORMATS["xlsx"]): OpenApiTypes.BINARY,
        },
    )
    @action(
        detail=True,
        methods=["get"],
        filter_backends=[],
        pagination_class=None,
    )
    def export(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The plan's objectives or commitments you may see, as CSV or XLSX (re-importable)."""
        plan = self._object()
        kind = request.query_params.get("list", "")
        fmt = request.query_params.get("format", "")
        errors = {}
        if kind not in exports.LISTS:
            errors["list"] = ["Choose objectives or commitments."]
        if fmt not in exports.FORMATS:
            errors["format"] = ["Choose csv or xlsx."]
        if errors:
            raise serializers.ValidationError(errors)
        exported = exports.export_file(request.user, plan, kind, fmt)
        response = HttpResponse(exported.content, content_type=exported.content_type)
        response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
        return response

    @extend_schema(
        parameters=[
            LIST_PARAMETER,
            OpenApiParameter(
                name="dry_run",
                type=bool,
                required=False,
                description="1 to check the file and see what would change, writing nothing.",
            ),
        ],
        request={"multipart/form-data": PlanImportUploadSerializer},
        responses={
            200: PlanImportResultSerializer,
            400: OpenApiResponse(
                description="Problems, each under `fields` as `row N.column` (nothing written)."
            ),
        },
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="import",
        url_name="import",
        parser_classes=[MultiPartParser],
        filter_backends=[],
    )
    def import_file(self, request: Request, pk: str | None = None) -> Response:
        """Import objectives or commitments from CSV/XLSX: every row or none (re-importing
        updates rows by code)."""
        plan = selectors.plan_get_for_change(request.user, pk)
        upload = request.FILES.get("file")
        if upload is None:
            raise serializers.ValidationError({"file": ["Attach a CSV or XLSX file."]})
        if upload.size and upload.size > MAX_BYTES:
            raise serializers.ValidationError({"file": ["The file is too large."]})
        kind = request.query_params.get("list", "")
        if kind not in exports.LISTS:
            raise serializers.ValidationError({"list": ["Choose objectives or commitments."]})
        result = imports.plan_import(
            plan,
            actor=self._actor(),
            kind=kind,
            content=upload.read(),
            filename=upload.name or "",
            dry_run=request.query_params.get("dry_run", "").lower() in TRUE_VALUES,
        )
        if not result.ok:
            problems: dict[str, dict[str, list[str]]] = {}
            for error in result.errors:
                where = f"row {error.row}" if error.row else "file"
                problems.setdefault(where, {}).setdefault(error.column or "-", []).append(
                    error.message
                )
            raise serializers.ValidationError(problems)
        return Response(PlanImportResultSerializer(result).data)


class DecisionViewSet(RecordViewSet):
    """Decisions on plans: which body, when, at a meeting or by silence procedure."""

    output_serializer = PlanDecisionSerializer
    input_serializer = PlanDecisionInputSerializer
    serializer_class = PlanDecisionSerializer
    filterset_class = DecisionFilter
    ordering_fields = ("decided_on", "updated_at")
    ordering = ("plan", "decided_on", "pk")
    search_fields = ("note",)
    queryset = Decision.objects.none()

    list_selector = staticmethod(selectors.decision_list)
    create_service = staticmethod(services.decision_create)
    update_service = staticmethod(services.decision_update)
    delete_service = staticmethod(services.decision_delete)


class ChapterViewSet(RecordViewSet):
    """Chapters of plans (IPAP's six, ITPP's ends/ways/means, …)."""

    output_serializer = ChapterSerializer
    input_serializer = ChapterInputSerializer
    serializer_class = ChapterSerializer
    filterset_class = ChapterFilter
    ordering_fields = ("position", "code", "updated_at")
    ordering = ("plan", "position", "code")
    search_fields = ("title",)
    queryset = Chapter.objects.none()

    list_selector = staticmethod(selectors.chapter_list)
    create_service = staticmethod(services.chapter_create)
    update_service = staticmethod(services.chapter_update)
    delete_service = staticmethod(services.chapter_delete)


class ObjectiveViewSet(RecordViewSet):
    """Objectives of plans, under their chapters."""

    output_serializer = ObjectiveSerializer
    input_serializer = ObjectiveInputSerializer
    serializer_class = ObjectiveSerializer
    filterset_class = ObjectiveFilter
    ordering_fields = ("code", "position", "updated_at")
    ordering = ("plan", "chapter__position", "position", "code")
    search_fields = ("text", "code")
    queryset = Objective.objects.none()

    list_selector = staticmethod(selectors.objective_list)
    create_service = staticmethod(services.objective_create)
    update_service = staticmethod(services.objective_update)
    delete_service = staticmethod(services.objective_delete)


class CommitmentViewSet(RecordViewSet):
    """Commitments under objectives, with the responsible national agency and status."""

    output_serializer = CommitmentSerializer
    input_serializer = CommitmentInputSerializer
    serializer_class = CommitmentSerializer
    filterset_class = CommitmentFilter
    ordering_fields = ("due_on", "status", "position", "updated_at")
    ordering = ("objective", "position", "pk")
    search_fields = ("text",)
    queryset = Commitment.objects.none()

    list_selector = staticmethod(selectors.commitment_list)
    create_service = staticmethod(services.commitment_create)
    update_service = staticmethod(services.commitment_update)
    delete_service = staticmethod(services.commitment_delete)
