"""`partnerdesk pcm`: the Partnership Cooperation Menu and programme lines, as a named user."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from partnerdesk.core.management.base import PartnerdeskCommand
from partnerdesk.pcm import exports, imports, selectors, services
from partnerdesk.pcm.choices import Priority
from partnerdesk.pcm.serializers import ProgrammeLineInputSerializer
from partnerdesk.plans.selectors import plan_get

OPERATIONS = (
    "catalogues",
    "activities",
    "import",
    "export",
    "carry",
    "publish",
    "lines",
    "add-line",
)
HELP = (
    "Partnership Cooperation Menu: catalogues | activities --year Y [--area A] [--format F] "
    "[--organiser CODE] [--q TEXT] [--eligible-for NATION] | import FILE --year Y [--dry-run] | "
    "export --year Y [--format csv|xlsx] [--output PATH] | carry --from Y --to Y2 | "
    "publish --year Y | lines [--plan ID] [--nation CODE] [--year Y] [--objective ID] "
    "[--goal ID] | add-line --plan ID --activity CODE [--priority P] [--objective ID ...] "
    "[--goal ID ...] [--serves TEXT] [--participants N] [--marking M]"
)


class Command(PartnerdeskCommand):
    help = HELP
    acts_as_user = True

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("operation", choices=OPERATIONS)
        parser.add_argument("file", nargs="?", help="import: CSV or XLSX file")
        parser.add_argument("--year", type=int, help="the menu year")
        parser.add_argument("--dry-run", action="store_true", help="import: write nothing")
        parser.add_argument(
            "--format", dest="fmt", help="export: csv (default) or xlsx; activities: a format"
        )
        parser.add_argument("--output", help="export: write to this file (default: stdout, CSV)")
        parser.add_argument("--from", dest="source_year", type=int, help="carry: source year")
        parser.add_argument("--to", dest="target_year", type=int, help="carry: target year")
        parser.add_argument("--area", help="activities, lines: an area code, e.g. CYBER")
        parser.add_argument("--organiser", help="activities: organiser code, e.g. NSO")
        parser.add_argument("--q", help="activities: text in code, title or description")
        parser.add_argument("--eligible-for", dest="eligible_for", help="activities: nation code")
        parser.add_argument("--plan", type=int, help="lines, add-line: plan id")
        parser.add_argument("--nation", help="lines: nation code")
        parser.add_argument(
            "--objective", dest="objectives", type=int, action="append", help="objective id"
        )
        parser.add_argument("--goal", dest="goals", type=int, action="append", help="goal id")
        parser.add_argument("--activity", help="add-line: activity code")
        parser.add_argument("--priority", choices=Priority.values, help="add-line: priority")
        parser.add_argument("--serves", help="add-line: what it serves, when not a record here")
        parser.add_argument("--participants", type=int, help="add-line: planned participants")
        parser.add_argument("--marking", help="add-line: marking (default BILATERAL)")

    def _need(self, options: dict[str, Any], *names: str) -> None:
        labels = {
            "year": "--year",
            "file": "FILE",
            "source_year": "--from",
            "target_year": "--to",
            "plan": "--plan",
            "activity": "--activity",
        }
        for name in names:
            if options.get(name) is None:
                raise CommandError(f"{options['operation']} needs {labels[name]}")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self.actor(options)
        handler = getattr(self, "_" + options["operation"].replace("-", "_"))
        handler(actor, options)

    def _catalogues(self, actor: Any, options: dict[str, Any]) -> None:
        rows = [
            {
                "id": c.pk,
                "year": c.year,
                "title": str(c),
                "status": c.status,
                "published_on": c.published_on,
                "activities": getattr(c, "activity_count", 0),
            }
            for c in selectors.catalogue_list(actor.user)
        ]
        self.emit(rows, ["id", "year", "title", "status", "published_on", "activities"], options)

    def _activities(self, actor: Any, options: dict[str, Any]) -> None:
        self._need(options, "year")
        queryset = selectors.activity_list(
            actor.user,
            year=options["year"],
            area=(options["area"] or "").upper() or None,
            format=(options["fmt"] or "").upper() or None,
            organiser=options["organiser"],
            q=options["q"],
        ).order_by("code")
        if options["eligible_for"]:
            from partnerdesk.organisations.models import Organisation

            nation = Organisation.objects.filter(code__iexact=options["eligible_for"]).first()
            if nation is None:
                raise CommandError(f"--eligible-for: unknown nation {options['eligible_for']!r}")
            queryset = selectors.filter_eligible(queryset, nation.pk)
        rows = [
            {
                "id": a.pk,
                "code": a.code,
                "title": a.title,
                "format": a.format,
                "organiser": a.organiser.code,
                "days": a.duration_days,
                "open_to": ";".join(
                    [*a.eligible_frameworks, *(n.code for n in a.eligible_nations.all())]
                )
                or "all",
            }
            for a in queryset
        ]
        self.emit(rows, ["id", "code", "title", "format", "organiser", "days", "open_to"], options)

    def _import(self, actor: Any, options: dict[str, Any]) -> None:
        self._need(options, "file", "year")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        result = imports.catalogue_import(
            actor=actor,
            year=options["year"],
            content=path.read_bytes(),
            filename=path.name,
            dry_run=options["dry_run"],
        )
        if not result.ok:
            lines = [str(error) for error in result.errors]
            raise CommandError("nothing imported:\n" + "\n".join(lines))
        self.stdout.write(result.summary)

    def _export(self, actor: Any, options: dict[str, Any]) -> None:
        self._need(options, "year")
        fmt = (options["fmt"] or "csv").lower()
        if fmt not in exports.FORMATS:
            raise CommandError("--format: choose csv or xlsx")
        catalogue = selectors.catalogue_for_year(actor.user, options["year"])
        if catalogue is None:
            raise CommandError(f"not found: no catalogue of {options['year']}")
        exported = exports.export_file(actor.user, catalogue, fmt)
        if options["output"]:
            Path(options["output"]).write_bytes(exported.content)
            self.stdout.write(f"wrote {options['output']} ({len(exported.content)} bytes)")
            return
        if fmt == "xlsx":
            raise CommandError("--format xlsx needs --output PATH")
        self.stdout.write(exported.content.decode("utf-8-sig"), ending="")

    def _carry(self, actor: Any, options: dict[str, Any]) -> None:
        self._need(options, "source_year", "target_year")
        copies = services.catalogue_carry_over(
            actor=actor, source_year=options["source_year"], target_year=options["target_year"]
        )
        self.stdout.write(
            f"carried {len(copies)} activities from {options['source_year']} into "
            f"{options['target_year']}"
        )

    def _publish(self, actor: Any, options: dict[str, Any]) -> None:
        self._need(options, "year")
        catalogue = selectors.catalogue_for_year(actor.user, options["year"])
        if catalogue is None:
            raise CommandError(f"not found: no catalogue of {options['year']}")
        catalogue = services.catalogue_publish(
            catalogue, actor=actor, expected_version=catalogue.version
        )
        self.stdout.write(f"published {catalogue} on {catalogue.published_on}")

    def _lines(self, actor: Any, options: dict[str, Any]) -> None:
        queryset = selectors.programme_line_list(
            actor.user,
            plan_id=options["plan"],
            year=options["year"],
            area=(options["area"] or "").upper() or None,
            objective_id=(options["objectives"] or [None])[0],
            goal_id=(options["goals"] or [None])[0],
        )
        if options["nation"]:
            queryset = queryset.filter(owner__code__iexact=options["nation"])
        rows = [
            {
                "id": line.pk,
                "nation": line.owner.code,
                "plan": line.plan_id,
                "activity": line.activity.code,
                "year": line.activity.catalogue.year,
                "priority": line.priority,
                "objectives": ",".join(o.code for o in getattr(line, "visible_objectives", [])),
                "goals": ",".join(g.code for g in getattr(line, "visible_goals", [])),
                "marking": line.marking,
            }
            for line in queryset.order_by("owner__name", "plan", "activity__code")
        ]
        columns = ["id", "nation", "plan", "activity", "year", "priority", "objectives", "goals"]
        self.emit(rows, [*columns, "marking"], options)

    def _add_line(self, actor: Any, options: dict[str, Any]) -> None:
        self._need(options, "plan", "activity")
        plan = plan_get(actor.user, options["plan"])
        activity = (
            selectors.activity_list(actor.user).filter(code=options["activity"].upper()).first()
        )
        if activity is None:
            raise CommandError(f"not found: no activity {options['activity']}")
        data: dict[str, Any] = {"plan": plan.pk, "activity": activity.pk}
        for name, key in (
            ("priority", "priority"),
            ("serves_reference", "serves"),
            ("planned_participants", "participants"),
            ("marking", "marking"),
            ("objectives", "objectives"),
            ("goals", "goals"),
        ):
            if options[key] is not None:
                data[name] = options[key]
        serializer = ProgrammeLineInputSerializer(data=data, context={"user": actor.user})
        if not serializer.is_valid():
            raise ValidationError({k: [str(m) for m in v] for k, v in serializer.errors.items()})
        line = services.programme_line_create(actor=actor, data=dict(serializer.validated_data))
        self.stdout.write(f"added line {line.pk}: {activity.code} in {plan} (version 1)")
