"""Parsing a table of Partnership Goals (CSV or XLSX) into goal values, with row/column errors.

The parser only reads and converts cells; `services.goal_import` checks the meaning and writes
all rows or none. Columns: code, title, service, armed_forces (yes/no), target_date, status.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from partnerdesk.core.tabular import TableError, read_table
from partnerdesk.parp.choices import GOAL_COLUMNS, GoalStatus, Service

REQUIRED_COLUMNS = ("code", "title", "service", "armed_forces")
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


@dataclass
class ParsedGoals:
    """Rows as (row number, goal values) and the errors found while reading them."""

    rows: list[tuple[int, dict[str, Any]]]
    errors: list[TableError]


def _cell(value: str) -> str:
    """Undo the export's formula guard: a leading apostrophe before =, +, - or @ goes."""
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@":
        return value[1:]
    return value


def _choice(value: str, choices: list[tuple[str, str]]) -> str | None:
    """Match a code (any case) or a label (any case) to a choice code."""
    wanted = value.strip().lower()
    for code, label in choices:
        if wanted in (code.lower(), label.lower()):
            return code
    return None


def _date(value: str) -> dt.date | None:
    text = value.strip()
    if "T" in text:  # XLSX dates arrive as ISO date-times
        text = text.split("T", 1)[0]
    return dt.date.fromisoformat(text)


def parse_goal_table(data: bytes, filename: str) -> ParsedGoals:
    """Read CSV/XLSX bytes and convert each row's cells; never raises for bad content."""
    table = read_table(data, filename, REQUIRED_COLUMNS)
    if table.errors:
        return ParsedGoals([], list(table.errors))
    errors: list[TableError] = []
    unknown = [c for c in table.columns if c not in GOAL_COLUMNS]
    if unknown:
        errors.append(
            TableError(1, ", ".join(unknown), f"Unknown column; use {', '.join(GOAL_COLUMNS)}.")
        )
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, raw in table.rows:
        cells = {name: _cell(value) for name, value in raw.items()}
        values: dict[str, Any] = {}
        row_errors: list[TableError] = []
        for column in ("code", "title"):
            if not cells.get(column, ""):
                row_errors.append(TableError(number, column, "This cell is required."))
            else:
                values[column] = cells[column]
        service = _choice(cells.get("service", ""), Service.choices)
        if service is None:
            row_errors.append(
                TableError(
                    number,
                    "service",
                    f"Use one of {', '.join(Service.values)} (not “{cells.get('service', '')}”).",
                )
            )
        else:
            values["service"] = service
        flag = cells.get("armed_forces", "").strip().lower()
        if flag in YES:
            values["armed_forces"] = True
        elif flag in NO:
            values["armed_forces"] = False
        else:
            row_errors.append(TableError(number, "armed_forces", "Write yes or no."))
        if "target_date" in cells:
            if cells["target_date"]:
                try:
                    values["target_date"] = _date(cells["target_date"])
                except ValueError:
                    row_errors.append(
                        TableError(number, "target_date", "Write the date as YYYY-MM-DD.")
                    )
            else:
                values["target_date"] = None
        if cells.get("status", ""):
            status = _choice(cells["status"], GoalStatus.choices)
            if status is None:
                row_errors.append(
                    TableError(
                        number,
                        "status",
                        f"Use one of {', '.join(GoalStatus.values)} (not “{cells['status']}”).",
                    )
                )
            else:
                values["status"] = status
        if row_errors:
            errors.extend(row_errors)
        else:
            rows.append((number, values))
    if not table.rows and not errors:
        errors.append(TableError(0, "", "The file has no goal rows."))
    return ParsedGoals(rows, errors)
