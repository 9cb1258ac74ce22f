"""The evidence API: documents (list, read, upload, search) and facts (list, read, review)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from partnerdesk.core.api.viewsets import IF_MATCH, RecordViewSet, etag_for
from partnerdesk.core.selectors import get_visible
from partnerdesk.evidence import selectors, services
from partnerdesk.evidence.models import Document, Fact
from partnerdesk.evidence.search import SearchFilters, search
from partnerdesk.evidence.serializers import (
    DocumentDetailSerializer,
    DocumentSerializer,
    DocumentUploadSerializer,
    FactSerializer,
    ReviewSerializer,
    SearchHitSerializer,
)

READ_AND_POST = ["get", "post", "head", "options"]
SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, required=True, description="words to find (all of them)"),
    OpenApiParameter("nation", str, description="nation code, e.g. AZE"),
    OpenApiParameter("mechanism", str, description="mechanism code, e.g. IPAP"),
    OpenApiParameter("outlet", str),
    OpenApiParameter("date_from", dt.date),
    OpenApiParameter("date_to", dt.date),
    OpenApiParameter("limit", int, description="at most 100 (default 20)"),
]


def _date(request: Request, name: str) -> dt.date | None:
    value = request.query_params.get(name)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ApiValidationError({name: ["Give a date as YYYY-MM-DD."]}) from exc


class DocumentViewSet(RecordViewSet):
    """Documents from the press with their metadata and grading. `POST` ingests a document
    (text or base64 bytes; the same bytes twice answer 200 with the stored document);
    `search` finds documents by words with snippets."""

    http_method_names = READ_AND_POST
    output_serializer = DocumentSerializer
    input_serializer = DocumentUploadSerializer
    serializer_class = DocumentSerializer
    ordering_fields = ("published_on", "created_at")
    ordering = ("-published_on", "-pk")
    search_fields = ("title", "outlet")
    queryset = Document.objects.none()
    list_selector = staticmethod(selectors.document_list)

    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        """One document with its clean text (404 when missing or hidden) and its ETag."""
        document = get_visible(
            Document.objects.filter(pk__in=self.get_queryset().values("pk")).select_related(
                "owner"
            ),
            request.user,
            self.kwargs["pk"],
        )
        response = Response(DocumentDetailSerializer(document).data)
        response["ETag"] = etag_for(document)
        return response

    @extend_schema(
        request=DocumentUploadSerializer,
        responses={201: DocumentSerializer, 200: DocumentSerializer},
    )
    def create(self, request: Request) -> Response:
        """Ingest a document and its facts; 201 when stored, 200 when these bytes were known."""
        body = DocumentUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        document, created = services.document_ingest(
            actor=self._actor(),
            data=data["data"],
            source=data["source_name"],
            url=data.get("url") or None,
            owner=data.get("owner"),
            marking=data["marking"],
            reliability=data["reliability"],
            credibility=data["credibility"],
        )
        return self._item_response(
            get_visible(self.get_queryset(), request.user, document.pk),
            status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(parameters=SEARCH_PARAMETERS, responses=SearchHitSerializer(many=True))
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def search(self, request: Request) -> Response:
        """Documents matching every word, best first, with snippets; only what you may see."""
        params = request.query_params
        try:
            limit = int(params.get("limit") or 20)
        except ValueError as exc:
            raise ApiValidationError({"limit": ["Give a whole number."]}) from exc
        filters = SearchFilters(
            nation=params.get("nation") or None,
            mechanism=params.get("mechanism") or None,
            outlet=params.get("outlet") or None,
            date_from=_date(request, "date_from"),
            date_to=_date(request, "date_to"),
        )
        hits = search(request.user, params.get("q", ""), filters, limit=limit)
        return Response(SearchHitSerializer(hits, many=True).data)


class FactViewSet(RecordViewSet):
    """Facts extracted from documents, each with its quote and offsets into the document's
    clean text. `review` accepts, edits or rejects one; accepting creates or links the
    matching record. Filter with `?document=ID&status=proposed`."""

    http_method_names = READ_AND_POST
    output_serializer = FactSerializer
    input_serializer = ReviewSerializer
    serializer_class = FactSerializer
    ordering_fields = ("start", "confidence")
    ordering = ("document", "start", "pk")
    queryset = Fact.objects.none()

    def selector_list(self, user: Any) -> QuerySet[Fact]:
        params = self.request.query_params
        document = params.get("document")
        return selectors.fact_list(
            user,
            document_id=int(document) if document and document.isdigit() else None,
            status=params.get("status") or None,
        )

    def create(self, request: Request) -> Response:
        """Facts are created by ingesting documents, never directly."""
        raise ApiValidationError({"non_field_errors": ["Facts come from ingesting a document."]})

    @extend_schema(parameters=[IF_MATCH], request=ReviewSerializer, responses=FactSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def review(self, request: Request, pk: str | None = None) -> Response:
        """Accept, edit or reject the fact (needs If-Match); accepting creates or links the
        record it stands for, which then cites the document."""
        fact = selectors.fact_get_for_change(request.user, self.kwargs["pk"])
        expected = self._expected_version(request)
        body = ReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.fact_review(
            fact,
            actor=self._actor(),
            expected_version=expected,
            decision=body.validated_data["decision"],
            payload=body.validated_data.get("payload"),
            note=body.validated_data.get("note") or "",
        )
        return self._item_response(selectors.fact_get(request.user, fact.pk))
