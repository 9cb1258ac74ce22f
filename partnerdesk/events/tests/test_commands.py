"""`partnerdesk events`: the CLI acts as a named user through the same services."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from partnerdesk.events.models import CalendarFeed, Event, EventReport, Invitation
from partnerdesk.events.tests.helpers import event, move_to

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("events", *args, stdout=out)
    return out.getvalue()


def test_full_life_cycle_from_the_cli(world: Any) -> None:
    out = run(
        "create",
        "--as",
        "aze_coordinator",
        "--owner",
        "AZE",
        "--title",
        "Staff course",
        "--area",
        "EDU",
        "--format",
        "COURSE",
        "--host",
        "AZE",
        "--location",
        "Baku",
        "--start",
        "2020-03-02",
        "--end",
        "2020-03-06",
        "--capacity",
        "12",
    )
    created = Event.objects.get()
    assert out == f"created event {created.pk}: Staff course (2020-03-02) — Draft\n"
    pk = str(created.pk)
    assert run("transition", pk, "--to", "PROPOSED", "--as", "aze_coordinator") == (
        f"event {pk} is now Proposed\n"
    )
    with pytest.raises(CommandError) as caught:
        run("transition", pk, "--to", "APPROVED", "--as", "aze_coordinator")
    assert str(caught.value).startswith("not allowed: A partner never approves")
    with pytest.raises(CommandError) as caught:
        run("transition", pk, "--to", "HELD", "--as", "staff_all")
    assert str(caught.value) == (
        "invalid input:\nstate: Cannot move from Proposed to Held. From Proposed it can move "
        "to: Approved, Cancelled, Draft, Rejected."
    )
    run("transition", pk, "--to", "APPROVED", "--as", "staff_all")
    assert run("invite", pk, "--nations", "GEO", "--as", "aze_coordinator") == (
        f"invited to event {pk}: GEO\n"
    )
    run("transition", pk, "--to", "INVITATIONS_SENT", "--as", "aze_coordinator")
    geo = world.users["geo_coordinator"]
    geo.email = "geo@example.org"
    geo.save()
    assert run("remind", pk, "--as", "aze_coordinator") == (
        f"reminders for event {pk}: 1 sent, 0 skipped (reminded recently), 1 unanswered "
        "invitation(s)\n"
    )
    assert json.loads(run("remind", pk, "--as", "aze_coordinator", "--json")) == {
        "sent": 0,
        "skipped": 1,
        "invitations": 1,
    }
    assert len(mail.outbox) == 1
    inv = Invitation.objects.get()
    assert run("answer", str(inv.pk), "--answer", "ACCEPTED", "--as", "geo_coordinator") == (
        f"invitation {inv.pk} of GEO: Accepted\n"
    )
    for target in ("REGISTRATION_OPEN", "REGISTRATION_CLOSED", "HELD"):
        run("transition", pk, "--to", target, "--as", "aze_coordinator")
    assert run("report", pk, "--summary", "Good course.", "--as", "aze_coordinator") == (
        f"wrote the report of event {pk}\n"
    )
    assert EventReport.objects.get().summary == "Good course."
    shown = json.loads(run("show", pk, "--as", "geo_viewer"))
    assert (shown["state"], shown["invitations"][0]["answer"], shown["report"]["summary"]) == (
        "HELD",
        "ACCEPTED",
        "Good course.",
    )
    assert shown["allowed_moves"] == []


def test_list_and_errors(world: Any) -> None:
    event(world, title="Visible", marking="PARTNERS")
    event(world, title="Internal", marking="NATIONAL_ONLY")
    rows = json.loads(run("list", "--as", "geo_viewer", "--json"))
    assert [r["title"] for r in rows] == ["Visible"]
    table = run("list", "--as", "aze_viewer", "--nation", "AZE")
    assert table.splitlines()[-1] == "(2 rows)"
    with pytest.raises(CommandError) as caught:
        run("show", "999", "--as", "aze_viewer")
    assert str(caught.value) == "not found: Not found."
    with pytest.raises(CommandError) as caught:
        run("show", "--as", "aze_viewer")
    assert str(caught.value) == "show needs an ID"
    with pytest.raises(CommandError) as caught:
        run(
            "create",
            "--as",
            "aze_coordinator",
            "--owner",
            "AZE",
            "--location",
            "Baku",
            "--start",
            "2030-01-01",
            "--end",
            "2030-01-02",
            "--capacity",
            "5",
        )
    assert str(caught.value) == (
        "invalid input:\ntitle: Required for an event without a catalogue activity.\n"
        "area: Required for an event without a catalogue activity.\n"
        "format: Required for an event without a catalogue activity."
    )
    with pytest.raises(CommandError):
        run("list", "--as", "deactivated")


def test_update_and_feeds(world: Any) -> None:
    target = move_to(event(world), "INVITATIONS_SENT")
    pk = str(target.pk)
    assert run("update", pk, "--capacity", "40", "--as", "aze_coordinator") == (
        f"updated event {pk} (version {target.version + 1})\n"
    )
    with pytest.raises(CommandError) as caught:
        run("update", pk, "--title", "New", "--as", "aze_coordinator")
    assert str(caught.value) == (
        "invalid input:\ntitle: Cannot change this once the event is Invitations sent."
    )
    out = run("feed-create", "--label", "Mine", "--as", "aze_viewer")
    feed = CalendarFeed.objects.get()
    assert out.startswith(f"created feed {feed.pk}; its address (shown once")
    assert "/events/feeds/" in out
    assert out.strip().endswith(".ics")
    assert json.loads(run("feeds", "--as", "aze_viewer", "--json"))[0]["label"] == "Mine"
    assert run("feed-revoke", str(feed.pk), "--as", "aze_viewer") == f"revoked feed {feed.pk}\n"
    assert json.loads(run("feeds", "--as", "aze_viewer", "--json")) == []
