"""Filters shared by the dialogue list pages and API collections."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django_filters import rest_framework as filters

from partnerdesk.dialogue.choices import (
    OPEN_STATUSES,
    Direction,
    FollowUpStatus,
    MeetingFormat,
    MeetingStatus,
    Side,
    Topic,
)
from partnerdesk.dialogue.models import FollowUp, Meeting, Participant
from partnerdesk.dialogue.selectors import overdue_q


class MeetingFilter(filters.FilterSet):
    """Filter meetings by nation, format, direction, topic, years (from/to) and status.

    A meeting dated to a year or month counts in the year it is dated to.
    """

    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")
    format = filters.ChoiceFilter(choices=MeetingFormat.choices)
    direction = filters.ChoiceFilter(choices=Direction.choices)
    topic = filters.ChoiceFilter(choices=Topic.choices, method="filter_topic", label="Topic")
    year_from = filters.NumberFilter(field_name="date__year", lookup_expr="gte", label="From year")
    year_to = filters.NumberFilter(field_name="date__year", lookup_expr="lte", label="To year")
    status = filters.ChoiceFilter(choices=MeetingStatus.choices)
    q = filters.CharFilter(method="filter_text", label="Text contains")

    class Meta:
        model = Meeting
        fields = ("nation", "format", "direction", "topic", "year_from", "year_to", "status", "q")

    def filter_topic(self, queryset: QuerySet[Meeting], name: str, value: str) -> QuerySet[Meeting]:
        # Topics are a JSON list of choice values; a quoted value matches one whole element.
        return queryset.filter(topics__icontains=f'"{value}"') if value else queryset

    def filter_text(self, queryset: QuerySet[Meeting], name: str, value: str) -> QuerySet[Meeting]:
        if not value:
            return queryset
        return (
            queryset.filter(title__icontains=value)
            | queryset.filter(place__icontains=value)
            | queryset.filter(summary__icontains=value)
        )


class ParticipantFilter(filters.FilterSet):
    """Filter participants by nation, meeting, side and name."""

    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")
    meeting = filters.NumberFilter(field_name="meeting_id", label="Meeting id")
    side = filters.ChoiceFilter(choices=Side.choices)
    person = filters.CharFilter(field_name="person", lookup_expr="icontains", label="Name contains")

    class Meta:
        model = Participant
        fields = ("nation", "meeting", "side", "person")


class FollowUpFilter(filters.FilterSet):
    """Filter the ledger by nation, meeting, stored status, overdue (open and past due today),
    open (open or in progress) and due before a day."""

    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")
    meeting = filters.NumberFilter(field_name="meeting_id", label="Meeting id")
    status = filters.ChoiceFilter(choices=FollowUpStatus.choices)
    open = filters.BooleanFilter(method="filter_open", label="Open or in progress")
    overdue = filters.BooleanFilter(method="filter_overdue", label="Overdue")
    due_before = filters.DateFilter(field_name="due_on", lookup_expr="lt", label="Due before")

    class Meta:
        model = FollowUp
        fields = ("nation", "meeting", "status", "open", "overdue", "due_before")

    def filter_open(
        self, queryset: QuerySet[FollowUp], name: str, value: Any
    ) -> QuerySet[FollowUp]:
        if value is None:
            return queryset
        condition = {"status__in": sorted(OPEN_STATUSES)}
        return queryset.filter(**condition) if value else queryset.exclude(**condition)

    def filter_overdue(
        self, queryset: QuerySet[FollowUp], name: str, value: Any
    ) -> QuerySet[FollowUp]:
        if value is None:
            return queryset
        condition = overdue_q(timezone.localdate())
        return queryset.filter(condition) if value else queryset.exclude(condition)
