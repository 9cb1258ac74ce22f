"""API shapes of OCC units, evaluations, results, certifications and remedial actions.

Each entity has one output serializer and one input serializer. Parents given in input
(`unit`, `evaluation`, `based_on`) are looked up among the rows the caller may see, so a
hidden parent reads as "does not exist". The nation of a child is never input: the service
takes it from the parent. Pass `context={"user": user}` when there is no request (CLI).
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

from partnerdesk.occ import selectors
from partnerdesk.occ.choices import (
    CertificationStatus,
    DatePrecision,
    EvaluationLevel,
    Outcome,
    RemedialStatus,
    Service,
)
from partnerdesk.occ.models import (
    Certification,
    Evaluation,
    EvaluationResult,
    OccUnit,
    RemedialAction,
)
from partnerdesk.occ.services import (
    CERTIFICATION_FIELDS,
    EVALUATION_FIELDS,
    REMEDIAL_CREATE_FIELDS,
    RESULT_FIELDS,
    UNIT_FIELDS,
)
from partnerdesk.organisations.models import Organisation
from partnerdesk.sources.models import Source

RECORD_FIELDS = ("version", "created_at", "updated_at")


def _user(context: dict[str, Any]) -> Any:
    if "user" in context:
        return context["user"]
    request = context.get("request")
    return getattr(request, "user", None)


def _today(context: dict[str, Any]) -> dt.date:
    today = context.get("today")
    return today if isinstance(today, dt.date) else timezone.localdate()


class VisibleField(serializers.PrimaryKeyRelatedField):
    """A parent chosen by id among the rows the caller may see."""

    def __init__(self, selector: Callable[[Any], QuerySet[Any]], **kwargs: Any) -> None:
        self.selector = selector
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        return self.selector(_user(self.context))


def _enum_field(choices: type[models.TextChoices], name: str) -> type[serializers.ChoiceField]:
    """A choice field whose schema is the named enum component `name` (our own names keep the
    OpenAPI enums apart from other apps' fields called status, service, …)."""
    schema = {
        "type": "string",
        "enum": list(choices.values),
        "description": "\n".join(f"* `{value}` - {label}" for value, label in choices.choices),
    }
    field = type(f"{name}Field", (serializers.ChoiceField,), {"__doc__": f"One of {name}."})
    return extend_schema_field(schema, component_name=name)(field)


ServiceField = _enum_field(Service, "OccServiceEnum")
PrecisionField = _enum_field(DatePrecision, "OccDatePrecisionEnum")
LevelField = _enum_field(EvaluationLevel, "OccEvaluationLevelEnum")
OutcomeField = _enum_field(Outcome, "OccOutcomeEnum")
CertificationStatusField = _enum_field(CertificationStatus, "OccCertificationStatusEnum")
RemedialStatusField = _enum_field(RemedialStatus, "OccRemedialStatusEnum")


class _Output(serializers.ModelSerializer):
    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    sources = serializers.PrimaryKeyRelatedField(many=True, read_only=True)


def _sources_field() -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        many=True, queryset=Source.objects.all(), required=False
    )


# -- units ---------------------------------------------------------------------------------


class UnitStateSerializer(serializers.Serializer):
    """The derived state of a unit today (never stored)."""

    status = serializers.CharField()
    status_label = serializers.CharField()
    stage = serializers.CharField()
    remedial_open = serializers.BooleanField()
    valid_to = serializers.DateField(allow_null=True)
    days_left = serializers.IntegerField(allow_null=True)


class OccUnitSerializer(_Output):
    """A unit with its declaration date at its precision and its derived state today."""

    nation_name = serializers.CharField(source="owner.name", read_only=True)
    service = ServiceField(choices=Service.choices, read_only=True)
    declared_precision = PrecisionField(choices=DatePrecision.choices, read_only=True)
    declared = serializers.CharField(source="declared_display", read_only=True)
    state = serializers.SerializerMethodField()

    class Meta:
        model = OccUnit
        fields = (
            "id",
            "nation",
            "nation_name",
            *(f for f in UNIT_FIELDS if f != "owner"),
            "declared",
            "sources",
            "state",
            *RECORD_FIELDS,
        )
        read_only_fields = fields

    @extend_schema_field(UnitStateSerializer)
    def get_state(self, obj: OccUnit) -> dict[str, Any]:
        state = selectors.occunit_state(obj, today=_today(self.context))
        return {
            "status": state.status,
            "status_label": state.status_label,
            "stage": state.stage,
            "remedial_open": state.remedial_open,
            "valid_to": state.certification.valid_to if state.certification else None,
            "days_left": state.days_left,
        }


class OccUnitInputSerializer(serializers.ModelSerializer):
    """What a client may send to declare or change a unit."""

    nation = serializers.SlugRelatedField(
        source="owner", slug_field="code", queryset=Organisation.objects.all()
    )
    service = ServiceField(choices=Service.choices)
    declared_precision = PrecisionField(choices=DatePrecision.choices, required=False)
    sources = _sources_field()

    class Meta:
        model = OccUnit
        fields = ("nation", *(f for f in UNIT_FIELDS if f != "owner"), "sources")
        validators: list[Any] = []  # uniqueness is checked by the service's full_clean


