"""Filters for source lists (web and API)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters

from partnerdesk.sources.models import Confidence, Source


class SourceFilter(filters.FilterSet):
    """Confidence, publisher and free text in key, title or URL."""

    confidence = filters.ChoiceFilter(choices=Confidence.choices)
    publisher = filters.CharFilter(lookup_expr="icontains")
    q = filters.CharFilter(method="filter_text", label="Text")

    class Meta:
        model = Source
        fields = ("confidence", "publisher", "q")

    def filter_text(self, queryset: QuerySet[Source], name: str, value: str) -> QuerySet[Source]:
        return queryset.filter(
            Q(key__icontains=value) | Q(title__icontains=value) | Q(url__icontains=value)
        )
