"""Import of a whole year's menu from CSV or XLSX, in the export's column layout.

Every cell is checked first, with all lookups done once for the whole file (organisations,
the year's activities, last year's codes): a problem is reported with its row and column and
nothing is written. Rows are matched on their code within the year's catalogue: a known code
with changed cells is updated, an unknown code is created (in bulk), nothing is ever deleted.
Then everything is written through the services in ONE transaction (the catalogue is created
as a draft when the year has none); if a service still refuses a row, the whole import is
rolled back and that row reported. A dry run does all of this and rolls back, so its preview
is exactly what a real run would do. The change log names the actor with the source "import".
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden, NotFound, VersionConflict
from partnerdesk.core.models import ChangeSource
from partnerdesk.core.tabular import FORMULA_PREFIXES, TableError, read_table
from partnerdesk.organisations.choices import OrganisationKind
from partnerdesk.organisations.models import Organisation
from partnerdesk.pcm import services
from partnerdesk.pcm.choices import CODE_PATTERN, PARTNER_FRAMEWORK_VALUES, ActivityFormat, Area
from partnerdesk.pcm.exports import COLUMNS
from partnerdesk.pcm.models import Activity, Catalogue

TITLE_MAX = Activity._meta.get_field("title").max_length or 250
LANGUAGE_MAX = Activity._meta.get_field("language").max_length or 100
_ROW_PREFIX = re.compile(r"^Row (\d+): (.*)$", re.DOTALL)
_FIELD_COLUMNS = {name: name for name in COLUMNS} | {"catalogue": "", "__all__": ""}
COMPARED = (
    "title",
    "description",
    "area",
    "format",
    "organiser_id",
    "language",
    "duration_days",
    "eligible_frameworks",
    "carried_from_id",
)


@dataclass(frozen=True)
class RowOutcome:
    """What the import does with one row: "create", "update" or "unchanged"."""

    row: int
    action: str
    code: str
    title: str
    changes: tuple[str, ...] = ()


@dataclass
class ImportResult:
    """The preview or the outcome of a catalogue import."""

    year: int
    dry_run: bool
    rows: list[RowOutcome] = field(default_factory=list)
    errors: list[TableError] = field(default_factory=list)
    written: bool = False
    catalogue_created: bool = False

    @property
    def ok(self) -> bool:
        """True when no row has a problem."""
        return not self.errors

    def count(self, action: str) -> int:
        """How many rows have the outcome `action`."""
        return sum(1 for r in self.rows if r.action == action)

    @property
    def summary(self) -> str:
        """One line: what was (or would be) done."""
        if not self.ok:
            return f"{len(self.errors)} problem(s) found; nothing was written."
        verb = "would be" if self.dry_run else "were"
        return (
            f"{self.count('create')} activities {verb} created, {self.count('update')} "
            f"updated, {self.count('unchanged')} unchanged in the {self.year} menu."
        )


@dataclass
class _Row:
    number: int
    code: str
    values: dict[str, Any]
    nations: list[int]
    current: Activity | None = None
    changes: tuple[str, ...] = ()


class _Reported(Exception):  # noqa: N818 - internal signal, not an error type
    """A refused row was already added to the result's errors; roll everything back."""


def _cell(values: dict[str, str], name: str) -> str:
    """A cell's text with an export's formula guard (a leading apostrophe) removed."""
    text = values.get(name, "").strip()
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_PREFIXES:
        return text[1:]
    return text


def _items(text: str) -> list[str]:
    return [part.strip().upper() for part in re.split(r"[;,]", text) if part.strip()]


@dataclass
class _Lookups:
    """Everything the row checks need, read once for the whole file."""

    year: int
    organisations: dict[str, tuple[int, str]]
    existing: dict[str, Activity]
    earlier: dict[str, tuple[int, int]]

    @classmethod
    def load(cls, year: int, codes_carried: set[str]) -> _Lookups:
        organisations = {
            code.upper(): (pk, kind)
            for code, pk, kind in Organisation.objects.values_list("code", "pk", "kind")
        }
        existing = {
            a.code: a
            for a in Activity.objects.filter(catalogue__year=year)
            .select_related("catalogue")
            .prefetch_related("eligible_nations")
        }
        earlier = {
            code: (pk, found_year)
            for code, pk, found_year in Activity.objects.filter(
                code__in=sorted(codes_carried)
            ).values_list("code", "pk", "catalogue__year")
        }
        return cls(year, organisations, existing, earlier)


