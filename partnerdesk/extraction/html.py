"""Stage S2a of the extraction pipeline: text lines and metadata out of an HTML page.

A tree-less walk over `html.parser` events with an explicit stack (never recursion): nesting
deeper than `MAX_DEPTH` is refused with "too_deep". Elements that are never article text
(script, style, nav, footer, aside, form …) and elements whose class or id contains a prune
substring (generic ones from `data/boilerplate.json`, the outlet's from `data/outlets.json`) are
dropped with their content and their raw spans recorded. Paragraph-like elements become lines;
an `<article>`/`<main>` container with the most text, when the page has one, holds the body.
A `<header>` inside such a container (title, dateline, byline) is read for metadata only.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from partnerdesk.extraction.types import Deadline, ExtractionError

MAX_DEPTH = 400  # open elements; real pages stay far below 100
MAX_JSON_LD = 100_000  # characters of one JSON-LD block that are read

_VOID_NAMES = "area base br col embed hr img input link meta param source track wbr keygen"
_BLOCK_NAMES = """p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table tr thead tbody tfoot caption
    blockquote pre section article main header footer nav aside form figure figcaption address hr
    br center details summary fieldset legend body html head title noscript"""
VOID = frozenset(_VOID_NAMES.split())
BLOCK = frozenset(_BLOCK_NAMES.split())
SELF_CLOSING_SIBLINGS = frozenset(("p", "li", "dt", "dd", "tr", "td", "th", "option"))
HEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
CONTAINERS = frozenset(("article", "main"))
INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_METADATA_TAGS = frozenset(("meta", "html", "link", "time"))
_DATE_MARKS = re.compile(r"date|time|publish|posted")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


@dataclass
class Line:
    """One line of text with its raw span; `zone` is "body", "meta" (read for metadata only) or
    "outside" (not in the chosen container); `hint` is "title" (h1), "heading", "author" or
    "date" when the markup says so."""

    text: str
    start: int
    end: int
    zone: str = "body"
    hint: str = ""
    containers: tuple[int, ...] = ()


@dataclass
class HtmlPage:
    """What the walk found: lines in document order, dropped raw spans and head metadata."""

    lines: list[Line] = field(default_factory=list)
    dropped: list[tuple[int, int]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    title_tag: str | None = None
    json_ld: list[dict[str, Any]] = field(default_factory=list)
    times: list[str] = field(default_factory=list)
    lang: str | None = None
    canonical: str | None = None


def clean_text(text: str) -> str:
    """NFC, invisible characters removed, whitespace runs collapsed to one space, trimmed."""
    text = INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return " ".join(text.split())


def _any_of(marks: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern finding any of the (lower-case) substrings, or None for none."""
    return re.compile("|".join(re.escape(mark) for mark in marks)) if marks else None


@dataclass
class _Frame:
    tag: str
    drop: str  # "", "hard" or "soft"
    hint: str
    container: int
    start: int


