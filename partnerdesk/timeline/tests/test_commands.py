"""`partnerdesk timeline` on the command line."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from partnerdesk.timeline.models import Milestone
from partnerdesk.timeline.tests.helpers import seed

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("timeline", *args, stdout=out)
    return out.getvalue()


def test_show_as_a_table_and_as_json(world: Any) -> None:
    seed(world)
    table = run("show", "--as", "analyst", "--nation", "AZE").splitlines()
    assert table[0].split() == ["WHEN", "MECHANISM", "TITLE", "SOURCES", "CONFIDENCE"]
    assert [line.split("  ")[0] for line in table[1:]] == [
        "March 1992",
        "4 May 1994",
        "1997",
        "(3 rows)",
    ]
    data = json.loads(run("show", "--as", "aze_viewer", "--mechanism", "milestones", "--json"))
    assert [e["title"] for e in data["entries"]] == [
        "Joins NACC",
        "EAPC replaces NACC",
        "Mission decree",
    ]


def test_add_and_delete_a_milestone_with_clear_errors(world: Any) -> None:
    out = run(
        "add",
        "--as",
        "aze_coordinator",
        "--nation",
        "AZE",
        "--date",
        "2008-05-20",
        "--precision",
        "YEAR",
        "--title",
        "DEEP starts",
    )
    milestone = Milestone.objects.get()
    assert out == f"created milestone {milestone.pk} (2008: DEEP starts)\n"
    with pytest.raises(CommandError, match=r'precision: "WEEK" is not a valid choice\.'):
        run(
            "add",
            "--as",
            "aze_coordinator",
            "--nation",
            "AZE",
            "--date",
            "2008-05-20",
            "--precision",
            "WEEK",
            "--title",
            "x",
        )
    with pytest.raises(CommandError, match="--nation: no partner nation with the code 'XX'"):
        run("show", "--as", "staff_all", "--nation", "XX")
    with pytest.raises(CommandError, match="not allowed"):
        run("delete", str(milestone.pk), "--as", "staff_geo", "--expected-version", "1")
    assert run(
        "delete", str(milestone.pk), "--as", "aze_coordinator", "--expected-version", "1"
    ) == (f"deleted milestone {milestone.pk}\n")
    assert Milestone.objects.count() == 0
