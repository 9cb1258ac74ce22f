"""The contract schema, and the real pipeline on every gold document: schema-valid output and
exact provenance for every fact (the hard test)."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

from partnerdesk.extraction import extract, result_json
from partnerdesk.extraction.evaluate import GoldDocument, load_split

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "schema" / "extract.schema.json").read_text("utf-8")
)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
ALL = load_split("dev") + load_split("test")

RESULT: dict[str, Any] = {
    "document": {
        "source": "interview.html", "sha256": "a" * 64, "title": "Interview", "outlet": "APA",
        "author": None, "published": "2016-06-30T16:00:00+04:00", "language": "en",
        "text": "close to 200 events under the IPAP in 2015-2016",
    },
    "facts": [
        {"kind": "mechanism", "mechanism": "IPAP", "quote": "IPAP", "start": 30, "end": 34,
         "confidence": 0.95},
        {"kind": "quantity", "value": 200, "approx": "about", "counted": "events",
         "of_total": None, "when": "2015", "quote": "close to 200 events", "start": 0, "end": 19,
         "confidence": 0.9},
        {"kind": "period", "start_year": 2015, "end_year": 2016, "mechanism": "IPAP",
         "quote": "2015-2016", "start": 38, "end": 47, "confidence": 0.9},
        {"kind": "event", "type": "visit", "who": [{"name": "James Appathurai", "role": None}],
         "where": "Baku", "when": "2016-09", "modality": "planned", "quote": "IPAP",
         "start": 30, "end": 34, "confidence": 0.6},
    ],
}  # fmt: skip


def errors(instance: Any) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(instance)]


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_accepts_one_result_an_array_and_a_failure() -> None:
    failure = {"source": "blob.bin", "error": {"code": "binary", "message": "Not a text file."}}
    assert errors(RESULT) == []
    assert errors([RESULT, failure]) == []
    assert errors([]) == []
    for published in ("2016-06-30", "2016-06", None, "2016-06-30T16:00:00+04:00"):
        changed = copy.deepcopy(RESULT)
        changed["document"]["published"] = published
        assert errors(changed) == []


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("facts", 0, "mechanism"), "NATO"),
        (("facts", 1, "approx"), "roughly"),
        (("facts", 1, "when"), "2016-06-31x"),
        (("facts", 2, "start_year"), "2015"),
        (("facts", 3, "modality"), "rumoured"),
        (("facts", 3, "type"), "party"),
        (("document", "sha256"), "not-a-hash"),
        (("document", "published"), "30 June 2016"),
        (("facts", 0, "confidence"), 1.5),
    ],
)
def test_schema_refuses_values_outside_the_contract(path: tuple[Any, ...], value: Any) -> None:
    changed = copy.deepcopy(RESULT)
    target: Any = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert errors(changed) != []


def test_schema_refuses_missing_and_unknown_fields() -> None:
    missing = copy.deepcopy(RESULT)
    del missing["facts"][1]["of_total"]
    assert errors(missing) != []
    unknown = copy.deepcopy(RESULT)
    unknown["facts"][0]["rule"] = "gazetteer"
    assert errors(unknown) != []
    no_confidence = copy.deepcopy(RESULT)
    del no_confidence["facts"][3]["confidence"]
    assert errors(no_confidence) != []


@pytest.mark.parametrize("document", ALL, ids=lambda d: d.id)
def test_pipeline_output_on_gold_is_schema_valid_with_exact_provenance(
    document: GoldDocument,
) -> None:
    data = document.data
    clean, facts = extract(data, document.path.name, url=document.url)
    result = result_json(clean, facts)
    assert errors(result) == []
    assert result["document"]["sha256"] == hashlib.sha256(data).hexdigest()
    text = result["document"]["text"]
    assert facts, "every gold document has facts to find"
    for fact in facts:
        assert text[fact["start"] : fact["end"]] == fact["quote"], fact
