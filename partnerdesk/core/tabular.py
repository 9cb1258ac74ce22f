"""Reading and writing tables (CSV, XLSX) for imports and exports, with row/column errors.

Readers return rows as dicts keyed by the header, each with its 1-based spreadsheet row number
(the header is row 1). Problems are reported as `TableError(row, column, message)`; a reader
never raises for bad content, so an import can collect every error before writing anything.
Writers neutralise cells that a spreadsheet would run as a formula (=, +, -, @ first).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class TableError:
    """One problem in an input table; row 0 means the file as a whole."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = "file" if self.row == 0 else f"row {self.row}"
        return f"{where}, column {self.column or '-'}: {self.message}"


@dataclass
class Table:
    """Rows read from a file: (row number, values by column) plus any file-level errors."""

    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]
    errors: list[TableError]


def _decode(data: bytes) -> str | None:
    for encoding in ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            return None
    return None


def read_table(data: bytes, filename: str, required: Sequence[str]) -> Table:
    """Read CSV or XLSX bytes (chosen by the file's content, not just its name)."""
    if len(data) > MAX_BYTES:
        return Table(
            [], [], [TableError(0, "", f"The file is larger than {MAX_BYTES // 1_048_576} MB.")]
        )
    if data[:4] == b"PK\x03\x04":
        table = _read_xlsx(data)
    elif filename.lower().endswith(".xlsx"):
        return Table(
            [], [], [TableError(0, "", "The file is named .xlsx but is not an XLSX workbook.")]
        )
    else:
        table = _read_csv(data)
    if table.errors:
        return table
    missing = [name for name in required if name not in table.columns]
    if missing:
        table.errors.append(TableError(1, ", ".join(missing), "Required column missing."))
    return table


def _read_csv(data: bytes) -> Table:
    text = _decode(data)
    if text is None:
        return Table([], [], [TableError(0, "", "The file is not UTF-8 text.")])
    if "\x00" in text:
        return Table([], [], [TableError(0, "", "The file contains NUL bytes; is it binary?")])
    header_line = text.split("\n", 1)[0]
    # The header names the columns, so its separators tell the delimiter (no quoting there).
    delimiter = max(",;\t", key=header_line.count) if any(c in header_line for c in ",;\t") else ","

    class Dialect(csv.excel):
        """Excel's CSV rules (doubled quotes) with the delimiter the file uses."""

    Dialect.delimiter = delimiter
    reader = csv.reader(io.StringIO(text, newline=""), Dialect)
    return _rows_from(list(reader))


def _read_xlsx(data: bytes) -> Table:
    try:
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        return Table(
            [], [], [TableError(0, "", f"The workbook cannot be read ({type(exc).__name__}).")]
        )
    sheet = workbook.worksheets[0]
    raw: list[list[str]] = []
    for count, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if count > MAX_ROWS + 1:
            break
        raw.append(
            [
                "" if v is None else (v.isoformat() if hasattr(v, "isoformat") else str(v))
                for v in values
            ]
        )
    workbook.close()
    return _rows_from(raw)


def _rows_from(raw: list[list[str]]) -> Table:
    if not raw:
        return Table([], [], [TableError(0, "", "The file is empty.")])
    if len(raw) > MAX_ROWS + 1:
        return Table([], [], [TableError(0, "", f"More than {MAX_ROWS} rows.")])
    header = [name.strip() for name in raw[0]]
    while header and header[-1] == "":
        header.pop()
    errors = []
    seen: set[str] = set()
    for name in header:
        if name in seen:
            errors.append(TableError(1, name, "Column appears twice."))
        seen.add(name)
    rows = []
    for number, values in enumerate(raw[1:], start=2):
        if not any(str(v).strip() for v in values):
            continue
        if len([v for v in values[len(header) :] if str(v).strip()]) > 0:
            errors.append(TableError(number, "", "The row has more cells than the header."))
            continue
        padded = list(values) + [""] * (len(header) - len(values))
        rows.append((number, {name: str(padded[i]).strip() for i, name in enumerate(header)}))
    return Table(header, rows, errors)


def neutralise(value: Any) -> str:
    """Text for a cell that a spreadsheet will not evaluate as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def write_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """CSV bytes (UTF-8 with BOM so spreadsheets pick the encoding), formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], title: str = "export"
) -> bytes:
    """XLSX bytes with one sheet, a bold header, formulas neutralised."""
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook(write_only=False)
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook always has one sheet
    sheet.title = title[:31]
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
