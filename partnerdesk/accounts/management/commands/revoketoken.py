"""`partnerdesk revoketoken USERNAME PREFIX`: revoke a user's token."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from partnerdesk.accounts.selectors import token_list, user_get_by_username
from partnerdesk.accounts.services import token_revoke
from partnerdesk.core.actor import Actor
from partnerdesk.core.management.base import PartnerdeskCommand


class Command(PartnerdeskCommand):
    help = "Revoke the API token of USERNAME whose key starts with PREFIX (or --all)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("prefix", nargs="?", default="")
        parser.add_argument("--all", action="store_true", help="Revoke every token of the user.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_get_by_username(options["username"])
        tokens = token_list(user).filter(revoked_at__isnull=True)
        if not options["all"]:
            if not options["prefix"]:
                raise CommandError("give a token PREFIX or --all")
            tokens = tokens.filter(prefix__startswith=options["prefix"][:10])
        count = 0
        for token in tokens:
            token_revoke(actor=Actor(user=None, source="cli"), token=token)
            count += 1
        if count == 0:
            raise CommandError("no active token matches")
        self.stdout.write(f"revoked {count} token(s)")
