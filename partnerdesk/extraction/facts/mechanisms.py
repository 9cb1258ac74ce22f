"""Stage S5: mechanism mentions from the gazetteer in `data/mechanisms.json`.

Full names match case-insensitively, acronyms with their exact case ("PfP", "IPAP"), neither
inside a longer word. Where two variants overlap, the longer one wins, so "OCC Evaluation and
Feedback" is one OCC_EF mention and not an OCC mention as well.
"""

from __future__ import annotations

from dataclasses import dataclass

from partnerdesk.extraction.facts.lexicon import Lexicon, normalise
from partnerdesk.extraction.types import Deadline

NAME_CONFIDENCE = 0.98
ACRONYM_CONFIDENCE = 0.95
LOWER_CASE_CONFIDENCE = 0.85  # "trust fund" written in lower case is often generic


@dataclass(frozen=True)
class Mention:
    """One mechanism mention: its span, its code and how sure the gazetteer hit is."""

    start: int
    end: int
    code: str
    confidence: float


def find_mechanisms(text: str, lex: Lexicon, deadline: Deadline) -> list[Mention]:
    """Every mechanism mention in `text`, in order, without overlaps (longest wins)."""
    candidates: list[Mention] = []
    for pattern, is_acronym in ((lex.mechanism_names, False), (lex.mechanism_acronyms, True)):
        for count, match in enumerate(pattern.finditer(text)):
            if count % 256 == 0:
                deadline.check()
            surface = match.group()
            if is_acronym:
                code, confidence = lex.mechanism_by_variant[surface], ACRONYM_CONFIDENCE
            else:
                code = lex.mechanism_by_variant[normalise(surface)]
                confidence = NAME_CONFIDENCE if surface[0].isupper() else LOWER_CASE_CONFIDENCE
            candidates.append(Mention(match.start(), match.end(), code, confidence))
    candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for mention in candidates:
        if kept and mention.start < kept[-1].end:
            if mention.end - mention.start > kept[-1].end - kept[-1].start:
                kept[-1] = mention
            continue
        kept.append(mention)
    return kept
