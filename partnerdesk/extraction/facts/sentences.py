"""Stage S4: cut the clean text into sentences, keeping character offsets.

A sentence ends at `.`, `!` or `?` (with closing quotes or brackets) followed by whitespace and
an upper-case letter, digit or opening quote, unless the word before the full stop is a known
abbreviation or a single initial ("J. Appathurai"); a line break always ends a sentence.
"""

from __future__ import annotations

import re

from partnerdesk.extraction.facts.lexicon import Lexicon
from partnerdesk.extraction.types import Deadline

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


def sentences(text: str, lex: Lexicon, deadline: Deadline) -> list[tuple[int, int]]:
    """The (start, end) spans of the sentences of `text`, whitespace trimmed, in order.

    Guarantees: spans do not overlap, are non-empty and cover every non-space character.
    """
    spans: list[tuple[int, int]] = []
    begin = 0
    for count, match in enumerate(_BOUNDARY.finditer(text)):
        if count % 256 == 0:
            deadline.check()
        if match.group() != "\n":
            before = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start() + 1)
            if before:
                word = before.group(1)
                if word in lex.abbreviations or (len(word) == 1 and word.isupper()):
                    continue
        _add(text, begin, match.end(), spans)
        begin = match.end()
    _add(text, begin, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
