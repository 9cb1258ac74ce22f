"""Stage S2b of the extraction pipeline: the line classifier (evidence.md §5, S2b).

Every line is body, boilerplate or metadata. In order: stray tags are stripped (plain text);
site-name lines, generic and outlet phrases (`data/boilerplate.json`), "latest news" teaser
blocks and page banners (the crawl date) are boilerplate; dateline and byline lines become
metadata; the title is kept once (as metadata) and every repetition of it removed; an agency lead
prefix ("Baku. 31 May. REPORT.AZ/") is cut from the first body line; short lines without
sentence punctuation left at the top or bottom are boilerplate. Removed spans are offsets into
the raw text. The same classifier cleans the text lines of an HTML page.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from partnerdesk.extraction.html import Line, clean_text
from partnerdesk.extraction.metadata import (
    DateMatch,
    Outlet,
    find_dates,
    outlet_for_name,
    outlet_named_in,
    outlets,
)
from partnerdesk.extraction.types import Deadline

DATA_FILE = Path(__file__).resolve().parent / "data" / "boilerplate.json"
TITLE_WINDOW = 15  # a repeated title is looked for among the first lines
WORD_CAP = 64
MAX_PHRASE_LINE = 400  # longer lines are never boilerplate phrases (the patterns are bounded)
BANNER_LINES = 3  # a date in the first lines is the page banner when another dateline follows
_STATEMENT = re.compile(r"[.…][\"'”’»)\]]*$")  # a headline may end in "?" or "!", not "."
SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_STRAY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]{0,500})?/?>|<!--.*?-->")
_BLOCK_TAG = re.compile(r"<(?:br|p|div|li|tr|h[1-6])\b", re.IGNORECASE)
_MENU = re.compile(
    r"[^|•·.!?]{1,30}(?:\s[|•·]\s[^|•·.!?]{1,30}){2,}"
)  # "Nation | Business | Region …": three or more short items between separators
_CAPITAL = "[A-Z\u0410-\u042f\u0401\u018f\u00c7\u011e\u0130\u00d6\u015e\u00dc]"
_NAME = rf"{_CAPITAL}[\w'’.-]+(?:\s+{_CAPITAL}[\w'’.-]+){{0,3}}"
_BYLINE = re.compile(
    r"^(?:by|author|written by|\u0430\u0432\u0442\u043e\u0440|m\u00fc\u0259llif)\s*:?\s+"
    rf"(?P<author>{_NAME})"
    r"(?:\s*[,|–—-]\s*(?P<rest>.{0,60}))?$",
    re.IGNORECASE,
)
_WEATHER_OR_RATE = re.compile(r"°|\b(?:usd|eur|rub|azn|gel|amd)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Rules:
    """The compiled contents of `data/boilerplate.json`."""

    lines: re.Pattern[str]  # all line patterns as one alternation (use fullmatch)
    outlet_lines: dict[str, re.Pattern[str]]  # outlet name → its own line patterns
    block_starters: frozenset[str]
    banner: re.Pattern[str]
    date_labels: re.Pattern[str]
    updated: re.Pattern[str]
    counters: re.Pattern[str]
    drop_tags: frozenset[str]
    drop_marks: tuple[str, ...]
    keep_marks: tuple[str, ...]


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The boilerplate rules, loaded and compiled once."""
    with DATA_FILE.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    labels = sorted(data["date_labels"], key=len, reverse=True)
    return Rules(
        lines=_alternation(data["lines"]),
        outlet_lines={name: _alternation(p) for name, p in data.get("outlets", {}).items() if p},
        block_starters=frozenset(s.casefold() for s in data["block_starters"]),
        banner=_alternation(data["banner"]),
        date_labels=re.compile(
            r"\b(?:" + "|".join(re.escape(label) for label in labels) + r")\b\s*:?",
            re.IGNORECASE,
        ),
        updated=re.compile(
            r"\b(?:" + "|".join(re.escape(x) for x in data["updated_labels"]) + r")\b",
            re.IGNORECASE,
        ),
        counters=re.compile(
            r"\b(?:" + "|".join(data["counters"]) + r")\s*:?\s*\d[\d ,.]*", re.IGNORECASE
        ),
        drop_tags=frozenset(data["html"]["drop_tags"]),
        drop_marks=tuple(m.lower() for m in data["html"]["drop_class_id"]),
        keep_marks=tuple(m.lower() for m in data["html"]["keep_class_id"]),
    )


