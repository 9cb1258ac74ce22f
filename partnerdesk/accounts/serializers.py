"""API shapes of users."""

from __future__ import annotations

from rest_framework import serializers

from partnerdesk.accounts.models import User


class UserSerializer(serializers.ModelSerializer[User]):
    """A user with role, organisation code and scope (no secrets)."""

    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    assigned_nations = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = User
        fields = (
            "id",
            "username",
            "email",
            "role",
            "organisation",
            "all_nations",
            "assigned_nations",
            "is_active",
        )
        read_only_fields = fields
