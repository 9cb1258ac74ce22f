"""API shapes of operations, contribution snapshots and strength series.

Each entity has one output serializer and one input serializer. The total strength is output
only (derived from the categories); an input that sends `total` is refused by name. The
operation of a snapshot is chosen by code among the operations the caller may see. Pass
`context={"user": user}` when there is no request (CLI).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from partnerdesk.operations import selectors
from partnerdesk.operations.choices import DatePrecision, LegalBasisKind
from partnerdesk.operations.models import ContributionSnapshot, Operation
from partnerdesk.operations.services import CONTRIBUTION_FIELDS, OPERATION_FIELDS, TOTAL_REFUSED
from partnerdesk.organisations.models import Organisation
from partnerdesk.sources.models import Source

RECORD_FIELDS = ("version", "created_at", "updated_at")


def _user(context: dict[str, Any]) -> Any:
    if "user" in context:
        return context["user"]
    request = context.get("request")
    return getattr(request, "user", None)


def _enum_field(choices: type[models.TextChoices], name: str) -> type[serializers.ChoiceField]:
    """A choice field whose OpenAPI schema is the named enum component `name`."""
    schema = {
        "type": "string",
        "enum": list(choices.values),
        "description": "\n".join(f"* `{value}` - {label}" for value, label in choices.choices),
    }
    field = type(f"{name}Field", (serializers.ChoiceField,), {"__doc__": f"One of {name}."})
    return extend_schema_field(schema, component_name=name)(field)


PrecisionField = _enum_field(DatePrecision, "OpsDatePrecisionEnum")
LegalBasisField = _enum_field(LegalBasisKind, "OpsLegalBasisEnum")


class VisibleOperationField(serializers.SlugRelatedField):
    """An operation chosen by its code among those the caller may see."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="code", **kwargs)

    def get_queryset(self) -> models.QuerySet[Operation]:
        return selectors.operation_list(_user(self.context))


def _sources_field() -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        many=True, queryset=Source.objects.all(), required=False
    )


def _organisation_field(**kwargs: Any) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.all(), **kwargs
    )


# -- operations ----------------------------------------------------------------------------


class OperationSerializer(serializers.ModelSerializer):
    """An operation with its mandate dates at their precision."""

    mandate_start_precision = PrecisionField(choices=DatePrecision.choices, read_only=True)
    mandate_end_precision = PrecisionField(choices=DatePrecision.choices, read_only=True)
    mandate = serializers.CharField(source="mandate_display", read_only=True)
    lead_organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    sources = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Operation
        fields = ("id", *OPERATION_FIELDS, "mandate", "sources", *RECORD_FIELDS)
        read_only_fields = fields


class OperationInputSerializer(serializers.ModelSerializer):
    """What a client may send to record or change an operation."""

    mandate_start_precision = PrecisionField(choices=DatePrecision.choices, required=False)
    mandate_end_precision = PrecisionField(choices=DatePrecision.choices, required=False)
    lead_organisation = _organisation_field(
        required=False, allow_null=True, help_text="Code of the NATO command or body."
    )
    sources = _sources_field()

    class Meta:
        model = Operation
        fields = (*OPERATION_FIELDS, "sources")
        validators: list[Any] = []  # uniqueness is checked by the service's full_clean
        extra_kwargs = {"code": {"validators": []}}


# -- contribution snapshots ----------------------------------------------------------------


class ContributionSnapshotSerializer(serializers.ModelSerializer):
    """A snapshot with its derived total ("total" is never stored) and dates at precision."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    nation_name = serializers.CharField(source="owner.name", read_only=True)
    operation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    operation_name = serializers.CharField(source="operation.name", read_only=True)
    as_of_precision = PrecisionField(choices=DatePrecision.choices, read_only=True)
    date = serializers.CharField(source="as_of_display", read_only=True)
    total = serializers.IntegerField(
        read_only=True, help_text="The sum of the categories; derived, never stored."
    )
    total_label = serializers.CharField(
        source="total_display", read_only=True, help_text='"22", "~90" or "0 (withdrawn)".'
    )
    framework_nation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    legal_basis = LegalBasisField(choices=LegalBasisKind.choices, read_only=True)
    legal_basis_precision = PrecisionField(choices=DatePrecision.choices, read_only=True)
    legal_basis_when = serializers.CharField(source="legal_basis_date_display", read_only=True)
    sources = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = ContributionSnapshot
        fields = (
            "id",
            "nation",
            "nation_name",
            *(f for f in CONTRIBUTION_FIELDS if f != "owner"),
            "operation_name",
            "date",
            "total",
            "total_label",
            "legal_basis_when",
            "sources",
            *RECORD_FIELDS,
        )
        read_only_fields = fields


class ContributionSnapshotInputSerializer(serializers.ModelSerializer):
    """What a client may send: the categories, never a total (a sent total is refused)."""

    nation = _organisation_field(source="owner")
    operation = VisibleOperationField()
    as_of_precision = PrecisionField(choices=DatePrecision.choices, required=False)
    framework_nation = _organisation_field(
        required=False, allow_null=True, help_text="Code of the framework or lead nation."
    )
    legal_basis = LegalBasisField(choices=LegalBasisKind.choices, required=False, allow_blank=True)
    legal_basis_precision = PrecisionField(choices=DatePrecision.choices, required=False)
    sources = _sources_field()

    class Meta:
        model = ContributionSnapshot
        fields = ("nation", *(f for f in CONTRIBUTION_FIELDS if f != "owner"), "sources")
        validators: list[Any] = []  # uniqueness is checked by the service's full_clean

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        data = getattr(self, "initial_data", {})
        if hasattr(data, "keys") and "total" in data:
            raise serializers.ValidationError({"total": [TOTAL_REFUSED]})
        return attrs


# -- series --------------------------------------------------------------------------------


class StrengthPointSerializer(serializers.Serializer):
    """One snapshot in a series."""

    snapshot_id = serializers.IntegerField()
    date = serializers.DateField()
    precision = PrecisionField(choices=DatePrecision.choices)
    date_display = serializers.CharField()
    total = serializers.IntegerField()
    total_label = serializers.CharField(source="label")
    approximate = serializers.BooleanField()
    withdrawal = serializers.BooleanField()
    source_keys = serializers.ListField(child=serializers.CharField())
    url = serializers.CharField()


class OperationSeriesSerializer(serializers.Serializer):
    """A nation's strength in one operation over time, ordered by date."""

    operation_id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    points = StrengthPointSerializer(many=True)
