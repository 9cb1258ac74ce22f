"""Serializers shared by every app."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from partnerdesk.core.models import ChangeRecord


class ChangeRecordSerializer(serializers.ModelSerializer[ChangeRecord]):
    """One change-log row as the API shows it."""

    actor = serializers.CharField(source="actor_label", read_only=True)
    object_type = serializers.SerializerMethodField()

    class Meta:
        model = ChangeRecord
        fields = (
            "id",
            "timestamp",
            "actor",
            "source",
            "request_id",
            "object_type",
            "object_id",
            "object_repr",
            "action",
            "changed_fields",
            "before",
            "after",
            "message",
        )
        read_only_fields = fields

    def get_object_type(self, obj: ChangeRecord) -> str:
        return f"{obj.content_type.app_label}.{obj.content_type.model}"


class VersionedSerializerMixin(serializers.Serializer[Any]):
    """Adds the read-only version field to an output serializer."""

    version = serializers.IntegerField(read_only=True)
