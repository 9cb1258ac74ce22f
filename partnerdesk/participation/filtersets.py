"""Filters shared by the participation list pages and API collections."""

from __future__ import annotations

from django_filters import rest_framework as filters

from partnerdesk.participation.choices import FEEDBACK_MARKINGS, Category, RegistrationStatus
from partnerdesk.participation.models import Feedback, Registration


class RegistrationFilter(filters.FilterSet):
    """Filter registrations by nation (code), event, status, category, year and name."""

    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")
    event = filters.NumberFilter(field_name="event_id", label="Event id")
    status = filters.ChoiceFilter(choices=RegistrationStatus.choices)
    category = filters.ChoiceFilter(choices=Category.choices)
    year = filters.NumberFilter(field_name="event__start_date__year", label="Year")
    q = filters.CharFilter(field_name="person_name", lookup_expr="icontains", label="Name contains")

    class Meta:
        model = Registration
        fields = ("nation", "event", "status", "category", "year", "q")


class FeedbackFilter(filters.FilterSet):
    """Filter feedback by nation, event and marking."""

    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")
    event = filters.NumberFilter(field_name="registration__event_id", label="Event id")
    marking = filters.ChoiceFilter(choices=[(m, m) for m in FEEDBACK_MARKINGS])

    class Meta:
        model = Feedback
        fields = ("nation", "event", "marking")
