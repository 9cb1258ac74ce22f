"""API shapes of the menu and of programme lines: output, input and action bodies.

References to plans, objectives and goals accept only rows the caller may see: an invisible
id answers "does not exist", exactly like a missing one.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from partnerdesk.core.markings import Marking
from partnerdesk.organisations.choices import OrganisationKind
from partnerdesk.organisations.models import Organisation
from partnerdesk.pcm import selectors
from partnerdesk.pcm.choices import PARTNER_FRAMEWORK_VALUES, Priority
from partnerdesk.pcm.models import Activity, Catalogue, ProgrammeLine

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
    selector = staticmethod(selectors.plans_for_lines)


class VisibleActivityField(_VisibleField):
    selector = staticmethod(lambda user: selectors.activity_list(user).prefetch_related(None))


class VisibleObjectiveField(_VisibleField):
    selector = staticmethod(selectors.visible_objectives)


class VisibleGoalField(_VisibleField):
    selector = staticmethod(selectors.visible_goals)


# -- catalogues -------------------------------------------------------------------------------


class CatalogueSerializer(serializers.ModelSerializer[Catalogue]):
    """A year's menu with its number of activities."""

    activity_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Catalogue
        fields = (
            "id",
            "year",
            "title",
            "status",
            "published_on",
            "note",
            "activity_count",
            *RECORD_META,
        )
        read_only_fields = fields


class CatalogueInputSerializer(serializers.ModelSerializer[Catalogue]):
    """What a client may send to create a catalogue or change its title and note."""

    title = serializers.CharField(required=False, allow_blank=True, max_length=200)

    class Meta:
        model = Catalogue
        fields = ("year", "title", "note")
        validators: list[Any] = []  # the service reports a taken year on the field
        extra_kwargs = {"year": {"validators": []}}


class CataloguePublishSerializer(serializers.Serializer):
    """When the catalogue is published (default today)."""

    published_on = serializers.DateField(required=False)


class MenuCarryOverSerializer(serializers.Serializer):
    """Copy activities of one year into a later year's catalogue."""

    source_year = serializers.IntegerField(min_value=1994, max_value=2100)
    target_year = serializers.IntegerField(min_value=1994, max_value=2100)
    activity_ids = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text="Ids of the source year's activities to copy (default: all).",
    )


class MenuCarryOverResultSerializer(serializers.Serializer):
    """How many activities were copied (0 when everything was carried already)."""

    created = serializers.IntegerField()
    target_catalogue = serializers.IntegerField()
    codes = serializers.ListField(child=serializers.CharField())


class CatalogueImportUploadSerializer(serializers.Serializer):
    """A CSV or XLSX file in the export's layout."""

    file = serializers.FileField()


class CatalogueImportRowSerializer(serializers.Serializer):
    """What the import does (or would do) with one row."""

    row = serializers.IntegerField()
    action = serializers.CharField(help_text="`create`, `update` or `unchanged`.")
    code = serializers.CharField()
    title = serializers.CharField()
    changes = serializers.ListField(child=serializers.CharField())


class CatalogueImportResultSerializer(serializers.Serializer):
    """The outcome of an import or dry run that found no problem."""

    year = serializers.IntegerField()
    dry_run = serializers.BooleanField()
    written = serializers.BooleanField()
    catalogue_created = serializers.BooleanField()
    summary = serializers.CharField()
    rows = CatalogueImportRowSerializer(many=True)


# -- activities -------------------------------------------------------------------------------


class ActivitySerializer(serializers.ModelSerializer[Activity]):
    """A menu activity; `eligible_*` empty means open to every partner."""

    year = serializers.IntegerField(source="catalogue.year", read_only=True)
    organiser = serializers.SlugRelatedField(slug_field="code", read_only=True)
    organiser_name = serializers.CharField(source="organiser.name", read_only=True)
    eligible_nations = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    carried_from_code = serializers.CharField(
        source="carried_from.code", read_only=True, default=None
    )
    eligible_frameworks = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Activity
        fields = (
            "id",
            "catalogue",
            "year",
            "code",
            "title",
            "description",
            "area",
            "format",
            "organiser",
            "organiser_name",
            "language",
            "duration_days",
            "eligible_frameworks",
            "eligible_nations",
            "carried_from",
            "carried_from_code",
            *RECORD_META,
        )
        read_only_fields = fields


class ActivityInputSerializer(serializers.ModelSerializer[Activity]):
    """What a client may send to add or change an activity (`code` defaults to the next
    number of its area); organiser and nations by organisation code."""

    code = serializers.CharField(required=False, allow_blank=True, max_length=24)
    organiser = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Organisation.objects.exclude(kind=OrganisationKind.NATIONAL_AGENCY),
    )
    eligible_frameworks = serializers.ListField(
        child=serializers.ChoiceField(choices=list(PARTNER_FRAMEWORK_VALUES)), required=False
    )
    eligible_nations = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        required=False,
        queryset=Organisation.objects.filter(kind=OrganisationKind.STATE),
    )

    class Meta:
        model = Activity
        fields = (
            "catalogue",
            "code",
            "title",
            "description",
            "area",
            "format",
            "organiser",
            "language",
            "duration_days",
            "eligible_frameworks",
            "eligible_nations",
            "carried_from",
        )
        validators: list[Any] = []


# -- programme lines --------------------------------------------------------------------------


class ProgrammeLineSerializer(serializers.ModelSerializer[ProgrammeLine]):
    """A programme line with its activity and the objectives and goals (you may see) it serves."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    activity_code = serializers.CharField(source="activity.code", read_only=True)
    activity_title = serializers.CharField(source="activity.title", read_only=True)
    year = serializers.IntegerField(source="activity.catalogue.year", read_only=True)
    area = serializers.CharField(source="activity.area", read_only=True)
    objectives = serializers.SerializerMethodField()
    goals = serializers.SerializerMethodField()

    class Meta:
        model = ProgrammeLine
        fields = (
            "id",
            "nation",
            "plan",
            "activity",
            "activity_code",
            "activity_title",
            "year",
            "area",
            "priority",
            "planned_participants",
            "objectives",
            "goals",
            "serves_reference",
            "marking",
            "note",
            *RECORD_META,
        )
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_objectives(self, obj: ProgrammeLine) -> list[int]:
        return [o.pk for o in getattr(obj, "visible_objectives", [])]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_goals(self, obj: ProgrammeLine) -> list[int]:
        return [g.pk for g in getattr(obj, "visible_goals", [])]


class ProgrammeLineInputSerializer(serializers.ModelSerializer[ProgrammeLine]):
    """What a client may send to add or change a line (plan and references by id)."""

    plan = VisiblePlanField()
    activity = VisibleActivityField()
    objectives = VisibleObjectiveField(many=True, required=False)
    goals = VisibleGoalField(many=True, required=False)
    priority = serializers.ChoiceField(choices=Priority.choices, required=False)
    marking = serializers.ChoiceField(choices=Marking.choices, required=False)

    class Meta:
        model = ProgrammeLine
        fields = (
            "plan",
            "activity",
            "priority",
            "planned_participants",
            "objectives",
            "goals",
            "serves_reference",
            "marking",
            "note",
        )
        validators: list[Any] = []