def plain_lines(raw: str, deadline: Deadline) -> list[Line]:
    """The non-empty lines of a plain text with their raw spans; stray tags and entities are
    resolved in `text`, the span still covers the whole raw line."""
    lines = []
    for number, match in enumerate(re.finditer(r"[^\r\n]+", raw)):
        if number % 256 == 0:
            deadline.check()
        chunk = match.group()
        if "<" in chunk:
            chunk = _STRAY_TAG.sub(lambda m: " " if _BLOCK_TAG.match(m.group()) else "", chunk)
        if "&" in chunk:
            chunk = html.unescape(chunk)
        text = clean_text(chunk)
        if not text:
            continue
        start, end = match.span()
        while end > start and raw[end - 1].isspace():
            end -= 1
        while start < end and raw[start].isspace():
            start += 1
        lines.append(Line(text, start, end))
    return lines


@dataclass
class Cleaned:
    """The classifier's verdict: body lines, removed raw spans and the metadata it found."""

    body: list[Line]
    removed: list[tuple[int, int]]
    title: str | None
    author: str | None
    published: DateMatch | None
    outlet: Outlet | None
    kinds: list[str] = field(default_factory=list)  # one per input line, for tests and tuning


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _words(text: str) -> int:
    """The number of words, counted up to WORD_CAP (every threshold here is below it)."""
    return len(text.split(maxsplit=WORD_CAP))


def _sentence_like(text: str) -> bool:
    """Long, or at least six words ending in sentence punctuation: running text, not a label."""
    words = _words(text)
    return words >= 20 or (words >= 6 and bool(SENTENCE_END.search(text)))


def site_outlet(text: str) -> Outlet | None:
    """The outlet a site-name line names: one name, or several joined by "/", "|" or a dash."""
    outlet = outlet_for_name(text)
    if outlet or _words(text) > 8:
        return outlet
    parts = re.split(r"\s+[/|–—-]\s+", text)
    found = [outlet_for_name(part) for part in parts]
    if len(parts) > 1 and all(found):
        return found[0]
    return None


def _is_boilerplate_phrase(text: str, outlet: Outlet | None) -> bool:
    """A whole line matching a generic or the outlet's own pattern, or a menu of short items."""
    if len(text) > MAX_PHRASE_LINE:
        return False
    config = rules()
    if config.lines.fullmatch(text):
        return True
    own = config.outlet_lines.get(outlet.name) if outlet else None
    if own is not None and own.fullmatch(text):
        return True
    return bool(_MENU.fullmatch(text)) and not SENTENCE_END.search(text)


def _is_banner(text: str) -> bool:
    """A short page banner (today's date, weather, currency rates) — never a publication date."""
    if _sentence_like(text) or _words(text) > 20:
        return False
    if not rules().banner.fullmatch(text):
        return False
    return bool(find_dates(text) or _WEATHER_OR_RATE.search(text))


@dataclass(frozen=True)
class Dateline:
    """A line that is a dateline: its date, whether it is a last-update stamp, any byline."""

    date: DateMatch
    updated: bool
    author: str | None


def dateline(text: str) -> Dateline | None:
    """The date of a line that is (almost) nothing but a date: labels, the outlet's name, a
    byline and up to three other words may sit around it. None for a sentence with a date."""
    if _words(text) > 16:
        return None
    dates = find_dates(text)
    if not dates:
        return None
    config = rules()
    found = dates[0]
    rest = text[: found.start] + " | " + text[found.end :]
    updated = bool(config.updated.search(rest))
    rest = config.date_labels.sub(" ", rest)
    author = None
    for part in re.split(r"\s*[|•·]\s*|\s+[–—-]\s+", rest):
        byline = _BYLINE.match(part.strip())
        if byline:
            author = _clean_author(byline.group("author"))
            rest = rest.replace(part, " ")
    for known in outlets():
        for name in (*known.names, known.name):
            if name.casefold() in rest.casefold():
                rest = re.sub(re.escape(name), " ", rest, flags=re.IGNORECASE)
    rest = config.counters.sub(" ", rest)
    leftover = re.sub(r"[|•·,;:()\[\]/–—-]", " ", rest).split()
    if len(leftover) > 3:
        return None
    return Dateline(found, updated, author)


def _outlet_byline(text: str, outlet: Outlet | None) -> str | None:
    """The author of a line that is nothing but an outlet's byline ("BAKU, Azerbaijan, by X -
    Trend:"); None otherwise."""
    for profile in (outlet,) if outlet else outlets():
        for pattern in profile.bylines:
            match = pattern.fullmatch(text) or pattern.fullmatch(text + " ")
            if match and match.groupdict().get("author"):
                return _clean_author(match.group("author"))
    return None


def _clean_author(name: str) -> str:
    return name.strip(" .,:;–—-")


