"""Filters shared by the event pages, the calendar and the API collections.

They only narrow what `selectors.event_list` (or the other selectors) already restricted to
the user, with the same meaning as the selector's own arguments.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters

from partnerdesk.core.markings import Marking
from partnerdesk.events.choices import EventState, InvitationAnswer
from partnerdesk.events.models import Event, EventReport, Invitation
from partnerdesk.pcm.choices import ActivityFormat, Area


class EventFilter(filters.FilterSet):
    """Filter events by nation (owner or invited), year, dates, activity, area, format, host,
    state, marking and free text (title, location, activity code)."""

    nation = filters.CharFilter(method="filter_nation", label="Nation code (organiser or invited)")
    year = filters.NumberFilter(field_name="start_date__year", label="Year")
    date_from = filters.DateFilter(field_name="end_date", lookup_expr="gte", label="From")
    date_to = filters.DateFilter(field_name="start_date", lookup_expr="lte", label="To")
    activity = filters.NumberFilter(field_name="activity_id", label="Activity id")
    area = filters.ChoiceFilter(choices=Area.choices)
    # Not "format": DRF reserves that query parameter for the response format.
    kind = filters.ChoiceFilter(field_name="format", choices=ActivityFormat.choices, label="Format")
    host = filters.CharFilter(field_name="host__code", lookup_expr="iexact", label="Host code")
    state = filters.MultipleChoiceFilter(choices=EventState.choices)
    marking = filters.ChoiceFilter(choices=Marking.choices)
    q = filters.CharFilter(method="filter_text", label="Text")

    class Meta:
        model = Event
        fields = (
            "q",
            "nation",
            "year",
            "date_from",
            "date_to",
            "activity",
            "area",
            "kind",
            "host",
            "state",
            "marking",
        )

    def filter_nation(self, queryset: QuerySet[Event], name: str, value: Any) -> QuerySet[Event]:
        code = str(value).strip()
        invited = Invitation.objects.filter(owner__code__iexact=code).values("event_id")
        return queryset.filter(Q(owner__code__iexact=code) | Q(pk__in=invited))

    def filter_text(self, queryset: QuerySet[Event], name: str, value: Any) -> QuerySet[Event]:
        text = str(value).strip()
        return queryset.filter(
            Q(title__icontains=text)
            | Q(location__icontains=text)
            | Q(activity__code__icontains=text)
        )


class CalendarFilter(EventFilter):
    """The calendar's filters: the month or list chooses the dates, so no date fields."""

    class Meta:
        model = Event
        fields = ("nation", "area", "kind", "host", "state")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("year", "date_from", "date_to", "activity", "marking", "q"):
            self.filters.pop(name, None)


class InvitationFilter(filters.FilterSet):
    """Filter invitations by event, invited nation and answer."""

    event = filters.NumberFilter(field_name="event_id", label="Event id")
    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")
    answer = filters.ChoiceFilter(choices=InvitationAnswer.choices)

    class Meta:
        model = Invitation
        fields = ("event", "nation", "answer")


class EventReportFilter(filters.FilterSet):
    """Filter after-action reports by event and organiser."""

    event = filters.NumberFilter(field_name="event_id", label="Event id")
    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")

    class Meta:
        model = EventReport
        fields = ("event", "nation")
