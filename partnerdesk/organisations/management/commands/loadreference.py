"""`partnerdesk loadreference`: load organisations, memberships and sources (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from partnerdesk.core.actor import Actor
from partnerdesk.organisations.services import reference_load


class Command(BaseCommand):
    help = "Load organisations, memberships and sources from the project's data files."

    def handle(self, *args: Any, **options: Any) -> None:
        report = reference_load(actor=Actor.system())
        self.stdout.write(f"reference data: {report.line()}")
