"""The operations API collections: operations, contribution snapshots and strength series."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from partnerdesk.core.api.viewsets import RecordViewSet
from partnerdesk.operations import selectors, services
from partnerdesk.operations.filtersets import ContributionFilter, OperationFilter
from partnerdesk.operations.models import ContributionSnapshot, Operation
from partnerdesk.operations.serializers import (
    ContributionSnapshotInputSerializer,
    ContributionSnapshotSerializer,
    OperationInputSerializer,
    OperationSerializer,
    OperationSeriesSerializer,
)
from partnerdesk.organisations.models import Organisation


class OperationViewSet(RecordViewSet):
    """NATO-led operations (reference data: everyone reads, alliance staff and
    administrators write)."""

    output_serializer = OperationSerializer
    input_serializer = OperationInputSerializer
    serializer_class = OperationSerializer
    filterset_class = OperationFilter
    ordering_fields = ("code", "mandate_start", "updated_at")
    ordering = ("mandate_start", "code")
    search_fields = ("code", "name", "notes")
    queryset = Operation.objects.none()

    list_selector = staticmethod(selectors.operation_list)
    create_service = staticmethod(services.operation_create)
    update_service = staticmethod(services.operation_update)
    delete_service = staticmethod(services.operation_delete)


NATION = OpenApiParameter(
    name="nation", type=str, required=True, description="Code of the nation, e.g. AZE."
)
OPERATION = OpenApiParameter(
    name="operation",
    type=str,
    required=False,
    many=True,
    description="Only these operations (codes; repeat the parameter for several).",
)


class ContributionSnapshotViewSet(RecordViewSet):
    """Contribution snapshots: a nation's personnel in an operation as of a date, by category.
    `total` is derived from the categories and refused in input."""

    output_serializer = ContributionSnapshotSerializer
    input_serializer = ContributionSnapshotInputSerializer
    serializer_class = ContributionSnapshotSerializer
    filterset_class = ContributionFilter
    ordering_fields = ("as_of", "total_strength", "updated_at")
    ordering = ("owner__name", "operation__code", "as_of", "pk")
    search_fields = ("task", "notes")
    queryset = ContributionSnapshot.objects.none()

    list_selector = staticmethod(selectors.contribution_list)
    create_service = staticmethod(services.contribution_create)
    update_service = staticmethod(services.contribution_update)
    delete_service = staticmethod(services.contribution_delete)

    @extend_schema(parameters=[NATION, OPERATION], responses=OperationSeriesSerializer(many=True))
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def series(self, request: Request) -> Response:
        """A nation's strength over time, one series per operation, each ordered by date."""
        code = request.query_params.get("nation", "")
        nation = Organisation.objects.filter(code__iexact=code).first() if code else None
        if nation is None:
            raise serializers.ValidationError({"nation": ["Give the code of a nation, e.g. AZE."]})
        operation_ids: list[int] | None = None
        codes = request.query_params.getlist("operation")
        if codes:
            known = dict(
                selectors.operation_list(request.user)
                .filter(code__in=[c.upper() for c in codes])
                .values_list("code", "pk")
            )
            missing = sorted({c.upper() for c in codes} - set(known))
            if missing:
                raise serializers.ValidationError(
                    {"operation": [f"No operation with the code {', '.join(missing)}."]}
                )
            operation_ids = sorted(known.values())
        series = selectors.strength_series(request.user, nation.pk, operation_ids)
        return Response(OperationSeriesSerializer(series, many=True).data)
