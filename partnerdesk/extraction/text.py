"""Stages S0–S3 of the extraction pipeline: from document bytes to a `CleanDocument`.

S0 refuses what is not text (`decoding.check_bytes`), S1 decodes it (`decoding.decode`) and
decides between HTML and plain text, S2a walks HTML (`html.parse_html`), S2b classifies lines
(`boilerplate.classify`, for both kinds), S3 settles outlet, title, author, publication date and
language (`metadata`). Pure: no Django, no network; every refusal is an `ExtractionError`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from partnerdesk.extraction.boilerplate import classify, plain_lines, rules, strip_site_suffix
from partnerdesk.extraction.decoding import check_bytes, decode, fingerprint, looks_like_html
from partnerdesk.extraction.html import HtmlPage, clean_text, parse_html
from partnerdesk.extraction.metadata import (
    DateMatch,
    Outlet,
    detect_language,
    outlet_for_name,
    outlet_for_url,
    parse_iso,
)
from partnerdesk.extraction.types import CleanDocument, Deadline, ExtractionError

__all__ = ["prepare"]

_CANONICAL = re.compile(
    r"""<link\b[^>]*\brel\s*=\s*["']?canonical["']?[^>]*>|<meta\b[^>]*\bog:(?:url|site_name)\b[^>]*>""",
    re.IGNORECASE,
)
_ATTR = re.compile(r"""\b(href|content)\s*=\s*["']([^"']{1,500})["']""", re.IGNORECASE)
_META_DATE_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "date",
)
_META_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "byl")


def prepare(
    data: bytes, source: str, *, url: str | None = None, deadline: Deadline
) -> CleanDocument:
    """Clean one document: the raw text kept, the body text without boilerplate, metadata.

    Guarantees: `sha256` is the digest of the exact bytes; `text` holds body lines joined by
    newlines, the title once as metadata and never in the body; `boilerplate` lists sorted,
    non-overlapping spans of `raw_text`; `published` is ISO 8601 at the precision written
    (never a banner's crawl date). Raises ExtractionError (binary, encoding, too_large,
    too_deep, timeout, empty) and nothing else for bad input.
    """
    check_bytes(data)
    digest = fingerprint(data)
    raw, _encoding = decode(data)
    if not raw.strip():
        raise ExtractionError("empty", "The document has no text.")
    deadline.check()
    outlet = outlet_for_url(url)
    hint_language: str | None = None
    if looks_like_html(raw, source):
        content_type = "text/html"
        if outlet is None:
            outlet = _outlet_from_head(raw)
        page = parse_html(
            raw,
            drop_tags=rules().drop_tags,
            drop_marks=rules().drop_marks + (outlet.prune if outlet else ()),
            keep_marks=rules().keep_marks,
            deadline=deadline,
        )
        site = page.meta.get("og:site_name")
        outlet = outlet or outlet_for_name(site) or outlet_for_url(page.canonical)
        title = _html_title(page, outlet, site)
        cleaned = classify(
            page.lines,
            outlet=outlet,
            deadline=deadline,
            title=title,
            guess_title=False,
            site=site,
            raw=raw,
        )
        published = _with_meta_offset(cleaned.published, _meta_date(page))
        author = cleaned.author or _meta_author(page)
        removed = cleaned.removed + page.dropped
        hint_language = page.lang
    else:
        content_type = "text/plain"
        cleaned = classify(plain_lines(raw, deadline), outlet=outlet, deadline=deadline, raw=raw)
        published = cleaned.published
        author = cleaned.author
        removed = cleaned.removed
    deadline.check()
    text = "\n".join(line.text for line in cleaned.body)
    if not text:
        raise ExtractionError(
            "empty",
            "No article text is left once menus, banners and other boilerplate are removed.",
        )
    outlet = cleaned.outlet or outlet
    return CleanDocument(
        source=source,
        sha256=digest,
        raw_text=raw,
        text=text,
        title=cleaned.title,
        outlet=outlet.name if outlet else None,
        author=author,
        published=published.iso(outlet.zone if outlet else None) if published else None,
        language=detect_language(text, hint_language),
        url=url,
        boilerplate=_merge(removed),
        content_type=content_type,
    )


def _outlet_from_head(raw: str) -> Outlet | None:
    """The outlet named by a canonical link, og:url or og:site_name near the top of a page."""
    for tag in _CANONICAL.finditer(raw[:50_000]):
        value = _ATTR.search(tag.group())
        if value:
            outlet = outlet_for_url(value.group(2)) or outlet_for_name(value.group(2))
            if outlet:
                return outlet
    return None


def _html_title(page: HtmlPage, outlet: Outlet | None, site: str | None) -> str | None:
    """The first `<h1>` of the article, else og:title, else `<title>`, without the site name."""
    headings = [line for line in page.lines if line.hint == "title" and line.zone != "outside"]
    candidates: list[str] = [line.text for line in headings[:1]]
    heads = (page.meta.get("og:title"), page.meta.get("twitter:title"), page.title_tag)
    candidates += [clean_text(value) for value in heads if value]
    candidates += [
        clean_text(ld["headline"]) for ld in page.json_ld if isinstance(ld.get("headline"), str)
    ]
    for candidate in candidates:
        title = strip_site_suffix(candidate, outlet, site)
        if title:
            return title
    return None


def _meta_date(page: HtmlPage) -> DateMatch | None:
    """JSON-LD datePublished, then meta published-time keys, then the first `<time datetime>`."""
    values: list[Any] = [ld.get("datePublished") for ld in page.json_ld]
    values += [page.meta.get(key) for key in _META_DATE_KEYS]
    values += page.times[:1]
    for value in values:
        if isinstance(value, str):
            found = parse_iso(value)
            if found:
                return found
    return None


def _with_meta_offset(dateline: DateMatch | None, meta: DateMatch | None) -> DateMatch | None:
    """The publication date from the visible dateline, completed by machine-readable metadata.

    Without a dateline the metadata date is used. A dateline that states no offset takes the
    metadata's time and offset when the metadata names the same day and either the dateline
    gives no time or the same minute; any disagreement leaves the dateline as written.
    """
    if dateline is None:
        return meta
    if meta is None or dateline.offset is not None or meta.offset is None or meta.hour is None:
        return dateline
    if (dateline.year, dateline.month, dateline.day) != (meta.year, meta.month, meta.day):
        return dateline
    if dateline.hour is None:
        return replace(meta, start=dateline.start, end=dateline.end)
    if (dateline.hour, dateline.minute) == (meta.hour, meta.minute):
        return replace(dateline, offset=meta.offset)
    return dateline


def _meta_author(page: HtmlPage) -> str | None:
    """An author name from meta tags or JSON-LD (URLs and organisation names are skipped)."""
    values: list[Any] = [page.meta.get(key) for key in _META_AUTHOR_KEYS]
    for ld in page.json_ld:
        author = ld.get("author")
        if isinstance(author, list) and author:
            author = author[0]
        if isinstance(author, dict) and author.get("@type", "Person") == "Person":
            author = author.get("name")
        values.append(author)
    for value in values:
        if isinstance(value, str) and value.strip() and "://" not in value:
            name = clean_text(re.sub(r"^by\s+", "", value.strip(), flags=re.IGNORECASE))
            if name and not outlet_for_name(name):
                return name
    return None


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted spans with overlapping or touching ones joined; empty spans dropped."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)
