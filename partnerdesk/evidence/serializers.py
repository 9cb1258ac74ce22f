"""API shapes of documents, facts, review decisions and search hits.

Pass `context={"user": user}` when there is no request (CLI).
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from partnerdesk.core.markings import Marking
from partnerdesk.evidence.choices import MAX_UPLOAD_BYTES, Decision
from partnerdesk.evidence.forms import parse_grading
from partnerdesk.evidence.models import Document, Fact, ReviewDecision
from partnerdesk.organisations.models import Organisation

DOCUMENT_FIELDS = (
    "id",
    "nation",
    "marking",
    "sha256",
    "source_name",
    "url",
    "content_type",
    "title",
    "outlet",
    "author",
    "published",
    "published_on",
    "published_precision",
    "language",
    "reliability",
    "credibility",
    "grading",
    "version",
    "created_at",
)


class DocumentSerializer(serializers.ModelSerializer):
    """A document without its text (lists)."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    grading = serializers.CharField(read_only=True)
    published_precision = serializers.CharField(
        read_only=True, help_text="YEAR, MONTH, DAY or empty when undated."
    )

    class Meta:
        model = Document
        fields = DOCUMENT_FIELDS


class DocumentDetailSerializer(DocumentSerializer):
    """A document with its clean text and the boilerplate spans removed from the input."""

    class Meta:
        model = Document
        fields = (*DOCUMENT_FIELDS, "text", "boilerplate")


class DocumentUploadSerializer(serializers.Serializer):
    """A document to ingest: `text` or `content_base64` (exactly one), and where it is from."""

    text = serializers.CharField(required=False, allow_blank=False, trim_whitespace=False)
    content_base64 = serializers.CharField(required=False)
    source_name = serializers.CharField(max_length=300, default="api upload")
    url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    nation = serializers.SlugRelatedField(
        source="owner", slug_field="code", queryset=Organisation.objects.all(), required=False
    )
    marking = serializers.ChoiceField(choices=Marking.values, default=Marking.PUBLIC)
    grading = serializers.CharField(default="F6", help_text="Admiralty code, e.g. B2.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        text, encoded = attrs.get("text"), attrs.get("content_base64")
        if (text is None) == (encoded is None):
            raise serializers.ValidationError({"text": "Give either text or content_base64."})
        if encoded is not None:
            try:
                attrs["data"] = base64.b64decode(encoded, validate=True)
            except (binascii.Error, ValueError) as exc:
                raise serializers.ValidationError({"content_base64": "Not valid base64."}) from exc
        else:
            attrs["data"] = str(text).encode("utf-8")
        if len(attrs["data"]) > MAX_UPLOAD_BYTES:
            raise serializers.ValidationError(
                {"content_base64": f"The document is larger than {MAX_UPLOAD_BYTES:,} bytes."}
            )
        try:
            attrs["reliability"], attrs["credibility"] = parse_grading(attrs["grading"])
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"grading": exc.messages}) from exc
        return attrs


class ReviewDecisionSerializer(serializers.ModelSerializer):
    """A reviewer's decision and the record it created or linked."""

    reviewer = serializers.SlugRelatedField(slug_field="username", read_only=True)
    record_type = serializers.SerializerMethodField()

    class Meta:
        model = ReviewDecision
        fields = (
            "id",
            "decision",
            "reviewer",
            "payload",
            "note",
            "record_type",
            "record_id",
            "record_label",
            "record_url",
            "record_created",
            "created_at",
        )

    def get_record_type(self, obj: ReviewDecision) -> str | None:
        """ "dialogue.meeting", "operations.contributionsnapshot" or null."""
        record_type = obj.record_type
        if record_type is None:
            return None
        return f"{record_type.app_label}.{record_type.model}"


class FactSerializer(serializers.ModelSerializer):
    """A fact as extracted (payload unchanged), its review state and decisions."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    claim = serializers.PrimaryKeyRelatedField(read_only=True)
    decisions = ReviewDecisionSerializer(many=True, read_only=True)
    summary = serializers.CharField(read_only=True)

    class Meta:
        model = Fact
        fields = (
            "id",
            "document",
            "claim",
            "nation",
            "marking",
            "kind",
            "summary",
            "payload",
            "quote",
            "start",
            "end",
            "confidence",
            "status",
            "version",
            "decisions",
        )


class ReviewSerializer(serializers.Serializer):
    """A decision about a fact; `payload` holds the changed fields of an edit."""

    decision = serializers.ChoiceField(choices=Decision.values)
    payload = serializers.JSONField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class SearchHitSerializer(serializers.Serializer):
    """A search hit: the document, the snippet (HTML, matches in <mark>) and the rank."""

    document = DocumentSerializer()
    snippet = serializers.CharField()
    rank = serializers.FloatField()
