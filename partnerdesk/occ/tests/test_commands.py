"""`partnerdesk occ`: the CLI acts as a named user through the same services."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from partnerdesk.core.models import ChangeRecord
from partnerdesk.occ.models import Certification, Evaluation
from partnerdesk.occ.tests.helpers import evaluation, unit

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("occ", *args, stdout=out)
    return out.getvalue()


def test_add_evaluations_and_certify_from_the_cli(world: Any) -> None:
    battalion = unit(world)
    out = run(
        "evaluations",
        "add",
        "--as",
        "aze_coordinator",
        "--unit",
        str(battalion.pk),
        "--level",
        "NEL1",
        "--start",
        "2012-06-18",
        "--end",
        "2012-06-24",
        "--outcome",
        "PASSED",
    )
    nel1 = Evaluation.objects.get()
    assert out == f"recorded evaluation {nel1.pk}: NEL-1 18–24 Jun 2012 (passed)\n"
    out = run(
        "evaluations",
        "add",
        "--as",
        "aze_coordinator",
        "--unit",
        str(battalion.pk),
        "--level",
        "NEL2",
        "--start",
        "2014-03-01",
        "--precision",
        "YEAR",
        "--outcome",
        "PASSED",
    )
    nel2 = Evaluation.objects.get(level="NEL2")
    assert out == (
        f"recorded evaluation {nel2.pk}: NEL-2 2014 (passed); certificate valid 2014–2017\n"
    )
    assert Certification.objects.get().based_on_id == nel2.pk
    rows = list(
        ChangeRecord.objects.filter(source="cli")
        .order_by("pk")
        .values_list("content_type__model", "action", "actor_label")
    )
    assert rows == [
        ("evaluation", "CREATE", "aze_coordinator"),
        ("evaluation", "CREATE", "aze_coordinator"),
        ("certification", "CREATE", "aze_coordinator"),
    ]
    listed = json.loads(
        run("evaluations", "list", "--unit", str(battalion.pk), "--as", "aze_viewer", "--json")
    )
    assert [(r["level"], r["dates"]) for r in listed] == [
        ("NEL1", "18–24 Jun 2012"),
        ("NEL2", "2014"),
    ]


def test_cli_refuses_steps_out_of_order_and_bad_input(world: Any) -> None:
    battalion = unit(world)
    evaluation(battalion, "NEL1", dt.date(2012, 6, 18))
    with pytest.raises(CommandError) as caught:
        run(
            "evaluations",
            "add",
            "--as",
            "aze_coordinator",
            "--unit",
            str(battalion.pk),
            "--level",
            "SEL1",
            "--start",
            "2013-01-10",
            "--outcome",
            "PASSED",
        )
    assert str(caught.value) == (
        "invalid input:\nstart_on: NEL-1 (18 Jun 2012) cannot have been passed before SEL-1 "
        "(10 Jan 2013): the levels are passed in the order SEL-1, NEL-1, SEL-2, NEL-2."
    )
    with pytest.raises(CommandError) as caught:
        run(
            "evaluations",
            "add",
            "--as",
            "aze_coordinator",
            "--unit",
            str(battalion.pk),
            "--level",
            "NEL7",
            "--start",
            "soon",
        )
    assert 'level: "NEL7" is not a valid choice.' in str(caught.value)
    assert "start_on: Date has wrong format." in str(caught.value)
    with pytest.raises(CommandError, match="evaluations add needs --unit ID"):
        run("evaluations", "add", "--as", "aze_coordinator", "--level", "SEL1")
    with pytest.raises(CommandError, match="units needs one of: list, show"):
        run("units", "--as", "aze_viewer")
    with pytest.raises(CommandError, match="does not exist"):
        run(
            "evaluations",
            "add",
            "--as",
            "geo_coordinator",
            "--unit",
            str(battalion.pk),
            "--level",
            "SEL1",
            "--start",
            "2011-10-07",
        )
    assert Evaluation.objects.count() == 1


def test_cli_reads_are_scoped_and_due_uses_the_given_day(world: Any) -> None:
    hidden = unit(world, name="Hidden battalion", marking="BILATERAL")
    party = unit(world, name="Boarding party", service="MARITIME", marking="PUBLIC")
    evaluation(
        party, "NEL2", dt.date(2022, 11, 1), precision="MONTH", earlier_steps_unrecorded=True
    )
    listed = json.loads(run("units", "list", "--as", "geo_viewer", "--json"))
    assert [(r["name"], r["status"]) for r in listed] == [("Boarding party", "LAPSED")]
    with pytest.raises(CommandError, match="not found"):
        run("units", "show", str(hidden.pk), "--as", "geo_viewer")
    shown = json.loads(run("units", "show", str(party.pk), "--as", "geo_viewer"))
    assert (shown["declared"], [e["dates"] for e in shown["evaluations"]]) == (
        "2010",
        ["November 2022"],
    )
    before = json.loads(run("due", "--as", "geo_viewer", "--today", "2025-06-01", "--json"))
    assert [(r["unit_name"], r["flag"]) for r in before] == [("Boarding party", "DUE")]
    early = run("due", "--as", "geo_viewer", "--today", "2025-01-01", "--days", "30")
    assert early.splitlines()[-1] == "(0 rows)"
    after = run("due", "--as", "geo_viewer", "--today", "2026-11-23")
    assert "Boarding party" in after
    assert "LAPSED" in after
