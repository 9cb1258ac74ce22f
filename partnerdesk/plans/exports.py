"""Exports of a plan's objectives and commitments (CSV, XLSX) in the import's column layout.

An export holds exactly the rows the user may see, and re-importing it changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from partnerdesk.core.tabular import write_csv, write_xlsx
from partnerdesk.plans.models import Plan
from partnerdesk.plans.selectors import commitment_list, objective_list

OBJECTIVE_COLUMNS = ("chapter_code", "objective_code", "text")
COMMITMENT_COLUMNS = ("objective_code", "text", "agency_code", "due_on", "status")
LISTS: dict[str, tuple[str, ...]] = {
    "objectives": OBJECTIVE_COLUMNS,
    "commitments": COMMITMENT_COLUMNS,
}
FORMATS: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ExportFile:
    """A finished export: bytes, content type and a file name for the download."""

    content: bytes
    content_type: str
    filename: str


def export_rows(user: Any, plan: Plan, kind: str) -> list[list[str]]:
    """The rows of list `kind` ("objectives" or "commitments") of `plan` that `user` may see."""
    if kind == "objectives":
        objectives = objective_list(user, plan_id=plan.pk).order_by(
            "chapter__position", "chapter__code", "position", "code"
        )
        return [[o.chapter.code, o.code, o.text] for o in objectives]
    if kind == "commitments":
        commitments = commitment_list(user, plan_id=plan.pk).order_by(
            "objective__chapter__position",
            "objective__chapter__code",
            "objective__position",
            "objective__code",
            "position",
            "pk",
        )
        return [
            [
                c.objective.code,
                c.text,
                c.agency.code if c.agency else "",
                c.due_on.isoformat() if c.due_on else "",
                c.status,
            ]
            for c in commitments
        ]
    raise ValueError(f"Unknown list {kind!r}; choose objectives or commitments.")


def export_file(user: Any, plan: Plan, kind: str, fmt: str) -> ExportFile:
    """List `kind` of `plan` as a CSV or XLSX file."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; choose csv or xlsx.")
    columns = LISTS.get(kind)
    if columns is None:
        raise ValueError(f"Unknown list {kind!r}; choose objectives or commitments.")
    rows = export_rows(user, plan, kind)
    content = write_csv(columns, rows) if fmt == "csv" else write_xlsx(columns, rows, title=kind)
    return ExportFile(content, FORMATS[fmt], f"plan-{plan.pk}-{kind}.{fmt}")
