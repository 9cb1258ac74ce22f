"""`partnerdesk extract PATH... [--json]`: run the extraction pipeline, touch no database.

Prints the contract object per input (a JSON array for several inputs). PATH may be a file, a
directory (walked) or "-" for stdin. A refused input is reported as
{"source": …, "error": {"code": …, "message": …}} and the command exits with status 1 after
printing every result.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnerdesk import extraction
from partnerdesk.evidence.management.inputs import InputError, each
from partnerdesk.extraction.types import DEFAULT_TIMEOUT, ExtractionError


def extract_one(name: str, data: bytes | InputError, timeout: float) -> dict[str, Any]:
    """The contract object for one input, or its error object."""
    source = "<stdin>" if name == "-" else name
    if isinstance(data, InputError):
        return {"source": source, "error": {"code": data.code, "message": data.message}}
    try:
        document, facts = extraction.extract(data, source, timeout=timeout)
    except ExtractionError as exc:
        return {"source": source, "error": {"code": exc.code, "message": exc.message}}
    except Exception as exc:
        message = f"The extractor failed on this document ({type(exc).__name__})."
        return {"source": source, "error": {"code": "internal", "message": message}}
    return extraction.result_json(document, facts)


class Command(BaseCommand):
    help = "Extract clean text and facts from documents (files, directories, - for stdin)."
    requires_system_checks: list[str] = []
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="file, directory or -")
        parser.add_argument("--json", action="store_true", help="print the contract JSON")
        parser.add_argument(
            "--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per document"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stdin = options.get("stdin") or sys.stdin.buffer
        names = list(options["paths"])
        results = [extract_one(n, d, options["timeout"]) for n, d in each(names, stdin)]
        if options["json"]:
            single = len(names) == 1 and len(results) == 1 and not _is_dir(names[0])
            payload: Any = results[0] if single else results
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            for result in results:
                self.stdout.write(_summary(result))
        failed = [r for r in results if "error" in r]
        for result in failed:
            error = result["error"]
            self.stderr.write(f"{result['source']}: [{error['code']}] {error['message']}")
        if failed:
            raise CommandError(
                f"{len(failed)} of {len(results)} document(s) refused.", returncode=1
            )


def _is_dir(name: str) -> bool:
    from pathlib import Path

    return name != "-" and Path(name).is_dir()


def _summary(result: dict[str, Any]) -> str:
    if "error" in result:
        return f"{result['source']}: refused"
    document = result["document"]
    kinds = Counter(f["kind"] for f in result["facts"])
    counts = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "no facts"
    title = document["title"] or "(no title)"
    return (
        f"{document['source']}: {title} — {document['outlet'] or 'unknown outlet'}, "
        f"{document['published'] or 'undated'}; {counts}"
    )
