"""Stages S4–S7 of the extraction pipeline: source-linked facts from clean body text.

`find_facts` returns the contract's facts (issue 6 §3): mechanism mentions, quantities, plan
periods and events, each with `quote == text[start:end]`, sorted by `start`. Word lists live in
`data/mechanisms.json` and `data/lexicon.json`; every pattern is linear (no nested repetition),
and every loop checks the document's `Deadline`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from partnerdesk.extraction.facts.events import EventFrame, find_events
from partnerdesk.extraction.facts.lexicon import lexicon
from partnerdesk.extraction.facts.mechanisms import Mention, find_mechanisms
from partnerdesk.extraction.facts.periods import Period, find_periods
from partnerdesk.extraction.facts.quantities import Quantity, find_quantities
from partnerdesk.extraction.facts.sentences import sentences
from partnerdesk.extraction.facts.when import Anchor, TimeMention, resolve, time_mentions
from partnerdesk.extraction.types import Deadline, Fact

__all__ = ["find_facts"]

_BODIES = frozenset({"NAC", "EAPC", "NACC"})  # councils act as subjects of events
_PLANS = frozenset({"IPAP", "IPCP", "IPP", "ITPP", "ANP", "PAP_DIB", "PARP"})
_PLAN_WORD = re.compile(
    r"(?<![\w-])(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts)\s+(?:new\s+|current\s+|next\s+)?plan(?![\w-])"
)
_CLAUSE_END = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s*")
# A count is dated only by a date that is said to be when it held: "in 2015", "on 20 November
# 2002", "during 2013", close to the count; "since 2004", "until 2 June", "today" do not date it.
_DATING_PREPOSITION = re.compile(r"(?<![\w])(?:[Ii]n|[Oo]n|[Dd]uring|[Ff]or)\s+$")
_MAX_WHEN_GAP = 70
_CLAUSE_REACH = 300
_KIND_ORDER = {"mechanism": 0, "period": 1, "quantity": 2, "event": 3}


def find_facts(
    text: str, *, published: str | None, language: str, deadline: Deadline
) -> list[Fact]:
    """The facts of `text`, sorted by `start` (then kind), each quoting `text[start:end]`.

    `published` (ISO 8601 at any precision, or None) anchors relative dates; without it a date
    that needs an anchor ("in May", "last week") resolves to None. Raises
    ExtractionError("timeout") when `deadline` runs out.
    """
    lex = lexicon(language)
    anchor = Anchor.parse(published)
    spans = sentences(text, lex, deadline)
    mechanisms = find_mechanisms(text, lex, deadline)
    periods = find_periods(text, deadline)
    period_spans = [(p.start, p.end) for p in periods]
    times = [
        t for t in time_mentions(text, lex, deadline) if not _overlaps(t.start, t.end, period_spans)
    ]
    claimed = sorted(period_spans + [(t.start, t.end) for t in times])
    quantities = find_quantities(text, lex, claimed, deadline)
    mechanism_spans = [(m.start, m.end) for m in mechanisms if m.code not in _BODIES]
    events = find_events(text, spans, times, mechanism_spans, anchor, lex, deadline)

    sentence_starts = [s[0] for s in spans]
    mechanism_starts = [m.start for m in mechanisms]
    time_starts = [t.start for t in times]

    def sentence_of(position: int) -> tuple[int, int]:
        index = bisect_right(sentence_starts, position) - 1
        return spans[index] if index >= 0 else (0, len(text))

    facts: list[Fact] = [_mechanism_fact(text, m) for m in mechanisms]
    for number, period in enumerate(periods):
        if number % 256 == 0:
            deadline.check()
        facts.append(
            _period_fact(text, period, mechanisms, mechanism_starts, sentence_of(period.start))
        )
    for number, quantity in enumerate(quantities):
        if number % 256 == 0:
            deadline.check()
        window = times[
            bisect_left(time_starts, quantity.start - _MAX_WHEN_GAP - 40) : bisect_left(
                time_starts, quantity.end + _MAX_WHEN_GAP
            )
        ]
        facts.append(
            _quantity_fact(text, quantity, window, anchor, sentence_of(quantity.start), lex.future)
        )
    facts += [_event_fact(text, e) for e in events]
    facts.sort(key=lambda f: (f["start"], _KIND_ORDER[f["kind"]], f["end"]))
    return facts


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps one of `spans` (sorted, not overlapping each other)."""
    index = bisect_right(spans, (start, 1 << 62)) - 1
    return any(s < end and start < e for s, e in spans[max(index, 0) : index + 2])


