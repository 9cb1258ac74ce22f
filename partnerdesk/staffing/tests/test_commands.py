"""`partnerdesk staffing`: names per role, add/update/delete, headcount and series, errors."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from partnerdesk.core.models import ChangeRecord
from partnerdesk.staffing.models import Posting
from partnerdesk.staffing.selectors import pseudonym
from partnerdesk.staffing.tests.helpers import SECRET_NAME, posting

pytestmark = pytest.mark.django_db
D = dt.date


def run(*args: Any) -> str:
    out = StringIO()
    call_command("staffing", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "own"),
    [
        ("aze_viewer", True),
        ("staff_all", False),
        ("analyst", False),
        ("admin", False),
        ("geo_coordinator", False),
    ],
)
def test_list_and_show_use_the_same_pseudonyms(world: Any, name: str, own: bool) -> None:
    row = posting(world, marking="PUBLIC")
    listed = run("list", "--as", name)
    shown = json.loads(run("show", str(row.pk), "--as", name))
    as_json = json.loads(run("list", "--json", "--as", name))
    expected = SECRET_NAME if own else pseudonym(row.pk, "AZE")
    assert expected in listed
    assert shown["person"] == expected
    assert [r["person"] for r in as_json] == [expected]
    if not own:
        assert SECRET_NAME not in listed + json.dumps(shown) + json.dumps(as_json)


def test_add_update_delete(world: Any) -> None:
    out = run(
        "add",
        "--nation",
        "AZE",
        "--scheme",
        "PSE",
        "--host",
        "NATO-IS",
        "--post-title",
        "Staff officer",
        "--start",
        "2016-03-09",
        "--start-precision",
        "MONTH",
        "--person-name",
        "Kamran Testov",
        "--as",
        "aze_coordinator",
    )
    created = Posting.objects.get()
    assert out.strip() == (
        f"recorded posting {created.pk} (version 1): Kamran Testov, Staff officer at NATO-IS, "
        "March 2016–serving"
    )
    staff_out = run(
        "update",
        str(created.pk),
        "--expected-version",
        "1",
        "--end",
        "2018-08-01",
        "--end-precision",
        "MONTH",
        "--as",
        "staff_all",
    )
    assert staff_out.strip() == (
        f"updated posting {created.pk} (version 2): {pseudonym(created.pk, 'AZE')}, "
        "Staff officer at NATO-IS, March 2016–August 2018"
    )
    with pytest.raises(CommandError, match="person_name: Only users of the sending nation"):
        run(
            "update",
            str(created.pk),
            "--expected-version",
            "2",
            "--person-name",
            "X",
            "--as",
            "staff_all",
        )
    with pytest.raises(CommandError, match="conflict: This record was changed"):
        run("delete", str(created.pk), "--expected-version", "1", "--as", "aze_coordinator")
    with pytest.raises(CommandError, match="not allowed"):
        run("delete", str(created.pk), "--expected-version", "2", "--as", "aze_viewer")
    run("delete", str(created.pk), "--expected-version", "2", "--as", "aze_coordinator")
    assert not Posting.objects.exists()
    assert [r.source for r in ChangeRecord.objects.filter(content_type__app_label="staffing")] == [
        "cli",
        "cli",
        "cli",
    ]


def test_bad_input_gives_clear_errors(world: Any) -> None:
    refused = r"end_on: The end \(1 Jan 2015\) is before the start \(9 Mar 2016\)\."
    with pytest.raises(CommandError, match=refused):
        run(
            "add",
            "--nation",
            "AZE",
            "--scheme",
            "PSE",
            "--host",
            "NATO-IS",
            "--post-title",
            "Staff officer",
            "--start",
            "2016-03-09",
            "--end",
            "2015-01-01",
            "--as",
            "aze_coordinator",
        )
    with pytest.raises(CommandError, match="host: Object with code=NOPE does not exist"):
        run(
            "add",
            "--nation",
            "AZE",
            "--scheme",
            "PSE",
            "--host",
            "NOPE",
            "--post-title",
            "Staff officer",
            "--start",
            "2016-03-09",
            "--as",
            "aze_coordinator",
        )
    with pytest.raises(CommandError, match="headcount needs --nation CODE"):
        run("headcount", "--on", "2016-01-01", "--as", "analyst")
    with pytest.raises(CommandError, match="--nation: no nation with code 'XXX'"):
        run("headcount", "--nation", "XXX", "--on", "2016-01-01", "--as", "analyst")
    with pytest.raises(CommandError, match="not found"):
        run("show", "999", "--as", "analyst")
    assert not Posting.objects.exists()


def test_headcount_and_series(world: Any) -> None:
    posting(world, marking="PUBLIC", start=D(2016, 1, 1), end=D(2016, 5, 1), end_precision="MONTH")
    posting(world, marking="PUBLIC", start=D(2015, 1, 1), at="SHAPE")
    out = run(
        "headcount",
        "--nation",
        "AZE",
        "--on",
        "2016-03-07",
        "--scope",
        "NATO_HQ",
        "--as",
        "analyst",
    )
    assert out.strip() == "AZE on 2016-03-07 (NATO HQ (Brussels) only): 1"
    as_json = json.loads(
        run("headcount", "--nation", "AZE", "--on", "2016-03-07", "--json", "--as", "analyst")
    )
    assert as_json == {
        "nation": "AZE",
        "on": "2016-03-07",
        "scope": "ALL_BODIES",
        "scheme": "",
        "count": 2,
    }
    series = run("series", "--nation", "AZE", "--from", "2015", "--to", "2016", "--as", "analyst")
    assert series.splitlines() == [
        "YEAR  ON          COUNT  STARTED  ENDED",
        "2015  2015-07-01  1      1        0",
        "2016  2016-07-01  1      1        1",
        "(2 rows)",
    ]
