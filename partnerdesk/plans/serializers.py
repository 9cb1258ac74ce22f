"""API shapes of plans and their contents: output serializers, input serializers, action bodies.

References to other plan rows (`plan`, `chapter`, `objective`, `predecessor`) accept only rows
the caller may see: an invisible id answers "does not exist", exactly like a missing one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from partnerdesk.organisations.choices import OrganisationKind
from partnerdesk.organisations.models import Organisation
from partnerdesk.plans import selectors
from partnerdesk.plans.choices import CommitmentStatus, PlanStatus
from partnerdesk.plans.models import Chapter, Commitment, Decision, Objective, Plan
from partnerdesk.plans.services import allowed_transitions
from partnerdesk.sources.models import Source

RECORD_META = ("version", "created_at", "updated_at")


def _user(context: dict[str, Any]) -> Any:
    request = context.get("request")
    return context.get("user") or getattr(request, "user", None)


@extend_schema_field(OpenApiTypes.INT)
class _VisibleField(serializers.PrimaryKeyRelatedField):
    """A reference by id to a row the caller may see (others do not exist for them)."""

    selector: Any = None

    def get_queryset(self) -> Any:
        return type(self).selector(_user(self.context))


class VisiblePlanField(_VisibleField):
    selector = staticmethod(selectors.plan_list)


class VisibleChapterField(_VisibleField):
    selector = staticmethod(selectors.chapter_list)


class VisibleObjectiveField(_VisibleField):
    selector = staticmethod(selectors.objective_list)


def _choices_text(choices: Any) -> str:
    return "One of: " + ", ".join(f"`{value}` ({label})" for value, label in choices) + "."


@extend_schema_field(OpenApiTypes.STR)
class PlainChoiceField(serializers.ChoiceField):
    """A choice field documented as a string listing its values.

    Used on request bodies whose field name (`status`, `kind`) is shared with another choice
    set elsewhere in the API, so the schema's enum names stay unambiguous.
    """

    def __init__(self, choices: Any, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _choices_text(choices))
        super().__init__(choices, **kwargs)


# -- plans -----------------------------------------------------------------------------------


class PlanSerializer(serializers.ModelSerializer[Plan]):
    """A plan as the API returns it; `allowed_transitions` lists the statuses it may move to."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    nation_name = serializers.CharField(source="owner.name", read_only=True)
    sources = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    allowed_transitions = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = (
            "id",
            "nation",
            "nation_name",
            "plan_type",
            "title",
            "marking",
            "status",
            "allowed_transitions",
            "period_start",
            "period_end",
            "predecessor",
            "summary",
            "sources",
            *RECORD_META,
        )
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_transitions(self, obj: Plan) -> list[str]:
        return [value for value, _ in allowed_transitions(obj)]


class PlanInputSerializer(serializers.ModelSerializer[Plan]):
    """What a client may send to create or change a plan (its status moves by transition).

    Without `period_end` the plan lasts two years (an ANP one) from `period_start`.
    """

    nation = serializers.SlugRelatedField(
        source="owner", slug_field="code", queryset=Organisation.objects.all()
    )
    predecessor = VisiblePlanField(required=False, allow_null=True)
    period_start = serializers.DateField(required=False)
    period_end = serializers.DateField(required=False, allow_null=True)
    start_year = serializers.IntegerField(
        required=False,
        write_only=True,
        min_value=1990,
        max_value=2100,
        help_text="Instead of period_start: the plan starts on 1 January of this year.",
    )
    sources = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Source.objects.all(), required=False
    )

    class Meta:
        model = Plan
        fields = (
            "nation",
            "plan_type",
            "title",
            "marking",
            "period_start",
            "period_end",
            "start_year",
            "predecessor",
            "summary",
            "sources",
        )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        year = attrs.pop("start_year", None)
        if year is not None and "period_start" not in attrs:
            attrs["period_start"] = dt.date(year, 1, 1)
        if self.instance is None and "period_start" not in attrs:
            raise serializers.ValidationError(
                {"period_start": ["Give period_start or start_year."]}
            )
        return attrs


class PlanTransitionSerializer(serializers.Serializer):
    """The status a plan should move to."""

    status = PlainChoiceField(choices=PlanStatus.choices)


class PlanCarryOverSerializer(serializers.Serializer):
    """The earlier plan whose unfinished objectives are copied (`from`: its id)."""

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        return {"from": VisiblePlanField(help_text="Id of the earlier plan.")}


# -- decisions, chapters, objectives, commitments ---------------------------------------------


class PlanDecisionSerializer(serializers.ModelSerializer[Decision]):
    """A decision on a plan."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    sources = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = (
            "id",
            "plan",
            "nation",
            "body",
            "decided_on",
            "method",
            "silence_deadline",
            "note",
            "marking",
            "sources",
            *RECORD_META,
        )
        read_only_fields = fields


class PlanDecisionInputSerializer(serializers.ModelSerializer[Decision]):
    """What a client may send to record or change a decision (marking defaults to the plan's)."""

    plan = VisiblePlanField()
    sources = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Source.objects.all(), required=False
    )

    class Meta:
        model = Decision
        fields = (
            "plan",
            "body",
            "decided_on",
            "method",
            "silence_deadline",
            "note",
            "marking",
            "sources",
        )


