"""`partnerdesk trustfunds`: the CLI acts as a named user through the same services."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from partnerdesk.core.models import ChangeRecord
from partnerdesk.trustfunds.models import Contribution, Project
from partnerdesk.trustfunds.tests.helpers import org, phase, project

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("trustfunds", *args, stdout=out)
    return out.getvalue()


def test_record_a_project_its_phase_and_money_from_the_cli(world: Any) -> None:
    out = run(
        "add",
        "--as",
        "aze_coordinator",
        "--set",
        "nation=AZE",
        "--set",
        "title=Saloglu UXO clearance",
        "--set",
        "theme=DEMINING",
        "--set",
        "requested_on=2001-12-17",
        "--set",
        "requested_precision=MONTH",
    )
    saloglu = Project.objects.get()
    assert out == f"created trust-fund project {saloglu.pk}: Saloglu UXO clearance\n"
    out = run(
        "phase-add",
        "--as",
        "aze_coordinator",
        "--set",
        f"project={saloglu.pk}",
        "--set",
        "number=2",
        "--set",
        "budget=440000.00",
        "--set",
        "currency=EUR",
        "--set",
        "lead_nations=AZE,GEO",
    )
    second = saloglu.phases.get()
    assert out == f"created phase {second.pk}: Saloglu UXO clearance — phase 2\n"
    for code, amount in (("AZE", "131000.00"), ("GEO", "50000.00"), ("AZE", "15000.00")):
        run(
            "contribution-add",
            "--as",
            "aze_coordinator",
            "--set",
            f"phase={second.pk}",
            "--set",
            f"donor={code}",
            "--set",
            f"amount={amount}",
            "--set",
            "currency=EUR",
        )
    run(
        "contribution-add",
        "--as",
        "aze_coordinator",
        "--set",
        f"phase={second.pk}",
        "--set",
        "donor=GEO",
        "--set",
        "amount=100.00",
        "--set",
        "currency=USD",
    )
    table = run("totals", "--project", str(saloglu.pk), "--as", "aze_viewer")
    assert table.splitlines() == [
        "CURRENCY  BUDGET     CONTRIBUTED  PLEDGED    PAID  REMAINING",
        "EUR       440000.00  196000.00    196000.00        244000.00",
        "USD                  100.00       100.00",
        "(2 rows)",
    ]
    with pytest.raises(CommandError, match="Give a rate for USD to EUR"):
        run("totals", "--as", "aze_viewer", "--to", "EUR")
    converted = run("totals", "--as", "aze_viewer", "--to", "EUR", "--rate", "USD:0.9")
    assert converted.splitlines()[-1] == (
        "in EUR at 1 USD = 0.9 EUR: budget 440000.00, contributed 196090.00"
    )
    data = json.loads(run("totals", "--as", "aze_viewer", "--json"))
    assert data["by_donor"][0]["contributed"] == {"EUR": "146000.00"}
    assert ChangeRecord.objects.filter(source="cli").count() == 6


def test_list_show_update_and_move(world: Any) -> None:
    saloglu = project(world)
    phase(saloglu, 1, budget="1.00")
    listing = run("list", "--as", "aze_viewer")
    assert "Saloglu UXO clearance" in listing
    assert "(1 rows)" in listing
    assert "(0 rows)" in run("list", "--as", "aze_viewer", "--status", "CLOSED")
    shown = json.loads(run("show", str(saloglu.pk), "--as", "aze_viewer"))
    assert (shown["status"], shown["phases"][0]["budget"]) == ("REQUESTED", "1.00")
    with pytest.raises(CommandError, match="--expected-version N is needed"):
        run("transition", str(saloglu.pk), "--as", "aze_coordinator", "--to", "SCOPING")
    with pytest.raises(CommandError, match="Cannot move from Requested to Closed"):
        run(
            "transition",
            str(saloglu.pk),
            "--as",
            "aze_coordinator",
            "--to",
            "CLOSED",
            "--expected-version",
            "1",
        )
    out = run(
        "transition",
        str(saloglu.pk),
        "--as",
        "aze_coordinator",
        "--to",
        "scoping",
        "--expected-version",
        "1",
    )
    assert out == f"project {saloglu.pk}: Scoping (version 2)\n"
    with pytest.raises(CommandError, match="conflict"):
        run(
            "update",
            str(saloglu.pk),
            "--as",
            "aze_coordinator",
            "--set",
            "summary=x",
            "--expected-version",
            "1",
        )
    out = run(
        "update",
        str(saloglu.pk),
        "--as",
        "aze_coordinator",
        "--set",
        "summary=Agstafa",
        "--expected-version",
        "2",
    )
    assert out == f"updated project {saloglu.pk}: Saloglu UXO clearance (version 3)\n"
    with pytest.raises(CommandError, match="not allowed"):
        run(
            "update",
            str(saloglu.pk),
            "--as",
            "aze_viewer",
            "--set",
            "summary=y",
            "--expected-version",
            "3",
        )
    with pytest.raises(CommandError, match="not found"):
        run("show", str(saloglu.pk), "--as", "geo_viewer")


def test_bad_input_is_named_by_field(world: Any) -> None:
    first = phase(project(world), 1)
    org("TUR")
    with pytest.raises(CommandError) as refused:
        run(
            "contribution-add",
            "--as",
            "aze_coordinator",
            "--set",
            f"phase={first.pk}",
            "--set",
            "donor=TUR",
            "--set",
            "amount=12.345",
            "--set",
            "currency=EUR",
        )
    assert str(refused.value) == (
        "invalid input:\namount: Ensure that there are no more than 2 decimal places."
    )
    with pytest.raises(CommandError, match="--set needs NAME=VALUE"):
        run("kpi-add", "--as", "aze_coordinator", "--set", "metric")
    assert not Contribution.objects.exists()
