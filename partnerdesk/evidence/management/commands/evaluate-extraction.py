"""`partnerdesk evaluate-extraction [--split test|dev] [--json] [--report PATH] [--compare PATH]`.

Scores the extraction pipeline and the installed baselines on the gold set and prints a table
(or the JSON report). With --compare it lists the change of every metric against an accepted
report and exits with status 1 when one fell by more than the accepted run's bootstrap std.
Touches no database; all the work is in `partnerdesk.extraction.evaluate`.
"""

# ruff: noqa: N999 - the command is named evaluate-extraction, as the issue spells it.
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnerdesk.extraction.evaluate import BASELINES, SPLITS, compare, evaluate, format_table


class Command(BaseCommand):
    help = (
        "Measure extraction quality on the gold set (precision, recall, F1 per field, with "
        "baselines); touches no database."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--split", choices=SPLITS, default="test", help="gold split to score (default: test)"
        )
        parser.add_argument("--json", action="store_true", help="print the JSON report")
        parser.add_argument("--report", metavar="PATH", help="also write the JSON report here")
        parser.add_argument(
            "--samples",
            type=int,
            default=1000,
            help="bootstrap resamples for the standard deviations (default: 1000)",
        )
        parser.add_argument("--no-baselines", action="store_true", help="score the pipeline only")
        parser.add_argument(
            "--compare",
            metavar="PATH",
            help="an accepted JSON report of the same split: list changes, exit 1 on regression",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["samples"] < 0:
            raise CommandError("--samples: must be 0 or more.")
        accepted = self.accepted_report(options["compare"]) if options["compare"] else None
        report = evaluate(
            options["split"],
            baselines=() if options["no_baselines"] else tuple(BASELINES),
            samples=options["samples"],
        )
        if accepted is not None:
            try:
                report["comparison"] = compare(report, accepted)
            except ValueError as exc:
                raise CommandError(f"--compare: {exc}.") from exc
        payload = json.dumps(report, ensure_ascii=False, indent=2)
        if options["report"]:
            path = Path(options["report"])
            try:
                path.write_text(payload + "\n", encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"--report: cannot write {path} ({exc.strerror}).") from exc
        if options["json"]:
            self.stdout.write(payload)
        else:
            self.stdout.write(format_table(report))
            if options["report"]:
                self.stdout.write(f"\nJSON report written to {options['report']}")
            for row in report.get("comparison", []):
                flag = "  REGRESSED" if row["regressed"] else ""
                self.stdout.write(
                    f"{row['metric']}: {row['accepted']:.3f} -> {row['current']:.3f}"
                    f" ({row['change']:+.3f}){flag}"
                )
        regressions = [r["metric"] for r in report.get("comparison", []) if r["regressed"]]
        if regressions:
            raise CommandError("regressed against the accepted report: " + ", ".join(regressions))

    def accepted_report(self, path: str) -> dict[str, Any]:
        """The accepted report named by --compare, read before any work is done."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise CommandError(f"--compare: cannot read {path} ({exc.strerror}).") from exc
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"--compare: {path} is not JSON ({exc.msg}, line {exc.lineno})."
            ) from exc
        if not isinstance(data, dict) or "systems" not in data:
            raise CommandError(f"--compare: {path} is not an evaluate-extraction report.")
        return data
