"""`partnerdesk entrydocs`: the CLI acts as a named user through the same services."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from partnerdesk.core.models import ChangeRecord
from partnerdesk.entrydocs.models import EntryDocument

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("entrydocs", *args, stdout=out)
    return out.getvalue()


def test_create_update_history_and_delete_from_the_cli(world: Any) -> None:
    out = run(
        "create",
        "--as",
        "aze_coordinator",
        "--nation",
        "AZE",
        "--doc-type",
        "IPP",
        "--title",
        "IPP via CLI",
        "--marking",
        "BILATERAL",
        "--approved-on",
        "1996-10-14",
        "--approval-body",
        "NAC",
    )
    doc = EntryDocument.objects.get()
    assert out == f"created entry document {doc.pk} (version 1)\n"
    out = run(
        "update",
        str(doc.pk),
        "--as",
        "aze_coordinator",
        "--expected-version",
        "1",
        "--title",
        "Renamed",
    )
    assert out == f"updated entry document {doc.pk} (version 2)\n"
    records = list(
        ChangeRecord.objects.order_by("pk").values_list("action", "source", "actor_label")
    )
    assert records == [("CREATE", "cli", "aze_coordinator"), ("UPDATE", "cli", "aze_coordinator")]
    history = json.loads(run("history", str(doc.pk), "--as", "aze_viewer", "--json"))
    assert [(row["action"], row["via"]) for row in history] == [
        ("UPDATE", "cli"),
        ("CREATE", "cli"),
    ]
    assert history[0]["fields"] == "title,version"
    with pytest.raises(
        CommandError, match=r"conflict: .*you edited version 1, the current version is 2"
    ):
        run("delete", str(doc.pk), "--as", "aze_coordinator", "--expected-version", "1")
    assert run("delete", str(doc.pk), "--as", "aze_coordinator", "--expected-version", "2") == (
        f"deleted entry document {doc.pk}\n"
    )


def test_cli_reads_are_scoped_to_the_acting_user(world: Any) -> None:
    EntryDocument.objects.create(
        owner=world.aze, marking="BILATERAL", doc_type="IPP", title="Bilateral IPP"
    )
    EntryDocument.objects.create(
        owner=world.aze, marking="PUBLIC", doc_type="FRAMEWORK_DOCUMENT", title="FD"
    )
    assert [r["title"] for r in json.loads(run("list", "--as", "geo_viewer", "--json"))] == ["FD"]
    assert sorted(r["title"] for r in json.loads(run("list", "--as", "aze_viewer", "--json"))) == [
        "Bilateral IPP",
        "FD",
    ]
    hidden = EntryDocument.objects.get(title="Bilateral IPP")
    with pytest.raises(CommandError, match="not found"):
        run("show", str(hidden.pk), "--as", "geo_viewer")


def test_cli_refuses_bad_input_and_unknown_users(world: Any) -> None:
    with pytest.raises(CommandError) as caught:
        run(
            "create",
            "--as",
            "aze_coordinator",
            "--nation",
            "AZE",
            "--doc-type",
            "MEMO",
            "--title",
            "x",
            "--signed-on",
            "yesterday",
        )
    message = str(caught.value)
    assert 'doc_type: "MEMO" is not a valid choice.' in message
    assert "signed_on: Date has wrong format." in message
    with pytest.raises(CommandError, match="--as: no active user named 'deactivated'"):
        run("list", "--as", "deactivated")
    doc = EntryDocument.objects.create(owner=world.aze, marking="PUBLIC", doc_type="IPP", title="t")
    with pytest.raises(
        CommandError, match=r"not allowed: You may view this record but not change it\."
    ):
        run("update", str(doc.pk), "--as", "aze_viewer", "--expected-version", "1", "--title", "u")
    assert EntryDocument.objects.get().title == "t"
