"""`partnerdesk pcm`: catalogues, activities, import, export, carry, publish, lines, add-line."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from partnerdesk.core.models import ChangeRecord
from partnerdesk.pcm.models import Activity, Catalogue, ProgrammeLine
from partnerdesk.pcm.tests import helpers as h

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("pcm", *args, stdout=out)
    return out.getvalue()


def test_listing_catalogues_and_activities(world: Any) -> None:
    h.activity(world, 2015, "CYBER", 1)
    h.activity(world, 2015, "LOG", 2, eligible_frameworks=["MD"])
    rows = json.loads(_run("catalogues", "--as", "analyst", "--json"))
    assert [(r["year"], r["activities"], r["status"]) for r in rows] == [(2015, 2, "DRAFT")]
    listed = json.loads(_run("activities", "--as", "geo_viewer", "--year", "2015", "--json"))
    assert [(r["code"], r["open_to"]) for r in listed] == [
        ("PCM-2015-CYBER-0001", "all"),
        ("PCM-2015-LOG-0002", "MD"),
    ]
    eligible = json.loads(
        _run(
            "activities", "--as", "geo_viewer", "--year", "2015", "--eligible-for", "GEO", "--json"
        )
    )
    assert [r["code"] for r in eligible] == ["PCM-2015-CYBER-0001"]
    table = _run("activities", "--as", "geo_viewer", "--year", "2015", "--area", "log")
    assert "PCM-2015-LOG-0002" in table
    assert "(1 rows)" in table
    with pytest.raises(CommandError, match="activities needs --year"):
        _run("activities", "--as", "geo_viewer")


def test_export_import_carry_and_publish(world: Any, tmp_path: Path) -> None:
    h.activity(world, 2015, "CYBER", 1)
    csv_text = _run("export", "--as", "staff_all", "--year", "2015")
    assert csv_text.splitlines()[1].startswith("PCM-2015-CYBER-0001,CYBER course 1,")
    path = tmp_path / "menu.csv"
    path.write_text(csv_text.replace("CYBER course 1", "Renamed"), encoding="utf-8")
    dry = _run("import", str(path), "--as", "staff_all", "--year", "2015", "--dry-run")
    assert dry.strip() == "0 activities would be created, 1 updated, 0 unchanged in the 2015 menu."
    assert Activity.objects.get().title == "CYBER course 1"
    _run("import", str(path), "--as", "staff_all", "--year", "2015")
    assert Activity.objects.get().title == "Renamed"
    assert ChangeRecord.objects.filter(source="import").count() == 1
    with pytest.raises(CommandError, match="not allowed: Only alliance staff"):
        _run("import", str(path), "--as", "aze_coordinator", "--year", "2015")
    path.write_text(csv_text.replace(",COURSE,", ",NAP,"), encoding="utf-8")
    with pytest.raises(CommandError, match="row 2, column format: Unknown format 'NAP'"):
        _run("import", str(path), "--as", "staff_all", "--year", "2015")
    xlsx = tmp_path / "menu.xlsx"
    assert _run(
        "export", "--as", "analyst", "--year", "2015", "--format", "xlsx", "--output", str(xlsx)
    ).startswith("wrote ")
    assert xlsx.read_bytes()[:2] == b"PK"
    assert (
        _run("carry", "--as", "admin", "--from", "2015", "--to", "2016").strip()
        == "carried 1 activities from 2015 into 2016"
    )
    assert _run("publish", "--as", "admin", "--year", "2016").startswith(
        "published Partnership Cooperation Menu 2016 on "
    )
    assert Catalogue.objects.get(year=2016).status == "PUBLISHED"


def test_lines_and_add_line(world: Any) -> None:
    plan = h.plan(world)
    activity = h.activity(world)
    objective = h.objective(plan)
    out = _run(
        "add-line",
        "--as",
        "aze_coordinator",
        "--plan",
        str(plan.pk),
        "--activity",
        activity.code,
        "--priority",
        "HIGH",
        "--objective",
        str(objective.pk),
        "--participants",
        "4",
    )
    line = ProgrammeLine.objects.get()
    assert out.strip() == f"added line {line.pk}: PCM-2015-CYBER-0001 in IPCP 2015 (version 1)"
    rows = json.loads(_run("lines", "--as", "staff_all", "--nation", "AZE", "--json"))
    assert [(r["activity"], r["priority"], r["objectives"]) for r in rows] == [
        ("PCM-2015-CYBER-0001", "HIGH", "1.1")
    ]
    assert json.loads(_run("lines", "--as", "analyst", "--json")) == []
    with pytest.raises(
        CommandError,
        match=r"invalid input:\nactivity: PCM-2015-CYBER-0001 is already in this programme\.",
    ):
        _run(
            "add-line",
            "--as",
            "aze_coordinator",
            "--plan",
            str(plan.pk),
            "--activity",
            activity.code,
        )
    with pytest.raises(CommandError, match="not found"):
        _run(
            "add-line",
            "--as",
            "geo_coordinator",
            "--plan",
            str(plan.pk),
            "--activity",
            activity.code,
        )
