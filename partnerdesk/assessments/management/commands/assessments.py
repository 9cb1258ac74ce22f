"""`partnerdesk assessments`: assessment rounds from the command line, as a named user.

The same services and the same blind selector as the web pages and the API: before the
reveal, `show`, `analytics` and `export` show only what the user's own side may see.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from partnerdesk.assessments import exports, selectors, services
from partnerdesk.assessments.serializers import (
    AssessmentRoundInputSerializer,
    AssessmentRoundSerializer,
    plan_analytics,
    round_analytics,
)
from partnerdesk.core.actor import Actor
from partnerdesk.core.management.base import PartnerdeskCommand
from partnerdesk.plans.selectors import plan_get

OPERATIONS = [
    "list",
    "show",
    "open",
    "rate",
    "submit",
    "close",
    "analytics",
    "plan-analytics",
    "export",
]
COLUMNS = [
    "id",
    "nation",
    "plan_title",
    "year",
    "status",
    "national_submitted",
    "alliance_submitted",
    "deadline",
    "version",
]


class Command(PartnerdeskCommand):
    help = (
        "Assessment rounds: list | show ID | open --plan ID --year Y --opens-on D --deadline D | "
        "rate ID --objective CODE --level N --rationale TEXT | submit ID | "
        "close ID --expected-version N | analytics ID | plan-analytics --plan ID | "
        "export ID [--format csv|xlsx] [--output F]"
    )
    acts_as_user = True

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("operation", choices=OPERATIONS)
        parser.add_argument("id", nargs="?", type=int, help="The round id.")
        parser.add_argument("--nation", help="list: only this nation (code, e.g. AZE).")
        parser.add_argument("--plan", type=int, help="open, plan-analytics: the plan id.")
        parser.add_argument("--year", type=int, help="open: the assessed year.")
        parser.add_argument("--opens-on", dest="opens_on", help="open: YYYY-MM-DD.")
        parser.add_argument("--deadline", help="open: YYYY-MM-DD.")
        parser.add_argument("--levels", type=int, help="open: number of levels (3 to 10).")
        parser.add_argument("--labels", help='open: level labels separated by "|", lowest first.')
        parser.add_argument("--marking", help="open: PUBLIC, PARTNERS or BILATERAL.")
        parser.add_argument("--note", help="open: a note shown on the round.")
        parser.add_argument("--objective", help="rate: the objective code, e.g. 1.2.")
        parser.add_argument("--level", type=int, help="rate: the level.")
        parser.add_argument("--rationale", help="rate: why this level.")
        parser.add_argument("--side", help="submit: NATIONAL or ALLIANCE (default: yours).")
        parser.add_argument(
            "--expected-version",
            dest="expected_version",
            type=int,
            help="close: the version of the round you read.",
        )
        parser.add_argument(
            "--format", dest="file_format", choices=sorted(exports.FORMATS), default="csv"
        )
        parser.add_argument("--output", help="export: write to this file (needed for xlsx).")

    def _need(self, options: dict[str, Any], *names: str) -> None:
        for name in names:
            if options.get(name) is None:
                label = "ID" if name == "id" else f"--{name.replace('_', '-')}"
                raise CommandError(f"{options['operation']} needs {label}")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self.actor(options)
        operation = options["operation"]
        if operation == "list":
            self._list(actor, options)
        elif operation == "open":
            self._open(actor, options)
        elif operation == "plan-analytics":
            self._need(options, "plan")
            plan = plan_get(actor.user, options["plan"])
            services.reveal_register(
                actor=actor, rounds=list(selectors.round_list(actor.user, plan_id=plan.pk))
            )
            self._print_analytics(plan_analytics(actor.user, plan.pk), options)
        else:
            self._need(options, "id")
            assessment = selectors.round_get(actor.user, options["id"])
            getattr(self, f"_{operation}")(actor, assessment, options)

    def _list(self, actor: Actor, options: dict[str, Any]) -> None:
        rounds = selectors.round_list(actor.user)
        if options.get("nation"):
            rounds = rounds.filter(owner__code__iexact=options["nation"])
        rows = [dict(row) for row in AssessmentRoundSerializer(rounds, many=True).data]
        self.emit(rows, COLUMNS, options)

    def _open(self, actor: Actor, options: dict[str, Any]) -> None:
        self._need(options, "plan", "year", "opens_on", "deadline")
        data: dict[str, Any] = {
            "plan": options["plan"],
            "year": options["year"],
            "opens_on": options["opens_on"],
            "deadline": options["deadline"],
        }
        for name in ("levels", "marking", "note"):
            if options.get(name) is not None:
                data[name] = options[name]
        if options.get("labels"):
            data["level_labels"] = [x.strip() for x in options["labels"].split("|")]
        serializer = AssessmentRoundInputSerializer(data=data, context={"user": actor.user})
        if not serializer.is_valid():
            raise ValidationError({k: [str(m) for m in v] for k, v in serializer.errors.items()})
        assessment = services.round_open(actor=actor, data=dict(serializer.validated_data))
        self.stdout.write(f"opened round {assessment.pk} (version {assessment.version})")

    def _show(self, actor: Actor, assessment: Any, options: dict[str, Any]) -> None:
        board = selectors.rating_board(actor.user, assessment)
        services.reveal_register(actor=actor, rounds=[assessment])
        rows = [
            {
                "chapter": row.objective.chapter.code,
                "objective": row.objective.code,
                "national": row.national.level if row.national else None,
                "alliance": row.alliance.level if row.alliance else None,
                "gap": row.gap,
            }
            for row in board.rows
        ]
        if options.get("json"):
            data = dict(AssessmentRoundSerializer(assessment).data) | {"objectives": rows}
            self.stdout.write(json.dumps(data, indent=2, default=str, ensure_ascii=False))
            return
        state = "revealed" if board.revealed else "blind"
        self.stdout.write(
            f"{assessment} — {assessment.get_status_display()}, ratings {state}; "
            f"national {'submitted' if board.submitted.get('NATIONAL') else 'not submitted'}, "
            f"alliance {'submitted' if board.submitted.get('ALLIANCE') else 'not submitted'}"
        )
        self.emit(rows, ["chapter", "objective", "national", "alliance", "gap"], options)

    def _rate(self, actor: Actor, assessment: Any, options: dict[str, Any]) -> None:
        self._need(options, "objective", "level", "rationale")
        objective = (
            selectors.round_objectives(actor.user, assessment)
            .filter(code=options["objective"])
            .first()
        )
        if objective is None:
            raise ValidationError({"objective": f"No objective {options['objective']} here."})
        changed = services.ratings_save(
            actor=actor,
            assessment=assessment,
            side=None,
            entries=[services.DraftEntry(objective, options["level"], options["rationale"] or "")],
        )
        verb = "saved" if changed else "unchanged"
        self.stdout.write(f"{verb} rating of {objective.code} in round {assessment.pk}")

    def _submit(self, actor: Actor, assessment: Any, options: dict[str, Any]) -> None:
        side = options.get("side") or selectors.rating_board(actor.user, assessment).own_side
        if side is None:
            raise CommandError("not allowed: You do not rate in this assessment round.")
        services.side_submit(actor=actor, assessment=assessment, side=side.upper())
        self.stdout.write(f"submitted the {side.lower()} ratings of round {assessment.pk}")

    def _close(self, actor: Actor, assessment: Any, options: dict[str, Any]) -> None:
        self._need(options, "expected_version")
        closed = services.round_close(
            assessment, actor=actor, expected_version=options["expected_version"]
        )
        self.stdout.write(f"closed round {closed.pk} (version {closed.version})")

    def _analytics(self, actor: Actor, assessment: Any, options: dict[str, Any]) -> None:
        services.reveal_register(actor=actor, rounds=[assessment])
        self._print_analytics(round_analytics(actor.user, assessment), options)

    def _print_analytics(self, data: dict[str, Any], options: dict[str, Any]) -> None:
        if options.get("json"):
            self.stdout.write(json.dumps(data, indent=2, default=str))
            return
        overall = data["overall"]
        if not overall["n"]:
            self.stdout.write(overall["reason"] or "No statistics yet.")
            return
        kappa = "undefined" if overall["kappa"] is None else f"{overall['kappa']:.2f}"
        interval = (
            f" (95% CI {overall['kappa_low']:.2f} to {overall['kappa_high']:.2f})"
            if overall["kappa_low"] is not None
            else ""
        )
        self.stdout.write(
            f"n={overall['n']} exact={overall['exact']:.0%} within-one={overall['within_one']:.0%} "
            f"kappa={kappa}{interval} mean-gap={overall['mean_gap']:+.2f}"
        )
        if overall["reason"]:
            self.stdout.write(overall["reason"])
        for item in data["divergences"]:
            self.stdout.write(
                f"divergent: {item['objective_code']} national {item['national']} "
                f"alliance {item['alliance']}"
            )

    def _export(self, actor: Actor, assessment: Any, options: dict[str, Any]) -> None:
        fmt = options["file_format"]
        board = selectors.rating_board(actor.user, assessment)
        services.reveal_register(actor=actor, rounds=[assessment])
        content, _, filename = exports.render(assessment, board.rows, fmt)
        output = options.get("output")
        if output:
            Path(output).write_bytes(content)
            self.stdout.write(f"wrote {output} ({len(content)} bytes)")
        elif fmt == "xlsx":
            raise CommandError(f"export --format xlsx needs --output (for example {filename})")
        else:
            self.stdout.write(content.decode("utf-8-sig"), ending="")
