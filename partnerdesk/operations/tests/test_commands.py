"""`partnerdesk operations`: the CLI acts as a named user through the same services."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from partnerdesk.core.models import ChangeRecord
from partnerdesk.operations.models import ContributionSnapshot
from partnerdesk.operations.tests.helpers import operation, snapshot, turkey

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("operations", *args, stdout=out)
    return out.getvalue()


def test_add_update_show_delete_from_the_cli(world: Any) -> None:
    operation("RSM")
    turkey()
    out = run(
        "add",
        "--as",
        "aze_coordinator",
        "--nation",
        "AZE",
        "--operation",
        "rsm",
        "--as-of",
        "2015-05-01",
        "--precision",
        "YEAR",
        "--infantry",
        "90",
        "--medical-officers",
        "2",
        "--engineers",
        "2",
        "--framework-nation",
        "TUR",
        "--marking",
        "PUBLIC",
    )
    row = ContributionSnapshot.objects.get()
    assert out == f"recorded contribution {row.pk}: RSM 2015: 94 (version 1)\n"
    out = run(
        "update",
        str(row.pk),
        "--expected-version",
        "1",
        "--staff-officers",
        "6",
        "--as",
        "aze_coordinator",
    )
    assert out == f"updated contribution {row.pk}: RSM 2015: 100 (version 2)\n"
    shown = json.loads(run("show", str(row.pk), "--as", "analyst"))
    assert (shown["total"], shown["total_label"], shown["date"], shown["framework_nation"]) == (
        100,
        "100",
        "2015",
        "TUR",
    )
    with pytest.raises(CommandError) as refused:
        run("update", str(row.pk), "--expected-version", "2", "--as", "analyst")
    assert str(refused.value) == "not allowed: You may view this record but not change it."
    with pytest.raises(CommandError) as stale:
        run("delete", str(row.pk), "--expected-version", "1", "--as", "aze_coordinator")
    assert str(stale.value).startswith("conflict: ")
    assert run("delete", str(row.pk), "--expected-version", "2", "--as", "aze_coordinator") == (
        f"deleted contribution {row.pk}\n"
    )
    assert list(
        ChangeRecord.objects.filter(content_type__model="contributionsnapshot")
        .order_by("pk")
        .values_list("action", "source")
    ) == [("CREATE", "cli"), ("UPDATE", "cli"), ("DELETE", "cli")]


def test_invalid_input_is_reported_by_field(world: Any) -> None:
    operation("RSM")
    with pytest.raises(CommandError) as zeros:
        run(
            "add",
            "--as",
            "aze_coordinator",
            "--nation",
            "AZE",
            "--operation",
            "RSM",
            "--as-of",
            "2016-01-01",
        )
    assert str(zeros.value) == (
        "invalid input:\nheadcount: Give at least one category above 0, or tick “withdrawal” "
        "to record that the contingent left."
    )
    with pytest.raises(CommandError) as foreign:
        run(
            "add",
            "--as",
            "geo_coordinator",
            "--nation",
            "AZE",
            "--operation",
            "RSM",
            "--as-of",
            "2016-01-01",
            "--infantry",
            "3",
        )
    assert str(foreign.value) == (
        "invalid input:\nowner: You may not create a record for this nation with this marking."
    )
    with pytest.raises(CommandError) as missing:
        run("series", "--as", "analyst")
    assert str(missing.value) == "series needs --nation CODE"
    assert ContributionSnapshot.objects.count() == 0


def test_list_series_and_missions(world: Any) -> None:
    isaf, rsm = operation("ISAF"), operation("RSM")
    snapshot(world, isaf, dt.date(2002, 11, 20), marking="PUBLIC", infantry=22)
    snapshot(
        world,
        isaf,
        dt.date(2009, 1, 1),
        precision="YEAR",
        marking="PUBLIC",
        infantry=90,
        approximate=True,
    )
    snapshot(world, rsm, dt.date(2021, 8, 26), marking="BILATERAL", infantry=0, withdrawal=True)
    out = run("series", "--nation", "AZE", "--as", "staff_all")
    assert out.splitlines() == [
        "OPERATION  DATE         TOTAL  SOURCES",
        "ISAF       20 Nov 2002  22",
        "ISAF       2009         ~90",
        "RSM        26 Aug 2021  0",
        "(3 rows)",
    ]
    series = json.loads(
        run("series", "--nation", "AZE", "--operation", "ISAF", "--json", "--as", "analyst")
    )
    assert [(s["code"], [p["total"] for p in s["points"]]) for s in series] == [("ISAF", [22, 90])]
    listed = json.loads(
        run("list", "--nation", "AZE", "--year-from", "2009", "--json", "--as", "analyst")
    )
    assert [(r["operation"], r["date"], r["total_label"]) for r in listed] == [
        ("ISAF", "2009", "~90")
    ]
    missions = run("missions", "--as", "analyst").splitlines()
    assert missions[1:3] == [
        f"{isaf.pk:<2}  ISAF  International Security Assistance Force  2001–28 Dec 2014",
        f"{rsm.pk:<2}  RSM   Resolute Support Mission                 1 Jan 2015–",
    ]
