"""API shapes of events, invitations, after-action reports and calendar feeds.

Each entity has one output serializer and one input serializer. Events chosen in input are
looked up among the events the caller may see, so a hidden event reads as "does not exist".
Pass `context={"user": user}` when there is no request (CLI).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from partnerdesk.events import selectors
from partnerdesk.events.choices import EventState, FeedScope, InvitationAnswer
from partnerdesk.events.models import CalendarFeed, Event, EventReport, Invitation, ReminderLog
from partnerdesk.events.services import DETAIL_FIELDS, REPORT_FIELDS, SCHEDULE_FIELDS
from partnerdesk.organisations.models import Organisation
from partnerdesk.pcm.choices import ActivityFormat, Area

RECORD_FIELDS = ("version", "created_at", "updated_at")


def _user(context: dict[str, Any]) -> Any:
    if "user" in context:
        return context["user"]
    request = context.get("request")
    return getattr(request, "user", None)


def _enum_field(choices: type[models.TextChoices], name: str) -> type[serializers.ChoiceField]:
    """A choice field whose schema is the named enum component `name`."""
    schema = {
        "type": "string",
        "enum": list(choices.values),
        "description": "\n".join(f"* `{value}` - {label}" for value, label in choices.choices),
    }
    field = type(f"{name}Field", (serializers.ChoiceField,), {"__doc__": f"One of {name}."})
    return extend_schema_field(schema, component_name=name)(field)


StateField = _enum_field(EventState, "EventStateEnum")
AnswerField = _enum_field(InvitationAnswer, "InvitationAnswerEnum")
ScopeField = _enum_field(FeedScope, "FeedScopeEnum")
AreaField = _enum_field(Area, "EventAreaEnum")
FormatField = _enum_field(ActivityFormat, "EventFormatEnum")


@extend_schema_field(OpenApiTypes.INT)
class VisibleField(serializers.PrimaryKeyRelatedField):
    """A record chosen by id among those the caller may see."""

    def __init__(self, selector: Callable[[Any], QuerySet[Any]], **kwargs: Any) -> None:
        self.selector = selector
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        return self.selector(_user(self.context))


def _org_field(**kwargs: Any) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.all(), **kwargs
    )


# -- events --------------------------------------------------------------------------------


class EventSerializer(serializers.ModelSerializer):
    """An event with its organiser, host and activity by code. `allowed_moves` lists the
    states the caller may move it to now (on single events; null in lists)."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    nation_name = serializers.CharField(source="owner.name", read_only=True)
    host = serializers.SlugRelatedField(slug_field="code", read_only=True)
    activity_code = serializers.CharField(source="activity.code", read_only=True, default=None)
    area = AreaField(choices=Area.choices, read_only=True)
    format = FormatField(choices=ActivityFormat.choices, read_only=True)
    state = StateField(choices=EventState.choices, read_only=True)
    proposed_by = serializers.CharField(source="proposed_by.username", read_only=True, default=None)
    decided_by = serializers.CharField(source="decided_by.username", read_only=True, default=None)
    allowed_moves = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = (
            "id",
            "nation",
            "nation_name",
            "activity",
            "activity_code",
            *(f for f in DETAIL_FIELDS if f != "activity"),
            *SCHEDULE_FIELDS,
            "state",
            "state_note",
            "proposed_by",
            "decided_by",
            "allowed_moves",
            *RECORD_FIELDS,
        )
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField(), allow_null=True))
    def get_allowed_moves(self, obj: Event) -> list[str] | None:
        if not self.context.get("with_moves"):
            return None
        return selectors.allowed_moves(_user(self.context), obj)


class EventInputSerializer(serializers.ModelSerializer):
    """What a client may send to create or change an event (the state moves through
    `…/transition/`). With an `activity`, title, area, format, languages and host may be
    left out: they come from the activity."""

    nation = _org_field(source="owner", help_text="Code of the organising nation or NATO body.")
    host = _org_field(required=False, help_text="Code of the host; defaults to the organiser.")
    activity = VisibleField(selectors.activity_choices, required=False, allow_null=True)
    title = serializers.CharField(max_length=250, required=False, allow_blank=True)
    area = AreaField(choices=Area.choices, required=False, allow_blank=True)
    format = FormatField(choices=ActivityFormat.choices, required=False, allow_blank=True)
    languages = serializers.CharField(max_length=100, required=False, allow_blank=True)

    class Meta:
        model = Event
        fields = ("nation", *DETAIL_FIELDS, *SCHEDULE_FIELDS)


