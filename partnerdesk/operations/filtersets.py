"""Filters shared by the contribution list page and the API collections."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django_filters import rest_framework as filters

from partnerdesk.core.markings import Marking
from partnerdesk.operations.models import ContributionSnapshot, Operation


class ContributionFilter(filters.FilterSet):
    """Filter snapshots by nation code, operation code, a span of years and marking."""

    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")
    operation = filters.CharFilter(
        field_name="operation__code", lookup_expr="iexact", label="Operation code"
    )
    year_from = filters.NumberFilter(method="filter_year_from", label="From year")
    year_to = filters.NumberFilter(method="filter_year_to", label="To year")
    marking = filters.ChoiceFilter(choices=Marking.choices)

    class Meta:
        model = ContributionSnapshot
        fields = ("nation", "operation", "year_from", "year_to", "marking")

    def filter_year_from(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        """Snapshots dated in or after the year."""
        if value is None or not 1 <= int(value) <= 9999:
            return queryset
        return queryset.filter(as_of__gte=dt.date(int(value), 1, 1))

    def filter_year_to(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        """Snapshots dated in or before the year."""
        if value is None or not 1 <= int(value) <= 9999:
            return queryset
        return queryset.filter(as_of__lte=dt.date(int(value), 12, 31))


class OperationFilter(filters.FilterSet):
    """Filter operations by code or name."""

    q = filters.CharFilter(field_name="name", lookup_expr="icontains", label="Name contains")
    code = filters.CharFilter(field_name="code", lookup_expr="iexact", label="Code")

    class Meta:
        model = Operation
        fields = ("q", "code")
