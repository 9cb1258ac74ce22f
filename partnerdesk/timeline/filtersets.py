"""Filters shared by the milestone list page and API."""

from __future__ import annotations

from django_filters import rest_framework as filters

from partnerdesk.timeline.choices import MilestoneCategory
from partnerdesk.timeline.models import Milestone


class MilestoneFilter(filters.FilterSet):
    """Filter by nation (code), category, year and free text in the title."""

    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")
    category = filters.ChoiceFilter(choices=MilestoneCategory.choices)
    year = filters.NumberFilter(field_name="date__year", label="Year")
    q = filters.CharFilter(field_name="title", lookup_expr="icontains", label="Title contains")

    class Meta:
        model = Milestone
        fields = ("nation", "category", "year", "q")
