"""`partnerdesk setup`: migrate, load reference data and the demo dataset (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from partnerdesk.core.actor import Actor
from partnerdesk.demo.services import accounts_file, demo_load
from partnerdesk.organisations.services import reference_load


class Command(BaseCommand):
    help = "Migrate the database and load reference and demo data (a second run changes nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-demo", action="store_true", help="Skip the demo dataset.")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("database migrated")
        report = reference_load(actor=Actor.system())
        self.stdout.write(f"reference data: {report.line()}")
        if options["no_demo"]:
            return
        demo = demo_load(actor=Actor.system())
        self.stdout.write(f"demo data: {demo.created} created, {demo.unchanged} unchanged")
        if demo.new_accounts:
            self.stdout.write(
                "demo accounts (username password role organisation) — shown once, kept in "
                f"{accounts_file()}:"
            )
            for line in demo.new_accounts:
                self.stdout.write(f"  {line}")
        else:
            self.stdout.write(f"demo accounts unchanged; passwords are in {accounts_file()}")
