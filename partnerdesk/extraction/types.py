"""The shapes the extraction pipeline produces (pure data, no Django, no database).

`extract()` returns a JSON-ready dict that follows `schema/extract.schema.json`, the contract of
`partnerdesk extract --json`: a document and its facts. Every fact carries `quote`, `start` and
`end` with `quote == document["text"][start:end]`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

MECHANISM_CODES = (
    "PFP", "PFP_FD", "IPAP", "IPCP", "IPP", "ITPP", "ANP", "PARP", "PARP_GOALS", "OCC", "OCC_EF",
    "PCM", "PSE", "VNC", "EADRCC", "ISAF", "RSM", "KFOR", "TRUST_FUND", "SPS", "DEEP", "PAP_DIB",
    "MAP", "EAPC", "NACC", "NAC",
)  # fmt: skip
APPROX = ("exact", "about", "at_least", "at_most")
EVENT_TYPES = ("visit", "meeting", "signing", "approval", "deployment", "evaluation", "other")
MODALITIES = ("occurred", "planned", "negated")

MAX_BYTES = 5_000_000  # larger inputs are refused before any parsing
DEFAULT_TIMEOUT = 2.0  # seconds of work allowed per document


class ExtractionError(Exception):
    """A document the pipeline refuses, with a stable `code` and a message for people.

    Codes: "binary", "encoding", "too_large", "too_deep", "timeout", "empty".
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Deadline:
    """A per-document time budget; long loops call `check()` and stop with "timeout"."""

    seconds: float = DEFAULT_TIMEOUT
    started: float = field(default_factory=time.monotonic)

    def check(self) -> None:
        """Raise ExtractionError("timeout") once the budget is spent."""
        if time.monotonic() - self.started > self.seconds:
            raise ExtractionError(
                "timeout",
                f"Processing took longer than {self.seconds:g} s; the document was skipped.",
            )


@dataclass(frozen=True)
class CleanDocument:
    """A document after stage S0–S3: raw text kept, clean body text, metadata.

    `raw_text` is the decoded input (HTML markup or scraped text) and `text` the clean body;
    `boilerplate` lists the (start, end) spans of `raw_text` that were removed as boilerplate
    (site names, banners, follow-us lines, teasers, repeated titles …). `published` is ISO 8601
    at the precision the text gives: "2016-06-30T16:00:00+04:00", "2016-06-30", "2016-06",
    or None (a banner with the crawl date is not a publication date).
    """

    source: str
    sha256: str
    raw_text: str
    text: str
    title: str | None
    outlet: str | None
    author: str | None
    published: str | None
    language: str
    url: str | None = None
    boilerplate: tuple[tuple[int, int], ...] = ()
    content_type: str = "text/plain"


Fact = dict[str, Any]
"""One fact as in the contract: `kind` ("mechanism" | "quantity" | "period" | "event"), its
kind-specific fields, `quote`, `start`, `end` (offsets into `CleanDocument.text`) and
`confidence` (0–1)."""
