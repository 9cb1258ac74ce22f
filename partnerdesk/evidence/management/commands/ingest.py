"""`partnerdesk ingest PATH... --as USER [--nation AZE] [--marking PUBLIC] [--grading B2]`.

Stores each document and its facts (the same bytes twice are one document), shows a progress
bar on stderr for batches, then a summary: stored, already known, failed with the reasons.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from partnerdesk.core.management.base import PartnerdeskCommand
from partnerdesk.core.markings import Marking
from partnerdesk.evidence.forms import parse_grading
from partnerdesk.evidence.management.inputs import InputError, each, expand
from partnerdesk.evidence.services import BatchInput, IngestOutcome, documents_ingest
from partnerdesk.organisations.models import Organisation

BAR = 30


class Command(PartnerdeskCommand):
    help = "Store documents and their extracted facts; prints stored / already known / failed."
    acts_as_user = True
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("paths", nargs="+", metavar="PATH", help="file, directory or -")
        parser.add_argument("--nation", help="code of the nation the documents are about")
        parser.add_argument("--marking", default=Marking.PUBLIC, choices=Marking.values)
        parser.add_argument("--grading", default="F6", help="Admiralty code, e.g. B2 (default F6)")
        parser.add_argument("--url", help="the URL the document came from (one input only)")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self.actor(options)
        owner = None
        if options["nation"]:
            owner = Organisation.objects.filter(code=options["nation"].upper()).first()
            if owner is None:
                raise CommandError(f"--nation: no organisation with code {options['nation']!r}.")
        try:
            reliability, credibility = parse_grading(options["grading"])
        except ValidationError as exc:
            raise CommandError(f"--grading: {exc.messages[0]}") from exc
        names = expand(options["paths"])
        if options["url"] and len(names) != 1:
            raise CommandError("--url applies to one input only.")
        stdin = options.get("stdin") or sys.stdin.buffer
        outcomes: list[IngestOutcome] = []
        inputs: list[BatchInput] = []
        for name, data in each(options["paths"], stdin):
            source = "<stdin>" if name == "-" else name
            if isinstance(data, InputError):
                outcomes.append(IngestOutcome(source, None, False, data.message))
            else:
                inputs.append(BatchInput(data, source, options["url"]))
        total = len(names)
        batch = total > 1

        def progress(done: int, outcome: IngestOutcome) -> None:
            if batch:
                count = done + len(outcomes)
                filled = BAR * count // total
                self.stderr.write(
                    f"\r[{'#' * filled}{'.' * (BAR - filled)}] {count}/{total}", ending=""
                )

        outcomes.extend(
            documents_ingest(
                actor=actor,
                inputs=inputs,
                owner=owner,
                marking=options["marking"],
                reliability=reliability,
                credibility=credibility,
                progress=progress,
            )
        )
        if batch:
            self.stderr.write("")
        self._report(outcomes, options)
        failed = [o for o in outcomes if o.status == "failed"]
        if failed:
            raise CommandError(
                f"{len(failed)} of {len(outcomes)} document(s) failed.", returncode=1
            )

    def _report(self, outcomes: list[IngestOutcome], options: dict[str, Any]) -> None:
        rows = [
            {
                "source": o.source,
                "status": o.status,
                "document": o.document.pk if o.document else None,
                "facts": o.document.facts.count() if o.document else None,
                "error": o.error or None,
            }
            for o in outcomes
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        counts = {
            s: sum(1 for r in rows if r["status"] == s) for s in ("stored", "known", "failed")
        }
        for row in rows:
            if row["status"] == "failed":
                self.stdout.write(f"failed  {row['source']}: {row['error']}")
            else:
                label = "stored" if row["status"] == "stored" else "known "
                self.stdout.write(
                    f"{label}  {row['source']} → document {row['document']} ({row['facts']} facts)"
                )
        self.stdout.write(
            f"{counts['stored']} stored, {counts['known']} already known, {counts['failed']} failed"
        )
