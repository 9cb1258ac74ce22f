"""API shapes of milestones and timeline entries."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from partnerdesk.core.dates import DatePrecision, format_date
from partnerdesk.organisations.models import Organisation
from partnerdesk.sources.models import Source
from partnerdesk.timeline.models import Milestone
from partnerdesk.timeline.services import EDITABLE_FIELDS

API_FIELDS = ("nation", *(f for f in EDITABLE_FIELDS if f != "owner"), "sources")


class MilestoneSerializer(serializers.ModelSerializer[Milestone]):
    """A milestone as the API returns it; the nation is given by its code."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    nation_name = serializers.CharField(source="owner.name", read_only=True)
    when = serializers.CharField(read_only=True)
    sources = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Milestone
        fields = ("id", "nation_name", *API_FIELDS, "when", "version", "created_at", "updated_at")
        read_only_fields = fields


class MilestoneInputSerializer(serializers.ModelSerializer[Milestone]):
    """What a client may send to create or change a milestone."""

    nation = serializers.SlugRelatedField(
        source="owner", slug_field="code", queryset=Organisation.objects.all()
    )
    sources = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Source.objects.all(), required=False
    )

    class Meta:
        model = Milestone
        fields = API_FIELDS
        validators: list[Any] = []  # uniqueness is checked by the service's full_clean


class TimelineEntrySerializer(serializers.Serializer[Any]):
    """One entry of a nation's timeline."""

    date = serializers.DateField()
    precision = serializers.ChoiceField(choices=DatePrecision.choices)
    when = serializers.SerializerMethodField()
    mechanism = serializers.CharField()
    kind = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    source_keys = serializers.ListField(child=serializers.CharField())
    confidence = serializers.CharField()

    def get_when(self, entry: Any) -> str:
        """The date at its precision ("1992", "March 1992", "4 May 1994")."""
        return format_date(entry.date, entry.precision)
