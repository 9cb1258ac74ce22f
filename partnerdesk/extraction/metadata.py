"""Stage S3 of the extraction pipeline: outlet, publication date and language (pure, data-driven).

Outlet profiles live in `data/outlets.json`, month names, time-zone abbreviations and language
hints in `data/languages.json`. Dates come out at the precision the text gives: a dateline with a
time and a known offset (written, or the outlet's zone) becomes `2016-06-30T16:00:00+04:00`, a
date alone `2016-06-30`, a month `2016-06`; nothing is ever guessed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zoneinfo
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DATA_DIR = Path(__file__).resolve().parent / "data"
MAX_NAME = 120  # longer text is never a site name


@dataclass(frozen=True)
class Outlet:
    """One outlet profile from `data/outlets.json` (patterns already compiled)."""

    name: str
    domains: tuple[str, ...]
    zone: str | None
    names: tuple[str, ...]
    title_suffixes: tuple[str, ...]
    prune: tuple[str, ...]
    lead: tuple[re.Pattern[str], ...]
    bylines: tuple[re.Pattern[str], ...]


def _load(name: str) -> Any:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=1)
def outlets() -> tuple[Outlet, ...]:
    """All outlet profiles, in file order (loaded once)."""
    return tuple(
        Outlet(
            name=entry["name"],
            domains=tuple(d.lower() for d in entry["domains"]),
            zone=entry.get("zone"),
            names=tuple(entry.get("names", ())),
            title_suffixes=tuple(entry.get("title_suffixes", ())),
            prune=tuple(p.lower() for p in entry.get("prune", ())),
            lead=tuple(re.compile(p) for p in entry.get("lead", ())),
            bylines=tuple(re.compile(p) for p in entry.get("bylines", ())),
        )
        for entry in _load("outlets.json")["outlets"]
    )


def _name_key(text: str) -> str:
    return " ".join(text.casefold().split())


@lru_cache(maxsize=1)
def _outlets_by_name() -> dict[str, Outlet]:
    table: dict[str, Outlet] = {}
    for outlet in outlets():
        for name in (outlet.name, *outlet.names, *outlet.domains):
            table.setdefault(_name_key(name), outlet)
    return table


def outlet_for_url(url: str | None) -> Outlet | None:
    """The outlet whose domain is the URL's host or a parent of it; None when unknown."""
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return None
    host = host.removeprefix("www.")
    for outlet in outlets():
        for domain in outlet.domains:
            if host == domain or host.endswith("." + domain):
                return outlet
    return None


def outlet_for_name(text: str | None) -> Outlet | None:
    """The outlet a site-name line (or og:site_name) names exactly, ignoring case and spacing."""
    if not text or len(text) > MAX_NAME:
        return None
    return _outlets_by_name().get(_name_key(text))


def outlet_named_in(text: str) -> Outlet | None:
    """The outlet whose name appears as a whole word in a line (copyright, lead, follow-us)."""
    folded = text[:1000].casefold()
    for key, outlet in _outlets_by_name().items():
        if len(key) < 3:
            continue
        position = folded.find(key)
        while position >= 0:
            before = folded[position - 1] if position else " "
            after_index = position + len(key)
            after = folded[after_index] if after_index < len(folded) else " "
            if not (before.isalnum() or after.isalnum()):
                return outlet
            position = folded.find(key, position + 1)
    return None


# --- dates ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateMatch:
    """A date found in a line: its span, its parts and whether a time or offset was given."""

    start: int
    end: int
    year: int
    month: int
    day: int | None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    offset: str | None = None  # "+04:00" when the text states it

    def iso(self, zone: str | None = None) -> str:
        """ISO 8601 at the given precision; a time only with an offset (stated or `zone`)."""
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        date = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.hour is None or self.minute is None:
            return date
        offset = self.offset or _zone_offset(zone, self)
        if offset is None:
            return date
        return f"{date}T{self.hour:02d}:{self.minute:02d}:{self.second or 0:02d}{offset}"


