"""The change log as a read-only API collection."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from rest_framework import viewsets

from partnerdesk.core.api.serializers import ChangeRecordSerializer
from partnerdesk.core.models import ChangeRecord
from partnerdesk.core.selectors import change_records_visible


class ChangeRecordFilter(filters.FilterSet):
    """Filter the change log by source, action, actor and time."""

    since = filters.IsoDateTimeFilter(field_name="timestamp", lookup_expr="gte")
    until = filters.IsoDateTimeFilter(field_name="timestamp", lookup_expr="lt")
    actor = filters.CharFilter(field_name="actor_label")

    class Meta:
        model = ChangeRecord
        fields = ("source", "action", "request_id")


class ChangeRecordViewSet(viewsets.ReadOnlyModelViewSet):
    """Every change the caller may see (rows follow the visibility of their objects)."""

    serializer_class = ChangeRecordSerializer
    filterset_class = ChangeRecordFilter
    ordering_fields = ("timestamp",)
    search_fields = ()
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self) -> QuerySet[Any]:
        return change_records_visible(self.request.user)
