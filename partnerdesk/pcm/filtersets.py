"""Filters shared by the pcm pages and API collections (they call the selectors' filters)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters import rest_framework as filters

from partnerdesk.core.markings import Marking
from partnerdesk.organisations.choices import OrganisationKind
from partnerdesk.organisations.models import Organisation
from partnerdesk.pcm.choices import ActivityFormat, Area, CatalogueStatus, Priority
from partnerdesk.pcm.models import Activity, Catalogue, ProgrammeLine
from partnerdesk.pcm.selectors import filter_eligible


class CatalogueFilter(filters.FilterSet):
    """Filter catalogues by year and status."""

    status = filters.ChoiceFilter(choices=CatalogueStatus.choices)

    class Meta:
        model = Catalogue
        fields = ("year", "status")


class ActivityFilter(filters.FilterSet):
    """Filter activities by year, catalogue, area, format, organiser, text and eligibility."""

    year = filters.NumberFilter(field_name="catalogue__year", label="Year")
    catalogue = filters.NumberFilter(field_name="catalogue_id", label="Catalogue id")
    area = filters.ChoiceFilter(choices=Area.choices)
    format = filters.ChoiceFilter(choices=ActivityFormat.choices)
    organiser = filters.CharFilter(
        field_name="organiser__code", lookup_expr="iexact", label="Organiser code"
    )
    q = filters.CharFilter(method="filter_text", label="Code, title or description")
    eligible_for = filters.CharFilter(method="filter_eligible", label="Open to nation (code)")

    class Meta:
        model = Activity
        fields = ("year", "catalogue", "area", "format", "organiser", "q", "eligible_for")

    def filter_text(self, queryset: QuerySet[Activity], name: str, value: str) -> QuerySet[Any]:
        """Activities whose code, title or description contains `value`."""
        from django.db.models import Q

        return queryset.filter(
            Q(code__icontains=value) | Q(title__icontains=value) | Q(description__icontains=value)
        )

    def filter_eligible(
        self, queryset: QuerySet[Activity], name: str, value: str
    ) -> QuerySet[Activity]:
        """Activities open to the state with code `value` (none for an unknown code)."""
        nation = Organisation.objects.filter(
            code__iexact=value, kind=OrganisationKind.STATE
        ).first()
        if nation is None:
            return queryset.none()
        return filter_eligible(queryset, nation.pk)


class CatalogueActivityFilter(ActivityFilter):
    """The activity filters of one catalogue's page (its year and id are fixed)."""

    class Meta:
        model = Activity
        fields = ("area", "format", "organiser", "q", "eligible_for")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters.pop("year", None)
        self.filters.pop("catalogue", None)


class ProgrammeLineFilter(filters.FilterSet):
    """Filter programme lines by nation, plan, activity, objective, goal, year, area, priority."""

    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")
    plan = filters.NumberFilter(field_name="plan_id", label="Plan id")
    activity = filters.NumberFilter(field_name="activity_id", label="Activity id")
    objective = filters.NumberFilter(field_name="objectives", label="Serves objective (id)")
    goal = filters.NumberFilter(field_name="goals", label="Serves goal (id)")
    year = filters.NumberFilter(field_name="activity__catalogue__year", label="Year")
    area = filters.ChoiceFilter(field_name="activity__area", choices=Area.choices)
    priority = filters.ChoiceFilter(choices=Priority.choices)
    marking = filters.ChoiceFilter(choices=Marking.choices)

    class Meta:
        model = ProgrammeLine
        fields = (
            "nation",
            "plan",
            "activity",
            "objective",
            "goal",
            "year",
            "area",
            "priority",
            "marking",
        )
