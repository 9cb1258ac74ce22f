"""API shapes of postings, reported headcounts and headcount figures.

The output never contains `person_name`: it has `person`, the name or pseudonym the selectors
set for the caller, and `person_is_pseudonym`. The name is write-only input, accepted by the
service from the sending nation's users only. Pass `context={"user": user}` when there is no
request (CLI).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from partnerdesk.organisations.models import Organisation
from partnerdesk.sources.models import Source
from partnerdesk.staffing.choices import (
    DatePrecision,
    Funding,
    Measure,
    Qualifier,
    Scheme,
    Scope,
)
from partnerdesk.staffing.models import Posting, ReportedHeadcount
from partnerdesk.staffing.services import POSTING_FIELDS, REPORTED_FIELDS

RECORD_FIELDS = ("version", "created_at", "updated_at")


def _enum_field(choices: type[models.TextChoices], name: str) -> type[serializers.ChoiceField]:
    """A choice field whose schema is the named enum component `name` (keeps this app's enums
    apart from other apps' fields of the same name)."""
    schema = {
        "type": "string",
        "enum": list(choices.values),
        "description": "\n".join(f"* `{value}` - {label}" for value, label in choices.choices),
    }
    field = type(f"{name}Field", (serializers.ChoiceField,), {"__doc__": f"One of {name}."})
    return extend_schema_field(schema, component_name=name)(field)


SchemeField = _enum_field(Scheme, "StaffingSchemeEnum")
FundingField = _enum_field(Funding, "StaffingFundingEnum")
PrecisionField = _enum_field(DatePrecision, "StaffingDatePrecisionEnum")
ScopeField = _enum_field(Scope, "StaffingScopeEnum")
MeasureField = _enum_field(Measure, "StaffingMeasureEnum")
QualifierField = _enum_field(Qualifier, "StaffingQualifierEnum")


def _sources_field() -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        many=True, queryset=Source.objects.all(), required=False
    )


def _nation_field() -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        source="owner", slug_field="code", queryset=Organisation.objects.all()
    )


class PostingSerializer(serializers.ModelSerializer):
    """A posting as the caller may see it: `person` is the name only for the sending nation's
    users, a stable pseudonym for everyone else."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    nation_name = serializers.CharField(source="owner.name", read_only=True)
    person = serializers.CharField(source="display_name", read_only=True)
    person_is_pseudonym = serializers.SerializerMethodField()
    scheme = SchemeField(choices=Scheme.choices, read_only=True)
    host = serializers.SlugRelatedField(slug_field="code", read_only=True)
    host_name = serializers.CharField(source="host.name", read_only=True)
    start_precision = PrecisionField(choices=DatePrecision.choices, read_only=True)
    end_precision = PrecisionField(choices=DatePrecision.choices, read_only=True)
    funding = FundingField(choices=Funding.choices, read_only=True)
    start = serializers.CharField(source="start_display", read_only=True)
    end = serializers.CharField(source="end_display", read_only=True)
    sources = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Posting
        fields = (
            "id",
            "nation",
            "nation_name",
            "marking",
            "scheme",
            "person",
            "person_is_pseudonym",
            "rank",
            "host",
            "host_name",
            "post_title",
            "start_on",
            "start_precision",
            "start",
            "end_on",
            "end_precision",
            "end",
            "funding",
            "notes",
            "sources",
            *RECORD_FIELDS,
        )
        read_only_fields = fields

    def get_person_is_pseudonym(self, obj: Posting) -> bool:
        return not (obj.name_visible and bool(obj.person_name))


class PostingInputSerializer(serializers.ModelSerializer):
    """What a client may send to record or change a posting (`person_name` is write-only and
    accepted from the sending nation's users only)."""

    nation = _nation_field()
    scheme = SchemeField(choices=Scheme.choices)
    person_name = serializers.CharField(
        max_length=150, required=False, allow_blank=True, write_only=True
    )
    host = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Organisation.objects.all(),
        help_text="Code of the NATO body or agency, e.g. NATO-IS, SHAPE, EADRCC.",
    )
    start_precision = PrecisionField(choices=DatePrecision.choices, required=False)
    end_precision = PrecisionField(choices=DatePrecision.choices, required=False)
    funding = FundingField(choices=Funding.choices, required=False)
    sources = _sources_field()

    class Meta:
        model = Posting
        fields = ("nation", *(f for f in POSTING_FIELDS if f != "owner"), "sources")


