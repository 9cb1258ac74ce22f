"""API shapes of PARP: output and input serializers per record, plus the action shapes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from partnerdesk.organisations.models import Organisation
from partnerdesk.parp import selectors
from partnerdesk.parp.choices import ParpStep
from partnerdesk.parp.models import GoalAssessment, ParpCycle, PartnershipGoal, SurveyAnswer
from partnerdesk.plans.models import Objective
from partnerdesk.sources.models import Source

RECORD_TAIL = ("version", "created_at", "updated_at")


def context_user(context: dict[str, Any]) -> Any:
    """The acting user of a serializer: the request's (API) or the one passed (CLI)."""
    request = context.get("request")
    if request is not None:
        return request.user
    return context.get("user")


class VisiblePrimaryKeyField(serializers.PrimaryKeyRelatedField[Any]):
    """A reference by id that only resolves to rows the acting user may see, so a missing
    and an invisible row give the same error."""

    def __init__(self, selector: Callable[[Any], QuerySet[Any]], **kwargs: Any) -> None:
        self.selector = selector
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        return self.selector(context_user(self.context))


# -- cycles ---------------------------------------------------------------------------------


class CalendarYearSerializer(serializers.Serializer[Any]):
    """One year of a cycle and what it is for (GOALS or ASSESSMENT)."""

    year = serializers.IntegerField()
    kind = serializers.CharField()


class ParpCycleSerializer(serializers.ModelSerializer[ParpCycle]):
    """A PARP cycle as the API returns it, with its calendar and computed goal counts."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    nation_name = serializers.CharField(source="owner.name", read_only=True)
    calendar = serializers.SerializerMethodField()
    goal_count = serializers.IntegerField(read_only=True, default=0)
    armed_forces_goal_count = serializers.SerializerMethodField()
    sources = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = ParpCycle
        fields = (
            "id",
            "nation",
            "nation_name",
            "marking",
            "label",
            "start_year",
            "end_year",
            "step",
            "goals_year_parity",
            "calendar",
            "approved_on",
            "approved_by",
            "assessment_discussed_on",
            "forum",
            "armed_forces_recorded",
            "goal_count",
            "armed_forces_goal_count",
            "note",
            "sources",
            *RECORD_TAIL,
        )
        read_only_fields = fields

    @extend_schema_field(CalendarYearSerializer(many=True))
    def get_calendar(self, obj: ParpCycle) -> list[dict[str, Any]]:
        return [{"year": year, "kind": kind} for year, kind in obj.calendar()]

    def get_armed_forces_goal_count(self, obj: ParpCycle) -> int | None:
        """Goals for the armed forces (computed); null when the flag is not recorded."""
        if not obj.armed_forces_recorded:
            return None
        return int(getattr(obj, "armed_forces_count", 0))


@extend_schema_serializer(component_name="ParpCycle")
class ParpCycleInputSerializer(serializers.ModelSerializer[ParpCycle]):
    """What a client may send to create or change a cycle (the step only on creation)."""

    nation = serializers.SlugRelatedField(
        source="owner", slug_field="code", queryset=Organisation.objects.all()
    )
    end_year = serializers.IntegerField(
        required=False, allow_null=True, help_text="Defaults to two years after the start."
    )
    sources = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Source.objects.all(), required=False
    )

    class Meta:
        model = ParpCycle
        fields = (
            "nation",
            "marking",
            "start_year",
            "end_year",
            "step",
            "goals_year_parity",
            "approved_on",
            "approved_by",
            "assessment_discussed_on",
            "forum",
            "armed_forces_recorded",
            "note",
            "sources",
        )
        validators: list[Any] = []  # uniqueness is checked by the service's full_clean


class TransitionSerializer(serializers.Serializer[Any]):
    """The step to move a cycle to (the next one, or the previous one to correct)."""

    step = serializers.ChoiceField(choices=ParpStep.choices, help_text="The step to move to.")


class ServiceCountSerializer(serializers.Serializer[Any]):
    """Goals of one service."""

    service = serializers.CharField()
    count = serializers.IntegerField()


class SeriesPointSerializer(serializers.Serializer[Any]):
    """One cycle of a nation's goal series, computed from the goal rows."""

    cycle = serializers.IntegerField(source="cycle_id")
    label = serializers.CharField()  # type: ignore[assignment]
    start_year = serializers.IntegerField()
    end_year = serializers.IntegerField()
    total = serializers.IntegerField()
    armed_forces = serializers.IntegerField(allow_null=True)
    by_service = serializers.SerializerMethodField()
    armed_forces_by_service = serializers.SerializerMethodField()

    def get_by_service(self, obj: selectors.SeriesPoint) -> dict[str, int]:
        return dict(obj.totals.by_service)

    def get_armed_forces_by_service(self, obj: selectors.SeriesPoint) -> dict[str, int] | None:
        if obj.armed_forces is None:
            return None
        return dict(obj.totals.armed_forces_by_service)


