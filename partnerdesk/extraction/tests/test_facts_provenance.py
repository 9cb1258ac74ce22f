"""Provenance on every gold dev document, the contract's shape, and the limits of the rules."""

import json
import re
from pathlib import Path

import pytest

from partnerdesk.extraction.facts import find_facts
from partnerdesk.extraction.types import (
    APPROX,
    EVENT_TYPES,
    MECHANISM_CODES,
    MODALITIES,
    Deadline,
    ExtractionError,
)

GOLD_DEV = Path(__file__).resolve().parent.parent / "gold" / "dev"
PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"

FIELDS = {
    "mechanism": {"kind", "mechanism", "quote", "start", "end", "confidence"},
    "quantity": {
        "kind",
        "value",
        "approx",
        "counted",
        "of_total",
        "when",
        "quote",
        "start",
        "end",
        "confidence",
    },
    "period": {
        "kind",
        "start_year",
        "end_year",
        "mechanism",
        "quote",
        "start",
        "end",
        "confidence",
    },
    "event": {
        "kind",
        "type",
        "who",
        "where",
        "when",
        "modality",
        "quote",
        "start",
        "end",
        "confidence",
    },
}


def gold_documents():
    return sorted(GOLD_DEV.glob("*.json"))


def check_contract(text, facts):
    assert [f["start"] for f in facts] == sorted(f["start"] for f in facts)
    for fact in facts:
        assert set(fact) == FIELDS[fact["kind"]]
        assert text[fact["start"] : fact["end"]] == fact["quote"]
        assert fact["quote"]
        assert 0.0 <= fact["confidence"] <= 1.0
        if fact["kind"] in ("mechanism", "period") and fact["mechanism"] is not None:
            assert fact["mechanism"] in MECHANISM_CODES
        if fact["kind"] == "quantity":
            assert fact["approx"] in APPROX
        if fact["kind"] == "event":
            assert fact["type"] in EVENT_TYPES
            assert fact["modality"] in MODALITIES
            assert all(set(w) == {"name", "role"} and w["name"] for w in fact["who"])
        if fact["kind"] in ("quantity", "event") and fact["when"] is not None:
            assert re.match(PARTIAL_DATE, fact["when"])


def test_the_dev_gold_set_is_there():
    assert len(gold_documents()) >= 20


@pytest.mark.parametrize("path", gold_documents(), ids=lambda p: p.stem)
def test_provenance_and_contract_on_every_gold_dev_document(path):
    expected = json.loads(path.read_text(encoding="utf-8"))["expected"]
    text = expected["text"]
    facts = find_facts(
        text, published=expected["published"], language=expected["language"], deadline=Deadline()
    )
    assert facts
    check_contract(text, facts)


def test_a_two_megabyte_line_finishes_and_keeps_provenance():
    unit = (
        "NATO Secretary General Jens Stoltenberg visited Baku in May, close to 200 NATO events "
        "in 2015 under the IPAP for 2015-2016, 27 of 41 goals, EUR 1.4 million, "
    )
    text = unit * (2_000_000 // len(unit) + 1)
    assert "\n" not in text
    facts = find_facts(text, published="2016-06-30", language="en", deadline=Deadline(300))
    check_contract(text, facts)
    assert {f["kind"] for f in facts} == {"mechanism", "period", "quantity", "event"}


@pytest.mark.parametrize(
    "text",
    [
        "A" * 2_000_000,
        "1, " * 300_000,
        "The " + "Aaaa " * 300_000,
        "Head of Mission of Azerbaijan to NATO " * 30_000,
    ],
    ids=["letters", "numbers", "capitalised-words", "roles"],
)
def test_pathological_lines_do_not_backtrack(text):
    facts = find_facts(text, published=None, language="en", deadline=Deadline(300))
    check_contract(text, facts)


def test_a_spent_deadline_stops_with_a_timeout_error():
    deadline = Deadline(seconds=0.0, started=0.0)
    with pytest.raises(ExtractionError) as caught:
        find_facts(
            "NATO Secretary General visited Baku.", published=None, language="en", deadline=deadline
        )
    assert caught.value.code == "timeout"


def test_an_unknown_language_uses_the_english_lists():
    facts = find_facts("The IPAP was approved.", published=None, language="xx", deadline=Deadline())
    assert [(f["kind"], f["quote"]) for f in facts] == [
        ("event", "The IPAP was approved"),
        ("mechanism", "IPAP"),
    ]


def test_empty_text_and_an_unreadable_publication_date():
    assert find_facts("", published=None, language="en", deadline=Deadline()) == []
    assert find_facts("\n\n  \n", published="2016", language="en", deadline=Deadline()) == []
    facts = find_facts(
        "~200 events last week.", published="bad", language="en", deadline=Deadline()
    )
    assert [(f["quote"], f["approx"], f["when"]) for f in facts] == [("~200 events", "about", None)]