# -- evaluations ---------------------------------------------------------------------------


class EvaluationSerializer(_Output):
    """An evaluation with its dates rendered at their precision ("7–16 Oct 2011")."""

    unit_name = serializers.CharField(source="unit.name", read_only=True)
    dates = serializers.CharField(source="dates_display", read_only=True)
    level = LevelField(choices=EvaluationLevel.choices, read_only=True)
    precision = PrecisionField(choices=DatePrecision.choices, read_only=True)
    outcome = OutcomeField(choices=Outcome.choices, read_only=True)
    monitoring_command = serializers.SlugRelatedField(slug_field="code", read_only=True)
    grade_scale = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Evaluation
        fields = (
            "id",
            "nation",
            *EVALUATION_FIELDS,
            "unit_name",
            "dates",
            "sources",
            *RECORD_FIELDS,
        )
        read_only_fields = fields


class EvaluationInputSerializer(serializers.ModelSerializer):
    """What a client may send to record or change an evaluation."""

    unit = VisibleField(selectors.occunit_list)
    level = LevelField(choices=EvaluationLevel.choices)
    precision = PrecisionField(choices=DatePrecision.choices, required=False)
    outcome = OutcomeField(choices=Outcome.choices, required=False)
    monitoring_command = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        help_text="Code of the NATO command, e.g. LANDCOM or AIRCOM.",
    )
    grade_scale = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False, allow_empty=False
    )
    sources = _sources_field()

    class Meta:
        model = Evaluation
        fields = (*EVALUATION_FIELDS, "sources")


# -- results -------------------------------------------------------------------------------


class EvaluationResultSerializer(_Output):
    """The grade one evaluation gave in one area."""

    class Meta:
        model = EvaluationResult
        fields = ("id", "nation", *RESULT_FIELDS, "sources", *RECORD_FIELDS)
        read_only_fields = fields


class EvaluationResultInputSerializer(serializers.ModelSerializer):
    """What a client may send to record or change an area result."""

    evaluation = VisibleField(selectors.evaluation_list)
    sources = _sources_field()

    class Meta:
        model = EvaluationResult
        fields = (*RESULT_FIELDS, "sources")
        validators: list[Any] = []  # uniqueness is checked by the service's full_clean


# -- certifications ------------------------------------------------------------------------


class CertificationSerializer(_Output):
    """A certificate, its validity at its precision and whether re-validation is due."""

    unit_name = serializers.CharField(source="unit.name", read_only=True)
    validity = serializers.CharField(source="validity_display", read_only=True)
    status = CertificationStatusField(choices=CertificationStatus.choices, read_only=True)
    precision = PrecisionField(choices=DatePrecision.choices, read_only=True)
    flag = serializers.SerializerMethodField(
        help_text='"LAPSED" after valid_to, "DUE" within the due window, "" otherwise.'
    )

    class Meta:
        model = Certification
        fields = (
            "id",
            "nation",
            *CERTIFICATION_FIELDS,
            "unit_name",
            "validity",
            "flag",
            "sources",
            *RECORD_FIELDS,
        )
        read_only_fields = fields

    def get_flag(self, obj: Certification) -> str:
        days = self.context.get("due_days")
        return selectors.certification_flag(
            obj,
            today=_today(self.context),
            days=days if isinstance(days, int) else selectors.due_days_default(),
        )


class CertificationInputSerializer(serializers.ModelSerializer):
    """What a client may send to record or correct a certificate."""

    unit = VisibleField(selectors.occunit_list)
    status = CertificationStatusField(choices=CertificationStatus.choices, required=False)
    precision = PrecisionField(choices=DatePrecision.choices, required=False)
    based_on = VisibleField(selectors.evaluation_list)
    revalidated_by = VisibleField(selectors.evaluation_list, required=False, allow_null=True)
    valid_to = serializers.DateField(
        required=False, help_text="Three years after valid_from when left out."
    )
    sources = _sources_field()

    class Meta:
        model = Certification
        fields = (*CERTIFICATION_FIELDS, "sources")


# -- remedial actions ----------------------------------------------------------------------


class RemedialActionSerializer(_Output):
    """An action of a remedial action plan; `overdue` is derived from the deadline."""

    status = RemedialStatusField(choices=RemedialStatus.choices, read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = RemedialAction
        fields = ("id", "nation", *REMEDIAL_CREATE_FIELDS, "overdue", "sources", *RECORD_FIELDS)
        read_only_fields = fields

    def get_overdue(self, obj: RemedialAction) -> bool:
        return obj.is_overdue(_today(self.context))


class RemedialActionInputSerializer(serializers.ModelSerializer):
    """What a client may send to add or change a remedial action (status only on creation;
    later moves use the transition endpoint)."""

    evaluation = VisibleField(selectors.evaluation_list)
    status = RemedialStatusField(choices=RemedialStatus.choices, required=False)
    sources = _sources_field()

    class Meta:
        model = RemedialAction
        fields = (*REMEDIAL_CREATE_FIELDS, "sources")


class RemedialTransitionSerializer(serializers.Serializer):
    """The status to move a remedial action to."""

    status = RemedialStatusField(choices=RemedialStatus.choices)
