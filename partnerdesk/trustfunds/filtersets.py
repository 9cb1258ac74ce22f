"""Filters shared by the trust-fund list page and API collections."""

from __future__ import annotations

from django_filters import rest_framework as filters

from partnerdesk.core.markings import Marking
from partnerdesk.trustfunds.choices import (
    AgreementKind,
    ContributionStatus,
    Currency,
    KpiMetric,
    Programme,
    ProjectStatus,
    Theme,
)
from partnerdesk.trustfunds.models import Agreement, Contribution, Kpi, Phase, Project


def _nation() -> filters.CharFilter:
    return filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")


class ProjectFilter(filters.FilterSet):
    """Filter projects by host nation (code), status, theme, programme, marking and title."""

    nation = _nation()
    status = filters.ChoiceFilter(choices=ProjectStatus.choices)
    theme = filters.ChoiceFilter(choices=Theme.choices)
    programme = filters.ChoiceFilter(choices=Programme.choices)
    marking = filters.ChoiceFilter(choices=Marking.choices)
    q = filters.CharFilter(field_name="title", lookup_expr="icontains", label="Title contains")

    class Meta:
        model = Project
        fields = ("nation", "status", "theme", "programme", "marking", "q")


class PhaseFilter(filters.FilterSet):
    """Filter phases by nation, project and budget currency."""

    nation = _nation()
    project = filters.NumberFilter(field_name="project_id", label="Project id")
    currency = filters.ChoiceFilter(choices=Currency.choices)

    class Meta:
        model = Phase
        fields = ("nation", "project", "currency")


class ContributionFilter(filters.FilterSet):
    """Filter contributions by nation, project, phase, donor (code), currency and status."""

    nation = _nation()
    project = filters.NumberFilter(field_name="phase__project_id", label="Project id")
    phase = filters.NumberFilter(field_name="phase_id", label="Phase id")
    donor = filters.CharFilter(field_name="donor__code", lookup_expr="iexact", label="Donor code")
    currency = filters.ChoiceFilter(choices=Currency.choices)
    status = filters.ChoiceFilter(choices=ContributionStatus.choices)

    class Meta:
        model = Contribution
        fields = ("nation", "project", "phase", "donor", "currency", "status")


class AgreementFilter(filters.FilterSet):
    """Filter agreements by nation, project, phase and kind."""

    nation = _nation()
    project = filters.NumberFilter(field_name="project_id", label="Project id")
    phase = filters.NumberFilter(field_name="phase_id", label="Phase id")
    kind = filters.ChoiceFilter(choices=AgreementKind.choices)

    class Meta:
        model = Agreement
        fields = ("nation", "project", "phase", "kind")


class KpiFilter(filters.FilterSet):
    """Filter KPIs by nation, project, phase and metric."""

    nation = _nation()
    project = filters.NumberFilter(field_name="phase__project_id", label="Project id")
    phase = filters.NumberFilter(field_name="phase_id", label="Phase id")
    metric = filters.ChoiceFilter(choices=KpiMetric.choices)

    class Meta:
        model = Kpi
        fields = ("nation", "project", "phase", "metric")
