"""Organisations and memberships as read-only API collections."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from rest_framework import viewsets

from partnerdesk.core.api.viewsets import HistoryMixin
from partnerdesk.organisations import selectors
from partnerdesk.organisations.choices import Framework
from partnerdesk.organisations.filtersets import OrganisationFilter
from partnerdesk.organisations.models import Membership
from partnerdesk.organisations.serializers import MembershipSerializer, OrganisationSerializer


class OrganisationViewSet(HistoryMixin, viewsets.ReadOnlyModelViewSet):
    """States, international organisations, NATO bodies and national agencies.

    `?member_of=NATO&on=2016-06-30` lists the Allies on that day; the page's `count` says how
    many there were.
    """

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    ordering_fields = ("name", "code")
    search_fields = ("name", "code")
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.organisation_list(self.request.user)


class MembershipFilter(filters.FilterSet):
    """Filter memberships by organisation code and framework."""

    organisation = filters.CharFilter(field_name="organisation__code", lookup_expr="iexact")
    framework = filters.ChoiceFilter(choices=Framework.choices)

    class Meta:
        model = Membership
        fields = ("organisation", "framework", "status")


class MembershipViewSet(HistoryMixin, viewsets.ReadOnlyModelViewSet):
    """Memberships of frameworks over time, each citing its sources."""

    serializer_class = MembershipSerializer
    filterset_class = MembershipFilter
    ordering_fields = ("start",)
    search_fields = ()
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.membership_list(self.request.user)
