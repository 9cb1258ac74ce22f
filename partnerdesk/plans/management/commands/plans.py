"""`partnerdesk plans`: cooperation plans from the command line, as a named user."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from partnerdesk.core.management.base import PartnerdeskCommand
from partnerdesk.plans import exports, imports, selectors, services
from partnerdesk.plans.serializers import (
    CommitmentSerializer,
    ObjectiveSerializer,
    PlanComparisonSerializer,
    PlanDecisionSerializer,
    PlanInputSerializer,
    PlanSerializer,
)

OPERATIONS = ("list", "show", "create", "transition", "carry-over", "compare", "import", "export")
CREATE_OPTIONS = {
    "nation": "nation code, e.g. AZE (list: show only this nation)",
    "plan_type": "IPAP, IPCP, ITPP or ANP",
    "title": "title",
    "marking": "PUBLIC, PARTNERS, BILATERAL, ALLIANCE_ONLY or NATIONAL_ONLY",
    "start_year": "first year (the period then lasts two years, one for an ANP)",
    "period_start": "YYYY-MM-DD (instead of --start-year)",
    "period_end": "YYYY-MM-DD (default: end of the standard period)",
    "predecessor": "id of the plan this one follows",
    "summary": "free text",
}
LIST_COLUMNS = ["id", "nation", "plan_type", "title", "period_start", "period_end", "status"]
LIST_COLUMNS += ["marking", "version"]


class Command(PartnerdeskCommand):
    help = (
        "Cooperation plans: list | show ID | create | transition ID --status S "
        "--expected-version N | carry-over ID --from ID | compare ID --with ID | "
        "import ID --list objectives|commitments --file PATH [--dry-run] | "
        "export ID --list objectives|commitments [--format csv|xlsx] [--output PATH]"
    )
    acts_as_user = True

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("operation", choices=OPERATIONS)
        parser.add_argument("id", nargs="?", type=int, help="The plan's id.")
        parser.add_argument("--status", help="transition: the status to move to")
        parser.add_argument(
            "--expected-version", dest="expected_version", type=int, help="The version you read."
        )
        parser.add_argument("--from", dest="from_plan", type=int, help="carry-over: earlier plan")
        parser.add_argument("--with", dest="with_plan", type=int, help="compare: the other plan")
        parser.add_argument("--list", dest="list", choices=sorted(exports.LISTS))
        parser.add_argument("--file", help="import: CSV or XLSX file")
        parser.add_argument("--dry-run", action="store_true", help="import: write nothing")
        parser.add_argument("--format", dest="fmt", choices=sorted(exports.FORMATS), default="csv")
        parser.add_argument("--output", help="export: write to this file (default: stdout, CSV)")
        parser.add_argument(
            "--source",
            dest="sources",
            action="append",
            type=int,
            metavar="SOURCE_ID",
            help="create: cite a source (repeat for several).",
        )
        for name, text in CREATE_OPTIONS.items():
            parser.add_argument(f"--{name.replace('_', '-')}", dest=f"field_{name}", help=text)

    def _need(self, options: dict[str, Any], *names: str) -> None:
        labels = {
            "id": "ID",
            "expected_version": "--expected-version",
            "status": "--status",
            "from_plan": "--from",
            "with_plan": "--with",
            "list": "--list",
            "file": "--file",
        }
        for name in names:
            if options.get(name) is None:
                raise CommandError(f"{options['operation']} needs {labels[name]}")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self.actor(options)
        user = actor.user
        operation = options["operation"]
        if operation == "list":
            plans = selectors.plan_list(user)
            if options["field_nation"]:
                plans = plans.filter(owner__code__iexact=options["field_nation"])
            rows = [dict(row) for row in PlanSerializer(plans, many=True).data]
            self.emit(rows, LIST_COLUMNS, options)
            return
        if operation == "create":
            data = {
                name: options[f"field_{name}"]
                for name in CREATE_OPTIONS
                if options[f"field_{name}"] is not None
            }
            if options["sources"] is not None:
                data["sources"] = options["sources"]
            serializer = PlanInputSerializer(data=data, context={"user": user})
            if not serializer.is_valid():
                raise ValidationError(
                    {k: [str(m) for m in v] for k, v in serializer.errors.items()}
                )
            plan = services.plan_create(actor=actor, data=dict(serializer.validated_data))
            self.stdout.write(
                f"created plan {plan.pk} ({plan.period_start.year}–{plan.period_end.year}, "
                f"{plan.chapters.count()} chapters, version {plan.version})"
            )
            return
        self._need(options, "id")
        handler = getattr(self, f"_{operation.replace('-', '_')}")
        handler(actor, options)

    def _show(self, actor: Any, options: dict[str, Any]) -> None:
        user = actor.user
        plan = selectors.plan_get(user, options["id"])
        data = dict(PlanSerializer(plan).data)
        data["decisions"] = PlanDecisionSerializer(
            selectors.decision_list(user, plan_id=plan.pk), many=True
        ).data
        data["chapters"] = [
            {
                "code": chapter.code,
                "title": chapter.title,
                "objectives": [
                    dict(ObjectiveSerializer(o).data)
                    | {
                        "commitments": CommitmentSerializer(
                            o.visible_commitments,  # type: ignore[attr-defined]
                            many=True,
                        ).data
                    }
                    for o in objectives
                ],
            }
            for chapter, objectives in selectors.plan_contents(user, plan)
        ]
        self.stdout.write(json.dumps(data, indent=2, default=str, ensure_ascii=False))

    def _transition(self, actor: Any, options: dict[str, Any]) -> None:
        self._need(options, "status", "expected_version")
        plan = selectors.plan_get_for_change(actor.user, options["id"])
        plan = services.plan_transition(
            plan,
            actor=actor,
            expected_version=options["expected_version"],
            target=options["status"].upper(),
        )
        self.stdout.write(f"plan {plan.pk} is now {plan.status} (version {plan.version})")

    def _carry_over(self, actor: Any, options: dict[str, Any]) -> None:
        self._need(options, "from_plan")
        target = selectors.plan_get_for_change(actor.user, options["id"])
        source = selectors.plan_get(actor.user, options["from_plan"])
        copies = services.plan_carry_over(source, target, actor=actor)
        for copy in copies:
            self.stdout.write(f"carried {copy.code}: {copy.text[:70]}")
        self.stdout.write(f"{len(copies)} objective(s) carried over into plan {target.pk}")

    def _compare(self, actor: Any, options: dict[str, Any]) -> None:
        self._need(options, "with_plan")
        plan = selectors.plan_get(actor.user, options["id"])
        other = selectors.plan_get(actor.user, options["with_plan"])
        older, newer = sorted((plan, other), key=lambda p: (p.period_start, p.pk))
        comparison = selectors.plan_compare(actor.user, older, newer)
        if options.get("json"):
            data = PlanComparisonSerializer(comparison).data
            self.stdout.write(json.dumps(data, indent=2, default=str, ensure_ascii=False))
            return
        rows: list[dict[str, Any]] = []
        for kind, matches in (("carried", comparison.carried), ("reworded", comparison.reworded)):
            rows += [
                {
                    "change": kind,
                    "old": m.old.code,
                    "new": m.new.code,
                    "ratio": f"{m.ratio:.2f}",
                    "text": m.new.text[:60],
                }
                for m in matches
            ]
        rows += [{"change": "added", "new": o.code, "text": o.text[:60]} for o in comparison.added]
        rows += [
            {"change": "dropped", "old": o.code, "text": o.text[:60]} for o in comparison.dropped
        ]
        self.emit(rows, ["change", "old", "new", "ratio", "text"], options)

    def _import(self, actor: Any, options: dict[str, Any]) -> None:
        self._need(options, "list", "file")
        plan = selectors.plan_get_for_change(actor.user, options["id"])
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"--file: cannot read {path} ({exc.strerror}).") from exc
        result = imports.plan_import(
            plan,
            actor=actor,
            kind=options["list"],
            content=content,
            filename=path.name,
            dry_run=options["dry_run"],
        )
        if not result.ok:
            raise CommandError(
                "nothing imported:\n" + "\n".join(str(error) for error in result.errors)
            )
        rows = [
            {
                "row": r.row,
                "action": r.action,
                "key": r.key,
                "changes": ",".join(r.changes),
                "text": r.text[:60],
            }
            for r in result.rows
        ]
        self.emit(rows, ["row", "action", "key", "changes", "text"], options)
        prefix = "dry run: " if result.dry_run else ""
        self.stdout.write(prefix + result.summary)

    def _export(self, actor: Any, options: dict[str, Any]) -> None:
        self._need(options, "list")
        plan = selectors.plan_get(actor.user, options["id"])
        exported = exports.export_file(actor.user, plan, options["list"], options["fmt"])
        if options["output"]:
            Path(options["output"]).write_bytes(exported.content)
            self.stdout.write(f"wrote {options['output']} ({len(exported.content)} bytes)")
            return
        if options["fmt"] != "csv":
            raise CommandError("--output is needed for XLSX.")
        self.stdout.write(exported.content.decode("utf-8-sig"), ending="")
