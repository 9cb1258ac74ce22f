"""`partnerdesk occ`: OCC units, evaluations and due re-validations, as a named user.

partnerdesk occ units list --as USER [--json]
partnerdesk occ units show ID --as USER
partnerdesk occ evaluations list --unit ID --as USER [--json]
partnerdesk occ evaluations add --unit ID --level NEL1 --start 2012-06-18 [--end …]
    [--precision DAY] [--outcome PASSED] [--place …] [--monitoring-command LANDCOM] … --as USER
partnerdesk occ due [--days 180] [--today YYYY-MM-DD] --as USER [--json]
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from partnerdesk.core.management.base import PartnerdeskCommand
from partnerdesk.occ import selectors, services
from partnerdesk.occ.serializers import (
    CertificationSerializer,
    EvaluationInputSerializer,
    EvaluationSerializer,
    OccUnitSerializer,
)

EVALUATION_OPTIONS = {
    "level": "SEL1, NEL1, SEL2, NEL2 or REEVAL",
    "start_on": "YYYY-MM-DD (any day of the month or year with --precision MONTH or YEAR)",
    "end_on": "YYYY-MM-DD, only with day precision",
    "precision": "DAY, MONTH or YEAR",
    "outcome": "PENDING, PASSED or FAILED",
    "place": "where",
    "team": "the evaluation team",
    "monitoring_command": "code of the NATO command, e.g. LANDCOM or AIRCOM",
    "observers": "who observed",
    "marking": "defaults to the unit's marking",
    "personnel": "number of personnel",
    "vehicles": "number of vehicles",
    "helicopters": "number of helicopters",
    "note": "free text",
}
OPTION_NAMES = {"start_on": "start", "end_on": "end"}
TOPICS = {"units": ("list", "show"), "evaluations": ("list", "add"), "due": ()}


class Command(PartnerdeskCommand):
    help = (
        "OCC E&F: units list | units show ID | evaluations list --unit ID | "
        "evaluations add --unit ID --level L --start DATE … | due [--days N]"
    )
    acts_as_user = True

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("topic", choices=list(TOPICS))
        parser.add_argument("operation", nargs="?", help="list, show or add")
        parser.add_argument("id", nargs="?", type=int)
        parser.add_argument("--unit", type=int, help="Unit id.")
        parser.add_argument("--days", type=int, help="Due window in days (default 180).")
        parser.add_argument(
            "--today", type=dt.date.fromisoformat, help="Reference day (default: today)."
        )
        parser.add_argument(
            "--earlier-steps-unrecorded",
            action="store_true",
            help="The earlier steps took place but the sources do not record them.",
        )
        parser.add_argument(
            "--source",
            dest="sources",
            action="append",
            type=int,
            metavar="SOURCE_ID",
            help="Cite a source (repeat for several).",
        )
        for name, text in EVALUATION_OPTIONS.items():
            flag = OPTION_NAMES.get(name, name).replace("_", "-")
            parser.add_argument(f"--{flag}", dest=f"field_{name}", help=text)

    def _operation(self, options: dict[str, Any]) -> str:
        topic, operation = options["topic"], options["operation"]
        allowed = TOPICS[topic]
        if not allowed:
            if operation is not None:
                raise CommandError(f"{topic} takes no operation")
            return ""
        if operation not in allowed:
            raise CommandError(f"{topic} needs one of: {', '.join(allowed)}")
        return str(operation)

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self.actor(options)
        user = actor.user
        operation = self._operation(options)
        today = options["today"] or timezone.localdate()
        context = {"user": user, "today": today}
        topic = options["topic"]
        if topic == "due":
            days = options["days"]
            if days is not None and days < 0:
                raise CommandError("--days must be 0 or more")
            due = selectors.certification_due(user, today=today, days=days)
            context["due_days"] = days if days is not None else selectors.due_days_default()
            rows = [dict(r) for r in CertificationSerializer(due, many=True, context=context).data]
            self.emit(rows, ["id", "nation", "unit_name", "status", "validity", "flag"], options)
        elif topic == "units" and operation == "list":
            units = OccUnitSerializer(selectors.occunit_list(user), many=True, context=context)
            rows = [
                {**row, "status": row["state"]["status"]} for row in (dict(r) for r in units.data)
            ]
            self.emit(rows, ["id", "nation", "name", "service", "declared", "status"], options)
        elif topic == "units":
            if options["id"] is None:
                raise CommandError("units show needs ID")
            unit = selectors.occunit_get(user, options["id"])
            data = dict(OccUnitSerializer(unit, context=context).data)
            data["evaluations"] = EvaluationSerializer(
                unit.evaluations.all(), many=True, context=context
            ).data
            self.stdout.write(json.dumps(data, indent=2, default=str, ensure_ascii=False))
        elif operation == "list":
            if options["unit"] is None:
                raise CommandError("evaluations list needs --unit ID")
            listed = selectors.evaluation_list(user, unit_id=options["unit"])
            data = EvaluationSerializer(listed, many=True, context=context).data
            self.emit(
                [dict(r) for r in data], ["id", "level", "dates", "outcome", "place"], options
            )
        else:
            self._add(options, actor, context)

    def _add(self, options: dict[str, Any], actor: Any, context: dict[str, Any]) -> None:
        if options["unit"] is None:
            raise CommandError("evaluations add needs --unit ID")
        data: dict[str, Any] = {
            name: options[f"field_{name}"]
            for name in EVALUATION_OPTIONS
            if options[f"field_{name}"] is not None
        }
        data["unit"] = options["unit"]
        if options["earlier_steps_unrecorded"]:
            data["earlier_steps_unrecorded"] = True
        if options["sources"] is not None:
            data["sources"] = options["sources"]
        serializer = EvaluationInputSerializer(data=data, context=context)
        if not serializer.is_valid():
            raise ValidationError({k: [str(m) for m in v] for k, v in serializer.errors.items()})
        evaluation = services.evaluation_record(actor=actor, data=dict(serializer.validated_data))
        certified = evaluation.certifications_earned.first()
        self.stdout.write(
            f"recorded evaluation {evaluation.pk}: {evaluation.get_level_display()} "
            f"{evaluation.dates_display} ({evaluation.get_outcome_display().lower()})"
            + (f"; certificate valid {certified.validity_display}" if certified else "")
        )