class EventTransitionSerializer(serializers.Serializer):
    """A move of the life cycle: the target state and, for reject or cancel, the reason."""

    to = StateField(choices=EventState.choices)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


# -- invitations ---------------------------------------------------------------------------


class InvitationSerializer(serializers.ModelSerializer):
    """An invited nation and its answer."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    nation_name = serializers.CharField(source="owner.name", read_only=True)
    event_title = serializers.CharField(source="event.title", read_only=True)
    answer = AnswerField(choices=InvitationAnswer.choices, read_only=True)
    answered_by = serializers.CharField(source="answered_by.username", read_only=True, default=None)

    class Meta:
        model = Invitation
        fields = (
            "id",
            "event",
            "event_title",
            "nation",
            "nation_name",
            "marking",
            "answer",
            "answered_at",
            "answered_by",
            "note",
            *RECORD_FIELDS,
        )
        read_only_fields = fields


class InvitationCreateSerializer(serializers.Serializer):
    """Invite nations by code to an event (idempotent: nations already invited are skipped)."""

    event = VisibleField(selectors.event_list)
    nations = serializers.ListField(
        child=serializers.CharField(max_length=24), allow_empty=False, max_length=100
    )
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class InvitationAnswerSerializer(serializers.Serializer):
    """The invited nation's answer."""

    answer = AnswerField(choices=[InvitationAnswer.ACCEPTED, InvitationAnswer.DECLINED])
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class EventReminderResultSerializer(serializers.Serializer):
    """What a reminder run did."""

    sent = serializers.IntegerField()
    skipped = serializers.IntegerField()
    invitations = serializers.IntegerField()


class ReminderLogSerializer(serializers.ModelSerializer):
    """One reminder sent."""

    class Meta:
        model = ReminderLog
        fields = ("id", "kind", "subject", "recipient_email", "sent_at", "sent_by_label")
        read_only_fields = fields


# -- reports -------------------------------------------------------------------------------


class EventReportSerializer(serializers.ModelSerializer):
    """An after-action report."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    event_title = serializers.CharField(source="event.title", read_only=True)

    class Meta:
        model = EventReport
        fields = ("id", "event", "event_title", "nation", *REPORT_FIELDS, *RECORD_FIELDS)
        read_only_fields = fields


class EventReportInputSerializer(serializers.ModelSerializer):
    """What a client sends to write a report (`event` only when creating)."""

    event = VisibleField(selectors.event_list, required=False)

    class Meta:
        model = EventReport
        fields = ("event", *REPORT_FIELDS)
        validators: list[Any] = []


# -- feeds ---------------------------------------------------------------------------------


class CalendarFeedSerializer(serializers.ModelSerializer):
    """A calendar feed (the token is never shown again after creation)."""

    scope = ScopeField(choices=FeedScope.choices, read_only=True)
    nation = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = CalendarFeed
        fields: tuple[str, ...] = (
            "id",
            "label",
            "scope",
            "nation",
            "activity",
            "created_at",
            "last_used_at",
        )
        read_only_fields: tuple[str, ...] = fields


class CalendarFeedCreatedSerializer(CalendarFeedSerializer):
    """A new feed with its secret token and URL — shown this once."""

    token = serializers.CharField(read_only=True)
    url = serializers.CharField(read_only=True)

    class Meta(CalendarFeedSerializer.Meta):
        fields = (*CalendarFeedSerializer.Meta.fields, "token", "url")
        read_only_fields = fields


class CalendarFeedInputSerializer(serializers.Serializer):
    """A feed to create: its label and scope (a nation code or an activity id as needed)."""

    label = serializers.CharField(max_length=100)  # type: ignore[assignment]
    scope = ScopeField(choices=FeedScope.choices, default=FeedScope.USER)
    nation = _org_field(required=False, allow_null=True)
    activity = VisibleField(selectors.activity_choices, required=False, allow_null=True)