def _parse(number: int, values: dict[str, str], look: _Lookups, errors: list[TableError]) -> _Row:
    """Check one row's cells; append a TableError per bad cell."""

    def bad(column: str, message: str) -> None:
        errors.append(TableError(number, column, message))

    code = _cell(values, "code").upper()
    area = _cell(values, "area").upper()
    fmt = _cell(values, "format").upper()
    if area not in Area.values:
        bad("area", f"Unknown area {area!r}; use one of {', '.join(Area.values)}.")
    if fmt not in ActivityFormat.values:
        bad("format", f"Unknown format {fmt!r}; use one of {', '.join(ActivityFormat.values)}.")
    match = re.match(CODE_PATTERN, code)
    if not code:
        bad("code", "Give the activity code (PCM-<year>-<AREA>-<nnnn>).")
    elif match is None:
        bad("code", f"{code!r} is not a code of the form PCM-{look.year}-<AREA>-<nnnn>.")
    elif int(match["year"]) != look.year:
        bad("code", f"{code} is not a code of the {look.year} menu.")
    elif area in Area.values and match["area"] != area:
        bad("code", f"The code's area {match['area']} differs from the area column ({area}).")
    title = _cell(values, "title")
    if not title:
        bad("title", "Give the title.")
    elif len(title) > TITLE_MAX:
        bad("title", f"At most {TITLE_MAX} characters.")
    organiser_code = _cell(values, "organiser").upper()
    organiser = look.organisations.get(organiser_code)
    if not organiser_code:
        bad("organiser", "Give the organiser's organisation code (e.g. NSO).")
    elif organiser is None:
        bad("organiser", f"Unknown organisation {organiser_code!r}.")
    elif organiser[1] == OrganisationKind.NATIONAL_AGENCY:
        bad("organiser", "Name a NATO body, a nation or an international organisation.")
    language = _cell(values, "language") or "English"
    if len(language) > LANGUAGE_MAX:
        bad("language", f"At most {LANGUAGE_MAX} characters.")
    raw_days = _cell(values, "duration_days")
    days = int(raw_days) if raw_days.isdigit() else None
    if days is None or not 1 <= days <= 365:
        bad("duration_days", f"{raw_days!r} is not a number of days from 1 to 365.")
    frameworks = _items(_cell(values, "eligible_frameworks"))
    unknown = [f for f in frameworks if f not in PARTNER_FRAMEWORK_VALUES]
    if unknown:
        bad(
            "eligible_frameworks",
            f"Unknown framework(s) {', '.join(unknown)}; use "
            f"{', '.join(PARTNER_FRAMEWORK_VALUES)} separated by semicolons.",
        )
    nations: list[int] = []
    for nation_code in _items(_cell(values, "eligible_nations")):
        found = look.organisations.get(nation_code)
        if found is None or found[1] != OrganisationKind.STATE:
            bad("eligible_nations", f"{nation_code!r} is not the code of a state.")
        else:
            nations.append(found[0])
    origin_code = _cell(values, "carried_from").upper()
    origin_id = None
    if origin_code:
        origin = look.earlier.get(origin_code)
        if origin is None or origin[1] >= look.year:
            bad("carried_from", f"No activity {origin_code} in an earlier year's menu.")
        else:
            origin_id = origin[0]
    return _Row(
        number,
        code,
        {
            "code": code,
            "title": title,
            "description": _cell(values, "description"),
            "area": area,
            "format": fmt,
            "organiser_id": organiser[0] if organiser else None,
            "language": language,
            "duration_days": days,
            "eligible_frameworks": sorted(set(frameworks)),
            "carried_from_id": origin_id,
        },
        sorted(set(nations)),
    )


def _changes(row: _Row, current: Activity) -> tuple[str, ...]:
    changed = [name for name in COMPARED if getattr(current, name) != row.values[name]]
    if sorted(n.pk for n in current.eligible_nations.all()) != row.nations:
        changed.append("eligible_nations")
    return tuple(sorted(name.removesuffix("_id") for name in changed))


