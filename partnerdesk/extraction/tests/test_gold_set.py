"""The gold set itself: size, split, file pairs, contract-shaped facts, offsets and traps."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

from partnerdesk.extraction.evaluate import (
    GOLD_DIR,
    GoldDocument,
    kept_lines,
    load_split,
    normalise_line,
    visible_text,
)

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schema" / "extract.schema.json"
OUTLETS = {
    "APA", "Trend", "Azernews", "Report.az", "NATO", "Civil.ge", "Azatutyun", "IPN", "1news.az",
    "Today.az",
}  # fmt: skip
PUBLISHED = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$")

DEV = load_split("dev")
TEST = load_split("test")
ALL = DEV + TEST


def fact_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    fact_schema = {"$defs": schema["$defs"], "$ref": "#/$defs/fact"}
    return jsonschema.Draft202012Validator(fact_schema)


def test_size_and_split() -> None:
    assert len(DEV) == 25
    assert len(TEST) == 37
    assert len(ALL) >= 60
    html_share = sum(1 for d in ALL if d.format == "html") / len(ALL)
    assert html_share == pytest.approx(37 / 62)


def test_ids_are_unique_and_numbered_across_splits() -> None:
    numbers = [int(d.id[:3]) for d in ALL]
    assert numbers == list(range(1, 63))
    assert len({d.id for d in ALL}) == 62


def test_every_raw_file_has_one_annotation_and_the_right_extension() -> None:
    for split in ("dev", "test"):
        raw = {p.stem for p in (GOLD_DIR / split).iterdir() if p.suffix in {".html", ".txt"}}
        annotated = {p.stem for p in (GOLD_DIR / split).glob("*.json")}
        assert raw == annotated
    for document in ALL:
        assert document.path.suffix == (".html" if document.format == "html" else ".txt")
        assert document.path.stem == document.id


@pytest.mark.parametrize("document", ALL, ids=lambda d: d.id)
def test_expected_metadata_is_well_formed(document: GoldDocument) -> None:
    expected = document.expected
    assert expected["outlet"] in OUTLETS
    assert expected["language"] == "en"
    assert expected["title"]
    assert expected["title"] == expected["title"].strip()
    assert PUBLISHED.match(expected["published"])
    # The crawl date in the banners is in 2026; no article is from then.
    assert not expected["published"].startswith("2026")
    assert expected["text"] == "\n".join(expected["body_lines"])
    raw = document.data.decode("utf-8")
    if expected["author"] is not None:
        assert expected["author"] in raw


@pytest.mark.parametrize("document", ALL, ids=lambda d: d.id)
def test_body_lines_come_from_the_raw_document(document: GoldDocument) -> None:
    seen = visible_text(document)
    for line in document.expected["body_lines"]:
        assert line in normalise_line(seen.replace("\n", " ")) or line in seen


@pytest.mark.parametrize("document", [d for d in ALL if d.format == "text"], ids=lambda d: d.id)
def test_boilerplate_lines_match_the_expected_body(document: GoldDocument) -> None:
    raw = document.data.decode("utf-8")
    derived = [line for line, kept in kept_lines(raw, document.expected["text"]) if not kept]
    annotated = [normalise_line(line) for line in document.expected["boilerplate_lines"]]
    assert derived == annotated
    # Title and dateline lines are among the boilerplate; a repeated title appears twice.
    assert normalise_line(document.expected["title"]) in derived


@pytest.mark.parametrize("document", ALL, ids=lambda d: d.id)
def test_facts_are_contract_shaped_with_exact_offsets(document: GoldDocument) -> None:
    validator = fact_validator()
    text = document.expected["text"]
    assert document.facts, "every gold document has facts"
    for fact in document.facts:
        assert text[fact["start"] : fact["end"]] == fact["quote"]
        contract: dict[str, Any] = {k: v for k, v in fact.items() if k != "trigger"}
        contract["confidence"] = 1.0
        errors = [e.message for e in validator.iter_errors(contract)]
        assert errors == [], (fact, errors)
        if fact["kind"] == "event":
            trigger = fact["trigger"]
            assert text[trigger["start"] : trigger["end"]] == trigger["quote"]
            assert fact["start"] <= trigger["start"] < trigger["end"] <= fact["end"]
        if fact["kind"] == "quantity":
            assert not re.fullmatch(r"(1[89]|20)\d\d", fact["quote"].strip())


def test_mechanism_mentions_do_not_overlap() -> None:
    for document in ALL:
        spans = sorted((f["start"], f["end"]) for f in document.facts if f["kind"] == "mechanism")
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end <= start, document.id


def test_the_traps_named_by_the_issue_are_present() -> None:
    texts = "\n".join(d.expected["text"] for d in ALL)
    assert "close to 200 NATO events" in texts
    assert "27 of 41 goals" in texts
    assert "No high-level visits have been scheduled" in texts
    traps = {trap for d in ALL for trap in d.traps}
    for trap in (
        "negated_visit", "planned_visit", "relative_month", "relative_week", "relative_weekday",
        "banner_date", "repeated_title", "plan_period", "of_total", "approx_quantity",
        "year_not_quantity", "dateline_without_year",
    ):  # fmt: skip
        assert trap in traps, trap
    # Both splits test the hardest traps.
    for split in (DEV, TEST):
        split_traps = {trap for d in split for trap in d.traps}
        assert {"negated_visit", "of_total", "plan_period", "banner_date"} <= split_traps


def test_quantity_of_total_and_approximation_values() -> None:
    quantities = {(d.id, f["quote"]): f for d in ALL for f in d.facts if f["kind"] == "quantity"}
    close = quantities[("001-apa-ibrahim-interview", "close to 200 NATO events")]
    assert (close["value"], close["approx"], close["counted"]) == (200, "about", "events")
    share = quantities[("002-azernews-ipap-review", "27 of 41 goals")]
    assert (share["value"], share["of_total"], share["counted"]) == (27, 41, "goals")


def test_relative_dates_are_resolved_without_inventing_days() -> None:
    events = {
        (d.id, f["trigger"]["quote"], f["start"]): f
        for d in ALL
        for f in d.facts
        if f["kind"] == "event"
    }
    whens = {key[:2]: f["when"] for key, f in events.items()}
    assert whens[("001-apa-ibrahim-interview", "addressed")] == "2016-05"
    assert whens[("002-azernews-ipap-review", "reviewed")] == "2016-11"
    assert whens[("003-report-occ-battalion-evaluation", "evaluation exercise")] == "2017-05-31"
    negated = [f for f in events.values() if f["modality"] == "negated"]
    assert len(negated) >= 5