class _Walker(HTMLParser):
    def __init__(
        self,
        raw: str,
        *,
        drop_tags: frozenset[str],
        drop_marks: tuple[str, ...],
        keep_marks: tuple[str, ...],
        deadline: Deadline,
    ) -> None:
        super().__init__(convert_charrefs=True)
        self.raw = raw
        self.drop_tags = drop_tags
        self.drop_marks = _any_of(drop_marks)
        self.keep_marks = _any_of(keep_marks)
        self.deadline = deadline
        self.page = HtmlPage()
        self.stack: list[_Frame] = []
        self.hard = 0  # open frames that drop hard
        self.soft = 0
        self.hints: list[str] = []
        self.containers: list[int] = []
        self.next_container = 0
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.buffer: list[str] = []
        self.buffer_start = -1
        self.buffer_state: tuple[str, str, tuple[int, ...]] = ("body", "", ())
        self.capture: str | None = None  # "title" or "json_ld" while inside those elements
        self.captured: list[str] = []
        self.events = 0

    # positions -----------------------------------------------------------------------------
    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _tag_end(self, start: int) -> int:
        end = self.raw.find(">", start)
        return len(self.raw) if end < 0 else end + 1

    # lines ---------------------------------------------------------------------------------
    def _state(self) -> tuple[str, str, tuple[int, ...]]:
        zone = "meta" if self.soft else "body"
        hint = self.hints[-1] if self.hints else ""
        return zone, hint, tuple(self.containers)

    def _flush(self, end: int) -> None:
        if not self.buffer:
            return
        text = clean_text("".join(self.buffer))
        start = self.buffer_start
        self.buffer = []
        self.buffer_start = -1
        if not text:
            return
        while end > start and self.raw[end - 1].isspace():
            end -= 1
        zone, hint, containers = self.buffer_state
        self.page.lines.append(Line(text, start, end, zone, hint, containers))

    # events --------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events += 1
        if self.events % 64 == 0:
            self.deadline.check()
        offset = self._offset()
        values = {name: value or "" for name, value in attrs}
        if tag in _METADATA_TAGS:
            self._head_metadata(tag, values)
        if tag in VOID:
            if tag in ("br", "hr"):
                self._flush(offset)
            return
        if tag in SELF_CLOSING_SIBLINGS and self.stack:
            top = self.stack[-1].tag
            if top == tag or (tag in ("td", "th") and top in ("td", "th")):
                self._pop_to(len(self.stack) - 1, offset)
        if tag in BLOCK:
            self._flush(offset)
        if self.hard and tag != "script":  # inside dropped markup only the depth matters
            drop, hint = "", ""
        else:
            marks = f"{values.get('class', '')} {values.get('id', '')}".lower()
            drop = self._drop_kind(tag, values, marks)
            hint = self._hint(tag, values, marks)
        container = -1
        if tag in CONTAINERS and not drop:
            container = self.next_container
            self.next_container += 1
        frame = _Frame(tag, drop, hint, container, offset)
        self.stack.append(frame)
        if len(self.stack) > MAX_DEPTH:
            raise ExtractionError(
                "too_deep",
                f"The HTML nests more than {MAX_DEPTH} elements deep (at character {offset}); "
                "it was refused.",
            )
        if drop == "hard":
            self.hard += 1
        elif drop == "soft":
            self.soft += 1
        if hint:
            self.hints.append(hint)
        if container >= 0:
            self.containers.append(container)
        if tag == "title" and not self.hard:
            self.capture, self.captured = "title", []
        elif tag == "script" and "ld+json" in values.get("type", "").lower():
            self.capture, self.captured = "json_ld", []

    def handle_endtag(self, tag: str) -> None:
        self.events += 1
        if self.events % 64 == 0:
            self.deadline.check()
        offset = self._offset()
        if tag in VOID:
            if tag == "br":
                self._flush(offset)
            return
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].tag == tag:
                self._pop_to(index, offset, end=self._tag_end(offset))
                return

    def _pop_to(self, index: int, offset: int, end: int | None = None) -> None:
        """Close the frames from the top down to `index` (inclusive)."""
        if any(frame.tag in BLOCK for frame in self.stack[index:]):
            self._flush(offset)
        while len(self.stack) > index:
            frame = self.stack.pop()
            if frame.tag in ("title", "script") and self.capture:
                self._end_capture()
            if frame.drop == "hard":
                self.hard -= 1
                if not self.hard:
                    self.page.dropped.append((frame.start, end if end is not None else offset))
            elif frame.drop == "soft":
                self.soft -= 1
            if frame.hint:
                self.hints.pop()
            if frame.container >= 0:
                self.containers.pop()

    def handle_data(self, data: str) -> None:
        if self.capture:
            self.captured.append(data)
            return
        if self.hard or not data.strip():
            if data and self.buffer:
                self.buffer.append(" ")
            return
        state = self._state()
        offset = self._offset()
        if self.buffer and state != self.buffer_state:
            self._flush(offset)
        if not self.buffer:
            self.buffer_state = state
            self.buffer_start = offset + (len(data) - len(data.lstrip()))
        self.buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush(len(self.raw))
        if self.stack:
            self._pop_to(0, len(self.raw), end=len(self.raw))

    # helpers -------------------------------------------------------------------------------
    def _drop_kind(self, tag: str, values: dict[str, str], marks: str) -> str:
        if tag in self.drop_tags:
            if tag == "header" and self.containers:
                return "soft"
            return "hard"
        if "hidden" in values or _HIDDEN_STYLE.search(values.get("style", "")):
            return "hard"
        if len(marks) > 1:
            if self.keep_marks and self.keep_marks.search(marks):
                return ""
            if self.drop_marks and self.drop_marks.search(marks):
                return "hard"
        return ""

    @staticmethod
    def _hint(tag: str, values: dict[str, str], marks: str) -> str:
        if tag == "h1":
            return "title"
        if tag in HEADINGS:
            return "heading"
        if "itemprop" in values or "rel" in values:
            marks = f"{marks} {values.get('itemprop', '')} {values.get('rel', '')}".lower()
        if "author" in marks or "byline" in marks:
            return "author"
        if tag == "time" or _DATE_MARKS.search(marks):
            return "date"
        return ""

    def _head_metadata(self, tag: str, values: dict[str, str]) -> None:
        if tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop") or ""
            content = values.get("content")
            if key and content and key.lower() not in self.page.meta:
                self.page.meta[key.lower()] = content.strip()
        elif tag == "html" and values.get("lang"):
            self.page.lang = values["lang"].strip().lower()
        elif tag == "link" and "canonical" in values.get("rel", "").lower():
            self.page.canonical = values.get("href") or None
        elif tag == "time" and values.get("datetime") and not self.hard:
            self.page.times.append(values["datetime"])

    def _end_capture(self) -> None:
        text = "".join(self.captured)
        if self.capture == "title":
            self.page.title_tag = clean_text(text) or None
        elif self.capture == "json_ld" and len(text) <= MAX_JSON_LD:
            try:
                value = json.loads(text)
            except (ValueError, RecursionError):
                value = None
            self.page.json_ld.extend(_json_ld_objects(value))
        self.capture, self.captured = None, []


