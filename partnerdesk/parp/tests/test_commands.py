"""`partnerdesk parp`: the CLI acts as a named user through the same selectors and services."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from partnerdesk.core.models import ChangeRecord
from partnerdesk.parp.models import PartnershipGoal
from partnerdesk.parp.tests.helpers import make_cycle, make_goal

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("parp", *args, stdout=out)
    return out.getvalue()


def test_cycles_list_show_and_transition(world: Any) -> None:
    cycle = make_cycle(world.aze, marking="PUBLIC")
    make_goal(cycle, "G01")
    make_goal(cycle, "X01", service="OTHER", armed_forces=False)
    hidden = make_cycle(world.aze, start=2018, marking="BILATERAL")
    rows = json.loads(run("cycles", "list", "--as", "geo_viewer", "--json"))
    assert [(r["label"], r["goal_count"], r["armed_forces_goal_count"]) for r in rows] == [
        ("2016–2018", 2, 1)
    ]
    shown = json.loads(run("cycles", "show", str(cycle.pk), "--as", "aze_viewer"))
    assert (shown["nation"], shown["step"]) == ("AZE", "SURVEY_ISSUED")
    with pytest.raises(CommandError, match="not found"):
        run("cycles", "show", str(hidden.pk), "--as", "geo_viewer")
    out = run(
        "cycles",
        "transition",
        str(cycle.pk),
        "--to",
        "survey_returned",
        "--expected-version",
        "1",
        "--as",
        "aze_coordinator",
    )
    assert out == "PARP 2016–2018 of AZE is now at SURVEY_RETURNED (version 2)\n"
    with pytest.raises(CommandError) as caught:
        run(
            "cycles",
            "transition",
            str(cycle.pk),
            "--to",
            "GOALS_APPROVED",
            "--expected-version",
            "2",
            "--as",
            "aze_coordinator",
        )
    assert str(caught.value) == (
        "invalid input:\nstep: Cannot move from Survey returned to Goals approved. From Survey "
        "returned it can move to: Draft Partnership Goals, Survey issued."
    )
    with pytest.raises(CommandError, match="not allowed"):
        run(
            "cycles",
            "transition",
            str(cycle.pk),
            "--to",
            "DRAFT_GOALS",
            "--expected-version",
            "2",
            "--as",
            "aze_viewer",
        )
    with pytest.raises(CommandError, match="needs --expected-version"):
        run("cycles", "transition", str(cycle.pk), "--to", "DRAFT_GOALS", "--as", "aze_coordinator")
    assert list(ChangeRecord.objects.values_list("source", "actor_label")) == [
        ("cli", "aze_coordinator")
    ]


def test_goals_import_export_round_trip(world: Any, tmp_path: Path) -> None:
    source = make_cycle(world.aze, start=2014)
    make_goal(source, "G01", title="Logistics standards")
    make_goal(source, "N01", title="Maritime surveillance", service="NAVY", status="IN_PROGRESS")
    target = make_cycle(world.aze, start=2016)
    path = tmp_path / "goals.xlsx"
    out = run("goals", "export", str(source.pk), "--file", str(path), "--as", "aze_viewer")
    assert out == f"exported 2 goal(s) of PARP 2014–2016 to {path}\n"
    assert run(
        "goals",
        "import",
        str(target.pk),
        "--file",
        str(path),
        "--dry-run",
        "--as",
        "aze_coordinator",
    ) == ("would import: 2 created, 0 updated, 0 unchanged\n")
    assert PartnershipGoal.objects.filter(cycle=target).count() == 0
    assert run(
        "goals", "import", str(target.pk), "--file", str(path), "--as", "aze_coordinator"
    ) == ("imported: 2 created, 0 updated, 0 unchanged\n")
    csv_out = run("goals", "export", str(target.pk), "--as", "aze_viewer")
    assert csv_out.splitlines() == [
        "code,title,service,armed_forces,target_date,status",
        "G01,Logistics standards,GENERAL,yes,,AGREED",
        "N01,Maritime surveillance,NAVY,yes,,IN_PROGRESS",
    ]
    listed = json.loads(
        run("goals", "list", "--cycle", str(target.pk), "--as", "aze_viewer", "--json")
    )
    assert [g["code"] for g in listed] == ["G01", "N01"]
    assert set(ChangeRecord.objects.values_list("source", flat=True)) == {"cli"}


def test_goals_import_reports_rows_and_columns(world: Any, tmp_path: Path) -> None:
    cycle = make_cycle(world.aze)
    path = tmp_path / "goals.csv"
    path.write_text("code,title,service,armed_forces\nG1,Fine,GENERAL,yes\nG2,,LAND,maybe\n")
    with pytest.raises(CommandError) as caught:
        run("goals", "import", str(cycle.pk), "--file", str(path), "--as", "aze_coordinator")
    assert str(caught.value) == (
        "2 error(s); nothing was imported.\n"
        "row 3, column title: This cell is required.\n"
        "row 3, column armed_forces: Write yes or no."
    )
    assert PartnershipGoal.objects.count() == 0
    with pytest.raises(CommandError, match="cannot read"):
        run(
            "goals",
            "import",
            str(cycle.pk),
            "--file",
            str(tmp_path / "nope.csv"),
            "--as",
            "aze_coordinator",
        )


def test_series_from_the_cli(world: Any) -> None:
    cycle = make_cycle(world.aze, start=2012, marking="PUBLIC")
    make_goal(cycle, "G01")
    make_goal(cycle, "A01", service="AIR")
    make_goal(cycle, "X01", service="OTHER", armed_forces=False)
    rows = json.loads(run("series", "--nation", "AZE", "--as", "analyst", "--json"))
    assert rows == [
        {
            "cycle": "2012–2014",
            "goals": 3,
            "armed_forces": 2,
            "by_service": "General 1, Air 1, Other 1",
            "armed_forces_by_service": "General 1, Air 1",
        }
    ]
    with pytest.raises(CommandError, match="needs --nation CODE"):
        run("series", "--as", "analyst")
    with pytest.raises(CommandError, match="unknown operation"):
        run("cycles", "delete", "--as", "analyst")
