"""Stages S5 (temporal grammar) and S7 (time resolution): find dates, resolve them to PARTIAL_DATE.

The grammar finds absolute dates ("30 June 2016", "June 30, 2016", "2016-06-30"), months with or
without a year ("May 2016", "in May"), years, relative expressions ("last week", "this year",
"yesterday") and weekdays ("on Monday"). Each mention keeps only the parts the text gives;
`resolve` fills the missing year (or month) from the publication date, never a day: "in May"
in an article of 2016-06-30 is "2016-05", the most recent May not after publication, unless the
verb is future, when it is the next May not before it. Year ranges ("2012-2013") are claimed
first by `periods`, so they never become dates or counts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from partnerdesk.extraction.facts.lexicon import Lexicon, normalise, phrase_pattern
from partnerdesk.extraction.types import Deadline

YEAR = r"(?:19|20)\d\d"
_ORD = r"(?:st|nd|rd|th)?"
_DASH = r"\s*[-–—]\s*"


@dataclass(frozen=True)
class Anchor:
    """The publication date at the precision the document gives (month and day may be None)."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, published: str | None) -> Anchor | None:
        """The anchor of an ISO 8601 publication value ("2016-06-30T16:00+04:00", "2016-06" …)."""
        if not published:
            return None
        match = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", published)
        if not match:
            return None
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)


@dataclass(frozen=True)
class TimeMention:
    """A temporal expression found in the text, with the parts it states.

    `kind` is "absolute" (year/month/day as given; a missing year is filled from the anchor),
    "relative" (`unit` year/month/week/day moved by `offset` from the anchor) or "weekday".
    """

    start: int
    end: int
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    unit: str | None = None
    offset: int = 0
    weekday: int | None = None


