"""Imports and exports of objectives and commitments: all or nothing, dry runs, round trips."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from partnerdesk.core.exceptions import Forbidden
from partnerdesk.core.models import ChangeRecord
from partnerdesk.core.tabular import TableError, write_xlsx
from partnerdesk.organisations.models import Organisation
from partnerdesk.plans import exports
from partnerdesk.plans.imports import plan_import
from partnerdesk.plans.models import Commitment, Objective, Plan
from partnerdesk.plans.tests import helpers as h

pytestmark = pytest.mark.django_db


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def _import(world: Any, plan: Plan, kind: str, content: bytes, **kwargs: Any) -> Any:
    return plan_import(
        plan,
        actor=h.actor(world, "aze_coordinator"),
        kind=kind,
        content=content,
        filename=kwargs.pop("filename", "list.csv"),
        **kwargs,
    )


@pytest.fixture
def plan(world: Any) -> Plan:
    return h.plan(world)


def _state() -> tuple[Any, ...]:
    return (
        list(
            Objective.objects.order_by("pk").values_list("code", "text", "chapter__code", "version")
        ),
        list(
            Commitment.objects.order_by("pk").values_list(
                "objective__code", "text", "agency__code", "due_on", "status", "version"
            )
        ),
        ChangeRecord.objects.count(),
    )


def test_objectives_import_creates_through_the_services(world: Any, plan: Plan) -> None:
    result = _import(
        world,
        plan,
        "objectives",
        _csv(
            "chapter_code,objective_code,text",
            "1,1.1,Hold regular political consultations",
            "2,2.1,Introduce multi-year defence planning",
        ),
    )
    assert (result.ok, result.written, result.summary) == (
        True,
        True,
        "2 objectives were created, 0 updated, 0 unchanged.",
    )
    assert list(Objective.objects.values_list("chapter__code", "code", "owner_id", "marking")) == [
        ("1", "1.1", world.aze.pk, "BILATERAL"),
        ("2", "2.1", world.aze.pk, "BILATERAL"),
    ]
    records = ChangeRecord.objects.filter(content_type__model="objective")
    assert (
        list(records.values_list("action", "source", "actor_label"))
        == [("CREATE", "import", "aze_coordinator")] * 2
    )


def test_bad_rows_in_the_middle_write_nothing_and_are_all_reported(world: Any, plan: Plan) -> None:
    h.objective(plan, "2.1", "Existing objective")
    before = _state()
    result = _import(
        world,
        plan,
        "objectives",
        _csv(
            "chapter_code,objective_code,text",
            "1,1.1,Fine row",
            "9,1.2,Chapter 9 does not exist",
            "2,2.2,Fine row too",
            "3,1.1,Code used twice",
            "4,4.1,",
            ",,No codes at all",
            "2,2.1,Existing objective reworded",
        ),
    )
    assert result.ok is False
    assert result.errors == [
        TableError(3, "chapter_code", "Unknown chapter '9' in this plan."),
        TableError(5, "objective_code", "Code 1.1 appears twice (first on row 2)."),
        TableError(6, "text", "Give the text of the objective."),
        TableError(7, "chapter_code", "Give the chapter code."),
        TableError(7, "objective_code", "Give the objective code."),
    ]
    assert result.written is False
    assert _state() == before


def test_commitment_rows_are_checked_column_by_column(world: Any, plan: Plan) -> None:
    h.objective(plan, "2.1", "Reform")
    Organisation.objects.create(
        code="GEO-MOD", name="Georgian MoD", kind="NATIONAL_AGENCY", parent=world.geo
    )
    before = _state()
    result = _import(
        world,
        plan,
        "commitments",
        _csv(
            "objective_code,text,agency_code,due_on,status",
            "2.1,Adopt the method,AZE-MFA,2016-06-30,DELAYED",
            "9.9,Unknown objective,,,",
            "2.1,Bad date,,30/06/2016,",
            "2.1,Impossible date,,2016-02-30,",
            "2.1,Foreign agency,GEO-MOD,,",
            "2.1,Unknown status,,,LATE",
            "2.1,Adopt the method,,,",
        ),
    )
    assert result.errors == [
        TableError(3, "objective_code", "Unknown objective '9.9' in this plan."),
        TableError(4, "due_on", "'30/06/2016' is not a date (YYYY-MM-DD)."),
        TableError(5, "due_on", "'2016-02-30' is not a date (YYYY-MM-DD)."),
        TableError(
            6,
            "agency_code",
            "Unknown agency 'GEO-MOD': give the code of a national agency of Azerbaijan.",
        ),
        TableError(
            7,
            "status",
            "Unknown status 'LATE'; use one of NOT_STARTED, IN_PROGRESS, COMPLETED, "
            "COMPLETED_AHEAD, DELAYED, DEFERRED_TO_NEXT_PLAN, CANCELLED.",
        ),
        TableError(
            8, "text", "The same commitment of objective 2.1 appears twice (first on row 2)."
        ),
    ]
    assert _state() == before


def test_a_row_the_service_refuses_rolls_back_the_whole_import(world: Any, plan: Plan) -> None:
    annex = plan.chapters.get(code="6")
    annex.marking = "NATIONAL_ONLY"
    annex.save()
    h.objective(plan, "2.1", "Shared objective")
    before = _state()
    result = _import(
        world,
        plan,
        "objectives",
        _csv(
            "chapter_code,objective_code,text",
            "1,1.1,A new objective that would be written first",
            "6,2.1,Shared objective",
        ),
    )
    assert [(e.row, e.column) for e in result.errors] == [(3, "")]
    assert result.errors[0].message.startswith("Marked Bilateral")
    assert (result.written, _state()) == (False, before)


def test_dry_run_reports_and_writes_nothing(world: Any, plan: Plan) -> None:
    h.objective(plan, "2.1", "Old wording")
    h.objective(plan, "2.2", "Same wording")
    before = _state()
    result = _import(
        world,
        plan,
        "objectives",
        _csv(
            "chapter_code,objective_code,text",
            "2,2.1,New wording",
            "2,2.2,Same wording",
            "3,3.1,A new one",
        ),
        dry_run=True,
    )
    assert [(r.row, r.action, r.key, r.changes) for r in result.rows] == [
        (2, "update", "2.1", ("text",)),
        (3, "unchanged", "2.2", ()),
        (4, "create", "3.1", ()),
    ]
    assert (result.ok, result.written, result.summary) == (
        True,
        False,
        "1 objectives would be created, 1 updated, 1 unchanged.",
    )
    assert _state() == before


def test_reimport_updates_by_code_instead_of_duplicating(world: Any, plan: Plan) -> None:
    objective = h.objective(plan, "2.1", "Old wording")
    first = h.commitment(objective, "Adopt the four-year programming method", "DELAYED")
    web_only = h.commitment(objective, "A commitment added on the web", "IN_PROGRESS")
    result = _import(
        world,
        plan,
        "objectives",
        _csv("chapter_code,objective_code,text", "1,2.1,New wording"),
    )
    assert [r.action for r in result.rows] == ["update"]
    objective.refresh_from_db()
    assert (
        objective.text,
        objective.chapter.code,
        objective.version,
        Objective.objects.count(),
    ) == (
        "New wording",
        "1",
        2,
        1,
    )
    result = _import(
        world,
        plan,
        "commitments",
        _csv(
            "objective_code,text,agency_code,due_on,status",
            "2.1,Adopt the four-year defence programming method,AZE-MFA,2016-06-30,IN_PROGRESS",
            "2.1,A brand new commitment,,,",
        ),
    )
    assert [(r.action, r.changes) for r in result.rows] == [
        ("update", ("agency", "due_on", "status", "text")),
        ("create", ()),
    ]
    first.refresh_from_db()
    web_only.refresh_from_db()
    assert (first.text, first.agency.code, first.due_on, first.status, first.version) == (
        "Adopt the four-year defence programming method",
        "AZE-MFA",
        dt.date(2016, 6, 30),
        "IN_PROGRESS",
        2,
    )
    assert (web_only.text, web_only.version) == ("A commitment added on the web", 1)
    assert Commitment.objects.count() == 3
    assert list(
        ChangeRecord.objects.filter(content_type__model="commitment", source="import")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["UPDATE", "CREATE"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(world: Any, plan: Plan, fmt: str) -> None:
    one = h.objective(plan, "2.1", "-Starts with a minus, like a formula")
    h.objective(plan, "1.1", "=SUM(A1:A2) is text here", chapter_code="1")
    h.commitment(
        one,
        "Adopt the method",
        "DELAYED",
        agency=Organisation.objects.get(code="AZE-MFA"),
        due_on=dt.date(2016, 6, 30),
    )
    h.commitment(one, 'Publish, with "quotes" and, commas', "COMPLETED_AHEAD")
    before = _state()
    for kind in ("objectives", "commitments"):
        exported = exports.export_file(world.users["aze_coordinator"], plan, kind, fmt)
        result = _import(world, plan, kind, exported.content, filename=exported.filename)
        assert (result.ok, [r.action for r in result.rows]) == (
            True,
            ["unchanged", "unchanged"],
        )
    assert _state() == before


def test_export_has_the_import_layout_and_only_visible_rows(world: Any, plan: Plan) -> None:
    objective = h.objective(plan, "2.1", "Shared")
    h.objective(plan, "6.1", "Annex", chapter_code="6", marking="NATIONAL_ONLY")
    h.commitment(objective, "Law", agency=Organisation.objects.get(code="AZE-MFA"))
    staff = world.users["staff_all"]
    text = exports.export_file(staff, plan, "objectives", "csv").content.decode("utf-8-sig")
    assert text.splitlines() == ["chapter_code,objective_code,text", "2,2.1,Shared"]
    text = exports.export_file(staff, plan, "commitments", "csv").content.decode("utf-8-sig")
    assert text.splitlines() == [
        "objective_code,text,agency_code,due_on,status",
        "2.1,Law,AZE-MFA,,NOT_STARTED",
    ]
    coordinator = exports.export_rows(world.users["aze_coordinator"], plan, "objectives")
    assert coordinator == [["2", "2.1", "Shared"], ["6", "6.1", "Annex"]]


def test_xlsx_dates_and_file_problems(world: Any, plan: Plan) -> None:
    h.objective(plan, "2.1", "Reform")
    workbook = write_xlsx(
        ["objective_code", "text", "agency_code", "due_on", "status"],
        [["2.1", "Law", "", "2016-06-30", "in_progress"]],
    )
    result = _import(world, plan, "commitments", workbook, filename="x.xlsx")
    assert (result.ok, Commitment.objects.get().status) == (True, "IN_PROGRESS")
    missing = _import(world, plan, "objectives", _csv("chapter_code,text", "1,x"))
    assert missing.errors == [TableError(1, "objective_code", "Required column missing.")]
    binary = _import(world, plan, "objectives", b"\xff\xfe\x00\x00", filename="x.csv")
    assert binary.errors == [TableError(0, "", "The file is not UTF-8 text.")]


def test_import_needs_the_right_to_change_the_plan(world: Any, plan: Plan) -> None:
    before = _state()
    with pytest.raises(Forbidden):
        plan_import(
            plan,
            actor=h.actor(world, "aze_viewer"),
            kind="objectives",
            content=_csv("chapter_code,objective_code,text", "1,1.1,x"),
            filename="x.csv",
        )
    assert _state() == before


def test_row_numbers_survive_blank_lines_quotes_and_semicolons(world: Any, plan: Plan) -> None:
    content = _csv(
        "chapter_code;objective_code;text",
        '1;1.1;"Quoted; with ""quotes"" and; semicolons"',
        "",
        "9;9.1;Unknown chapter after a blank line",
    )
    result = _import(world, plan, "objectives", content)
    assert result.errors == [TableError(4, "chapter_code", "Unknown chapter '9' in this plan.")]
    fixed = _import(world, plan, "objectives", content.replace(b"9;9.1", b"2;2.1"))
    assert fixed.ok
    assert Objective.objects.get(code="1.1").text == 'Quoted; with "quotes" and; semicolons'
