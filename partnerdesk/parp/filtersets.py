"""Filters shared by the PARP pages and API."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters

from partnerdesk.core.markings import Marking
from partnerdesk.parp.choices import GoalStatus, ParpStep, Service, SurveySection
from partnerdesk.parp.models import GoalAssessment, ParpCycle, PartnershipGoal, SurveyAnswer


class ParpCycleFilter(filters.FilterSet):
    """Filter cycles by nation (code), step, a year they cover and marking."""

    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")
    step = filters.ChoiceFilter(choices=ParpStep.choices)
    year = filters.NumberFilter(method="filter_year", label="Covers year")
    marking = filters.ChoiceFilter(choices=Marking.choices)

    class Meta:
        model = ParpCycle
        fields = ("nation", "step", "year", "marking")

    def filter_year(
        self, queryset: QuerySet[ParpCycle], name: str, value: int
    ) -> QuerySet[ParpCycle]:
        return queryset.filter(start_year__lte=value, end_year__gte=value)


class SurveyAnswerFilter(filters.FilterSet):
    """Filter survey answers by cycle, section and nation."""

    cycle = filters.NumberFilter(field_name="cycle_id", label="Cycle id")
    section = filters.ChoiceFilter(choices=SurveySection.choices)
    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")

    class Meta:
        model = SurveyAnswer
        fields = ("cycle", "section", "nation")


class CycleGoalFilter(filters.FilterSet):
    """The goal filters of one cycle: service, status, armed-forces flag, objective, text."""

    service = filters.ChoiceFilter(choices=Service.choices)
    status = filters.ChoiceFilter(choices=GoalStatus.choices)
    armed_forces = filters.BooleanFilter(
        label="For the armed forces",
        widget=forms.Select(choices=[("", "Any"), ("true", "Yes"), ("false", "No")]),
    )
    objective = filters.NumberFilter(field_name="objectives", label="Serves objective id")
    q = filters.CharFilter(method="filter_text", label="Code or title contains")

    class Meta:
        model = PartnershipGoal
        fields = ("service", "status", "armed_forces", "objective", "q")

    def filter_text(
        self, queryset: QuerySet[PartnershipGoal], name: str, value: str
    ) -> QuerySet[PartnershipGoal]:
        return queryset.filter(Q(code__icontains=value) | Q(title__icontains=value))


class PartnershipGoalFilter(CycleGoalFilter):
    """Goal filters across cycles: the cycle's filters plus cycle id and nation."""

    cycle = filters.NumberFilter(field_name="cycle_id", label="Cycle id")
    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")

    class Meta:
        model = PartnershipGoal
        fields = ("nation", "cycle", "service", "status", "armed_forces", "objective", "q")


class GoalAssessmentFilter(filters.FilterSet):
    """Filter assessments by goal, cycle and year."""

    goal = filters.NumberFilter(field_name="goal_id", label="Goal id")
    cycle = filters.NumberFilter(field_name="goal__cycle_id", label="Cycle id")
    year = filters.NumberFilter()

    class Meta:
        model = GoalAssessment
        fields = ("goal", "cycle", "year")
