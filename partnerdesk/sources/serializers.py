"""API shapes of sources."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from partnerdesk.sources.models import Source


class SourceSerializer(serializers.ModelSerializer[Source]):
    """A source as the API returns it."""

    class Meta:
        model = Source
        fields = (
            "id",
            "key",
            "url",
            "title",
            "publisher",
            "accessed_on",
            "confidence",
            "note",
            "version",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class SourceInputSerializer(serializers.ModelSerializer[Source]):
    """What a client may send to create or change a source."""

    key = serializers.CharField(max_length=20, required=False, allow_blank=True, allow_null=True)

    class Meta:
        model = Source
        fields = ("key", "url", "title", "publisher", "accessed_on", "confidence", "note")
        validators: list[Any] = []
