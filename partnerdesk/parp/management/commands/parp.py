"""`partnerdesk parp`: PARP cycles, Partnership Goals and the goal series, as a named user."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from partnerdesk.core.management.base import PartnerdeskCommand
from partnerdesk.organisations.models import Organisation
from partnerdesk.parp import exports, imports, selectors, services
from partnerdesk.parp.choices import SERVICE_SHORT, ParpStep
from partnerdesk.parp.serializers import ParpCycleSerializer, PartnershipGoalSerializer

OPERATIONS = {
    "cycles": ("list", "show", "transition"),
    "goals": ("list", "import", "export"),
    "series": ("show",),
}
CYCLE_COLUMNS = [
    "id",
    "nation",
    "label",
    "step",
    "goal_count",
    "armed_forces_goal_count",
    "version",
]
GOAL_COLUMNS = ["id", "nation", "cycle_label", "code", "service", "armed_forces", "status", "title"]


class Command(PartnerdeskCommand):
    help = (
        "PARP: cycles list [--nation AZE] | cycles show ID | cycles transition ID --to STEP "
        "--expected-version N | goals list [--cycle ID] | goals import CYCLE_ID --file PATH "
        "[--dry-run] | goals export CYCLE_ID [--file PATH] [--file-type csv|xlsx] | "
        "series --nation AZE"
    )
    acts_as_user = True

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("entity", choices=sorted(OPERATIONS))
        parser.add_argument("operation", nargs="?", default=None)
        parser.add_argument("id", nargs="?", type=int)
        parser.add_argument("--nation", help="Nation code, e.g. AZE.")
        parser.add_argument("--cycle", type=int, help="Only the goals of this cycle.")
        parser.add_argument(
            "--to", dest="target", help=f"The step to move to: {', '.join(ParpStep.values)}."
        )
        parser.add_argument(
            "--expected-version", dest="expected_version", type=int, help="The version you read."
        )
        parser.add_argument("--file", help="File to import from or export to.")
        parser.add_argument("--file-type", dest="file_type", choices=sorted(exports.FILE_TYPES))
        parser.add_argument(
            "--dry-run", dest="dry_run", action="store_true", help="Check only; write nothing."
        )

    def _need(self, options: dict[str, Any], name: str, label: str) -> Any:
        if options.get(name) in (None, ""):
            raise CommandError(f"{options['entity']} {options['operation']} needs {label}")
        return options[name]

    def _nation(self, code: str) -> Organisation:
        nation = Organisation.objects.filter(code__iexact=code).first()
        if nation is None:
            raise CommandError(f"--nation: unknown nation code {code!r}.")
        return nation

    def handle(self, *args: Any, **options: Any) -> None:
        entity = options["entity"]
        operation = options["operation"] or OPERATIONS[entity][0]
        options["operation"] = operation
        if operation not in OPERATIONS[entity]:
            raise CommandError(
                f"{entity}: unknown operation {operation!r}; use {', '.join(OPERATIONS[entity])}."
            )
        getattr(self, f"_{entity}_{operation}")(options)

    # -- cycles ---------------------------------------------------------------------------

    def _cycles_list(self, options: dict[str, Any]) -> None:
        user = self.actor(options).user
        nation_id = self._nation(options["nation"]).pk if options["nation"] else None
        cycles = selectors.cycle_list_with_counts(user, nation_id=nation_id)
        rows = [dict(r) for r in ParpCycleSerializer(cycles, many=True).data]
        self.emit(rows, CYCLE_COLUMNS, options)

    def _cycles_show(self, options: dict[str, Any]) -> None:
        user = self.actor(options).user
        pk = self._need(options, "id", "ID")
        cycle = selectors.cycle_get_with_counts(user, pk)
        self.stdout.write(json.dumps(ParpCycleSerializer(cycle).data, indent=2, default=str))

    def _cycles_transition(self, options: dict[str, Any]) -> None:
        actor = self.actor(options)
        pk = self._need(options, "id", "ID")
        target = self._need(options, "target", "--to STEP")
        expected = self._need(options, "expected_version", "--expected-version")
        cycle = selectors.cycle_get_for_change(actor.user, pk)
        moved = services.cycle_transition(
            cycle, actor=actor, expected_version=expected, target=target.upper()
        )
        self.stdout.write(
            f"{moved} of {moved.owner.code} is now at {moved.step} (version {moved.version})"
        )

    # -- goals ----------------------------------------------------------------------------

    def _goals_list(self, options: dict[str, Any]) -> None:
        user = self.actor(options).user
        nation_id = self._nation(options["nation"]).pk if options["nation"] else None
        cycle_id = options["cycle"] or options["id"]
        goals = selectors.goal_list(user, nation_id=nation_id, cycle_id=cycle_id).order_by(
            "owner__name", "cycle__start_year", "code"
        )
        rows = [dict(r) for r in PartnershipGoalSerializer(goals, many=True).data]
        self.emit(rows, GOAL_COLUMNS, options)

    def _goals_import(self, options: dict[str, Any]) -> None:
        actor = self.actor(options)
        pk = self._need(options, "id", "CYCLE_ID")
        path = Path(self._need(options, "file", "--file PATH"))
        cycle = selectors.cycle_get_for_change(actor.user, pk)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"--file: cannot read {path} ({exc.strerror}).") from exc
        parsed = imports.parse_goal_table(data, path.name)
        try:
            if parsed.errors:
                raise services.ImportRejected(parsed.errors)
            result = services.goal_import(
                actor=actor, cycle=cycle, rows=parsed.rows, dry_run=options["dry_run"]
            )
        except services.ImportRejected as exc:
            lines = "\n".join(str(e) for e in exc.errors)
            raise CommandError(f"{exc}\n{lines}") from exc
        verb = "would import" if result.dry_run else "imported"
        self.stdout.write(
            f"{verb}: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged"
        )

    def _goals_export(self, options: dict[str, Any]) -> None:
        user = self.actor(options).user
        pk = self._need(options, "id", "CYCLE_ID")
        cycle = selectors.cycle_get(user, pk)
        path = Path(options["file"]) if options["file"] else None
        file_type = options["file_type"] or (
            "xlsx" if path is not None and path.suffix.lower() == ".xlsx" else "csv"
        )
        goals = selectors.goal_list(user, cycle_id=cycle.pk).order_by("code")
        data = exports.export_goals(goals, file_type)
        if path is None:
            if file_type != "csv":
                raise CommandError("goals export needs --file PATH for xlsx.")
            self.stdout.write(data.decode("utf-8-sig"), ending="")
            return
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"--file: cannot write {path} ({exc.strerror}).") from exc
        self.stdout.write(f"exported {goals.count()} goal(s) of {cycle} to {path}")

    # -- series ---------------------------------------------------------------------------

    def _series_show(self, options: dict[str, Any]) -> None:
        user = self.actor(options).user
        nation = self._nation(self._need(options, "nation", "--nation CODE"))
        rows = [
            {
                "cycle": point.label,
                "goals": point.total,
                "armed_forces": "not recorded"
                if point.armed_forces is None
                else point.armed_forces,
                "by_service": ", ".join(
                    f"{SERVICE_SHORT[s]} {n}" for s, n in point.totals.by_service.items()
                ),
                "armed_forces_by_service": ""
                if point.armed_forces is None
                else ", ".join(
                    f"{SERVICE_SHORT[s]} {n}"
                    for s, n in point.totals.armed_forces_by_service.items()
                ),
            }
            for point in selectors.goal_series(user, nation.pk)
        ]
        self.emit(
            rows,
            ["cycle", "goals", "armed_forces", "by_service", "armed_forces_by_service"],
            options,
        )
