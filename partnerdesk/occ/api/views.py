"""The OCC API collections: the base viewset wired to this domain's selectors and services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from partnerdesk.core.actor import Actor
from partnerdesk.core.api.viewsets import IF_MATCH, RecordViewSet
from partnerdesk.occ import selectors, services
from partnerdesk.occ.filtersets import (
    CertificationFilter,
    EvaluationFilter,
    EvaluationResultFilter,
    OccUnitFilter,
    RemedialActionFilter,
)
from partnerdesk.occ.models import (
    Certification,
    Evaluation,
    EvaluationResult,
    OccUnit,
    RemedialAction,
)
from partnerdesk.occ.serializers import (
    CertificationInputSerializer,
    CertificationSerializer,
    EvaluationInputSerializer,
    EvaluationResultInputSerializer,
    EvaluationResultSerializer,
    EvaluationSerializer,
    OccUnitInputSerializer,
    OccUnitSerializer,
    RemedialActionInputSerializer,
    RemedialActionSerializer,
    RemedialTransitionSerializer,
)


class OccUnitViewSet(RecordViewSet):
    """Units declared to the OCC Pool of Forces, with their derived state today."""

    output_serializer = OccUnitSerializer
    input_serializer = OccUnitInputSerializer
    serializer_class = OccUnitSerializer
    filterset_class = OccUnitFilter
    ordering_fields = ("name", "declared_on", "service", "updated_at")
    ordering = ("owner__name", "name")
    search_fields = ("name", "unit_type", "note")
    queryset = OccUnit.objects.none()

    list_selector = staticmethod(selectors.occunit_list)
    create_service = staticmethod(services.occunit_create)
    update_service = staticmethod(services.occunit_update)
    delete_service = staticmethod(services.occunit_delete)


class EvaluationViewSet(RecordViewSet):
    """SEL-1, NEL-1, SEL-2, NEL-2 and re-evaluations. Recording a passed NEL-2 or
    re-evaluation creates or renews the unit's Combat Ready certification; steps out of
    order are refused (see the field errors)."""

    output_serializer = EvaluationSerializer
    input_serializer = EvaluationInputSerializer
    serializer_class = EvaluationSerializer
    filterset_class = EvaluationFilter
    ordering_fields = ("start_on", "level", "updated_at")
    ordering = ("unit", "start_on", "pk")
    search_fields = ("place", "team", "observers", "note")
    queryset = Evaluation.objects.none()

    list_selector = staticmethod(selectors.evaluation_list)
    create_service = staticmethod(services.evaluation_record)
    update_service = staticmethod(services.evaluation_update)
    delete_service = staticmethod(services.evaluation_delete)


class EvaluationResultViewSet(RecordViewSet):
    """Area results of evaluations; each grade comes from its evaluation's grade scale."""

    output_serializer = EvaluationResultSerializer
    input_serializer = EvaluationResultInputSerializer
    serializer_class = EvaluationResultSerializer
    filterset_class = EvaluationResultFilter
    ordering_fields = ("area", "grade", "updated_at")
    ordering = ("evaluation", "area")
    search_fields = ("area", "note")
    queryset = EvaluationResult.objects.none()

    list_selector = staticmethod(selectors.result_list)
    create_service = staticmethod(services.result_create)
    update_service = staticmethod(services.result_update)
    delete_service = staticmethod(services.result_delete)


DAYS = OpenApiParameter(
    name="days",
    type=int,
    required=False,
    description="The window in days (default 180): certificates expiring within it, or lapsed.",
)


class CertificationViewSet(RecordViewSet):
    """Certificates of units (Combat Ready ones are created by evaluations) and the list of
    those whose re-validation is due."""

    output_serializer = CertificationSerializer
    input_serializer = CertificationInputSerializer
    serializer_class = CertificationSerializer
    filterset_class = CertificationFilter
    ordering_fields = ("valid_from", "valid_to", "updated_at")
    ordering = ("unit", "valid_from", "pk")
    search_fields = ("note",)
    queryset = Certification.objects.none()

    list_selector = staticmethod(selectors.certification_list)
    create_service = staticmethod(services.certification_create)
    update_service = staticmethod(services.certification_update)
    delete_service = staticmethod(services.certification_delete)

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if getattr(self, "action", None) == "due":
            context["due_days"] = self._days()
        return context

    def _days(self) -> int:
        raw = self.request.query_params.get("days")
        if raw in (None, ""):
            return selectors.due_days_default()
        field = serializers.IntegerField(min_value=0, max_value=3650)
        try:
            return int(field.run_validation(raw))
        except serializers.ValidationError as exc:
            raise serializers.ValidationError({"days": exc.detail}) from exc

    @extend_schema(parameters=[DAYS], responses=CertificationSerializer(many=True))
    @action(detail=False, methods=["get"])
    def due(self, request: Request) -> Response:
        """Certificates not yet re-validated that expire within `days`, or have lapsed."""
        queryset = selectors.certification_due(
            request.user, today=timezone.localdate(), days=self._days()
        )
        page = self.paginate_queryset(self.filter_queryset(queryset))
        serializer = self.output_serializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)


class RemedialActionViewSet(RecordViewSet):
    """Remedial action plans after evaluations: actions, owners, deadlines, status."""

    output_serializer = RemedialActionSerializer
    input_serializer = RemedialActionInputSerializer
    serializer_class = RemedialActionSerializer
    filterset_class = RemedialActionFilter
    ordering_fields = ("deadline", "status", "updated_at")
    ordering = ("evaluation", "deadline", "pk")
    search_fields = ("text", "owner_name")
    queryset = RemedialAction.objects.none()

    list_selector = staticmethod(selectors.remedial_list)
    create_service = staticmethod(services.remedial_create)

    def service_update(
        self, obj: Any, *, actor: Actor, expected_version: int, data: dict[str, Any]
    ) -> RemedialAction:
        status = data.pop("status", obj.status)
        if status != obj.status:
            raise ValidationError(
                {"status": "Change the status with POST …/transition/ (it checks the move)."}
            )
        return services.remedial_update(
            obj, actor=actor, expected_version=expected_version, data=data
        )

    delete_service = staticmethod(services.remedial_delete)

    @extend_schema(
        parameters=[IF_MATCH],
        request=RemedialTransitionSerializer,
        responses=RemedialActionSerializer,
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """Move the action to another status (Open, In progress, Done); needs If-Match."""
        obj = self._object()
        expected = self._expected_version(request)
        body = RemedialTransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        moved = services.remedial_transition(
            obj,
            actor=self._actor(),
            expected_version=expected,
            target=body.validated_data["status"],
        )
        return self._item_response(moved)
