"""`partnerdesk changes --as USER`: the change log as that user may see it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from partnerdesk.core.management.base import PartnerdeskCommand
from partnerdesk.core.selectors import change_records_visible


class Command(PartnerdeskCommand):
    help = "List the newest change-log rows USER may see."
    acts_as_user = True

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--limit", type=int, default=50)
        parser.add_argument("--source", choices=["web", "api", "cli", "import", "admin", "system"])

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self.actor(options)
        records = change_records_visible(actor.user)
        if options["source"]:
            records = records.filter(source=options["source"])
        rows = [
            {
                "id": r.pk,
                "when": r.timestamp.isoformat(timespec="seconds"),
                "who": r.actor_label,
                "via": r.source,
                "action": r.action,
                "object": r.object_repr,
                "fields": ",".join(r.changed_fields),
            }
            for r in records[: max(1, options["limit"])]
        ]
        self.emit(rows, ["id", "when", "who", "via", "action", "object", "fields"], options)
