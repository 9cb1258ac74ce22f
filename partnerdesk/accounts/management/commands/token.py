"""`partnerdesk token USERNAME`: print a new API token for that user."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from partnerdesk.accounts.selectors import user_get_by_username
from partnerdesk.accounts.services import token_create
from partnerdesk.core.actor import Actor
from partnerdesk.core.management.base import PartnerdeskCommand


class Command(PartnerdeskCommand):
    help = "Create an API token for USERNAME and print its key (only its hash is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="cli", help="A label to recognise the token by.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_get_by_username(options["username"])
        _, key = token_create(actor=Actor(user=None, source="cli"), user=user, name=options["name"])
        self.stdout.write(key)
