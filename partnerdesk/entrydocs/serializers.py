"""API shapes of entry documents: one output serializer, one input serializer."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from partnerdesk.entrydocs.models import EntryDocument
from partnerdesk.organisations.models import Organisation
from partnerdesk.sources.models import Source


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
            "marking",
            "doc_type",
            "edition",
            "title",
            "signed_on",
            "signatory_name",
            "signatory_title",
            "submitted_on",
            "received_by",
            "approved_on",
            "approval_body",
            "approval_method",
            "summary",
            "sources",
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
        fields = (
            "nation",
            "marking",
            "doc_type",
            "edition",
            "title",
            "signed_on",
            "signatory_name",
            "signatory_title",
            "submitted_on",
            "received_by",
            "approved_on",
            "approval_body",
            "approval_method",
            "summary",
            "sources",
        )
        validators: list[Any] = []  # uniqueness is checked by the service's full_clean