@cache
def _patterns(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    month_words = sorted(lex.months, key=lambda m: (-len(m), m))
    month = "(?:" + "|".join(w.capitalize() + (r"\.?" if len(w) <= 4 else "") for w in month_words)
    month = month.replace(r"May\.?", "May") + ")"
    weekday = "(?:" + "|".join(w.capitalize() for w in lex.weekdays) + ")"
    absolute = "|".join(
        [
            rf"(?P<iso>{YEAR}-[01]\d-[0-3]\d)(?!\d)",
            rf"(?P<rd1>\d{{1,2}}){_ORD}\s+(?P<rm1>{month}){_DASH}\d{{1,2}}{_ORD}\s+{month}"
            rf"(?:,?\s+(?P<ry1>{YEAR}))?(?!\d)",
            rf"(?P<rd2>\d{{1,2}}){_DASH}\d{{1,2}}{_ORD}\s+(?P<rm2>{month})(?:,?\s+(?P<ry2>{YEAR}))?(?!\d)",
            rf"(?P<rm3>{month})\s+(?P<rd3>\d{{1,2}}){_DASH}\d{{1,2}}(?:,?\s+(?P<ry3>{YEAR}))?(?!\d)",
            rf"(?P<d1>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m1>{month})(?:,?\s+(?P<y1>{YEAR}))?(?!\d)",
            rf"(?P<m2>{month})\s+(?P<d2>\d{{1,2}}){_ORD}(?:,?\s+(?P<y2>{YEAR}))?(?![\d:])",
            rf"(?:(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of)[\s-]+)?(?P<m3>{month})"
            rf"(?:\s+of)?,?\s+(?P<y3>{YEAR})(?!\d)",
            rf"(?:(?P<part>early|mid|late)[\s-]+)?(?P<m4>{month})(?![\w])",
            rf"(?P<y4>{YEAR})(?![\d]|\s*[-–—/]\s*\d)",
            rf"(?:(?P<wq>on|last|next|this|coming)\s+)?(?P<wd>{weekday})(?![\w])",
        ]
    )
    relative = phrase_pattern(list(lex.relative))
    return (
        re.compile(rf"(?<![\w.,/:-])(?:{absolute})"),
        re.compile(relative, re.IGNORECASE),
    )


_MAY_CONTEXT = re.compile(
    r"(?:in|of|since|until|till|by|from|early|late|mid|during|last|next|this)[\s-]+$", re.IGNORECASE
)


# "two days ago", "a week ago", "three months ago": counted back from the publication date.
_AGO = re.compile(
    r"(?<![\w-])(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?P<unit>days?|weeks?|months?|years?)\s+ago(?![\w-])",
    re.IGNORECASE,
)


def time_mentions(text: str, lex: Lexicon, deadline: Deadline) -> list[TimeMention]:
    """Every temporal expression in `text`, in order, without overlaps (longest wins)."""
    absolute, relative = _patterns(lex)
    found: list[TimeMention] = []
    for count, match in enumerate(absolute.finditer(text)):
        if count % 256 == 0:
            deadline.check()
        mention = _absolute(match, text, lex)
        if mention is not None:
            found.append(mention)
    for count, match in enumerate(_AGO.finditer(text)):
        if count % 256 == 0:
            deadline.check()
        amount = match.group("n").lower()
        number = int(amount) if amount.isdigit() else lex.units.get(amount, 1)
        unit = match.group("unit").lower().rstrip("s")
        found.append(TimeMention(match.start(), match.end(), "relative", unit=unit, offset=-number))
    for count, match in enumerate(relative.finditer(text)):
        if count % 256 == 0:
            deadline.check()
        unit, offset = lex.relative[normalise(match.group())]
        found.append(TimeMention(match.start(), match.end(), "relative", unit=unit, offset=offset))
    return without_overlaps(found)


def _absolute(match: re.Match[str], text: str, lex: Lexicon) -> TimeMention | None:
    g = match.groupdict()
    start, end = match.start(), match.end()

    def month_of(word: str) -> int:
        return lex.months[word.rstrip(".").lower()]

    if g["iso"]:
        y, m, d = (int(part) for part in g["iso"].split("-"))
        if not (1 <= m <= 12 and 1 <= d <= 31):
            return None
        return TimeMention(start, end, "absolute", y, m, d)
    for month_key, year_key in (("rm1", "ry1"), ("rm2", "ry2"), ("rm3", "ry3")):
        if g[month_key]:
            # A span of days ("21-22 September") is dated to its month: no single day is given.
            year = int(g[year_key]) if g[year_key] else None
            return TimeMention(start, end, "absolute", year, month_of(g[month_key]))
    for day_key, month_key, year_key in (("d1", "m1", "y1"), ("d2", "m2", "y2")):
        if g[day_key]:
            day = int(g[day_key])
            if not 1 <= day <= 31:
                return None
            year = int(g[year_key]) if g[year_key] else None
            return TimeMention(start, end, "absolute", year, month_of(g[month_key]), day)
    if g["m3"]:
        return TimeMention(start, end, "absolute", int(g["y3"]), month_of(g["m3"]))
    if g["m4"]:
        if (
            g["m4"] == "May"
            and not g["part"]
            and not _MAY_CONTEXT.search(text, max(0, start - 20), start)
        ):
            return None
        return TimeMention(start, end, "absolute", None, month_of(g["m4"]))
    if g["y4"]:
        return TimeMention(start, end, "absolute", int(g["y4"]))
    if g["wd"]:
        qualifier = (g["wq"] or "").lower()
        offset = {"last": -1, "next": 1, "coming": 1}.get(qualifier, 0)
        return TimeMention(
            start, end, "weekday", weekday=lex.weekdays[g["wd"].lower()], offset=offset
        )
    return None


def without_overlaps(mentions: list[TimeMention]) -> list[TimeMention]:
    """The mentions sorted by start; of two overlapping ones the longer (then earlier) stays."""
    mentions = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[TimeMention] = []
    for mention in mentions:
        if kept and mention.start < kept[-1].end:
            if mention.end - mention.start > kept[-1].end - kept[-1].start:
                kept[-1] = mention
            continue
        kept.append(mention)
    return kept


def resolve(mention: TimeMention, anchor: Anchor | None, *, future: bool = False) -> str | None:
    """The PARTIAL_DATE ("YYYY", "YYYY-MM", "YYYY-MM-DD") of `mention`, or None.

    Guarantees: a day is given only when the text states it (or a relative day/weekday is
    counted from an anchor that has a day); a missing year comes from the anchor, choosing the
    most recent fitting one not after it, or the next one not before it when `future`.
    """
    if mention.kind == "absolute":
        return _resolve_absolute(mention, anchor, future)
    if anchor is None:
        return None
    if mention.kind == "relative":
        return _resolve_relative(mention, anchor)
    return _resolve_weekday(mention, anchor, future)


def _resolve_absolute(mention: TimeMention, anchor: Anchor | None, future: bool) -> str | None:
    year = mention.year
    if year is None:
        if anchor is None or mention.month is None:
            return None
        year = anchor.year
        if anchor.month is not None:
            anchor_key = (anchor.month, anchor.day or (1 if future else 31))
            mention_key = (mention.month, mention.day or (31 if future else 1))
            if future and mention_key < anchor_key:
                year += 1
            elif not future and mention_key > anchor_key:
                year -= 1
    if mention.month is None:
        return f"{year:04d}"
    if mention.day is None:
        return f"{year:04d}-{mention.month:02d}"
    try:
        return dt.date(year, mention.month, mention.day).isoformat()
    except ValueError:
        return f"{year:04d}-{mention.month:02d}"


def _resolve_relative(mention: TimeMention, anchor: Anchor) -> str | None:
    if mention.unit == "year":
        return f"{anchor.year + mention.offset:04d}"
    if anchor.month is None:
        return None
    if mention.unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + mention.offset
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if anchor.day is None:
        return None
    day = dt.date(anchor.year, anchor.month, anchor.day)
    if mention.unit == "day":
        return (day + dt.timedelta(days=mention.offset)).isoformat()
    # A week: the month (or else the year) its Monday-to-Sunday span lies in; never a day.
    monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=mention.offset)
    sunday = monday + dt.timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return f"{monday.year:04d}-{monday.month:02d}"
    if monday.year == sunday.year:
        return f"{monday.year:04d}"
    return None


def _resolve_weekday(mention: TimeMention, anchor: Anchor, future: bool) -> str | None:
    if anchor.month is None or anchor.day is None or mention.weekday is None:
        return None
    day = dt.date(anchor.year, anchor.month, anchor.day)
    if mention.offset > 0 or (mention.offset == 0 and future):
        ahead = (mention.weekday - day.weekday()) % 7 or 7
        return (day + dt.timedelta(days=ahead)).isoformat()
    back = (day.weekday() - mention.weekday) % 7
    if mention.offset < 0 and back == 0:
        back = 7
    return (day - dt.timedelta(days=back)).isoformat()
