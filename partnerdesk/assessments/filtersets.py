"""Filters shared by the assessment list pages and the API."""

from __future__ import annotations

from django_filters import rest_framework as filters

from partnerdesk.assessments.choices import FollowUpStatus, RoundStatus, Side
from partnerdesk.assessments.models import AssessmentRound, FollowUp, Rating


class AssessmentRoundFilter(filters.FilterSet):
    """Filter rounds by nation (code), plan, year and status."""

    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")
    plan = filters.NumberFilter(field_name="plan_id", label="Plan id")
    year = filters.NumberFilter(field_name="year", label="Year")
    status = filters.ChoiceFilter(choices=RoundStatus.choices, label="Status")

    class Meta:
        model = AssessmentRound
        fields = ("nation", "plan", "year", "status")


class RatingFilter(filters.FilterSet):
    """Filter ratings by round, objective and side (the blind rule applies first)."""

    round = filters.NumberFilter(field_name="round_id", label="Round id")
    objective = filters.NumberFilter(field_name="objective_id", label="Objective id")
    side = filters.ChoiceFilter(choices=Side.choices, label="Side")

    class Meta:
        model = Rating
        fields = ("round", "objective", "side")


class FollowUpFilter(filters.FilterSet):
    """Filter follow-ups by nation (code), round and status."""

    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")
    round = filters.NumberFilter(field_name="round_id", label="Round id")
    status = filters.ChoiceFilter(choices=FollowUpStatus.choices, label="Status")

    class Meta:
        model = FollowUp
        fields = ("nation", "round", "status")