class GoalImportSerializer(serializers.Serializer[Any]):
    """A goal table upload."""

    file = serializers.FileField()
    dry_run = serializers.BooleanField(default=False)


class ImportResultSerializer(serializers.Serializer[Any]):
    """What an import did (or would do, for a dry run)."""

    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    dry_run = serializers.BooleanField()


class TableErrorSerializer(serializers.Serializer[Any]):
    """One problem of an import table (row 0 = the file as a whole)."""

    row = serializers.IntegerField()
    column = serializers.CharField()
    message = serializers.CharField()


class CarryOverSerializer(serializers.Serializer[Any]):
    """The later cycle to carry the open goals over to."""

    target = VisiblePrimaryKeyField(selectors.cycle_list, queryset=ParpCycle.objects.all())


class CarryOverResultSerializer(serializers.Serializer[Any]):
    """The goals created in the target cycle and the originals marked as carried over."""

    created = serializers.ListField(child=serializers.IntegerField())
    marked_carried_over = serializers.ListField(child=serializers.IntegerField())
    skipped = serializers.IntegerField()


# -- survey answers -------------------------------------------------------------------------


class SurveyAnswerSerializer(serializers.ModelSerializer[SurveyAnswer]):
    """A survey answer as the API returns it."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    sources = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = SurveyAnswer
        fields = (
            "id",
            "nation",
            "cycle",
            "marking",
            "section",
            "question",
            "answer",
            "amount",
            "currency",
            "year",
            "sources",
            *RECORD_TAIL,
        )
        read_only_fields = fields


@extend_schema_serializer(component_name="SurveyAnswer")
class SurveyAnswerInputSerializer(serializers.ModelSerializer[SurveyAnswer]):
    """What a client may send for a survey answer (the nation is the cycle's)."""

    cycle = VisiblePrimaryKeyField(selectors.cycle_list, queryset=ParpCycle.objects.all())
    sources = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Source.objects.all(), required=False
    )

    class Meta:
        model = SurveyAnswer
        fields = (
            "cycle",
            "marking",
            "section",
            "question",
            "answer",
            "amount",
            "currency",
            "year",
            "sources",
        )


# -- Partnership Goals ----------------------------------------------------------------------


class PartnershipGoalSerializer(serializers.ModelSerializer[PartnershipGoal]):
    """A Partnership Goal as the API returns it, with its linked (visible) objectives."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    cycle_label = serializers.CharField(source="cycle.label", read_only=True)
    objectives = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    sources = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = PartnershipGoal
        fields = (
            "id",
            "nation",
            "cycle",
            "cycle_label",
            "marking",
            "code",
            "title",
            "service",
            "armed_forces",
            "target_date",
            "status",
            "objectives",
            "carried_from",
            "sources",
            *RECORD_TAIL,
        )
        read_only_fields = fields


@extend_schema_serializer(component_name="PartnershipGoal")
class PartnershipGoalInputSerializer(serializers.ModelSerializer[PartnershipGoal]):
    """What a client may send for a goal (the nation is the cycle's)."""

    cycle = VisiblePrimaryKeyField(selectors.cycle_list, queryset=ParpCycle.objects.all())
    carried_from = VisiblePrimaryKeyField(
        selectors.goal_list,
        queryset=PartnershipGoal.objects.all(),
        required=False,
        allow_null=True,
    )
    objectives = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Objective.objects.all(), required=False
    )
    sources = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Source.objects.all(), required=False
    )

    class Meta:
        model = PartnershipGoal
        fields = (
            "cycle",
            "marking",
            "code",
            "title",
            "service",
            "armed_forces",
            "target_date",
            "status",
            "objectives",
            "carried_from",
            "sources",
        )
        validators: list[Any] = []  # uniqueness is checked by the service's full_clean


# -- goal assessments -----------------------------------------------------------------------


class GoalAssessmentSerializer(serializers.ModelSerializer[GoalAssessment]):
    """A goal's assessment for one year as the API returns it."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    sources = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = GoalAssessment
        fields = (
            "id",
            "nation",
            "goal",
            "marking",
            "year",
            "narrative",
            "progress",
            "sources",
            *RECORD_TAIL,
        )
        read_only_fields = fields


@extend_schema_serializer(component_name="GoalAssessment")
class GoalAssessmentInputSerializer(serializers.ModelSerializer[GoalAssessment]):
    """What a client may send for an assessment (the nation is the goal's)."""

    goal = VisiblePrimaryKeyField(selectors.goal_list, queryset=PartnershipGoal.objects.all())
    sources = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Source.objects.all(), required=False
    )

    class Meta:
        model = GoalAssessment
        fields = ("goal", "marking", "year", "narrative", "progress", "sources")
        validators: list[Any] = []  # uniqueness is checked by the service's full_clean