def _author_of(text: str) -> str | None:
    match = _BYLINE.match(text)
    if not match:
        return None
    rest = match.group("rest")
    if rest and not outlet_named_in(rest) and _words(rest) > 3:
        return None
    return _clean_author(match.group("author"))


def strip_site_suffix(title: str, outlet: Outlet | None, site: str | None = None) -> str:
    """The title without a trailing " | Site" / " - Site" naming the outlet or the site."""
    if len(title) > MAX_PHRASE_LINE:
        return title
    parts = re.split(r"\s+[|–—:-]\s+|\s+::\s+", title)
    if len(parts) < 2:
        return title
    tail = parts[-1]
    names = {_key(site)} if site else set()
    if outlet:
        names.update(_key(n) for n in (outlet.name, *outlet.names, *outlet.title_suffixes))
    if _key(tail) in names or outlet_for_name(tail):
        cut = title.rfind(tail)
        return title[:cut].rstrip(" |–—:-")
    return title


def classify(
    lines: list[Line],
    *,
    outlet: Outlet | None,
    deadline: Deadline,
    title: str | None = None,
    guess_title: bool = True,
    site: str | None = None,
    raw: str = "",
) -> Cleaned:
    """Sort `lines` into body, boilerplate and metadata (see the module docstring).

    `title` is the title the markup already gave (HTML); without one and with `guess_title`, a
    line repeated near the top or a headline-like first line is the title. Repetitions of the
    title are removed among the first lines only (and wherever markup calls them a heading).
    `raw` lets a removed lead prefix be reported with its exact raw span.
    """
    config = rules()
    kinds = ["body"] * len(lines)
    removed: list[tuple[int, int]] = []
    datelines: list[tuple[int, Dateline]] = []
    author: str | None = None
    teaser = False

    if outlet is None:
        for line in lines[:TITLE_WINDOW]:
            outlet = site_outlet(line.text)
            if outlet:
                break

    for index, line in enumerate(lines):
        if index % 128 == 0:
            deadline.check()
        text = line.text
        if line.zone == "outside":
            kinds[index] = "outside"
            continue
        if teaser:
            if _sentence_like(text) and line.zone == "body":
                teaser = False
            else:
                kinds[index] = "teaser"
                continue
        if site_outlet(text):
            kinds[index] = "site"
        elif text.rstrip(" :").casefold() in config.block_starters:
            kinds[index] = "boilerplate"
            teaser = True
        elif _is_banner(text):
            kinds[index] = "banner"
        elif _is_boilerplate_phrase(text, outlet):
            kinds[index] = "boilerplate"
        elif (found := dateline(text)) is not None:
            kinds[index] = "dateline"
            datelines.append((index, found))
            author = author or found.author
        elif (name := _outlet_byline(text, outlet)) is not None:
            kinds[index] = "byline"
            author = author or name
        elif (name := _author_of(text)) is not None or (
            line.hint == "author" and _words(text) <= 6
        ):
            kinds[index] = "byline"
            author = author or name or _clean_author(re.sub(r"^(?:by)\s+", "", text, flags=re.I))
        elif line.zone == "meta" and not _sentence_like(text):
            kinds[index] = "meta"  # a header's label or heading; a standfirst sentence stays

    if outlet is None:
        for index, line in enumerate(lines):
            if kinds[index] in ("boilerplate", "site", "dateline"):
                outlet = outlet_named_in(line.text)
                if outlet:
                    break

    author = author or _bare_name_byline(lines, kinds)
    title_index = _mark_title(lines, kinds, title, outlet, site, guess=guess_title)
    if title is None and title_index is not None:
        title = strip_site_suffix(lines[title_index].text, outlet, site)

    body_indexes = [i for i, kind in enumerate(kinds) if kind == "body"]
    lead_author, outlet = _cut_lead(lines, body_indexes, outlet, removed, raw)
    author = author or lead_author
    _trim_edges(lines, kinds, body_indexes)

    for index, kind in enumerate(kinds):
        if kind != "body":
            removed.append((lines[index].start, lines[index].end))
    published = _publication(datelines, title_index)
    body = [lines[i] for i, kind in enumerate(kinds) if kind == "body"]
    return Cleaned(body, removed, title, author, published, outlet, kinds)


_BARE_NAME = re.compile(rf"{_NAME}")


def _bare_name_byline(lines: list[Line], kinds: list[str]) -> str | None:
    """A line of two to four capitalised words right after the dateline is the author's name
    (marked as a byline and returned); a heading or a line with an acronym is not a name."""
    for index, kind in enumerate(kinds[:-1]):
        following = index + 1
        if kind != "dateline" or kinds[following] not in ("body", "meta"):
            continue
        line = lines[following]
        words = line.text.split()
        if (
            2 <= len(words) <= 4
            and line.hint not in ("title", "heading")
            and _BARE_NAME.fullmatch(line.text)
            and not any(len(word) > 1 and word.isupper() for word in words)
        ):
            kinds[following] = "byline"
            return line.text
    return None