def _plan(content: bytes, filename: str, year: int, result: ImportResult) -> list[_Row]:
    table = read_table(content, filename, COLUMNS)
    result.errors.extend(table.errors)
    if result.errors:
        return []
    carried = {_cell(v, "carried_from").upper() for _, v in table.rows} - {""}
    look = _Lookups.load(year, carried)
    rows: list[_Row] = []
    first: dict[str, int] = {}
    for number, values in table.rows:
        row = _parse(number, values, look, result.errors)
        if row.code in first:
            result.errors.append(
                TableError(
                    number, "code", f"{row.code} appears twice (first on row {first[row.code]})."
                )
            )
            continue
        if row.code:
            first[row.code] = number
        row.current = look.existing.get(row.code)
        if row.current is not None:
            row.changes = _changes(row, row.current)
        rows.append(row)
    return rows


def _report(result: ImportResult, error: ValidationError, rows: list[_Row]) -> None:
    """Turn a service's ValidationError into row/column errors (bulk rows say "Row N: …")."""
    items = (
        [(name, m) for name, msgs in error.message_dict.items() for m in msgs]
        if hasattr(error, "error_dict")
        else [("", m) for m in error.messages]
    )
    for name, message in items:
        match = _ROW_PREFIX.match(message)
        number = rows[int(match[1]) - 1].number if match and int(match[1]) <= len(rows) else 0
        text = match[2] if match else message
        result.errors.append(TableError(number, _FIELD_COLUMNS.get(name, name), text))


def catalogue_import(
    *, actor: Actor, year: int, content: bytes, filename: str, dry_run: bool = False
) -> ImportResult:
    """Import the menu of `year` from CSV or XLSX bytes: every row or none.

    Returns the outcome per row; with `dry_run` nothing is kept. Forbidden unless the actor
    maintains the menu.
    """
    services.ensure_menu_writer(actor)
    if not 1994 <= year <= 2100:
        raise ValidationError({"year": "Give a year from 1994 to 2100."})
    result = ImportResult(year=year, dry_run=dry_run)
    rows = _plan(content, filename, year, result)
    if result.errors:
        result.errors.sort(key=lambda e: (e.row, e.column))
        return result
    for row in rows:
        action = "create" if row.current is None else "update" if row.changes else "unchanged"
        result.rows.append(
            RowOutcome(row.number, action, row.code, row.values["title"], row.changes)
        )
    importer = dataclasses.replace(actor, source=ChangeSource.IMPORT)
    new = [row for row in rows if row.current is None]
    with transaction.atomic():
        try:
            with transaction.atomic():
                catalogue, result.catalogue_created = services.catalogue_get_or_create(
                    actor=importer, year=year
                )
                _write(importer, catalogue, new, rows, result)
        except _Reported:
            transaction.set_rollback(True)  # the refused row is already in result.errors
        except ValidationError as exc:
            _report(result, exc, new)
        except (Forbidden, NotFound, VersionConflict) as exc:
            result.errors.append(TableError(0, "", str(exc)))
        if dry_run or result.errors:
            transaction.set_rollback(True)
        else:
            result.written = True
    result.errors.sort(key=lambda e: (e.row, e.column))
    return result


def _write(
    actor: Actor, catalogue: Catalogue, new: list[_Row], rows: list[_Row], result: ImportResult
) -> None:
    services.activity_bulk_create(
        actor=actor,
        catalogue=catalogue,
        rows=[row.values for row in new],
        nations={row.code: row.nations for row in new if row.nations},
    )
    for row in rows:
        if row.current is None or not row.changes:
            continue
        data: dict[str, Any] = {
            name.removesuffix("_id"): row.values[name]
            for name in COMPARED
            if name.removesuffix("_id") in row.changes
        }
        if "organiser" in data:
            data["organiser"] = Organisation.objects.get(pk=data["organiser"])
        if "carried_from" in data and data["carried_from"] is not None:
            data["carried_from"] = Activity.objects.get(pk=data["carried_from"])
        if "eligible_nations" in row.changes:
            data["eligible_nations"] = row.nations
        try:
            services.activity_update(
                row.current, actor=actor, expected_version=row.current.version, data=data
            )
        except ValidationError as exc:
            before = len(result.errors)
            _report(result, exc, [])
            for index in range(before, len(result.errors)):
                result.errors[index] = dataclasses.replace(result.errors[index], row=row.number)
            raise _Reported from exc
