"""API shapes of meetings, participants, follow-ups and the briefing.

Parents and links given in input (`meeting`, objectives, goals, the divergence round) are
looked up among the rows the caller may see, so a hidden one reads as "does not exist"; the
services check that they belong to the meeting's nation. The nation of a participant or
follow-up is never input. Pass `context={"user": user}` when there is no request (CLI).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from partnerdesk.assessments.selectors import round_list
from partnerdesk.dialogue import selectors
from partnerdesk.dialogue.choices import (
    DatePrecision,
    Direction,
    FollowUpStatus,
    MeetingFormat,
    MeetingStatus,
    Side,
    Topic,
)
from partnerdesk.dialogue.models import FollowUp, Meeting, Participant
from partnerdesk.dialogue.services import (
    FOLLOWUP_CREATE_FIELDS,
    MEETING_CREATE_FIELDS,
    PARTICIPANT_FIELDS,
)
from partnerdesk.organisations.models import Organisation
from partnerdesk.parp.selectors import goal_list
from partnerdesk.plans.selectors import objective_list
from partnerdesk.sources.models import Source

RECORD_FIELDS = ("version", "created_at", "updated_at")


def _user(context: dict[str, Any]) -> Any:
    if "user" in context:
        return context["user"]
    return getattr(context.get("request"), "user", None)


def _today(context: dict[str, Any]) -> dt.date:
    today = context.get("today")
    return today if isinstance(today, dt.date) else timezone.localdate()


class VisibleField(serializers.PrimaryKeyRelatedField):
    """A related row chosen by id among the rows the caller may see."""

    def __init__(self, selector: Callable[[Any], QuerySet[Any]], **kwargs: Any) -> None:
        self.selector = selector
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        return self.selector(_user(self.context))


def _enum_field(choices: type[models.TextChoices], name: str) -> type[serializers.ChoiceField]:
    """A choice field whose schema is the named enum component `name` (keeps our enums apart
    from other apps' fields called status, side, …)."""
    schema = {
        "type": "string",
        "enum": list(choices.values),
        "description": "\n".join(f"* `{value}` - {label}" for value, label in choices.choices),
    }
    field = type(f"{name}Field", (serializers.ChoiceField,), {"__doc__": f"One of {name}."})
    return extend_schema_field(schema, component_name=name)(field)


PrecisionField = _enum_field(DatePrecision, "DialogueDatePrecisionEnum")
FormatField = _enum_field(MeetingFormat, "DialogueMeetingFormatEnum")
DirectionField = _enum_field(Direction, "DialogueDirectionEnum")
TopicField = _enum_field(Topic, "DialogueTopicEnum")
MeetingStatusField = _enum_field(MeetingStatus, "DialogueMeetingStatusEnum")
SideField = _enum_field(Side, "DialogueSideEnum")
FollowUpStatusField = _enum_field(FollowUpStatus, "DialogueFollowUpStatusEnum")


def _sources_field() -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        many=True, queryset=Source.objects.all(), required=False
    )


class _Output(serializers.ModelSerializer):
    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    sources = serializers.PrimaryKeyRelatedField(many=True, read_only=True)


# -- participants --------------------------------------------------------------------------