def _mark_title(
    lines: list[Line],
    kinds: list[str],
    title: str | None,
    outlet: Outlet | None,
    site: str | None,
    *,
    guess: bool,
) -> int | None:
    """Mark the title line and its repetitions; returns the index of the first one."""
    candidates = [i for i, kind in enumerate(kinds) if kind in ("body", "meta")]
    if title is None and guess:
        window = candidates[:TITLE_WINDOW]
        seen: dict[str, int] = {}
        for index in window:
            if len(lines[index].text) > MAX_PHRASE_LINE:
                continue
            key = _key(strip_site_suffix(lines[index].text, outlet, site))
            if not key:
                continue
            if key in seen and _words(lines[index].text) <= 40:
                title = lines[seen[key]].text
                break
            seen.setdefault(key, index)
        if title is None and candidates:
            first = lines[candidates[0]].text
            headline = _words(first) <= 30 and len(first) <= 250 and not _STATEMENT.search(first)
            if headline and any(_sentence_like(lines[i].text) for i in candidates[1:]):
                title = first
    if title is None:
        return None
    wanted = _key(strip_site_suffix(title, outlet, site))
    if not wanted:
        return None
    first_index = None
    for position, index in enumerate(candidates):
        if position >= TITLE_WINDOW and lines[index].hint != "title":
            continue
        text = lines[index].text
        if len(text) <= MAX_PHRASE_LINE and _key(strip_site_suffix(text, outlet, site)) == wanted:
            kinds[index] = "title"
            first_index = index if first_index is None else first_index
    return first_index


def _cut_lead(
    lines: list[Line],
    body_indexes: list[int],
    outlet: Outlet | None,
    removed: list[tuple[int, int]],
    raw: str,
) -> tuple[str | None, Outlet | None]:
    """Cut an agency lead/byline prefix from the first body line; returns (author, outlet)."""
    if not body_indexes:
        return None, outlet
    line = lines[body_indexes[0]]
    profiles = (outlet,) if outlet else outlets()
    for profile in profiles:
        for pattern in (*profile.lead, *profile.bylines):
            match = pattern.match(line.text)
            if not match or match.end() >= len(line.text):
                continue
            author = match.groupdict().get("author")
            line.text = line.text[match.end() :].lstrip()
            raw_line = raw[line.start : line.end] if raw else ""
            raw_match = pattern.match(raw_line)
            if raw_match:
                removed.append((line.start, line.start + raw_match.end()))
                line.start += raw_match.end()
            return (_clean_author(author) if author else None), profile
    return None, outlet


def _trim_edges(lines: list[Line], kinds: list[str], body_indexes: list[int]) -> None:
    """Short lines without sentence punctuation before the first / after the last sentence."""
    sentences = [i for i in body_indexes if _sentence_like(lines[i].text)]
    if not sentences:
        return
    for index in body_indexes:
        if index >= sentences[0]:
            break
        if _words(lines[index].text) <= 6 and not SENTENCE_END.search(lines[index].text):
            kinds[index] = "edge"
    for index in reversed(body_indexes):
        if index <= sentences[-1]:
            break
        if _words(lines[index].text) <= 6 and not SENTENCE_END.search(lines[index].text):
            kinds[index] = "edge"


def _publication(
    datelines: list[tuple[int, Dateline]], title_index: int | None
) -> DateMatch | None:
    """The publication date among the dateline lines.

    "Updated" stamps never count. When there are several, a date in the first three lines is
    the page banner (crawl date) and is left out; then a dateline after the title wins, then
    one with a day, then one with a time of day, then the earliest (a crawl date is never
    earlier than the publication), then the first.
    """
    usable = [(index, d.date) for index, d in datelines if not d.updated]
    if len(usable) > 1 and usable[-1][0] >= BANNER_LINES:
        usable = [(index, date) for index, date in usable if index >= BANNER_LINES]
    if not usable:
        return None

    def rank(item: tuple[int, DateMatch]) -> tuple[bool, bool, bool, int, int]:
        index, date = item
        after_title = title_index is not None and index > title_index
        moment = ((date.year * 12 + date.month) * 31 + (date.day or 0)) * 1440
        moment += (date.hour or 0) * 60 + (date.minute or 0)
        return (after_title, date.day is not None, date.hour is not None, -moment, -index)

    return max(usable, key=rank)[1]
