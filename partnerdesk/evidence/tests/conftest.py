"""Fixtures of the evidence tests: a small stand-in pipeline and an article it understands.

The stand-in replaces `partnerdesk.extraction.extract` (pure code, no database involved) so
the app's tests do not depend on the extractor's exact output; `test_pipeline.py` runs the
real one end to end.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest

from partnerdesk.core.actor import Actor
from partnerdesk.extraction.types import CleanDocument, ExtractionError

ARTICLE = (
    "Azernews\n"
    "NATO envoy visits Baku\n"
    "Published 30 June 2016\n"
    "NATO Deputy Secretary General Alexander Vershbow visited Baku in May and met "
    "President Ilham Aliyev. Azerbaijan has 94 servicemen in the RSM mission in Afghanistan. "
    "The country implemented its IPAP for 2012-2013 and works on 27 of 41 Partnership Goals."
)
BODY_START = ARTICLE.index("NATO Deputy")

# quote → the fact's own fields (offsets are found in the clean text)
FACTS: dict[str, dict[str, Any]] = {
    "NATO Deputy Secretary General Alexander Vershbow visited Baku in May": {
        "kind": "event",
        "type": "visit",
        "who": [{"name": "Alexander Vershbow", "role": "NATO Deputy Secretary General"}],
        "where": "Baku",
        "when": "2016-05",
        "modality": "occurred",
    },
    "94 servicemen": {
        "kind": "quantity",
        "value": 94,
        "approx": "exact",
        "counted": "servicemen",
        "of_total": None,
        "when": None,
    },
    "RSM": {"kind": "mechanism", "mechanism": "RSM"},
    "27 of 41 Partnership Goals": {
        "kind": "quantity",
        "value": 27,
        "approx": "exact",
        "counted": "Partnership Goals",
        "of_total": 41,
        "when": None,
    },
    "IPAP for 2012-2013": {
        "kind": "period",
        "start_year": 2012,
        "end_year": 2013,
        "mechanism": "IPAP",
    },
}


def fake_extract(
    data: bytes, source: str, *, url: str | None = None, timeout: float = 2.0
) -> tuple[CleanDocument, list[dict[str, Any]]]:
    """Decode, refuse binary input, drop the outlet line and return the known facts."""
    if b"\x00" in data:
        raise ExtractionError("binary", "This looks like a binary file, not text or HTML.")
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ExtractionError("encoding", "The bytes are not valid UTF-8.") from exc
    lines = raw.split("\n")
    title = lines[1] if len(lines) > 2 else None
    text = "\n".join(lines[3:]) if len(lines) > 3 else raw
    facts = []
    for quote, fields in FACTS.items():
        start = text.find(quote)
        if start >= 0:
            end = start + len(quote)
            facts.append(fields | {"quote": quote, "start": start, "end": end, "confidence": 0.9})
    facts.sort(key=lambda fact: fact["start"])
    document = CleanDocument(
        source=source,
        sha256=hashlib.sha256(data).hexdigest(),
        raw_text=raw,
        text=text,
        title=title,
        outlet="Azernews" if raw.startswith("Azernews") else None,
        author=None,
        published="2016-06-30" if "30 June 2016" in raw else None,
        language="en",
        url=url,
        boilerplate=((0, 8),) if raw.startswith("Azernews") else (),
    )
    return document, facts


@pytest.fixture
def pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use the stand-in pipeline."""
    monkeypatch.setattr("partnerdesk.extraction.extract", fake_extract)


@pytest.fixture
def rsm(world: Any) -> Any:
    """The Resolute Support Mission as reference data."""
    from partnerdesk.operations.services import operation_create

    return operation_create(
        actor=Actor.system(),
        data={
            "code": "RSM",
            "name": "Resolute Support Mission",
            "mandate_start": dt.date(2015, 1, 1),
            "mandate_end": dt.date(2021, 9, 1),
        },
    )