class ParticipantSerializer(serializers.ModelSerializer):
    """A participant of a meeting."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    side = SideField(choices=Side.choices, read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Participant
        fields = ("id", "nation", *PARTICIPANT_FIELDS, *RECORD_FIELDS)
        read_only_fields = fields


class ParticipantInputSerializer(serializers.ModelSerializer):
    """What a client may send to add or change a participant."""

    meeting = VisibleField(selectors.meeting_list)
    side = SideField(choices=Side.choices)
    organisation = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Participant
        fields = PARTICIPANT_FIELDS


# -- meetings ------------------------------------------------------------------------------


class MeetingSerializer(_Output):
    """A meeting with its date rendered at its precision ("May 2008", "25–26 Nov 2024")."""

    nation_name = serializers.CharField(source="owner.name", read_only=True)
    dates = serializers.CharField(source="date_display", read_only=True)
    precision = PrecisionField(choices=DatePrecision.choices, read_only=True)
    format = FormatField(choices=MeetingFormat.choices, read_only=True)
    direction = DirectionField(choices=Direction.choices, read_only=True)
    topics = serializers.ListField(child=TopicField(choices=Topic.choices), read_only=True)
    status = MeetingStatusField(choices=MeetingStatus.choices, read_only=True)

    class Meta:
        model = Meeting
        fields = (
            "id",
            "nation",
            "nation_name",
            *(f for f in MEETING_CREATE_FIELDS if f != "owner"),
            "dates",
            "sources",
            *RECORD_FIELDS,
        )
        read_only_fields = fields


class MeetingInputSerializer(serializers.ModelSerializer):
    """What a client may send to record or change a meeting (status only on creation; later
    moves use the transition endpoint)."""

    nation = serializers.SlugRelatedField(
        source="owner", slug_field="code", queryset=Organisation.objects.all()
    )
    precision = PrecisionField(choices=DatePrecision.choices, required=False)
    format = FormatField(choices=MeetingFormat.choices)
    direction = DirectionField(choices=Direction.choices)
    topics = serializers.ListField(child=TopicField(choices=Topic.choices), required=False)
    status = MeetingStatusField(choices=MeetingStatus.choices, required=False)
    sources = _sources_field()

    class Meta:
        model = Meeting
        fields = ("nation", *(f for f in MEETING_CREATE_FIELDS if f != "owner"), "sources")


class MeetingTransitionSerializer(serializers.Serializer):
    """The status to move a meeting to."""

    status = MeetingStatusField(choices=MeetingStatus.choices)


# -- follow-ups ----------------------------------------------------------------------------


class DialogueFollowUpSerializer(_Output):
    """A follow-up of the ledger; `overdue` is derived from the due date (today)."""

    meeting_title = serializers.CharField(source="meeting.title", read_only=True)
    meeting_dates = serializers.CharField(source="meeting.date_display", read_only=True)
    responsible_side = SideField(choices=Side.choices, read_only=True)
    responsible_organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status = FollowUpStatusField(choices=FollowUpStatus.choices, read_only=True)
    objectives = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    goals = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = FollowUp
        fields = (
            "id",
            "nation",
            *FOLLOWUP_CREATE_FIELDS,
            "meeting_title",
            "meeting_dates",
            "objectives",
            "goals",
            "overdue",
            "sources",
            *RECORD_FIELDS,
        )
        read_only_fields = fields

    def get_overdue(self, obj: FollowUp) -> bool:
        return obj.is_overdue(_today(self.context))


class DialogueFollowUpInputSerializer(serializers.ModelSerializer):
    """What a client may send to record or change a follow-up (status only on creation)."""

    meeting = VisibleField(selectors.meeting_list)
    responsible_side = SideField(choices=Side.choices)
    responsible_organisation = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    status = FollowUpStatusField(choices=FollowUpStatus.choices, required=False)
    objectives = VisibleField(objective_list, many=True, required=False)
    goals = VisibleField(goal_list, many=True, required=False)
    divergence_round = VisibleField(round_list, required=False, allow_null=True)
    divergence_objective = VisibleField(objective_list, required=False, allow_null=True)
    sources = _sources_field()

    class Meta:
        model = FollowUp
        fields = (*FOLLOWUP_CREATE_FIELDS, "objectives", "goals", "sources")


class DialogueFollowUpTransitionSerializer(serializers.Serializer):
    """The status to move a follow-up to."""

    status = FollowUpStatusField(choices=FollowUpStatus.choices)


# -- the briefing --------------------------------------------------------------------------


class BriefingItemSerializer(serializers.Serializer):
    """An open follow-up of an earlier meeting."""

    followup = DialogueFollowUpSerializer()
    overdue = serializers.BooleanField()
    divergence_gap = serializers.IntegerField(
        source="gap", allow_null=True, help_text="National minus alliance level, as revealed."
    )


class ObjectiveStatusSerializer(serializers.Serializer):
    """Where a linked objective stands now."""

    objective_id = serializers.IntegerField(source="objective.pk")
    code = serializers.CharField(source="objective.code")
    text = serializers.CharField(source="objective.text")
    plan = serializers.CharField(source="objective.plan.title")
    plan_status = serializers.CharField()
    commitments = serializers.SerializerMethodField()
    latest_year = serializers.IntegerField(allow_null=True)
    national = serializers.IntegerField(allow_null=True)
    alliance = serializers.IntegerField(allow_null=True)
    levels = serializers.IntegerField(allow_null=True)

    def get_commitments(self, obj: selectors.ObjectiveStatus) -> dict[str, int]:
        return dict(obj.commitments)


class BriefingSerializer(serializers.Serializer):
    """A meeting's briefing: the meeting and its participants, the open follow-ups of earlier
    meetings of the nation (overdue first) and the status of the objectives they link to."""

    meeting = MeetingSerializer()
    participants = serializers.SerializerMethodField()
    today = serializers.DateField()
    overdue_count = serializers.IntegerField()
    items = BriefingItemSerializer(many=True)
    objectives = ObjectiveStatusSerializer(many=True)

    @extend_schema_field(ParticipantSerializer(many=True))
    def get_participants(self, obj: selectors.Briefing) -> Any:
        return ParticipantSerializer(obj.meeting.participants.all(), many=True).data
