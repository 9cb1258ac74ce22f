"""`partnerdesk assessments`: the CLI acts as a named user through the same services."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from partnerdesk.assessments.models import AssessmentRound, Rating, SideSubmission
from partnerdesk.assessments.tests.conftest import open_round
from partnerdesk.core.models import ChangeRecord

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("assessments", *args, stdout=out)
    return out.getvalue()


def _rate_all(pk: int, user: str, levels: list[int]) -> None:
    for code, level in zip(["1.1", "1.2", "2.1", "2.2"], levels, strict=True):
        run(
            "rate",
            str(pk),
            "--as",
            user,
            "--objective",
            code,
            "--level",
            str(level),
            "--rationale",
            f"{user} on {code}",
        )


def test_open_rate_submit_show_analytics_from_the_cli(world: Any, azeplan: Any) -> None:
    out = run(
        "open",
        "--as",
        "aze_coordinator",
        "--plan",
        str(azeplan.plan.pk),
        "--year",
        "2016",
        "--opens-on",
        "2016-01-15",
        "--deadline",
        "2016-03-31",
        "--note",
        "Illustrative ratings",
    )
    assessment = AssessmentRound.objects.get()
    assert out == f"opened round {assessment.pk} (version 1)\n"
    pk = str(assessment.pk)
    _rate_all(assessment.pk, "aze_assessor", [4, 3, 2, 5])
    assert (
        run("submit", pk, "--as", "aze_assessor")
        == f"submitted the national ratings of round {pk}\n"
    )
    _rate_all(assessment.pk, "alliance_assessor", [4, 1, 2, 4])
    blind = json.loads(run("show", pk, "--as", "alliance_assessor", "--json"))
    assert [(o["objective"], o["national"], o["alliance"]) for o in blind["objectives"]] == [
        ("1.1", None, 4),
        ("1.2", None, 1),
        ("2.1", None, 2),
        ("2.2", None, 4),
    ]
    assert (
        run("analytics", pk, "--as", "alliance_assessor")
        == "No objective was rated by both sides.\n"
    )
    run("submit", pk, "--as", "alliance_assessor")
    shown = run("show", pk, "--as", "aze_viewer")
    assert "ratings revealed; national submitted, alliance submitted" in shown
    assert "1.2        3         1         2" in shown
    stats = run("analytics", pk, "--as", "aze_viewer")
    assert stats.splitlines()[0].startswith("n=4 exact=50% within-one=75% kappa=0.64 (95% CI ")
    assert stats.splitlines()[-1] == "divergent: 1.2 national 3 alliance 1"
    sources = set(
        ChangeRecord.objects.filter(content_type__app_label="assessments").values_list(
            "source", flat=True
        )
    )
    assert sources == {"cli"}
    assert SideSubmission.objects.count() == 2


def test_cli_refusals_are_clear_and_change_nothing(world: Any, azeplan: Any) -> None:
    assessment = open_round(azeplan.plan)
    pk = str(assessment.pk)
    with pytest.raises(
        CommandError, match=re.escape("not allowed: You do not rate in this assessment round.")
    ):
        run(
            "rate",
            pk,
            "--as",
            "aze_viewer",
            "--objective",
            "1.1",
            "--level",
            "2",
            "--rationale",
            "x",
        )
    with pytest.raises(CommandError, match=re.escape("not found: Not found.")):
        run("show", pk, "--as", "geo_viewer")
    with pytest.raises(
        CommandError, match=r"invalid input:\nlevel_\d+: Choose a level from 1 to 5."
    ):
        run(
            "rate",
            pk,
            "--as",
            "aze_assessor",
            "--objective",
            "1.1",
            "--level",
            "9",
            "--rationale",
            "x",
        )
    with pytest.raises(
        CommandError, match=re.escape("invalid input:\nobjective: No objective 7.7 here.")
    ):
        run(
            "rate",
            pk,
            "--as",
            "aze_assessor",
            "--objective",
            "7.7",
            "--level",
            "2",
            "--rationale",
            "x",
        )
    with pytest.raises(
        CommandError, match=r"invalid input:\n.*Rate every objective before submitting"
    ):
        run("submit", pk, "--as", "aze_assessor")
    with pytest.raises(CommandError, match="not allowed: You rate for the national side"):
        run("submit", pk, "--as", "aze_assessor", "--side", "ALLIANCE")
    with pytest.raises(CommandError, match="close needs --expected-version"):
        run("close", pk, "--as", "staff_all")
    with pytest.raises(CommandError, match="--as: no active user named 'deactivated'"):
        run("list", "--as", "deactivated")
    assert Rating.objects.count() == 0


def test_list_close_and_export(world: Any, azeplan: Any, tmp_path: Path) -> None:
    assessment = open_round(azeplan.plan, deadline=dt.date(2016, 3, 31))
    pk = str(assessment.pk)
    _rate_all(assessment.pk, "aze_assessor", [4, 3, 2, 5])
    listing = json.loads(run("list", "--as", "staff_all", "--json", "--nation", "aze"))
    assert [(r["year"], r["status"], r["national_submitted"]) for r in listing] == [
        (2016, "OPEN", False)
    ]
    csv_before = run("export", pk, "--as", "alliance_assessor")
    assert "aze_assessor on 1.1" not in csv_before
    assert (
        run("close", pk, "--as", "staff_all", "--expected-version", "1")
        == f"closed round {pk} (version 2)\n"
    )
    csv_after = run("export", pk, "--as", "alliance_assessor")
    assert "aze_assessor on 1.1" in csv_after
    target = tmp_path / "round.xlsx"
    assert run(
        "export", pk, "--as", "aze_viewer", "--format", "xlsx", "--output", str(target)
    ).startswith(f"wrote {target}")
    assert target.read_bytes()[:2] == b"PK"
    with pytest.raises(CommandError, match="export --format xlsx needs --output"):
        run("export", pk, "--as", "aze_viewer", "--format", "xlsx")
