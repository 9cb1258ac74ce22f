"""Filters shared by the staffing list pages and API collections.

Nothing filters, searches or orders by the person's name: a filter on a hidden value would
reveal it one guess at a time.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters

from partnerdesk.core.markings import Marking
from partnerdesk.staffing.choices import Measure, Scheme, Scope
from partnerdesk.staffing.models import Posting, ReportedHeadcount


class PostingFilter(filters.FilterSet):
    """Filter postings by nation, scheme, host body, a day they were serving on, and post."""

    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")
    scheme = filters.ChoiceFilter(choices=Scheme.choices)
    host = filters.CharFilter(field_name="host__code", lookup_expr="iexact", label="Host code")
    serving_on = filters.DateFilter(method="filter_serving_on", label="Serving on (YYYY-MM-DD)")
    marking = filters.ChoiceFilter(choices=Marking.choices)
    q = filters.CharFilter(field_name="post_title", lookup_expr="icontains", label="Post contains")

    class Meta:
        model = Posting
        fields = ("nation", "scheme", "host", "serving_on", "marking", "q")

    def filter_serving_on(self, queryset: QuerySet[Any], name: str, value: dt.date) -> Any:
        """Postings counted on `value` (see `selectors` for how imprecise dates count)."""
        if value is None:
            return queryset
        return queryset.filter(
            Q(start_on__lte=value) & (Q(end_last_day__isnull=True) | Q(end_last_day__gte=value))
        )


class ReportedHeadcountFilter(filters.FilterSet):
    """Filter reported headcounts by nation, scope and what they count."""

    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")
    scope = filters.ChoiceFilter(choices=Scope.choices)
    measure = filters.ChoiceFilter(choices=Measure.choices)

    class Meta:
        model = ReportedHeadcount
        fields = ("nation", "scope", "measure")
