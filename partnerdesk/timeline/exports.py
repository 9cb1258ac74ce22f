"""The timeline as CSV and JSON, in one column layout."""

from __future__ import annotations

import json
from collections.abc import Sequence

from partnerdesk.core.dates import format_date
from partnerdesk.core.tabular import write_csv
from partnerdesk.core.timeline import TimelineItem

COLUMNS = (
    "date",
    "precision",
    "when",
    "mechanism",
    "kind",
    "title",
    "url",
    "sources",
    "confidence",
)


def entry_row(entry: TimelineItem, base_url: str = "") -> dict[str, str]:
    """One entry as a flat row (sources joined with "; ")."""
    return {
        "date": entry.date.isoformat(),
        "precision": entry.precision,
        "when": format_date(entry.date, entry.precision),
        "mechanism": entry.mechanism,
        "kind": entry.kind,
        "title": entry.title,
        "url": f"{base_url}{entry.url}",
        "sources": "; ".join(entry.source_keys),
        "confidence": entry.confidence,
    }


def timeline_csv(entries: Sequence[TimelineItem], base_url: str = "") -> bytes:
    """CSV with a header row; cells that could run as formulas are neutralised."""
    rows = [entry_row(e, base_url) for e in entries]
    return write_csv(COLUMNS, ([row[c] for c in COLUMNS] for row in rows))


def timeline_json(entries: Sequence[TimelineItem], base_url: str = "") -> bytes:
    """JSON: {"columns": [...], "entries": [{...}, ...]} (UTF-8, stable key order)."""
    document = {"columns": list(COLUMNS), "entries": [entry_row(e, base_url) for e in entries]}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
