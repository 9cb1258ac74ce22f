"""`partnerdesk dialogue …` on the command line, as a named user."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from partnerdesk.core.models import ChangeRecord
from partnerdesk.dialogue.models import FollowUp, Meeting
from partnerdesk.dialogue.tests.helpers import followup, meeting

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("dialogue", *args, stdout=out)
    return out.getvalue()


def test_add_show_update_and_list(world: Any) -> None:
    text = run(
        "add",
        "--as",
        "aze_coordinator",
        "--nation",
        "AZE",
        "--title",
        "Appathurai visit",
        "--date",
        "2016-02-15",
        "--precision",
        "MONTH",
        "--format",
        "SR_VISIT",
        "--direction",
        "TO_PARTNER_CAPITAL",
        "--topic",
        "PARTNERSHIP_POLICY",
        "--status",
        "HELD",
    )
    m = Meeting.objects.get()
    assert text.strip() == f"recorded meeting {m.pk}: Appathurai visit (February 2016)"
    shown = json.loads(run("show", str(m.pk), "--as", "aze_viewer"))
    assert (shown["dates"], shown["topics"], shown["participants"]) == (
        "February 2016",
        ["PARTNERSHIP_POLICY"],
        [],
    )
    run("update", str(m.pk), "--as", "aze_coordinator", "--place", "Baku", "--expect-version", "1")
    m.refresh_from_db()
    assert (m.place, m.version) == ("Baku", 2)
    rows = json.loads(run("meetings", "--as", "staff_all", "--json", "--year-from", "2016"))
    assert [r["title"] for r in rows] == ["Appathurai visit"]
    assert json.loads(run("meetings", "--as", "staff_all", "--json", "--year-to", "2015")) == []
    assert ChangeRecord.objects.filter(source="cli").count() == 2


def test_errors_are_clear(world: Any) -> None:
    with pytest.raises(CommandError, match="date"):
        run(
            "add",
            "--as",
            "aze_coordinator",
            "--nation",
            "AZE",
            "--title",
            "X",
            "--format",
            "SR_VISIT",
            "--direction",
            "TO_NATO_HQ",
        )
    m = meeting(world, marking="NATIONAL_ONLY")
    with pytest.raises(CommandError, match="not found"):
        run("show", str(m.pk), "--as", "staff_all")
    with pytest.raises(CommandError, match="conflict"):
        run("update", str(m.pk), "--as", "aze_coordinator", "--place", "x", "--expect-version", "7")
    with pytest.raises(CommandError, match="needs ID"):
        run("show", "--as", "staff_all")


def test_participants_followups_and_briefing(world: Any) -> None:
    earlier = meeting(world, title="Earlier", date=dt.date(2020, 1, 1))
    planned = meeting(world, title="Planned", date=dt.date(2099, 1, 1), status="PLANNED")
    out = run(
        "participants",
        str(planned.pk),
        "--as",
        "staff_all",
        "--person",
        "Jens Stoltenberg",
        "--side",
        "NATO",
        "--participant-title",
        "Secretary General",
    )
    assert out.startswith("added participant ")
    listed = json.loads(run("participants", str(planned.pk), "--as", "aze_viewer", "--json"))
    assert [(p["person"], p["side"]) for p in listed] == [("Jens Stoltenberg", "NATO")]
    run(
        "followup-add",
        "--as",
        "aze_coordinator",
        "--meeting",
        str(earlier.pk),
        "--text",
        "Send the paper",
        "--side",
        "PARTNER",
        "--due",
        "2020-06-30",
    )
    f = FollowUp.objects.get()
    overdue = json.loads(run("followups", "--as", "aze_viewer", "--json", "--overdue"))
    assert [r["id"] for r in overdue] == [f.pk]
    brief = json.loads(run("briefing", str(planned.pk), "--as", "aze_viewer", "--json"))
    assert [i["followup"]["id"] for i in brief["items"]] == [f.pk]
    run("followup-update", str(f.pk), "--as", "aze_coordinator", "--status", "DONE")
    f.refresh_from_db()
    assert (f.status, f.version) == ("DONE", 2)
    brief = run("briefing", str(planned.pk), "--as", "aze_viewer")
    assert "(0 rows)" in brief
    assert "Jens Stoltenberg, Secretary General (NATO)" in brief


def test_delete(world: Any) -> None:
    m = meeting(world)
    followup(m)
    with pytest.raises(CommandError, match="still has 1 follow-up"):
        run("delete", str(m.pk), "--as", "staff_all")
    FollowUp.objects.all().delete()
    assert run("delete", str(m.pk), "--as", "staff_all").strip() == f"deleted meeting {m.pk}"
