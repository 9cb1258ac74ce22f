"""`partnerdesk organisations`: list organisations, or the members of a framework on a date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import CommandError, CommandParser

from partnerdesk.core.management.base import PartnerdeskCommand
from partnerdesk.organisations.choices import Framework, OrganisationKind
from partnerdesk.organisations.selectors import members_on, organisation_list


class Command(PartnerdeskCommand):
    help = "List organisations; with --member-of F [--on DATE], the members of F on that date."
    acts_as_user = True

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--kind", choices=OrganisationKind.values)
        parser.add_argument("--member-of", choices=Framework.values)
        parser.add_argument("--on", help="Date YYYY-MM-DD (default today).")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self.actor(options)
        queryset = organisation_list(actor.user, kind=options["kind"])
        if options["member_of"]:
            try:
                day = dt.date.fromisoformat(options["on"]) if options["on"] else dt.date.today()  # noqa: DTZ011
            except ValueError as exc:
                raise CommandError(f"--on: {options['on']!r} is not a date (YYYY-MM-DD).") from exc
            queryset = queryset.filter(pk__in=members_on(day, options["member_of"]).values("pk"))
        rows = [
            {
                "code": o.code,
                "name": o.name,
                "kind": o.kind,
                "parent": o.parent.code if o.parent else "",
            }
            for o in queryset
        ]
        self.emit(rows, ["code", "name", "kind", "parent"], options)
