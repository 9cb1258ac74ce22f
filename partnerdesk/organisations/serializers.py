"""API shapes of organisations and memberships (read-only)."""

from __future__ import annotations

from rest_framework import serializers

from partnerdesk.organisations.models import Membership, Organisation


class MembershipSerializer(serializers.ModelSerializer[Membership]):
    """A membership with the keys of the sources that support it."""

    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    sources = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)

    class Meta:
        model = Membership
        fields = ("id", "organisation", "framework", "start", "end", "status", "note", "sources")
        read_only_fields = fields


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    """An organisation; `parent` is the parent's code."""

    # The metaclass moves declared fields off the class, so this does not shadow Field.parent.
    parent = serializers.SlugRelatedField(  # type: ignore[assignment]
        slug_field="code", read_only=True
    )

    class Meta:
        model = Organisation
        fields = ("id", "code", "name", "kind", "parent", "aliases", "version")
        read_only_fields = fields
