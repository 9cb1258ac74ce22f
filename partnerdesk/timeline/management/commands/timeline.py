"""`partnerdesk timeline`: a nation's chronology and its milestones, as a named user."""

from __future__ import annotations

import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from partnerdesk.core.dates import format_date
from partnerdesk.core.management.base import PartnerdeskCommand
from partnerdesk.core.timeline import timeline_mechanisms
from partnerdesk.organisations.selectors import partner_states
from partnerdesk.timeline import exports, selectors, services
from partnerdesk.timeline.serializers import MilestoneInputSerializer, MilestoneSerializer

MILESTONE_COLUMNS = ["id", "nation", "when", "category", "title", "marking", "version"]


class Command(PartnerdeskCommand):
    help = (
        "The relationship timeline: show --nation CODE [--mechanism M …] [--from Y] [--to Y] "
        "[--format table|csv|json] | milestones [--nation CODE] | add --nation CODE --date "
        "YYYY-MM-DD --precision YEAR|MONTH|DAY --title T [--category C] [--marking M] "
        "[--source ID …] | delete ID --expected-version N"
    )
    acts_as_user = True

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("operation", choices=["show", "milestones", "add", "delete"])
        parser.add_argument("id", nargs="?", type=int)
        parser.add_argument("--nation", help="Nation code, e.g. AZE.")
        parser.add_argument(
            "--mechanism",
            action="append",
            default=[],
            help="Only these mechanisms (repeat): "
            + ", ".join(code for code, _ in timeline_mechanisms()),
        )
        parser.add_argument("--from", dest="year_from", type=int, help="First year.")
        parser.add_argument("--to", dest="year_to", type=int, help="Last year.")
        parser.add_argument("--format", choices=["table", "csv", "json"], default="table")
        parser.add_argument("--date", help="YYYY-MM-DD (any day of the year or month).")
        parser.add_argument("--precision", default="DAY", help="YEAR, MONTH or DAY.")
        parser.add_argument("--title")
        parser.add_argument("--description", default="")
        parser.add_argument("--category", default="COOPERATION")
        parser.add_argument("--marking", default="BILATERAL")
        parser.add_argument("--source", dest="sources", action="append", type=int, default=[])
        parser.add_argument("--expected-version", dest="expected_version", type=int)

    def _nation_id(self, user: Any, code: str | None, *, required: bool) -> int | None:
        if not code:
            if user.nation_id is not None:
                return int(user.nation_id)
            if required:
                raise CommandError("--nation CODE is required.")
            return None
        nation = partner_states(user).filter(code=code.upper()).first()
        if nation is None:
            raise CommandError(f"--nation: no partner nation with the code {code!r}.")
        return int(nation.pk)

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self.actor(options)
        user = actor.user
        operation = options["operation"]
        if operation == "show":
            known = {code for code, _ in timeline_mechanisms()}
            unknown = [m for m in options["mechanism"] if m not in known]
            if unknown:
                raise CommandError(f"--mechanism: unknown {', '.join(unknown)}.")
            entries = selectors.timeline(
                user,
                nation_id=self._nation_id(user, options["nation"], required=True),
                mechanisms=options["mechanism"] or None,
                year_from=options["year_from"],
                year_to=options["year_to"],
            )
            fmt = "json" if options["json"] else options["format"]
            if fmt == "csv":
                sys.stdout.buffer.write(exports.timeline_csv(entries))
            elif fmt == "json":
                self.stdout.write(exports.timeline_json(entries).decode("utf-8"))
            else:
                rows = [
                    {
                        "when": format_date(e.date, e.precision),
                        "mechanism": e.mechanism,
                        "title": e.title,
                        "sources": ",".join(e.source_keys),
                        "confidence": e.confidence,
                    }
                    for e in entries
                ]
                self.emit(rows, ["when", "mechanism", "title", "sources", "confidence"], options)
            return
        if operation == "milestones":
            nation_id = self._nation_id(user, options["nation"], required=False)
            listed = MilestoneSerializer(
                selectors.milestone_list(user, nation_id=nation_id), many=True
            ).data
            self.emit([dict(r) for r in listed], MILESTONE_COLUMNS, options)
            return
        if operation == "add":
            data: dict[str, Any] = {
                "nation": options["nation"],
                "date": options["date"],
                "precision": options["precision"],
                "title": options["title"],
                "description": options["description"],
                "category": options["category"],
                "marking": options["marking"],
                "sources": options["sources"],
            }
            serializer = MilestoneInputSerializer(data=data)
            if not serializer.is_valid():
                raise ValidationError(
                    {k: [str(m) for m in v] for k, v in serializer.errors.items()}
                )
            milestone = services.milestone_create(actor=actor, data=dict(serializer.validated_data))
            self.stdout.write(f"created milestone {milestone.pk} ({milestone})")
            return
        if options["id"] is None or options["expected_version"] is None:
            raise CommandError("delete needs ID and --expected-version")
        milestone = selectors.milestone_get_for_change(user, options["id"])
        services.milestone_delete(
            milestone, actor=actor, expected_version=options["expected_version"]
        )
        self.stdout.write(f"deleted milestone {options['id']}")
