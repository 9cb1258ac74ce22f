"""The pcm API: catalogues (publish, carry-over, import, export), activities and programme
lines — the base viewset wired to this domain's selectors and services."""

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
from partnerdesk.pcm import exports, imports, selectors, services
from partnerdesk.pcm.filtersets import ActivityFilter, CatalogueFilter, ProgrammeLineFilter
from partnerdesk.pcm.models import Activity, Catalogue, ProgrammeLine
from partnerdesk.pcm.serializers import (
    ActivityInputSerializer,
    ActivitySerializer,
    CatalogueImportResultSerializer,
    CatalogueImportUploadSerializer,
    CatalogueInputSerializer,
    CataloguePublishSerializer,
    CatalogueSerializer,
    MenuCarryOverResultSerializer,
    MenuCarryOverSerializer,
    ProgrammeLineInputSerializer,
    ProgrammeLineSerializer,
)

TRUE_VALUES = {"1", "true", "yes", "on"}


class CatalogueViewSet(RecordViewSet):
    """The Partnership Cooperation Menu, one catalogue per year (readable by every user;
    written by alliance staff and administrators)."""

    output_serializer = CatalogueSerializer
    input_serializer = CatalogueInputSerializer
    serializer_class = CatalogueSerializer
    filterset_class = CatalogueFilter
    ordering_fields = ("year", "updated_at")
    ordering = ("-year",)
    search_fields = ("title", "note")
    queryset = Catalogue.objects.none()

    list_selector = staticmethod(selectors.catalogue_list)
    create_service = staticmethod(services.catalogue_create)
    update_service = staticmethod(services.catalogue_update)
    delete_service = staticmethod(services.catalogue_delete)

    action_serializers: ClassVar[dict[str, Any]] = {
        "publish": CataloguePublishSerializer,
        "carry_over": MenuCarryOverSerializer,
        "import_file": CatalogueImportUploadSerializer,
    }
    file_actions = frozenset({"export"})

    @extend_schema(
        request=CataloguePublishSerializer,
        responses={200: CatalogueSerializer},
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        """Publish a draft catalogue (on `published_on`, default today); needs If-Match."""
        catalogue = selectors.catalogue_get_for_change(request.user, pk)
        expected = self._expected_version(request)
        body = CataloguePublishSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        catalogue = services.catalogue_publish(
            catalogue,
            actor=self._actor(),
            expected_version=expected,
            published_on=body.validated_data.get("published_on"),
        )
        return self._item_response(selectors.catalogue_get(request.user, catalogue.pk))

    @extend_schema(request=MenuCarryOverSerializer, responses={200: MenuCarryOverResultSerializer})
    @action(detail=False, methods=["post"], url_path="carry-over", filter_backends=[])
    def carry_over(self, request: Request) -> Response:
        """Copy a year's activities (all or `activity_ids`) into a later year's catalogue;
        activities already carried are skipped."""
        body = MenuCarryOverSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        copies = services.catalogue_carry_over(
            actor=self._actor(),
            source_year=data["source_year"],
            target_year=data["target_year"],
            activity_ids=data.get("activity_ids"),
        )
        target = selectors.catalogue_for_year(request.user, data["target_year"])
        return Response(
            {
                "created": len(copies),
                "target_catalogue": target.pk if target else 0,
                "codes": [a.code for a in copies],
            }
        )

    @extend_schema(
        parameters=[
            OpenApiParameter(name="format", type=str, enum=sorted(exports.FORMATS), required=True)
        ],
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, exports.FORMATS["xlsx"]): OpenApiTypes.BINARY,
        },
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def export(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The catalogue's activities as CSV or XLSX, in the import's layout."""
        catalogue = self._object()
        fmt = request.query_params.get("format", "")
        if fmt not in exports.FORMATS:
            raise serializers.ValidationError({"format": ["Choose csv or xlsx."]})
        exported = exports.export_file(request.user, catalogue, fmt)
        response = HttpResponse(exported.content, content_type=exported.content_type)
        response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
        return response

    @extend_schema(
        parameters=[
            OpenApiParameter(name="year", type=int, required=True, description="The menu year."),
            OpenApiParameter(
                name="dry_run",
                type=bool,
                required=False,
                description="1 to check the file and see what would change, writing nothing.",
            ),
        ],
        request={"multipart/form-data": CatalogueImportUploadSerializer},
        responses={
            200: CatalogueImportResultSerializer,
            400: OpenApiResponse(
                description="Problems, each under `fields` as `row N.column` (nothing written)."
            ),
        },
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        url_name="import",
        parser_classes=[MultiPartParser],
        filter_backends=[],
    )
    def import_file(self, request: Request) -> Response:
        """Import a whole year's menu from CSV/XLSX: every row or none; rows are matched on
        their code (changed rows updated, new ones created, none deleted)."""
        services.ensure_menu_writer(self._actor())
        raw_year = request.query_params.get("year", "")
        if not raw_year.isdigit():
            raise serializers.ValidationError({"year": ["Give the menu year, e.g. ?year=2015."]})
        upload = request.FILES.get("file")
        if upload is None:
            raise serializers.ValidationError({"file": ["Attach a CSV or XLSX file."]})
        if upload.size and upload.size > MAX_BYTES:
            raise serializers.ValidationError({"file": ["The file is too large."]})
        result = imports.catalogue_import(
            actor=self._actor(),
            year=int(raw_year),
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
        return Response(CatalogueImportResultSerializer(result).data)


class ActivityViewSet(RecordViewSet):
    """Activities of the menu: filter by year, area, format, organiser, text (`q`) and
    `eligible_for` (a nation code)."""

    output_serializer = ActivitySerializer
    input_serializer = ActivityInputSerializer
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    ordering_fields = ("code", "title", "updated_at")
    ordering = ("catalogue__year", "code")
    search_fields = ("code", "title", "description")
    queryset = Activity.objects.none()

    list_selector = staticmethod(selectors.activity_list)
    create_service = staticmethod(services.activity_create)
    update_service = staticmethod(services.activity_update)
    delete_service = staticmethod(services.activity_delete)


class ProgrammeLineViewSet(RecordViewSet):
    """Programme (IPCP) lines: activities nations picked into their plans, with priority and
    the objectives and Partnership Goals they serve."""

    output_serializer = ProgrammeLineSerializer
    input_serializer = ProgrammeLineInputSerializer
    serializer_class = ProgrammeLineSerializer
    filterset_class = ProgrammeLineFilter
    ordering_fields = ("priority", "updated_at")
    ordering = ("owner__name", "plan", "activity__code")
    search_fields = ("activity__code", "activity__title", "serves_reference")
    queryset = ProgrammeLine.objects.none()

    list_selector = staticmethod(selectors.programme_line_list)
    create_service = staticmethod(services.programme_line_create)
    update_service = staticmethod(services.programme_line_update)
    delete_service = staticmethod(services.programme_line_delete)
