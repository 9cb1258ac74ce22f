"""Stage S5: the count grammar — `[qualifier] NUMBER [of TOTAL] [modifiers] COUNTED-NOUN`.

"close to 200 NATO events" is about 200 events; "27 of 41 goals" is 27 with a total of 41;
"more than 1,000 soldiers" is at least 1000; "ten officers" is 10 (spelled-out numbers come from
the table in `data/lexicon.json`). A number counts something only when a counted noun from the
lexicon follows it within three modifier words, so years, plan periods, dates, times, codes
("Mi-17", "NEL-2"), ordinals ("4th") and percentages are never quantities. Money is counted on
purpose, as the gold set annotates it: "about EUR 1.9 million" is about 1900000 with `counted`
"EUR" (the ISO code of the currency sign, code or word, from `currencies` in the lexicon), so
trust-fund figures can be reviewed like any other number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from partnerdesk.extraction.facts.lexicon import Lexicon, normalise
from partnerdesk.extraction.types import Deadline

_DIGITS = r"(?<![\w.,/:#+-])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w%:/-]|[.,]\d|\s*%)"
_TOKEN = re.compile(r"\s+([A-Za-z0-9][\w'’&-]*)")
_TOTAL = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+|a\s+total\s+of\s+)?")
_MAX_MODIFIERS = 3
_UNLISTED = -1  # marks a counted noun that is not in the lexicon (lower confidence)
_PLAIN_PLURAL = re.compile(r"[a-z]{3,}[^s]s$")
# A currency code or sign right before the number: "EUR 1.4 million", "€450,000", "US$ 2".
_CURRENCY_BEFORE = re.compile(r"(?<![\w])([A-Z]{3}|US\$|[€$£])\s?$")


@dataclass(frozen=True)
class Quantity:
    """A count found in the text; `start`/`end` cover qualifier through counted noun."""

    start: int
    end: int
    value: int | float
    approx: str
    counted: str
    of_total: int | float | None
    confidence: float


@cache
def _number_pattern(lex: Lexicon) -> re.Pattern[str]:
    units = "|".join(sorted(lex.units, key=lambda w: (-len(w), w)))
    tens = "|".join(sorted(lex.tens, key=lambda w: (-len(w), w)))
    scales = "|".join(lex.scales)
    words = "|".join(
        r"\s+".join(w.split()) for w in sorted(lex.number_words, key=len, reverse=True)
    )
    spelled = (
        rf"(?<![\w-])(?:{words}|(?:(?:{tens})(?:[-\s](?:{units}))?|{units})"
        rf"(?:\s+(?:{scales}))?)(?![\w-])"
    )
    return re.compile(
        rf"(?P<digits>{_DIGITS})(?:\s+(?P<scale>{scales}))?|(?P<spelled>{spelled})", re.IGNORECASE
    )


def _spelled_value(surface: str, lex: Lexicon) -> int:
    key = normalise(surface)
    if key in lex.number_words:
        return lex.number_words[key]
    value = 0
    for word in re.split(r"[-\s]+", key):
        if word in lex.scales:
            value = max(value, 1) * lex.scales[word]
        else:
            value += lex.units.get(word, 0) + lex.tens.get(word, 0)
    return value


def _number_at(match: re.Match[str], lex: Lexicon) -> int | float:
    if match.group("digits"):
        number = float(match.group("digits").replace(",", ""))
        if match.group("scale"):
            number *= lex.scales[match.group("scale").lower()]
        return int(number) if number.is_integer() else number
    return _spelled_value(match.group("spelled"), lex)


def find_quantities(
    text: str, lex: Lexicon, claimed: list[tuple[int, int]], deadline: Deadline
) -> list[Quantity]:
    """Every count in `text`, in order, skipping numbers inside `claimed` spans (dates, periods).

    `claimed` must be sorted by start and free of overlaps.
    """
    pattern = _number_pattern(lex)
    found: list[Quantity] = []
    claim_index = 0
    consumed = 0
    for count, match in enumerate(pattern.finditer(text)):
        if count % 256 == 0:
            deadline.check()
        start, end = match.span()
        if start < consumed:
            continue
        while claim_index < len(claimed) and claimed[claim_index][1] <= start:
            claim_index += 1
        if claim_index < len(claimed) and claimed[claim_index][0] < end:
            continue
        quantity = _read_count(text, match, lex)
        if quantity is not None:
            found.append(quantity)
            consumed = quantity.end
    return found


def _read_count(text: str, match: re.Match[str], lex: Lexicon) -> Quantity | None:
    start, end = match.span()
    window = max(0, start - 30)
    head = start  # where the quote begins: the number, its currency or its qualifier
    currency = None
    glued = _CURRENCY_BEFORE.search(text, window, start)
    if glued and glued.group(1).lower() in lex.currencies:
        currency = lex.currencies[glued.group(1).lower()]
        head = glued.start()
    elif text[window:start].rstrip().endswith(("No.", "no.", "#")):
        return None
    of_total: int | float | None = None
    position = end
    total = _TOTAL.match(text, position)
    if total and currency is None:
        denominator = _number_pattern(lex).match(text, total.end())
        if denominator:
            of_total = _number_at(denominator, lex)
            position = denominator.end()
    counted, modifiers = currency, 0
    if counted is None:
        found = _counted_noun(text, position, lex)
        if found is None:
            return None
        counted, position, modifiers = found
    value = _number_at(match, lex)
    approx = "exact"
    qualifier = lex.approx.search(text, window, head)
    if qualifier:
        approx = lex.approx_by_phrase.get(normalise(qualifier.group().strip()), "about")
        head = qualifier.start()
    confidence = 0.9 if match.group("digits") else 0.85
    if modifiers == _UNLISTED:
        confidence, modifiers = 0.7, 0
    confidence -= 0.05 * max(0, modifiers - 1)
    return Quantity(head, position, value, approx, counted, of_total, round(confidence, 2))


def _counted_noun(text: str, position: int, lex: Lexicon) -> tuple[str, int, int] | None:
    """The counted noun after a number (within three modifier words) as (noun, end, modifiers);
    a currency word ("1.4 million euros") counts as its currency code."""
    modifiers = 0
    while modifiers <= _MAX_MODIFIERS:
        token = _TOKEN.match(text, position)
        if token is None:
            return None
        word = token.group(1)
        lower = word.lower()
        position = token.end()
        if lower in lex.counted_nouns:
            return lower, position, modifiers
        if modifiers == 0 and lower in lex.currencies:
            return lex.currencies[lower], position, modifiers
        if modifiers == 0 and _PLAIN_PLURAL.match(word) and lower not in lex.quantity_stopwords:
            # An unlisted plural right after the number ("four stages", "15 countries").
            return lower, position, _UNLISTED
        if lower in lex.quantity_stopwords or lower in lex.currencies or lower in lex.scales:
            return None
        if word[0].isdigit():
            return None
        modifiers += 1
    return None
