"""API shapes of entry documents: one output serializer, one input serializer."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from partnerdesk.entrydocs.models import EntryDocument
from partnerdesk.entrydocs.services import EDITABLE_FIELDS
from partnerdesk.organisations.models import Organisation
from partnerdesk.sources.models import Source

# The API names the owning nation `nation` (by its code) instead of `owner`.
API_FIELDS = ("nation", *(f for f in EDITABLE_FIELDS if f != "owner"), "sources")


class EntryDocumentSerializer(serializers.ModelSerializer[EntryDocument]):
    """An entry document as the API returns it; the nation is given by its code."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    nation_name = serializers.CharField(source="owner.name", read_only=True)
    sources = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = EntryDocument
        fields = (
            "id",
            "nation",
            "nation_name",
            *API_FIELDS,
            "version",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class EntryDocumentInputSerializer(serializers.ModelSerializer[EntryDocument]):
    """What a client may send to create or change an entry document."""

    nation = serializers.SlugRelatedField(
        source="owner", slug_field="code", queryset=Organisation.objects.all()
    )
    sources = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Source.objects.all(), required=False
    )

    class Meta:
        model = EntryDocument
        fields = API_FIELDS
        validators: list[Any] = []  # uniqueness is checked by the service's full_clean
