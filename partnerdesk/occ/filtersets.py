"""Filters shared by the OCC list pages and API collections."""

from __future__ import annotations

from django_filters import rest_framework as filters

from partnerdesk.core.markings import Marking
from partnerdesk.occ.choices import (
    CertificationStatus,
    EvaluationLevel,
    Outcome,
    RemedialStatus,
    Service,
)
from partnerdesk.occ.models import (
    Certification,
    Evaluation,
    EvaluationResult,
    OccUnit,
    RemedialAction,
)


class OccUnitFilter(filters.FilterSet):
    """Filter units by nation (code), service, marking and free text in the name or type."""

    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")
    service = filters.ChoiceFilter(choices=Service.choices)
    marking = filters.ChoiceFilter(choices=Marking.choices)
    q = filters.CharFilter(field_name="name", lookup_expr="icontains", label="Name contains")

    class Meta:
        model = OccUnit
        fields = ("nation", "service", "marking", "q")


class EvaluationFilter(filters.FilterSet):
    """Filter evaluations by nation, unit, level, outcome and year."""

    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")
    unit = filters.NumberFilter(field_name="unit_id", label="Unit id")
    level = filters.ChoiceFilter(choices=EvaluationLevel.choices)
    outcome = filters.ChoiceFilter(choices=Outcome.choices)
    year = filters.NumberFilter(field_name="start_on__year", label="Year")

    class Meta:
        model = Evaluation
        fields = ("nation", "unit", "level", "outcome", "year")


class EvaluationResultFilter(filters.FilterSet):
    """Filter area results by nation, evaluation and area."""

    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")
    evaluation = filters.NumberFilter(field_name="evaluation_id", label="Evaluation id")
    area = filters.CharFilter(field_name="area", lookup_expr="icontains", label="Area contains")

    class Meta:
        model = EvaluationResult
        fields = ("nation", "evaluation", "area")


class CertificationFilter(filters.FilterSet):
    """Filter certificates by nation, unit and status."""

    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")
    unit = filters.NumberFilter(field_name="unit_id", label="Unit id")
    status = filters.ChoiceFilter(choices=CertificationStatus.choices)

    class Meta:
        model = Certification
        fields = ("nation", "unit", "status")


class RemedialActionFilter(filters.FilterSet):
    """Filter remedial actions by nation, evaluation and stored status."""

    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")
    evaluation = filters.NumberFilter(field_name="evaluation_id", label="Evaluation id")
    status = filters.ChoiceFilter(choices=RemedialStatus.choices)

    class Meta:
        model = RemedialAction
        fields = ("nation", "evaluation", "status")