def _zone_offset(zone: str | None, when: DateMatch) -> str | None:
    if not zone or when.day is None:
        return None
    try:
        tz = zoneinfo.ZoneInfo(zone)
        moment = dt.datetime(
            when.year, when.month, when.day, when.hour or 0, when.minute or 0, tzinfo=tz
        )
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    delta = moment.utcoffset()
    return _format_offset(int(delta.total_seconds() // 60)) if delta is not None else None


def _format_offset(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


@lru_cache(maxsize=1)
def _languages() -> dict[str, Any]:
    data: dict[str, Any] = _load("languages.json")
    return data


@lru_cache(maxsize=1)
def _month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for number, names in _languages()["months"].items():
        for name in names:
            table[name.casefold()] = int(number)
    return table


@lru_cache(maxsize=1)
def _date_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(date core, time-and-offset after a date, time before a date)."""
    months = "|".join(re.escape(name) for name in sorted(_month_table(), key=len, reverse=True))
    suffixes = sorted(_languages().get("year_suffixes", ()), key=len, reverse=True)
    year_tail = r"(?:\s*(?:" + "|".join(re.escape(x) for x in suffixes) + r"))?" if suffixes else ""
    core = (
        rf"(?<![\w.])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s*[-\s]\s*(?P<mon>{months})\.?,?\s+"
        rf"(?P<year>(?:19|20)\d\d){year_tail}(?!\d)"
        rf"|(?<![\w.])(?P<mon2>{months})\.?\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+"
        r"(?P<year2>(?:19|20)\d\d)(?!\d)"
        r"|(?<![\d.])(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?![\d])"
        r"|(?<![\d.])(?P<dd>[0-3]?\d)[./](?P<dm>[01]?\d)[./](?P<dy>(?:19|20)\d\d)(?!\d)"
        rf"|(?<![\w.])(?P<mon3>{months})\.?\s+(?P<year3>(?:19|20)\d\d)(?!\d)"
    )
    zones = "|".join(re.escape(z) for z in sorted(_languages()["zones"], key=len, reverse=True))
    offset = (
        r"(?:\s*[(\[]?\s*(?:(?:utc|gmt)\s*(?P<sign>[-+\u2212])\s*(?P<oh>\d{1,2})(?::?(?P<om>\d\d))?"
        r"|(?P<sign2>[-+])(?P<oh2>\d\d):?(?P<om2>\d\d)"
        rf"|(?P<zname>{zones})(?![\w]))\s*[)\]]?)?"
    )
    clock = r"(?P<h>[0-2]?\d)[:.](?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?(?:\s*(?P<ampm>[ap]\.?m\.?))?"
    after = re.compile(
        rf"(?:\s*[,|•·–-]?\s*(?:at\s+)?|T)[(\[]?\s*{clock}\s*[)\]]?{offset}", re.IGNORECASE
    )
    before = re.compile(rf"{clock}\s*[)\]]?\s*[,|•·–-]?\s*$", re.IGNORECASE)
    return re.compile(core, re.IGNORECASE), after, before


def _offset_from(match: re.Match[str]) -> str | None:
    zones: dict[str, str] = _languages()["zones"]
    if match.group("zname"):
        return zones.get(match.group("zname").casefold())
    sign = match.group("sign") or match.group("sign2")
    hours = match.group("oh") or match.group("oh2")
    if not sign or not hours:
        return None
    minutes = int(match.group("om") or match.group("om2") or 0)
    total = int(hours) * 60 + minutes
    if total > 14 * 60:
        return None
    return _format_offset(-total if sign in ("-", "\u2212") else total)


def _clock(match: re.Match[str]) -> tuple[int, int, int | None] | None:
    hour, minute = int(match.group("h")), int(match.group("mi"))
    ampm = (match.group("ampm") or "").casefold().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23:
        return None
    second = int(match.group("s")) if match.group("s") else None
    return hour, minute, second


def find_dates(text: str) -> list[DateMatch]:
    """Every absolute calendar date in `text` with the time and offset written next to it."""
    core, after, before = _date_patterns()
    found = []
    for match in core.finditer(text):
        parts = _date_parts(match)
        if parts is None:
            continue
        year, month, day = parts
        start, end = match.start(), match.end()
        hour = minute = second = None
        offset = None
        if day is not None:
            tail = after.match(text, end)
            clock = _clock(tail) if tail else None
            if tail and clock:
                hour, minute, second = clock
                offset = _offset_from(tail)
                end = tail.end()
            else:
                head = before.search(text[max(0, start - 20) : start])
                clock = _clock(head) if head else None
                if head and clock:
                    hour, minute, second = clock
                    start = max(0, start - 20) + head.start()
        found.append(DateMatch(start, end, year, month, day, hour, minute, second, offset))
    return found


def _date_parts(match: re.Match[str]) -> tuple[int, int, int | None] | None:
    groups = match.groupdict()
    month_name = groups.get("mon") or groups.get("mon2") or groups.get("mon3")
    month = _month_table().get(month_name.casefold()) if month_name else None
    if groups.get("year"):
        year, day = int(groups["year"]), int(groups["day"])
    elif groups.get("year2"):
        year, day = int(groups["year2"]), int(groups["day2"])
    elif groups.get("iy"):
        year, month, day = int(groups["iy"]), int(groups["im"]), int(groups["id"])
    elif groups.get("dy"):
        year, month, day = int(groups["dy"]), int(groups["dm"]), int(groups["dd"])
    elif groups.get("year3"):
        if month is None:
            return None
        return int(groups["year3"]), month, None
    else:
        return None
    if month is None:
        return None
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return year, month, day


def parse_iso(value: str | None) -> DateMatch | None:
    """A date from a machine-readable value (meta, JSON-LD, `<time datetime>`), or None."""
    if not value:
        return None
    text = value.strip()
    match = re.fullmatch(r"((?:19|20)\d\d)-([01]\d)(?:-([0-3]\d))?", text)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        day = int(match.group(3)) if match.group(3) else None
        try:
            dt.date(year, month, day or 1)
        except ValueError:
            return None
        return DateMatch(0, len(text), year, month, day)
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        found = find_dates(text)
        return found[0] if found else None
    offset = moment.utcoffset()
    return DateMatch(
        0,
        len(text),
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
        _format_offset(int(offset.total_seconds() // 60)) if offset is not None else None,
    )


# --- language ------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def detect_language(text: str, hint: str | None = None) -> str:
    """ "en", "ru", "az", … from script and stop words (`data/languages.json`); `hint` breaks ties.

    Only the first 3,000 words are read; a text with no evidence for any language gets the
    `hint` when it names a known language, else the default ("en").
    """
    config = _languages()
    languages: dict[str, Any] = config["languages"]
    words = [w.casefold() for w in _WORD.findall(text[:30_000])][:3000]
    default: str = config["default"]
    hint_code = (hint or "").split("-")[0].casefold()
    fallback = hint_code if hint_code in languages else default
    if not words:
        return fallback
    cyrillic = sum(1 for w in words if _CYRILLIC.match(w))
    script = "cyrillic" if cyrillic * 2 > len(words) else "latin"
    scores: dict[str, int] = {}
    for code, spec in languages.items():
        if spec["script"] != script:
            continue
        stop = set(spec["stopwords"])
        letters = spec.get("letters", "")
        score = sum(1 for w in words if w in stop)
        if letters:
            marked = re.compile(f"[{re.escape(letters)}]")
            score += sum(1 for w in words if marked.search(w))
        scores[code] = score
    if not scores:
        return fallback
    best = max(scores.values())
    if best == 0:
        return fallback
    winners = [code for code, score in scores.items() if score == best]
    return fallback if fallback in winners else winners[0]