def _json_ld_objects(value: Any) -> list[dict[str, Any]]:
    """The dicts of a JSON-LD value (top level, lists and `@graph`), without recursion."""
    found: list[dict[str, Any]] = []
    pending = [value]
    while pending and len(found) < 50:
        item = pending.pop()
        if isinstance(item, list):
            pending.extend(item[:50])
        elif isinstance(item, dict):
            found.append(item)
            if isinstance(item.get("@graph"), list):
                pending.extend(item["@graph"][:50])
    return found


def parse_html(
    raw: str,
    *,
    drop_tags: frozenset[str],
    drop_marks: tuple[str, ...],
    keep_marks: tuple[str, ...],
    deadline: Deadline,
) -> HtmlPage:
    """Walk `raw` once and return its lines (body, metadata-only and outside the container),
    the dropped spans and the head metadata. Raises ExtractionError("too_deep"/"timeout")."""
    walker = _Walker(
        raw, drop_tags=drop_tags, drop_marks=drop_marks, keep_marks=keep_marks, deadline=deadline
    )
    walker.feed(raw)
    walker.close()
    page = walker.page
    _choose_container(page)
    return page


def _choose_container(page: HtmlPage) -> None:
    """Keep the body lines of the `<article>`/`<main>` with the most text; the rest is outside."""
    sizes: dict[int, int] = {}
    for line in page.lines:
        if line.zone == "body" and line.containers:
            innermost = line.containers[-1]
            sizes[innermost] = sizes.get(innermost, 0) + len(line.text)
    if not sizes:
        return
    best = max(sizes, key=lambda key: (sizes[key], -key))
    chosen = next(line.containers for line in page.lines if line.containers[-1:] == (best,))
    ancestors = set(chosen)
    for line in page.lines:
        if best in line.containers:
            continue
        if line.hint == "title" and line.containers and line.containers[-1] in ancestors:
            line.zone = "meta"  # a heading just outside the article still names it
            continue
        line.zone = "outside"
