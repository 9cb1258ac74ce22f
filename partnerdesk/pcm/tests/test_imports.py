"""Catalogue import and export: layout, round trip, atomicity, dry run, row/column errors."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from partnerdesk.core.exceptions import Forbidden
from partnerdesk.core.models import ChangeRecord
from partnerdesk.organisations.models import Organisation
from partnerdesk.pcm import exports, imports
from partnerdesk.pcm.models import Activity, Catalogue
from partnerdesk.pcm.tests import helpers as h

pytestmark = pytest.mark.django_db

HEADER = list(exports.COLUMNS)


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def _row(year: int, number: int, **cells: str) -> list[str]:
    values = {
        "code": f"PCM-{year}-CYBER-{number:04d}",
        "title": f"Cyber course {number}",
        "description": "",
        "area": "CYBER",
        "format": "COURSE",
        "organiser": "NATO-IS",
        "language": "English",
        "duration_days": "5",
        "eligible_frameworks": "",
        "eligible_nations": "",
        "carried_from": "",
    } | cells
    return [values[c] for c in HEADER]


def _import(
    world: Any, content: bytes, *, year: int = 2015, dry_run: bool = False, name: str = "staff_all"
) -> imports.ImportResult:
    return imports.catalogue_import(
        actor=h.actor(world, name), year=year, content=content, filename="menu.csv", dry_run=dry_run
    )


def test_import_creates_the_catalogue_and_rows_then_updates_by_code(world: Any) -> None:
    h.activity(world, 2014, "CYBER", 1)
    content = _csv(
        [
            _row(2015, 1, carried_from="PCM-2014-CYBER-0001", eligible_frameworks="EAPC_PFP;MD"),
            _row(2015, 2, eligible_nations="GEO; AZE", title="=HYPERLINK(1)"),
        ]
    )
    result = _import(world, content)
    assert (result.ok, result.written, result.catalogue_created, result.summary) == (
        True,
        True,
        True,
        "2 activities were created, 0 updated, 0 unchanged in the 2015 menu.",
    )
    first = Activity.objects.get(code="PCM-2015-CYBER-0001")
    assert (first.carried_from.code, first.eligible_frameworks) == (
        "PCM-2014-CYBER-0001",
        ["EAPC_PFP", "MD"],
    )
    second = Activity.objects.get(code="PCM-2015-CYBER-0002")
    assert sorted(second.eligible_nations.values_list("code", flat=True)) == ["AZE", "GEO"]
    assert ChangeRecord.objects.filter(content_type__model="activity", source="import").count() == 3
    changed = _csv(
        [
            _row(
                2015,
                1,
                title="Renamed",
                carried_from="PCM-2014-CYBER-0001",
                eligible_frameworks="EAPC_PFP;MD",
            ),
            _row(2015, 2, eligible_nations="GEO;AZE", title="=HYPERLINK(1)"),
            _row(2015, 3),
        ]
    )
    again = _import(world, changed)
    assert [(r.row, r.action, r.changes) for r in again.rows] == [
        (2, "update", ("title",)),
        (3, "unchanged", ()),
        (4, "create", ()),
    ]
    assert Activity.objects.get(code="PCM-2015-CYBER-0001").title == "Renamed"


def test_export_neutralises_formulas_and_reimports_unchanged(world: Any) -> None:
    _import(
        world,
        _csv(
            [
                _row(
                    2015,
                    1,
                    title="=SUM(A1)",
                    description="line one\nline two",
                    eligible_nations="AZE;GEO",
                    eligible_frameworks="MD",
                )
            ]
        ),
    )
    catalogue = Catalogue.objects.get(year=2015)
    user = world.users["staff_all"]
    exported = exports.export_file(user, catalogue, "csv")
    text = exported.content.decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(HEADER)
    assert "'=SUM(A1)" in text
    assert exports.export_rows(user, catalogue) == [
        [
            "PCM-2015-CYBER-0001",
            "=SUM(A1)",
            "line one\nline two",
            "CYBER",
            "COURSE",
            "NATO-IS",
            "English",
            "5",
            "MD",
            "AZE;GEO",
            "",
        ]
    ]
    log_size = ChangeRecord.objects.count()
    for fmt in ("csv", "xlsx"):
        content = exports.export_file(user, catalogue, fmt).content
        result = imports.catalogue_import(
            actor=h.actor(world, "staff_all"), year=2015, content=content, filename=f"m.{fmt}"
        )
        assert (fmt, result.ok, [r.action for r in result.rows]) == (fmt, True, ["unchanged"])
    assert ChangeRecord.objects.count() == log_size


def test_every_bad_cell_is_reported_by_row_and_column(world: Any) -> None:
    Organisation.objects.create(
        code="AZE-MOD", name="MoD AZ", kind="NATIONAL_AGENCY", parent=world.aze
    )
    content = _csv(
        [
            _row(2015, 1),
            _row(2015, 2, area="SPACE", format="PICNIC"),
            _row(2015, 3, organiser="NOPE", duration_days="0", eligible_frameworks="NATO"),
            _row(
                2015,
                4,
                organiser="AZE-MOD",
                eligible_nations="NATO-IS",
                carried_from="PCM-2014-CYBER-0009",
            ),
            _row(2016, 5),
            _row(2015, 1),
            _row(2015, 6, title=""),
        ]
    )
    result = _import(world, content)
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (
            3,
            "area",
            "Unknown area 'SPACE'; use one of CMPSO, REG, ACWMD, CT, BORDER, DPLAN, CEP, ARM, NUC, ATM, SCI, DREF, DDR, CYBER, EDU, LOG, DISARM, LANG, MILGEO.",
        ),
        (
            3,
            "format",
            "Unknown format 'PICNIC'; use one of COURSE, SEMINAR, WORKSHOP, EXERCISE, CONFERENCE, TRAINING, OTHER.",
        ),
        (4, "duration_days", "'0' is not a number of days from 1 to 365."),
        (
            4,
            "eligible_frameworks",
            "Unknown framework(s) NATO; use EAPC_PFP, MD, ICI, GLOBAL separated by semicolons.",
        ),
        (4, "organiser", "Unknown organisation 'NOPE'."),
        (5, "carried_from", "No activity PCM-2014-CYBER-0009 in an earlier year's menu."),
        (5, "eligible_nations", "'NATO-IS' is not the code of a state."),
        (5, "organiser", "Name a NATO body, a nation or an international organisation."),
        (6, "code", "PCM-2016-CYBER-0005 is not a code of the 2015 menu."),
        (7, "code", "PCM-2015-CYBER-0001 appears twice (first on row 2)."),
        (8, "title", "Give the title."),
    ]
    assert (result.summary, Catalogue.objects.count(), Activity.objects.count()) == (
        "11 problem(s) found; nothing was written.",
        0,
        0,
    )


def test_missing_columns_and_writers(world: Any) -> None:
    result = _import(world, b"code,title\nPCM-2015-CYBER-0001,x\n")
    assert [(e.row, e.column) for e in result.errors] == [
        (
            1,
            "description, area, format, organiser, language, duration_days, eligible_frameworks, eligible_nations, carried_from",
        )
    ]
    with pytest.raises(Forbidden):
        _import(world, _csv([_row(2015, 1)]), name="aze_coordinator")
    with pytest.raises(ValidationError):
        _import(world, _csv([_row(1900, 1)]), year=1900)


def test_one_bad_row_in_1400_writes_nothing_and_dry_run_writes_nothing(world: Any) -> None:
    rows = [_row(2015, n) for n in range(1, 1401)]
    rows[1233] = _row(2015, 1234, organiser="UNKNOWN")
    result = _import(world, _csv(rows))
    assert [(e.row, e.column) for e in result.errors] == [(1235, "organiser")]
    assert (Activity.objects.count(), ChangeRecord.objects.count()) == (0, 0)
    rows[1233] = _row(2015, 1234)
    preview = _import(world, _csv(rows), dry_run=True)
    assert (preview.ok, preview.written, preview.count("create")) == (True, False, 1400)
    assert (Catalogue.objects.count(), Activity.objects.count(), ChangeRecord.objects.count()) == (
        0,
        0,
        0,
    )


def test_a_1500_row_import_is_written_in_one_go(world: Any) -> None:
    areas = ["CYBER", "LOG", "EDU"]
    rows = [
        _row(2015, n, code=f"PCM-2015-{areas[n % 3]}-{n:04d}", area=areas[n % 3])
        for n in range(1, 1501)
    ]
    result = _import(world, _csv(rows))
    assert (
        result.ok,
        result.count("create"),
        Activity.objects.filter(catalogue__year=2015).count(),
    ) == (True, 1500, 1500)
    assert ChangeRecord.objects.filter(content_type__model="activity").count() == 1500
