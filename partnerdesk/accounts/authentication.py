"""API authentication by `Authorization: Token <key>`, checked against stored hashes."""

from __future__ import annotations

from typing import Any

from rest_framework import authentication, exceptions

from partnerdesk.accounts.models import ApiToken, hash_token


class HashedTokenAuthentication(authentication.TokenAuthentication):
    """Token authentication where the database holds only SHA-256 hashes of keys."""

    keyword = "Token"

    def authenticate_credentials(self, key: str) -> tuple[Any, ApiToken]:
        token = (
            ApiToken.objects.select_related("user", "user__organisation")
            .filter(key_hash=hash_token(key), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid or revoked token.")
        return token.user, token
