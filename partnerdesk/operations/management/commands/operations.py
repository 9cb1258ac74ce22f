"""`partnerdesk operations`: contributions to NATO-led operations, as a named user.

partnerdesk operations list [--nation AZE] [--operation ISAF] [--year-from Y] [--year-to Y] --as U
partnerdesk operations show ID --as USER
partnerdesk operations add --nation AZE --operation RSM --as-of 2015-01-01 --precision YEAR
    --infantry 90 --medical-officers 2 --engineers 2 [--approximate] [--withdrawal] … --as USER
partnerdesk operations update ID --expected-version N [--infantry …] --as USER
partnerdesk operations delete ID --expected-version N --as USER
partnerdesk operations series --nation AZE [--operation RSM] --as USER [--json]
partnerdesk operations missions --as USER [--json]

There is no --total: the total strength is the sum of the categories.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from partnerdesk.core.management.base import PartnerdeskCommand
from partnerdesk.operations import selectors, services
from partnerdesk.operations.serializers import (
    ContributionSnapshotInputSerializer,
    ContributionSnapshotSerializer,
    OperationSerializer,
    OperationSeriesSerializer,
)
from partnerdesk.organisations.models import Organisation

FIELD_OPTIONS = {
    "marking": "PUBLIC, PARTNERS, BILATERAL, ALLIANCE_ONLY or NATIONAL_ONLY",
    "as_of": "YYYY-MM-DD (any day of the month or year with --precision MONTH or YEAR)",
    "as_of_precision": "DAY, MONTH or YEAR",
    "infantry": "infantry / servicemen",
    "medical_officers": "medical officers",
    "engineers": "sappers / engineers",
    "staff_officers": "staff officers",
    "other": "other personnel",
    "framework_nation": "code of the framework or lead nation, e.g. TUR",
    "task": "what the contingent did",
    "legal_basis": "EXCHANGE_OF_LETTERS, PARLIAMENTARY_APPROVAL, GOVERNMENT_DECISION or OTHER",
    "legal_basis_date": "YYYY-MM-DD",
    "legal_basis_precision": "DAY, MONTH or YEAR",
    "notes": "free text",
}
OPTION_NAMES = {"as_of_precision": "precision"}
FLAGS = ("approximate", "withdrawal")
OPERATIONS = ("list", "show", "add", "update", "delete", "series", "missions")
COLUMNS = ["id", "nation", "operation", "date", "total_label", "task", "marking", "version"]


class Command(PartnerdeskCommand):
    help = (
        "Contributions to operations: list | show ID | add | update ID --expected-version N | "
        "delete ID --expected-version N | series --nation AZE | missions"
    )
    acts_as_user = True

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("operation_name", metavar="operation", choices=OPERATIONS)
        parser.add_argument("id", nargs="?", type=int)
        parser.add_argument("--nation", help="Nation code, e.g. AZE.")
        parser.add_argument(
            "--operation", dest="op_codes", action="append", help="Operation code, e.g. RSM."
        )
        parser.add_argument("--year-from", dest="year_from", type=int)
        parser.add_argument("--year-to", dest="year_to", type=int)
        parser.add_argument(
            "--expected-version",
            dest="expected_version",
            type=int,
            help="The version you read (required for update and delete).",
        )
        parser.add_argument(
            "--source",
            dest="sources",
            action="append",
            type=int,
            metavar="SOURCE_ID",
            help="Cite a source (repeat for several).",
        )
        for name, text in FIELD_OPTIONS.items():
            flag = OPTION_NAMES.get(name, name).replace("_", "-")
            parser.add_argument(f"--{flag}", dest=f"field_{name}", help=text)
        for flag in FLAGS:
            parser.add_argument(
                f"--{flag}", dest=f"flag_{flag}", action="store_true", help=f"Set {flag}."
            )

    # -- helpers --------------------------------------------------------------------------

    def _nation(self, options: dict[str, Any], *, required: bool) -> Organisation | None:
        code = options.get("nation")
        if not code:
            if required:
                raise CommandError(f"{options['operation_name']} needs --nation CODE")
            return None
        nation = Organisation.objects.filter(code__iexact=code).first()
        if nation is None:
            raise CommandError(f"--nation: no organisation with the code {code!r}")
        return nation

    def _operation_ids(self, options: dict[str, Any], user: Any) -> list[int] | None:
        codes = [c.upper() for c in options.get("op_codes") or []]
        if not codes:
            return None
        known = dict(
            selectors.operation_list(user).filter(code__in=codes).values_list("code", "pk")
        )
        missing = sorted(set(codes) - set(known))
        if missing:
            raise CommandError(f"--operation: no operation with the code {', '.join(missing)}")
        return sorted(known.values())

    def _need(self, options: dict[str, Any], *names: str) -> None:
        for name in names:
            if options.get(name) is None:
                label = "ID" if name == "id" else "--expected-version"
                raise CommandError(f"{options['operation_name']} needs {label}")

    def _data(self, options: dict[str, Any]) -> dict[str, Any]:
        data: dict[str, Any] = {
            name: options[f"field_{name}"]
            for name in FIELD_OPTIONS
            if options[f"field_{name}"] is not None
        }
        for flag in FLAGS:
            if options[f"flag_{flag}"]:
                data[flag] = True
        if options.get("nation"):
            data["nation"] = options["nation"].upper()
        codes = options.get("op_codes") or []
        if len(codes) > 1:
            raise CommandError("give one --operation for add and update")
        if codes:
            data["operation"] = codes[0].upper()
        if options["sources"] is not None:
            data["sources"] = options["sources"]
        return data

    def _validated(
        self, data: dict[str, Any], context: dict[str, Any], instance: Any = None
    ) -> dict[str, Any]:
        serializer = ContributionSnapshotInputSerializer(
            instance, data=data, partial=instance is not None, context=context
        )
        if not serializer.is_valid():
            raise ValidationError({k: [str(m) for m in v] for k, v in serializer.errors.items()})
        return dict(serializer.validated_data)

    # -- the operations -------------------------------------------------------------------

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self.actor(options)
        user = actor.user
        context = {"user": user}
        name = options["operation_name"]
        if name == "list":
            nation = self._nation(options, required=False)
            listed = selectors.contribution_list(
                user,
                nation_id=nation.pk if nation else None,
                operation_ids=self._operation_ids(options, user),
                year_from=options["year_from"],
                year_to=options["year_to"],
            ).order_by("owner__name", "as_of", "operation__code", "pk")
            rows = [dict(r) for r in ContributionSnapshotSerializer(listed, many=True).data]
            self.emit(rows, COLUMNS, options)
        elif name == "missions":
            missions = OperationSerializer(selectors.operation_list(user), many=True).data
            self.emit([dict(r) for r in missions], ["id", "code", "name", "mandate"], options)
        elif name == "series":
            self._series(options, user)
        elif name == "add":
            data = self._validated(self._data(options), context)
            created = services.contribution_create(actor=actor, data=data)
            self.stdout.write(
                f"recorded contribution {created.pk}: {created} (version {created.version})"
            )
        else:
            self._need(options, "id")
            self._one(name, options, actor, context)

    def _one(self, name: str, options: dict[str, Any], actor: Any, context: dict[str, Any]) -> None:
        user = actor.user
        if name == "show":
            row = selectors.contribution_get(user, options["id"])
            shown = ContributionSnapshotSerializer(row).data
            self.stdout.write(json.dumps(shown, indent=2, default=str, ensure_ascii=False))
            return
        self._need(options, "expected_version")
        row = selectors.contribution_get_for_change(user, options["id"])
        if name == "update":
            data = self._validated(self._data(options), context, instance=row)
            row = services.contribution_update(
                row, actor=actor, expected_version=options["expected_version"], data=data
            )
            self.stdout.write(f"updated contribution {row.pk}: {row} (version {row.version})")
        else:
            services.contribution_delete(
                row, actor=actor, expected_version=options["expected_version"]
            )
            self.stdout.write(f"deleted contribution {options['id']}")

    def _series(self, options: dict[str, Any], user: Any) -> None:
        nation = self._nation(options, required=True)
        if nation is None:  # _nation raised already; keeps the type checker informed
            raise CommandError("series needs --nation CODE")
        series = selectors.strength_series(user, nation.pk, self._operation_ids(options, user))
        if options.get("json"):
            shown = OperationSeriesSerializer(series, many=True).data
            self.stdout.write(json.dumps(shown, indent=2, default=str, ensure_ascii=False))
            return
        rows = [
            {
                "operation": item.code,
                "date": point.date_display,
                "total": point.label,
                "sources": " ".join(point.source_keys),
            }
            for item in series
            for point in item.points
        ]
        self.emit(rows, ["operation", "date", "total", "sources"], options)
