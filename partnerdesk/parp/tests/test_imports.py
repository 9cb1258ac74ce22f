"""Importing and exporting Partnership Goals: all or nothing, errors by row and column, dry
run, and a round trip through CSV and XLSX."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from partnerdesk.core.models import ChangeRecord
from partnerdesk.core.tabular import TableError, write_xlsx
from partnerdesk.parp import exports, imports, services
from partnerdesk.parp.models import PartnershipGoal
from partnerdesk.parp.tests.helpers import actor, make_cycle, make_goal

pytestmark = pytest.mark.django_db

HEADER = "code,title,service,armed_forces,target_date,status\n"
GOOD = (
    HEADER
    + "G01,English-language training of staff officers,GENERAL,yes,2018-12-31,AGREED\n"
    + "L01,Engineer unit for route clearance,land,Yes,,IN_PROGRESS\n"
    + "X01,Border guard training,Other,no,2018-06-30,\n"
)


def _import(
    world: Any, cycle: Any, text: str, *, name: str = "aze_coordinator", dry_run: bool = False
) -> Any:
    parsed = imports.parse_goal_table(text.encode("utf-8"), "goals.csv")
    if parsed.errors:
        raise services.ImportRejected(parsed.errors)
    return services.goal_import(
        actor=actor(world, name, source="import"), cycle=cycle, rows=parsed.rows, dry_run=dry_run
    )


def test_import_creates_goals_with_the_cycles_owner(world: Any) -> None:
    cycle = make_cycle(world.aze)
    result = _import(world, cycle, GOOD)
    assert (result.created, result.updated, result.unchanged, result.dry_run) == (3, 0, 0, False)
    goals = list(
        PartnershipGoal.objects.order_by("code").values_list(
            "code", "service", "armed_forces", "target_date", "status", "owner_id", "marking"
        )
    )
    assert goals == [
        ("G01", "GENERAL", True, dt.date(2018, 12, 31), "AGREED", world.aze.pk, "BILATERAL"),
        ("L01", "LAND", True, None, "IN_PROGRESS", world.aze.pk, "BILATERAL"),
        ("X01", "OTHER", False, dt.date(2018, 6, 30), "PROPOSED", world.aze.pk, "BILATERAL"),
    ]
    assert list(
        ChangeRecord.objects.order_by().values_list("action", "source", "actor_label").distinct()
    ) == [("CREATE", "import", "aze_coordinator")]
    assert ChangeRecord.objects.count() == 3


def test_a_bad_row_in_the_middle_writes_nothing_and_all_errors_are_reported(world: Any) -> None:
    cycle = make_cycle(world.aze)
    make_goal(cycle, "G09", title="Existing goal")
    text = (
        HEADER
        + "G01,Fine goal,GENERAL,yes,2018-12-31,AGREED\n"
        + "G02,,TANKS,maybe,31/12/2018,DONE\n"
        + "G03,Fine too,AIR,no,,\n"
        + "G01,Duplicate code,NAVY,yes,,\n"
        + "G04,"
        + "x" * 301
        + ",NAVY,yes,,\n"
    )
    parsed = imports.parse_goal_table(text.encode(), "goals.csv")
    assert parsed.errors == [
        TableError(3, "title", "This cell is required."),
        TableError(3, "service", "Use one of GENERAL, LAND, NAVY, AIR, SOF, OTHER (not “TANKS”)."),
        TableError(3, "armed_forces", "Write yes or no."),
        TableError(3, "target_date", "Write the date as YYYY-MM-DD."),
        TableError(
            3,
            "status",
            "Use one of PROPOSED, AGREED, IN_PROGRESS, IMPLEMENTED, PARTIALLY_IMPLEMENTED, "
            "CARRIED_OVER, DROPPED (not “DONE”).",
        ),
    ]
    with pytest.raises(services.ImportRejected) as caught:
        services.goal_import(actor=actor(world, "aze_coordinator"), cycle=cycle, rows=parsed.rows)
    assert caught.value.errors == [
        TableError(5, "code", "Code G01 already used in row 2."),
        TableError(6, "title", "Ensure this value has at most 300 characters (it has 301)."),
    ]
    assert list(PartnershipGoal.objects.values_list("code", flat=True)) == ["G09"]
    assert ChangeRecord.objects.count() == 0


def test_missing_columns_and_unknown_columns_are_reported(world: Any) -> None:
    parsed = imports.parse_goal_table(b"code,title,colour\nG1,t,red\n", "goals.csv")
    assert parsed.errors == [TableError(1, "service, armed_forces", "Required column missing.")]
    parsed = imports.parse_goal_table(
        b"code,title,service,armed_forces,colour\nG1,t,LAND,no,red\n", "goals.csv"
    )
    assert parsed.errors == [
        TableError(
            1,
            "colour",
            "Unknown column; use code, title, service, armed_forces, target_date, status.",
        )
    ]
    assert imports.parse_goal_table(HEADER.encode(), "g.csv").errors == [
        TableError(0, "", "The file has no goal rows.")
    ]


def test_dry_run_counts_and_writes_nothing(world: Any) -> None:
    cycle = make_cycle(world.aze)
    make_goal(
        cycle,
        "G01",
        title="English-language training of staff officers",
        target_date=dt.date(2018, 12, 31),
    )
    make_goal(cycle, "L01", title="Old title", service="LAND", status="IN_PROGRESS")
    result = _import(world, cycle, GOOD, dry_run=True)
    assert (result.created, result.updated, result.unchanged, result.dry_run) == (1, 1, 1, True)
    assert PartnershipGoal.objects.count() == 2
    assert ChangeRecord.objects.count() == 0


def test_reimport_updates_changed_goals_only(world: Any) -> None:
    cycle = make_cycle(world.aze)
    _import(world, cycle, GOOD)
    changed = GOOD.replace("IN_PROGRESS", "IMPLEMENTED")
    result = _import(world, cycle, changed)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    goal = PartnershipGoal.objects.get(code="L01")
    assert (goal.status, goal.version) == ("IMPLEMENTED", 2)
    assert ChangeRecord.objects.filter(action="UPDATE").count() == 1


def test_readers_and_foreign_coordinators_cannot_import(world: Any) -> None:
    cycle = make_cycle(world.aze, marking="PUBLIC")
    for name in ("aze_viewer", "geo_coordinator"):
        with pytest.raises(services.ImportRejected) as caught:
            _import(world, cycle, GOOD, name=name)
        assert caught.value.errors == [
            TableError(0, "", "You may not change the goals of this cycle.")
        ]
    assert (PartnershipGoal.objects.count(), ChangeRecord.objects.count()) == (0, 0)


@pytest.mark.parametrize("file_type", ["csv", "xlsx"])
def test_export_then_import_round_trips(world: Any, file_type: str) -> None:
    source = make_cycle(world.aze, start=2014)
    _import(world, source, GOOD)
    make_goal(source, "N01", title="=HYPERLINK(evil)", service="NAVY", status="DROPPED")
    data = exports.export_goals(
        PartnershipGoal.objects.filter(cycle=source).order_by("code"), file_type
    )
    target = make_cycle(world.aze, start=2016)
    parsed = imports.parse_goal_table(data, f"goals.{file_type}")
    assert parsed.errors == []
    services.goal_import(actor=actor(world, "aze_coordinator"), cycle=target, rows=parsed.rows)
    again = exports.export_goals(
        PartnershipGoal.objects.filter(cycle=target).order_by("code"), file_type
    )
    rows = exports.goal_rows(PartnershipGoal.objects.filter(cycle=target).order_by("code"))
    assert rows == exports.goal_rows(PartnershipGoal.objects.filter(cycle=source).order_by("code"))
    assert rows[2][1] == "=HYPERLINK(evil)"  # neutralised in the file, restored on import
    if file_type == "csv":
        assert again == data
        assert data.decode("utf-8-sig").splitlines()[0] == HEADER.strip()
    assert [r[0] for r in rows] == ["G01", "L01", "N01", "X01"]


def test_xlsx_import_reads_dates_and_flags(world: Any) -> None:
    cycle = make_cycle(world.aze)
    data = write_xlsx(
        ["code", "title", "service", "armed_forces", "target_date", "status"],
        [["A01", "Air Situation Data Exchange", "AIR", "yes", "2018-12-31", "AGREED"]],
    )
    parsed = imports.parse_goal_table(data, "goals.xlsx")
    assert parsed.rows == [
        (
            2,
            {
                "code": "A01",
                "title": "Air Situation Data Exchange",
                "service": "AIR",
                "armed_forces": True,
                "target_date": dt.date(2018, 12, 31),
                "status": "AGREED",
            },
        )
    ]
    services.goal_import(actor=actor(world, "aze_coordinator"), cycle=cycle, rows=parsed.rows)
    assert PartnershipGoal.objects.get().service == "AIR"
