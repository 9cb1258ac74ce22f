"""`partnerdesk extract` (no database), `partnerdesk ingest` and `partnerdesk evidence`."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from partnerdesk.dialogue.models import Meeting
from partnerdesk.evidence.models import Document, Fact
from partnerdesk.evidence.tests.conftest import ARTICLE


def _run(*args: Any, **options: Any) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE + " Second.", encoding="utf-8")
    (tmp_path / "c.bin").write_bytes(b"\x00\x01\x02")
    return tmp_path


def test_extract_one_file_prints_one_contract_object(files: Path, pipeline: None) -> None:
    out, _ = _run("extract", str(files / "a.txt"), "--json")  # no django_db mark: no database
    result = json.loads(out)
    assert set(result) == {"document", "facts"}
    assert result["document"]["title"] == "NATO envoy visits Baku"
    assert result["document"]["source"] == str(files / "a.txt")
    text = result["document"]["text"]
    assert [f["kind"] for f in result["facts"]] == [
        "event",
        "quantity",
        "mechanism",
        "period",
        "quantity",
    ]
    assert all(text[f["start"] : f["end"]] == f["quote"] for f in result["facts"])


def test_extract_stdin(pipeline: None) -> None:
    out, _ = _run("extract", "-", "--json", stdin=io.BytesIO(ARTICLE.encode()))
    assert json.loads(out)["document"]["source"] == "<stdin>"


def test_extract_directory_prints_an_array_and_reports_refusals(
    files: Path, pipeline: None
) -> None:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as info:
        call_command("extract", str(files), "--json", stdout=out, stderr=err)
    assert str(info.value) == "1 of 3 document(s) refused."
    results = json.loads(out.getvalue())
    assert [Path(r.get("source") or r["document"]["source"]).name for r in results] == [
        "a.txt",
        "b.txt",
        "c.bin",
    ]
    assert results[2]["error"] == {
        "code": "binary",
        "message": "This looks like a binary file, not text or HTML.",
    }
    assert "c.bin: [binary]" in err.getvalue()


def test_extract_missing_file(tmp_path: Path, pipeline: None) -> None:
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "extract", str(tmp_path / "nope.txt"), "--json", stdout=out, stderr=io.StringIO()
        )
    assert json.loads(out.getvalue())["error"]["code"] == "missing"


@pytest.mark.django_db
def test_ingest_batch_with_progress_and_summary(world: Any, files: Path, pipeline: None) -> None:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as info:
        call_command("ingest", str(files), "--as", "aze_coordinator", stdout=out, stderr=err)
    assert str(info.value) == "1 of 3 document(s) failed."
    lines = out.getvalue().splitlines()
    assert lines[-1] == "2 stored, 0 already known, 1 failed"
    assert lines[2].endswith("c.bin: [binary] This looks like a binary file, not text or HTML.")
    assert "3/3" in err.getvalue()
    assert Document.objects.count() == 2
    out2, _ = _run("ingest", str(files / "a.txt"), "--as", "aze_coordinator", "--json")
    [row] = json.loads(out2)
    assert (row["status"], row["facts"]) == ("known", 5)


@pytest.mark.django_db
def test_ingest_for_a_nation_with_grading(world: Any, files: Path, pipeline: None) -> None:
    _run(
        "ingest",
        str(files / "a.txt"),
        "--as",
        "staff_all",
        "--nation",
        "aze",
        "--grading",
        "B2",
        "--url",
        "https://example.org/a",
    )
    document = Document.objects.get()
    assert (document.owner.code, document.grading, document.url) == (
        "AZE",
        "B2",
        "https://example.org/a",
    )
    with pytest.raises(CommandError, match="--grading: Give the Admiralty code"):
        _run(
            "ingest", str(files / "b.txt"), "--as", "staff_all", "--nation", "AZE", "--grading", "X"
        )
    with pytest.raises(CommandError, match="--nation: no organisation with code 'XXX'"):
        _run("ingest", str(files / "b.txt"), "--as", "staff_all", "--nation", "XXX")


@pytest.mark.django_db
def test_evidence_documents_facts_review_and_search(
    world: Any, files: Path, pipeline: None
) -> None:
    _run("ingest", str(files / "a.txt"), "--as", "aze_coordinator")
    document = Document.objects.get()
    out, _ = _run("evidence", "documents", "--as", "aze_viewer", "--json")
    assert [(r["id"], r["facts"], r["proposed"]) for r in json.loads(out)] == [(document.pk, 5, 5)]
    out, _ = _run("evidence", "facts", str(document.pk), "--as", "aze_viewer", "--json")
    assert [f["kind"] for f in json.loads(out)] == [
        "event",
        "quantity",
        "mechanism",
        "period",
        "quantity",
    ]
    event = Fact.objects.get(kind="event")
    with pytest.raises(
        CommandError, match=r"not allowed: You may view this record but not change it\."
    ):
        _run("evidence", "review", str(event.pk), "--accept", "--as", "aze_viewer")
    out, _ = _run("evidence", "review", str(event.pk), "--accept", "--as", "aze_coordinator")
    meeting = Meeting.objects.get()
    assert out.splitlines() == [
        f"fact {event.pk}: accept",
        f"created: {meeting} ({meeting.get_absolute_url()})",
    ]
    with pytest.raises(CommandError, match="This fact is accepted; possible decisions: none"):
        _run("evidence", "review", str(event.pk), "--reject", "--as", "aze_coordinator")
    period = Fact.objects.get(kind="period")
    with pytest.raises(CommandError, match="--edit: not valid JSON"):
        _run("evidence", "review", str(period.pk), "--edit", "{x", "--as", "aze_coordinator")
    out, _ = _run("evidence", "search", "Vershbow", "--as", "geo_viewer", "--json")
    [hit] = json.loads(out)
    assert hit["id"] == document.pk
    assert "Vershbow" in hit["snippet"]
    out, _ = _run("evidence", "show", str(document.pk), "--as", "analyst")
    assert out.splitlines()[2] == "title: NATO envoy visits Baku"
