"""`partnerdesk plans`: the CLI acts as a named user through the same services."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from partnerdesk.core.models import ChangeRecord
from partnerdesk.plans.models import Objective, Plan
from partnerdesk.plans.tests import helpers as h

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("plans", *args, stdout=out)
    return out.getvalue()


def test_create_transition_and_list(world: Any) -> None:
    out = run(
        "create",
        "--as",
        "aze_coordinator",
        "--nation",
        "AZE",
        "--plan-type",
        "IPAP",
        "--title",
        "IPAP via CLI",
        "--start-year",
        "2015",
    )
    plan = Plan.objects.get()
    assert out == f"created plan {plan.pk} (2015–2016, 6 chapters, version 1)\n"
    out = run(
        "transition",
        str(plan.pk),
        "--as",
        "aze_coordinator",
        "--status",
        "submitted",
        "--expected-version",
        "1",
    )
    assert out == f"plan {plan.pk} is now SUBMITTED (version 2)\n"
    with pytest.raises(CommandError, match=r"status: Cannot move from Submitted to Closed\."):
        run(
            "transition",
            str(plan.pk),
            "--as",
            "aze_coordinator",
            "--status",
            "CLOSED",
            "--expected-version",
            "2",
        )
    listed = json.loads(run("list", "--as", "aze_viewer", "--json"))
    assert [(r["title"], r["status"], r["version"]) for r in listed] == [
        ("IPAP via CLI", "SUBMITTED", 2)
    ]
    assert json.loads(run("list", "--as", "geo_viewer", "--json")) == []
    sources = set(
        ChangeRecord.objects.filter(content_type__model="plan").values_list("source", "actor_label")
    )
    assert sources == {("cli", "aze_coordinator")}


def test_show_is_scoped_to_the_user(world: Any) -> None:
    plan = h.plan(world)
    h.commitment(h.objective(plan, "2.1", "Reform"), "Law", "DELAYED")
    shown = json.loads(run("show", str(plan.pk), "--as", "aze_viewer"))
    chapter = next(c for c in shown["chapters"] if c["code"] == "2")
    assert [(o["code"], o["commitments"][0]["status"]) for o in chapter["objectives"]] == [
        ("2.1", "DELAYED")
    ]
    with pytest.raises(CommandError, match="not found"):
        run("show", str(plan.pk), "--as", "geo_viewer")


def test_carry_over_and_compare(world: Any) -> None:
    old = h.plan(world, start=2015)
    h.commitment(h.objective(old, "2.1", "Open objective"), "Law", "IN_PROGRESS")
    new = h.plan(world, start=2017)
    out = run("carry-over", str(new.pk), "--from", str(old.pk), "--as", "aze_coordinator")
    assert out.splitlines() == [
        "carried 2.1: Open objective",
        f"1 objective(s) carried over into plan {new.pk}",
    ]
    again = run("carry-over", str(new.pk), "--from", str(old.pk), "--as", "aze_coordinator")
    assert again == f"0 objective(s) carried over into plan {new.pk}\n"
    compared = json.loads(
        run("compare", str(new.pk), "--with", str(old.pk), "--as", "staff_all", "--json")
    )
    assert compared["counts"] == {"added": 0, "dropped": 0, "reworded": 0, "carried": 1}
    table = run("compare", str(new.pk), "--with", str(old.pk), "--as", "staff_all")
    assert "carried  2.1  2.1  1.00   Open objective" in table
    with pytest.raises(CommandError, match="not allowed"):
        run("carry-over", str(new.pk), "--from", str(old.pk), "--as", "aze_viewer")


def test_import_dry_run_import_and_export(world: Any, tmp_path: Path) -> None:
    plan = h.plan(world)
    source = tmp_path / "objectives.csv"
    source.write_text("chapter_code,objective_code,text\n2,2.1,Reform\n", encoding="utf-8")
    common = ("--as", "aze_coordinator", "--list", "objectives", "--file", str(source))
    dry = run("import", str(plan.pk), *common, "--dry-run")
    assert dry.splitlines()[-1] == "dry run: 1 objectives would be created, 0 updated, 0 unchanged."
    assert Objective.objects.count() == 0
    done = run("import", str(plan.pk), *common)
    assert done.splitlines()[-1] == "1 objectives were created, 0 updated, 0 unchanged."
    assert Objective.objects.get().code == "2.1"
    exported = run("export", str(plan.pk), "--as", "aze_viewer", "--list", "objectives")
    assert exported.splitlines() == ["chapter_code,objective_code,text", "2,2.1,Reform"]
    target = tmp_path / "out.xlsx"
    out = run(
        "export",
        str(plan.pk),
        "--as",
        "aze_viewer",
        "--list",
        "objectives",
        "--format",
        "xlsx",
        "--output",
        str(target),
    )
    assert out.startswith(f"wrote {target} (")
    assert target.read_bytes()[:2] == b"PK"
    source.write_text("chapter_code,objective_code,text\n9,9.1,Bad\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        run("import", str(plan.pk), *common)
    assert str(caught.value) == (
        "nothing imported:\nrow 2, column chapter_code: Unknown chapter '9' in this plan."
    )
    with pytest.raises(CommandError, match="--file: cannot read"):
        run(
            "import",
            str(plan.pk),
            "--as",
            "aze_coordinator",
            "--list",
            "objectives",
            "--file",
            "/nope",
        )


def test_missing_arguments_are_named(world: Any) -> None:
    plan = h.plan(world)
    with pytest.raises(CommandError, match="transition needs --status"):
        run("transition", str(plan.pk), "--as", "aze_coordinator")
    with pytest.raises(CommandError, match="show needs ID"):
        run("show", "--as", "aze_coordinator")
    with pytest.raises(CommandError, match="invalid input:\nplan_type:"):
        run(
            "create",
            "--as",
            "aze_coordinator",
            "--nation",
            "AZE",
            "--plan-type",
            "X",
            "--title",
            "t",
            "--start-year",
            "2015",
        )
