"""Filters shared by the plans pages and API collections."""

from __future__ import annotations

from django.db.models import QuerySet
from django_filters import rest_framework as filters

from partnerdesk.core.markings import Marking
from partnerdesk.plans.choices import CommitmentStatus, PlanStatus, PlanType
from partnerdesk.plans.models import Chapter, Commitment, Decision, Objective, Plan


class PlanFilter(filters.FilterSet):
    """Filter plans by nation (code), type, status, marking, a year inside the period and title."""

    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")
    plan_type = filters.ChoiceFilter(choices=PlanType.choices, label="Type")
    status = filters.ChoiceFilter(choices=PlanStatus.choices)
    marking = filters.ChoiceFilter(choices=Marking.choices)
    year = filters.NumberFilter(method="filter_year", label="In force in")
    q = filters.CharFilter(field_name="title", lookup_expr="icontains", label="Title contains")

    class Meta:
        model = Plan
        fields = ("nation", "plan_type", "status", "marking", "year", "q")

    def filter_year(self, queryset: QuerySet[Plan], name: str, value: int) -> QuerySet[Plan]:
        """Plans whose period includes any day of the year `value`."""
        return queryset.filter(period_start__year__lte=value, period_end__year__gte=value)


class DecisionFilter(filters.FilterSet):
    """Filter decisions by plan and body."""

    plan = filters.NumberFilter(field_name="plan_id", label="Plan id")

    class Meta:
        model = Decision
        fields = ("plan", "body", "method", "marking")


class ChapterFilter(filters.FilterSet):
    """Filter chapters by plan and kind."""

    plan = filters.NumberFilter(field_name="plan_id", label="Plan id")

    class Meta:
        model = Chapter
        fields = ("plan", "kind", "marking")


class ObjectiveFilter(filters.FilterSet):
    """Filter objectives by plan, chapter, code and text."""

    plan = filters.NumberFilter(field_name="plan_id", label="Plan id")
    chapter = filters.NumberFilter(field_name="chapter_id", label="Chapter id")
    code = filters.CharFilter(field_name="code", lookup_expr="iexact")
    q = filters.CharFilter(field_name="text", lookup_expr="icontains", label="Text contains")
    carried = filters.BooleanFilter(
        field_name="carried_from", lookup_expr="isnull", exclude=True, label="Carried over"
    )

    class Meta:
        model = Objective
        fields = ("plan", "chapter", "code", "q", "carried", "marking")


class CommitmentFilter(filters.FilterSet):
    """Filter commitments by plan, objective, status and agency (code)."""

    plan = filters.NumberFilter(field_name="objective__plan_id", label="Plan id")
    objective = filters.NumberFilter(field_name="objective_id", label="Objective id")
    status = filters.ChoiceFilter(choices=CommitmentStatus.choices)
    agency = filters.CharFilter(
        field_name="agency__code", lookup_expr="iexact", label="Agency code"
    )

    class Meta:
        model = Commitment
        fields = ("plan", "objective", "status", "agency", "marking")
