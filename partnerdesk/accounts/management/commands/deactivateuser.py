"""`partnerdesk deactivateuser USERNAME`: deactivate a user."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from partnerdesk.accounts.selectors import user_get_by_username
from partnerdesk.accounts.services import user_set_active
from partnerdesk.core.actor import Actor
from partnerdesk.core.management.base import PartnerdeskCommand


class Command(PartnerdeskCommand):
    help = "Deactivate USERNAME (or reactivate with --activate); their tokens stop working."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--activate", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_get_by_username(options["username"])
        user_set_active(actor=Actor(user=None, source="cli"), user=user, active=options["activate"])
        self.stdout.write(f"{user.username} is now {'active' if user.is_active else 'deactivated'}")