class ChapterSerializer(serializers.ModelSerializer[Chapter]):
    """A chapter of a plan (or an ITPP level)."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)

    class Meta:
        model = Chapter
        fields = (
            "id",
            "plan",
            "nation",
            "code",
            "title",
            "kind",
            "position",
            "marking",
            *RECORD_META,
        )
        read_only_fields = fields


class ChapterInputSerializer(serializers.ModelSerializer[Chapter]):
    """What a client may send to add or change a chapter (position defaults to the last)."""

    plan = VisiblePlanField()
    kind = PlainChoiceField(choices=Chapter._meta.get_field("kind").choices, required=False)
    position = serializers.IntegerField(required=False, min_value=1, max_value=32767)

    class Meta:
        model = Chapter
        fields = ("plan", "code", "title", "kind", "position", "marking")
        validators: list[Any] = []  # the service reports a duplicate code on the field


class ObjectiveSerializer(serializers.ModelSerializer[Objective]):
    """An objective; `carried_from` is the objective of an earlier plan it was copied from."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    chapter_code = serializers.CharField(source="chapter.code", read_only=True)
    sources = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Objective
        fields = (
            "id",
            "plan",
            "nation",
            "chapter",
            "chapter_code",
            "code",
            "text",
            "position",
            "marking",
            "carried_from",
            "sources",
            *RECORD_META,
        )
        read_only_fields = fields


class ObjectiveInputSerializer(serializers.ModelSerializer[Objective]):
    """What a client may send to add or change an objective (the chapter must be the plan's)."""

    plan = VisiblePlanField()
    chapter = VisibleChapterField()
    position = serializers.IntegerField(required=False, min_value=1, max_value=32767)
    sources = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Source.objects.all(), required=False
    )

    class Meta:
        model = Objective
        fields = ("plan", "chapter", "code", "text", "position", "marking", "sources")
        validators: list[Any] = []


class CommitmentSerializer(serializers.ModelSerializer[Commitment]):
    """A commitment with its responsible national agency (by code)."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    plan = serializers.IntegerField(source="objective.plan_id", read_only=True)
    objective_code = serializers.CharField(source="objective.code", read_only=True)
    agency = serializers.SlugRelatedField(slug_field="code", read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True, default=None)

    class Meta:
        model = Commitment
        fields = (
            "id",
            "plan",
            "nation",
            "objective",
            "objective_code",
            "text",
            "agency",
            "agency_name",
            "due_on",
            "status",
            "position",
            "marking",
            *RECORD_META,
        )
        read_only_fields = fields


class CommitmentInputSerializer(serializers.ModelSerializer[Commitment]):
    """What a client may send to add or change a commitment; `agency` is a national agency
    code of the plan's nation."""

    objective = VisibleObjectiveField()
    agency = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Organisation.objects.filter(kind=OrganisationKind.NATIONAL_AGENCY),
        required=False,
        allow_null=True,
    )
    status = PlainChoiceField(choices=CommitmentStatus.choices, required=False)
    position = serializers.IntegerField(required=False, min_value=1, max_value=32767)

    class Meta:
        model = Commitment
        fields = ("objective", "text", "agency", "due_on", "status", "position", "marking")


# -- comparison, carry-over, import -----------------------------------------------------------


class PlanObjectiveBriefSerializer(serializers.ModelSerializer[Objective]):
    """An objective in a comparison: id, chapter code, code and text."""

    chapter_code = serializers.CharField(source="chapter.code", read_only=True)

    class Meta:
        model = Objective
        fields = ("id", "chapter_code", "code", "text", "carried_from")
        read_only_fields = fields


class PlanObjectiveMatchSerializer(serializers.Serializer):
    """A pair of objectives: the old one (plan A), the new one (plan B), how alike they are."""

    old = PlanObjectiveBriefSerializer()
    new = PlanObjectiveBriefSerializer()
    ratio = serializers.FloatField(help_text="difflib similarity of the two texts, 0 to 1.")
    via = serializers.CharField(
        help_text="How they were paired: `link` (carried_from), `text` (same wording) or "
        "`similarity` (ratio at least 0.6)."
    )


class PlanComparisonSerializer(serializers.Serializer):
    """Plan B's objectives against plan A's (A is the plan that starts first)."""

    plan_a = serializers.IntegerField(source="plan_a.pk")
    plan_b = serializers.IntegerField(source="plan_b.pk")
    counts = serializers.DictField(child=serializers.IntegerField())
    added = PlanObjectiveBriefSerializer(many=True)
    dropped = PlanObjectiveBriefSerializer(many=True)
    reworded = PlanObjectiveMatchSerializer(many=True)
    carried = PlanObjectiveMatchSerializer(many=True)


class PlanCarryOverResultSerializer(serializers.Serializer):
    """The objectives copied by a carry-over (empty when everything was already carried)."""

    created = serializers.IntegerField()
    objectives = ObjectiveSerializer(many=True)


class PlanImportUploadSerializer(serializers.Serializer):
    """A CSV or XLSX file to import."""

    file = serializers.FileField()


class PlanImportRowSerializer(serializers.Serializer):
    """What the import does (or would do) with one row."""

    row = serializers.IntegerField()
    action = serializers.CharField(help_text="`create`, `update` or `unchanged`.")
    key = serializers.CharField(help_text="The objective code.")
    text = serializers.CharField()
    changes = serializers.ListField(child=serializers.CharField())


class PlanImportResultSerializer(serializers.Serializer):
    """The outcome of an import or dry run that found no problem."""

    list = serializers.CharField(source="kind")
    dry_run = serializers.BooleanField()
    written = serializers.BooleanField()
    summary = serializers.CharField()
    rows = PlanImportRowSerializer(many=True)
