"""API shapes of registrations, feedback and participation counts.

Events and registrations given in input are looked up among the rows the caller may see, so a
hidden one reads as "does not exist". Pass `context={"user": user}` when there is no request
(CLI).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from partnerdesk.events.selectors import event_list
from partnerdesk.organisations.choices import OrganisationKind
from partnerdesk.organisations.models import Organisation
from partnerdesk.participation.choices import FEEDBACK_MARKINGS, Category, RegistrationStatus
from partnerdesk.participation.models import Feedback, Registration
from partnerdesk.participation.selectors import registration_list

RECORD_FIELDS = ("version", "created_at", "updated_at")


def _user(context: dict[str, Any]) -> Any:
    if "user" in context:
        return context["user"]
    request = context.get("request")
    return getattr(request, "user", None)


@extend_schema_field(OpenApiTypes.INT)
class VisibleField(serializers.PrimaryKeyRelatedField):
    """A row chosen by id among those the caller may see."""

    def __init__(self, selector: Callable[[Any], QuerySet[Any]], **kwargs: Any) -> None:
        self.selector = selector
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        return self.selector(_user(self.context))


def _enum(choices: list[tuple[str, str]], name: str) -> type[serializers.ChoiceField]:
    """A choice field whose OpenAPI enum has our own component name."""
    schema = {
        "type": "string",
        "enum": [value for value, _ in choices],
        "description": "\n".join(f"* `{value}` - {label}" for value, label in choices),
    }
    field = type(f"{name}Field", (serializers.ChoiceField,), {"__doc__": f"One of {name}."})
    return extend_schema_field(schema, component_name=name)(field)


StatusField = _enum(RegistrationStatus.choices, "RegistrationStatusEnum")
CategoryField = _enum(Category.choices, "ParticipantCategoryEnum")
FeedbackMarkingField = _enum([(m, m) for m in FEEDBACK_MARKINGS], "FeedbackMarkingEnum")


# -- registrations -------------------------------------------------------------------------


class RegistrationSerializer(serializers.ModelSerializer[Registration]):
    """A registration as its readers see it (personal data: never shown to analysts, who see
    no registration at all)."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    event_title = serializers.CharField(source="event.title", read_only=True)
    event_start = serializers.DateField(source="event.start_date", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    nominated_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    status = StatusField(choices=RegistrationStatus.choices, read_only=True)
    category = CategoryField(choices=Category.choices, read_only=True)

    class Meta:
        model = Registration
        fields = (
            "id",
            "event",
            "event_title",
            "event_start",
            "nation",
            "person_name",
            "rank_title",
            "category",
            "organisation",
            "organisation_name",
            "email",
            "status",
            "queued_at",
            "attended",
            "checked_in_at",
            "nominated_by",
            "status_note",
            "marking",
            *RECORD_FIELDS,
        )
        read_only_fields = fields


class RegistrationInputSerializer(serializers.ModelSerializer[Registration]):
    """Nominate a participant (create) or correct their personal details (update).

    `nation` defaults to the caller's own nation; alliance staff name it. The event and the
    nation cannot change after the nomination (cancel and nominate again).
    """

    event = VisibleField(event_list)
    nation = serializers.SlugRelatedField(
        source="owner",
        slug_field="code",
        queryset=Organisation.objects.filter(kind=OrganisationKind.STATE),
        required=False,
    )
    category = CategoryField(choices=Category.choices)
    organisation = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        help_text="Code of the participant's organisation: the nation or one of its national "
        "agencies, e.g. AZE-MOD. Or give `organisation_name`.",
    )

    class Meta:
        model = Registration
        fields = (
            "event",
            "nation",
            "person_name",
            "rank_title",
            "category",
            "organisation",
            "organisation_name",
            "email",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            self.fields.pop("event")
            self.fields.pop("nation")


class DecisionSerializer(serializers.Serializer[Any]):
    """An optional note with a rejection or cancellation."""

    note = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")


class CheckInSerializer(serializers.Serializer[Any]):
    """Whether the participant attended (null clears the record)."""

    attended = serializers.BooleanField(allow_null=True)


# -- feedback ------------------------------------------------------------------------------


class FeedbackSerializer(serializers.ModelSerializer[Feedback]):
    """A participant's feedback as its readers see it."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    event = serializers.IntegerField(source="registration.event_id", read_only=True)
    marking = FeedbackMarkingField(choices=[(m, m) for m in FEEDBACK_MARKINGS], read_only=True)

    class Meta:
        model = Feedback
        fields = (
            "id",
            "registration",
            "event",
            "nation",
            "overall",
            "relevance",
            "comments",
            "marking",
            *RECORD_FIELDS,
        )
        read_only_fields = fields


class FeedbackInputSerializer(serializers.ModelSerializer[Feedback]):
    """Record (or change) a feedback: scores 1–5, comments, BILATERAL or NATIONAL_ONLY."""

    registration = VisibleField(registration_list)
    marking = FeedbackMarkingField(
        choices=[(m, m) for m in FEEDBACK_MARKINGS], required=False, default="BILATERAL"
    )

    class Meta:
        model = Feedback
        fields = ("registration", "overall", "relevance", "comments", "marking")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            self.fields.pop("registration")
            self.fields["marking"].default = serializers.empty
            self.fields["marking"].required = False


class RemindSerializer(serializers.Serializer[Any]):
    """Which event's attended participants are reminded to give feedback."""

    event = VisibleField(event_list)


class RemindResultSerializer(serializers.Serializer[Any]):
    """How many reminders were sent (participants reminded within the interval are skipped)."""

    sent = serializers.IntegerField()


# -- counts --------------------------------------------------------------------------------


class CountRowSerializer(serializers.Serializer[Any]):
    """Events joined and participants of one area or one year."""

    area = serializers.CharField(required=False)
    area_label = serializers.CharField(required=False)
    year = serializers.IntegerField(required=False)
    events = serializers.IntegerField()
    military = serializers.IntegerField()
    civilian = serializers.IntegerField()
    participants = serializers.IntegerField()


class CountsSerializer(serializers.Serializer[Any]):
    """A nation's participation counts: totals and areas of the year, and the series."""

    nation = serializers.CharField()
    nation_name = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    events = serializers.IntegerField()
    military = serializers.IntegerField()
    civilian = serializers.IntegerField()
    participants = serializers.IntegerField()
    areas = CountRowSerializer(many=True)
    series = CountRowSerializer(many=True)


class CountsQuerySerializer(serializers.Serializer[Any]):
    """The nation (code) and optional year of a counts request."""

    nation = serializers.CharField(max_length=12)
    year = serializers.IntegerField(required=False, allow_null=True, min_value=1990, max_value=2100)
