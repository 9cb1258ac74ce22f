"""Evidence extraction: a pure pipeline from document bytes to clean text and source-linked facts.

No Django ORM, no network. `extract()` is the one entry point; `partnerdesk extract` prints its
result and `partnerdesk ingest` stores it. Names, phrases, outlet profiles and boilerplate
patterns live in `data/*.json`, not in code.
"""

from __future__ import annotations

from typing import Any

from partnerdesk.extraction.types import DEFAULT_TIMEOUT, CleanDocument, Deadline, ExtractionError

__all__ = ["CleanDocument", "ExtractionError", "extract", "result_json"]


def extract(
    data: bytes, source: str, *, url: str | None = None, timeout: float = DEFAULT_TIMEOUT
) -> tuple[CleanDocument, list[dict[str, Any]]]:
    """Clean `data` and find its facts within `timeout` seconds.

    Raises ExtractionError (binary, encoding, too large, too deep, timeout, empty) for input it
    refuses. Every fact's quote equals `document.text[start:end]`.
    """
    from partnerdesk.extraction.facts import find_facts
    from partnerdesk.extraction.text import prepare

    deadline = Deadline(timeout)
    document = prepare(data, source, url=url, deadline=deadline)
    facts = find_facts(
        document.text, published=document.published, language=document.language, deadline=deadline
    )
    for fact in facts:
        if document.text[fact["start"] : fact["end"]] != fact["quote"]:
            raise AssertionError(f"provenance broken for {fact!r}")
    return document, facts


def result_json(document: CleanDocument, facts: list[dict[str, Any]]) -> dict[str, Any]:
    """The contract object of `partnerdesk extract --json` for one document."""
    return {
        "document": {
            "source": document.source,
            "sha256": document.sha256,
            "title": document.title,
            "outlet": document.outlet,
            "author": document.author,
            "published": document.published,
            "language": document.language,
            "text": document.text,
        },
        "facts": facts,
    }