def _mechanism_fact(text: str, mention: Mention) -> Fact:
    return {
        "kind": "mechanism",
        "mechanism": mention.code,
        "quote": text[mention.start : mention.end],
        "start": mention.start,
        "end": mention.end,
        "confidence": mention.confidence,
    }


def _period_fact(
    text: str,
    period: Period,
    mechanisms: list[Mention],
    mechanism_starts: list[int],
    sentence: tuple[int, int],
) -> Fact:
    """A period fact; its mechanism is the nearest one in the same clause of the sentence
    (clauses end at ", and", ", but" and ";"), or, when the clause speaks of "the plan", the
    latest plan mechanism (IPAP, IPCP …) mentioned before it."""
    clause = _clause(text, period.start, sentence)
    near = [
        m
        for m in mechanisms[
            bisect_left(mechanism_starts, clause[0]) : bisect_left(mechanism_starts, clause[1])
        ]
        if m.end <= clause[1]
    ]
    code = None
    if near:
        nearest = min(
            near, key=lambda m: (min(abs(m.end - period.start), abs(m.start - period.end)), m.start)
        )
        code = nearest.code
    elif _PLAN_WORD.search(text, clause[0], period.start):
        index = bisect_left(mechanism_starts, period.start)
        earlier = [m for m in mechanisms[max(0, index - 50) : index] if m.code in _PLANS]
        code = earlier[-1].code if earlier else None
    return {
        "kind": "period",
        "start_year": period.start_year,
        "end_year": period.end_year,
        "mechanism": code,
        "quote": text[period.start : period.end],
        "start": period.start,
        "end": period.end,
        "confidence": 0.95 if code else 0.85,
    }


def _clause(text: str, position: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """The clause around `position`, looked for within `_CLAUSE_REACH` characters."""
    start = max(sentence[0], position - _CLAUSE_REACH)
    end = min(sentence[1], position + _CLAUSE_REACH)
    for match in _CLAUSE_END.finditer(text, start, end):
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            end = match.start()
            break
    return start, end


def _quantity_fact(
    text: str,
    quantity: Quantity,
    times: list[TimeMention],
    anchor: Anchor | None,
    sentence: tuple[int, int],
    future: re.Pattern[str],
) -> Fact:
    when = None
    candidates = [
        t
        for t in times
        if sentence[0] <= t.start
        and t.end <= sentence[1]
        and t.kind == "absolute"
        and (t.year is not None or t.month is not None)
        and _DATING_PREPOSITION.search(text, max(sentence[0], t.start - 10), t.start)
        and _gap(t, quantity) <= _MAX_WHEN_GAP
        and ";" not in text[min(t.end, quantity.end) : max(t.start, quantity.start)]
    ]
    if candidates:
        nearest = min(candidates, key=lambda t: _gap(t, quantity))
        around = (max(sentence[0], quantity.start - 200), min(sentence[1], quantity.end + 200))
        is_future = future.search(text, *around) is not None
        when = resolve(nearest, anchor, future=is_future)
    return {
        "kind": "quantity",
        "value": quantity.value,
        "approx": quantity.approx,
        "counted": quantity.counted,
        "of_total": quantity.of_total,
        "when": when,
        "quote": text[quantity.start : quantity.end],
        "start": quantity.start,
        "end": quantity.end,
        "confidence": quantity.confidence,
    }


def _gap(mention: TimeMention, quantity: Quantity) -> int:
    return max(mention.start - quantity.end, quantity.start - mention.end, 0)


def _event_fact(text: str, frame: EventFrame) -> Fact:
    who: list[dict[str, str | None]] = []
    for person in frame.who:
        if all(entry["name"] != person.name for entry in who):
            who.append({"name": person.name, "role": person.role})
    return {
        "kind": "event",
        "type": frame.type,
        "who": who,
        "where": frame.where,
        "when": frame.when,
        "modality": frame.modality,
        "quote": text[frame.start : frame.end],
        "start": frame.start,
        "end": frame.end,
        "confidence": frame.confidence,
    }
