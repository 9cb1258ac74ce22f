"""Filters for organisation lists (web and API)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters

from partnerdesk.organisations.choices import Framework, OrganisationKind
from partnerdesk.organisations.models import Organisation
from partnerdesk.organisations.selectors import members_on


class OrganisationFilter(filters.FilterSet):
    """Kind, free text, and membership of a framework on a date (`member_of` + `on`)."""

    kind = filters.ChoiceFilter(choices=OrganisationKind.choices)
    q = filters.CharFilter(method="filter_text", label="Name or code contains")
    member_of = filters.ChoiceFilter(
        choices=Framework.choices, method="filter_member_of", label="Member of"
    )
    on = filters.DateFilter(
        method="filter_noop",
        label="On date (default today)",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = Organisation
        fields = ("kind", "q", "member_of", "on")

    def filter_text(
        self, queryset: QuerySet[Organisation], name: str, value: str
    ) -> QuerySet[Organisation]:
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))

    def filter_noop(
        self, queryset: QuerySet[Organisation], name: str, value: Any
    ) -> QuerySet[Organisation]:
        return queryset

    def filter_member_of(
        self, queryset: QuerySet[Organisation], name: str, value: str
    ) -> QuerySet[Organisation]:
        day = self.form.cleaned_data.get("on") or dt.date.today()  # noqa: DTZ011 - a calendar day
        return queryset.filter(pk__in=members_on(day, value).values("pk"))
