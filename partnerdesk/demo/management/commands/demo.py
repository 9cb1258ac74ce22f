"""`partnerdesk demo`: load the demo dataset, or print a summary of what the database holds."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser

from partnerdesk.core.actor import Actor
from partnerdesk.demo.services import accounts_file, demo_load


class Command(BaseCommand):
    help = "Load the demo dataset and demo accounts (idempotent); --summary prints row counts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--summary", action="store_true", help="Only print row counts per model."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["summary"]:
            for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
                if model._meta.app_label in {"contenttypes", "sessions", "auth"}:
                    continue
                self.stdout.write(f"{model._meta.label} {model._default_manager.count()}")
            return
        report = demo_load(actor=Actor.system())
        self.stdout.write(f"demo data: {report.created} created, {report.unchanged} unchanged")
        for line in report.new_accounts:
            self.stdout.write(f"  {line}")
        if report.new_accounts:
            self.stdout.write(f"(kept in {accounts_file()})")
