"""Export of a year's menu (CSV, XLSX) in exactly the layout the import reads.

Re-importing an export changes nothing. Formula-like cells are neutralised by the writers of
`core.tabular` (and the import removes that guard again).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from partnerdesk.core.tabular import write_csv, write_xlsx
from partnerdesk.pcm.models import Catalogue
from partnerdesk.pcm.selectors import activity_list

COLUMNS = (
    "code",
    "title",
    "description",
    "area",
    "format",
    "organiser",
    "language",
    "duration_days",
    "eligible_frameworks",
    "eligible_nations",
    "carried_from",
)
FORMATS: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SEPARATOR = ";"


@dataclass(frozen=True)
class ExportFile:
    """A finished export: bytes, content type and a file name for the download."""

    content: bytes
    content_type: str
    filename: str


def export_rows(user: Any, catalogue: Catalogue) -> list[list[str]]:
    """The catalogue's activities `user` may read, one row each in `COLUMNS` order (by code)."""
    return [
        [
            activity.code,
            activity.title,
            activity.description,
            activity.area,
            activity.format,
            activity.organiser.code,
            activity.language,
            str(activity.duration_days),
            SEPARATOR.join(sorted(activity.eligible_frameworks)),
            SEPARATOR.join(sorted(n.code for n in activity.eligible_nations.all())),
            activity.carried_from.code if activity.carried_from else "",
        ]
        for activity in activity_list(user, catalogue_id=catalogue.pk).order_by("code")
    ]


def export_file(user: Any, catalogue: Catalogue, fmt: str) -> ExportFile:
    """The catalogue as a CSV or XLSX file; ValueError for another format."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; choose csv or xlsx.")
    rows = export_rows(user, catalogue)
    title = f"pcm-{catalogue.year}"
    content = write_csv(COLUMNS, rows) if fmt == "csv" else write_xlsx(COLUMNS, rows, title=title)
    return ExportFile(content, FORMATS[fmt], f"{title}.{fmt}")