class ReportedHeadcountSerializer(serializers.ModelSerializer):
    """A headcount as a source reports it, with its date at its precision."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    as_of_precision = PrecisionField(choices=DatePrecision.choices, read_only=True)
    scope = ScopeField(choices=Scope.choices, read_only=True)
    measure = MeasureField(choices=Measure.choices, read_only=True)
    qualifier = QualifierField(choices=Qualifier.choices, read_only=True)
    as_of_display = serializers.CharField(read_only=True)
    figure = serializers.CharField(read_only=True)
    sources = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = ReportedHeadcount
        fields = (
            "id",
            "nation",
            *(f for f in REPORTED_FIELDS if f != "owner"),
            "as_of_display",
            "figure",
            "sources",
            *RECORD_FIELDS,
        )
        read_only_fields = fields


class ReportedHeadcountInputSerializer(serializers.ModelSerializer):
    """What a client may send to record or change a reported headcount."""

    nation = _nation_field()
    as_of_precision = PrecisionField(choices=DatePrecision.choices, required=False)
    scope = ScopeField(choices=Scope.choices)
    measure = MeasureField(choices=Measure.choices, required=False)
    qualifier = QualifierField(choices=Qualifier.choices, required=False)
    sources = _sources_field()

    class Meta:
        model = ReportedHeadcount
        fields = ("nation", *(f for f in REPORTED_FIELDS if f != "owner"), "sources")


class StaffHeadcountQuerySerializer(serializers.Serializer):
    """The question a headcount answers: whose postings, on which day, in which scope."""

    nation = serializers.CharField(help_text="Nation code, e.g. AZE.")
    on = serializers.DateField(help_text="The day counted (YYYY-MM-DD).")
    scope = ScopeField(choices=Scope.choices, required=False, default=Scope.ALL_BODIES)
    scheme = SchemeField(choices=Scheme.choices, required=False, allow_blank=True, default="")


class StaffSeriesQuerySerializer(serializers.Serializer):
    """The question a yearly series answers."""

    nation = serializers.CharField(help_text="Nation code, e.g. AZE.")
    scope = ScopeField(choices=Scope.choices, required=False, default=Scope.ALL_BODIES)
    scheme = SchemeField(choices=Scheme.choices, required=False, allow_blank=True, default="")
    start = serializers.IntegerField(min_value=1949, max_value=2100, required=False)
    end = serializers.IntegerField(min_value=1949, max_value=2100, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("start"), attrs.get("end")
        if (start is None) != (end is None):
            raise serializers.ValidationError({"end": "Give both start and end years, or neither."})
        if start is not None and end is not None and end < start:
            raise serializers.ValidationError({"end": "The end year is before the start year."})
        if start is not None and end is not None and end - start > 100:
            raise serializers.ValidationError({"end": "At most 100 years at once."})
        return attrs


class StaffHeadcountSerializer(serializers.Serializer):
    """A computed headcount with the question it answers."""

    nation = serializers.CharField()
    on = serializers.DateField()
    scope = ScopeField(choices=Scope.choices)
    scheme = serializers.CharField(allow_blank=True)
    count = serializers.IntegerField()


class StaffSeriesPointSerializer(serializers.Serializer):
    """One year of a headcount series."""

    year = serializers.IntegerField()
    on = serializers.DateField()
    count = serializers.IntegerField()
    started = serializers.IntegerField()
    ended = serializers.IntegerField()


class StaffSeriesSerializer(serializers.Serializer):
    """A yearly headcount series with its scope."""

    nation = serializers.CharField()
    scope = ScopeField(choices=Scope.choices)
    scheme = serializers.CharField(allow_blank=True)
    points = StaffSeriesPointSerializer(many=True)
