"""The staffing API collections: postings (with headcount and series) and reported figures."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from partnerdesk.core.api.viewsets import RecordViewSet
from partnerdesk.organisations.models import Organisation
from partnerdesk.staffing import selectors, services
from partnerdesk.staffing.filtersets import PostingFilter, ReportedHeadcountFilter
from partnerdesk.staffing.models import Posting, ReportedHeadcount
from partnerdesk.staffing.serializers import (
    PostingInputSerializer,
    PostingSerializer,
    ReportedHeadcountInputSerializer,
    ReportedHeadcountSerializer,
    StaffHeadcountQuerySerializer,
    StaffHeadcountSerializer,
    StaffSeriesQuerySerializer,
    StaffSeriesSerializer,
)


def _nation(code: str) -> Organisation:
    nation = Organisation.objects.filter(code__iexact=code, kind="STATE").first()
    if nation is None:
        raise serializers.ValidationError({"nation": f"No nation with code {code!r}."})
    return nation


class PostingViewSet(RecordViewSet):
    """Staff postings of partner nations in NATO bodies (PSE/PSP, VNC). `person` is the name
    for the sending nation's users and a stable pseudonym for everyone else."""

    output_serializer = PostingSerializer
    input_serializer = PostingInputSerializer
    serializer_class = PostingSerializer
    filterset_class = PostingFilter
    ordering_fields = ("start_on", "end_on", "post_title", "updated_at")
    ordering = ("owner__name", "-start_on", "pk")
    search_fields = ("post_title", "notes")
    queryset = Posting.objects.none()

    list_selector = staticmethod(selectors.posting_list)
    create_service = staticmethod(services.posting_create)
    update_service = staticmethod(services.posting_update)
    delete_service = staticmethod(services.posting_delete)

    @extend_schema(parameters=[StaffHeadcountQuerySerializer], responses=StaffHeadcountSerializer)
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def headcount(self, request: Request) -> Response:
        """How many of the visible postings of a nation were serving on a day, in a scope."""
        query = StaffHeadcountQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data: dict[str, Any] = query.validated_data
        nation = _nation(data["nation"])
        count = selectors.headcount(
            request.user,
            nation.pk,
            on=data["on"],
            scope=data["scope"],
            scheme=data["scheme"] or None,
        )
        body = {
            "nation": nation.code,
            "on": data["on"],
            "scope": data["scope"],
            "scheme": data["scheme"],
            "count": count,
        }
        return Response(StaffHeadcountSerializer(body).data)

    @extend_schema(parameters=[StaffSeriesQuerySerializer], responses=StaffSeriesSerializer)
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def series(self, request: Request) -> Response:
        """The yearly series (headcount on 1 July, postings started and ended per year)."""
        query = StaffSeriesQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data: dict[str, Any] = query.validated_data
        nation = _nation(data["nation"])
        years = (data["start"], data["end"]) if data.get("start") is not None else None
        points = selectors.headcount_series(
            request.user,
            nation.pk,
            scope=data["scope"],
            scheme=data["scheme"] or None,
            years=years,
        )
        body = {
            "nation": nation.code,
            "scope": data["scope"],
            "scheme": data["scheme"],
            "points": [p.__dict__ for p in points],
        }
        return Response(StaffSeriesSerializer(body).data)


class ReportedHeadcountViewSet(RecordViewSet):
    """Headcounts as sources report them (as-of date at its precision, scope, qualifier)."""

    output_serializer = ReportedHeadcountSerializer
    input_serializer = ReportedHeadcountInputSerializer
    serializer_class = ReportedHeadcountSerializer
    filterset_class = ReportedHeadcountFilter
    ordering_fields = ("as_of", "count", "updated_at")
    ordering = ("owner__name", "as_of", "pk")
    search_fields = ("wording", "note")
    queryset = ReportedHeadcount.objects.none()

    list_selector = staticmethod(selectors.reported_list)
    create_service = staticmethod(services.reported_create)
    update_service = staticmethod(services.reported_update)
    delete_service = staticmethod(services.reported_delete)
