"""Writing Partnership Goals as CSV or XLSX, in the layout the import reads."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from partnerdesk.core.tabular import write_csv, write_xlsx
from partnerdesk.parp.choices import GOAL_COLUMNS
from partnerdesk.parp.models import PartnershipGoal

FILE_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def goal_rows(goals: Iterable[PartnershipGoal]) -> list[list[Any]]:
    """One row per goal in the import's column order."""
    return [
        [
            goal.code,
            goal.title,
            goal.service,
            "yes" if goal.armed_forces else "no",
            goal.target_date.isoformat() if goal.target_date else "",
            goal.status,
        ]
        for goal in goals
    ]


def export_goals(goals: Iterable[PartnershipGoal], file_type: str) -> bytes:
    """The goals as CSV or XLSX bytes (formulas neutralised by core.tabular)."""
    rows = goal_rows(goals)
    if file_type == "xlsx":
        return write_xlsx(GOAL_COLUMNS, rows, title="Partnership Goals")
    return write_csv(GOAL_COLUMNS, rows)


def export_filename(cycle_label: str, nation_code: str, file_type: str) -> str:
    """A file name such as partnership-goals-AZE-2016-2018.csv."""
    safe = "".join(c if c.isalnum() else "-" for c in f"{nation_code}-{cycle_label}")
    return f"partnership-goals-{safe}.{file_type}"
