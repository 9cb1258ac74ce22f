"""Full-text search over documents (SQLite FTS5 or PostgreSQL full-text behind one interface),
and a cheap title search over the records evidence turns into (meetings, plans).

SQLite keeps an FTS5 table `evidence_document_fts` (rowid = document id) that the ingest
service fills in the same transaction as the document; PostgreSQL uses an expression GIN index
on the document's title and text (both created by migration 0002, each for its own vendor).
Every search is restricted by `core.permissions.restrict` *inside* the full-text query (the
candidate ids are the visible documents), so a hidden document is never matched, counted or
shown; results are bounded by `limit`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from partnerdesk.core.permissions import Action, restrict
from partnerdesk.dialogue.selectors import meeting_list
from partnerdesk.evidence.models import Document, Fact
from partnerdesk.plans.selectors import plan_list

FTS_TABLE = "evidence_document_fts"
OPEN, CLOSE = "\x02", "\x03"  # snippet markers, replaced by <mark> after escaping
MAX_TERMS = 12
MAX_LIMIT = 100


@dataclass(frozen=True)
class SearchFilters:
    """Narrow a search: nation code, mechanism code, outlet, publication date range."""

    nation: str | None = None
    mechanism: str | None = None
    outlet: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass(frozen=True)
class Hit:
    """One matching document with a snippet (HTML, matches in <mark>) and its rank."""

    document: Document
    snippet: SafeString
    rank: float


def terms(query: str) -> list[str]:
    """The words of a query (at most MAX_TERMS); punctuation and operators are dropped."""
    return re.findall(r"\w+", query or "")[:MAX_TERMS]


def index_document(document: Document) -> None:
    """(Re)write the document's full-text row; PostgreSQL needs nothing (expression index)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [document.pk])  # noqa: S608 - constant table name
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (%s, %s, %s)",  # noqa: S608 - constant table name
            [document.pk, document.title, document.text],
        )


def visible_documents(user: Any, filters: SearchFilters | None = None) -> QuerySet[Document]:
    """The documents `user` may see, narrowed by `filters` (no text condition)."""
    queryset = Document.objects.all()
    f = filters or SearchFilters()
    if f.nation:
        queryset = queryset.filter(owner__code=f.nation.upper())
    if f.outlet:
        queryset = queryset.filter(outlet__iexact=f.outlet)
    if f.date_from:
        queryset = queryset.filter(published_on__gte=f.date_from)
    if f.date_to:
        queryset = queryset.filter(published_on__lte=f.date_to)
    if f.mechanism:
        mentioned = Fact.objects.filter(claim__key=f"mechanism:{f.mechanism.upper()}")
        queryset = queryset.filter(pk__in=mentioned.values("document_id"))
    return restrict(queryset, user, Action.VIEW)


def _highlight(snippet: str) -> SafeString:
    text = escape(snippet or "")
    return mark_safe(text.replace(OPEN, "<mark>").replace(CLOSE, "</mark>"))  # noqa: S308 - escaped above


# The queries: constant text; `{ids}` is the SQL Django compiled for the visible documents
# (its values are parameters), every user value is a parameter.
SQLITE_QUERY = (
    "SELECT rowid, snippet(evidence_document_fts, -1, %s, %s, '…', 24), "
    "bm25(evidence_document_fts) FROM evidence_document_fts "
    "WHERE evidence_document_fts MATCH %s AND rowid IN ({ids}) "
    "ORDER BY bm25(evidence_document_fts) LIMIT %s"
)
PG_QUERY = (
    "SELECT d.id, ts_headline('english', d.text, q, %s), "
    "ts_rank(to_tsvector('english', coalesce(d.title, '') || ' ' || coalesce(d.text, '')), q) "
    "AS rank FROM evidence_document d, websearch_to_tsquery('english', %s) q "
    "WHERE to_tsvector('english', coalesce(d.title, '') || ' ' || coalesce(d.text, '')) @@ q "
    "AND d.id IN ({ids}) ORDER BY rank DESC, d.id LIMIT %s"
)


def _quoted(words: list[str]) -> str:
    """Every word as a quoted term, so operators in the query are plain words."""
    return " ".join('"' + w.replace('"', "") + '"' for w in words)


def _matches(words: list[str], ids_sql: str, ids_params: tuple[Any, ...], limit: int) -> list[Any]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                SQLITE_QUERY.format(ids=ids_sql),
                [OPEN, CLOSE, _quoted(words), *ids_params, limit],
            )
            return [(pk, snippet, -float(rank)) for pk, snippet, rank in cursor.fetchall()]
        cursor.execute(
            PG_QUERY.format(ids=ids_sql),
            [
                f"StartSel={OPEN}, StopSel={CLOSE}, MaxWords=30, MinWords=10, MaxFragments=2",
                _quoted(words),
                *ids_params,
                limit,
            ],
        )
        return [(pk, snippet, float(rank)) for pk, snippet, rank in cursor.fetchall()]


def search(
    user: Any, query: str, filters: SearchFilters | None = None, *, limit: int = 20
) -> list[Hit]:
    """Documents matching every word of `query` that `user` may see, best first.

    At most `limit` (capped at MAX_LIMIT) hits; an empty query finds nothing. Each hit
    carries an escaped snippet with the matched words in <mark>.
    """
    words = terms(query)
    if not words:
        return []
    limit = max(1, min(limit, MAX_LIMIT))
    ids = visible_documents(user, filters).order_by().values("pk")
    try:
        ids_sql, ids_params = ids.query.sql_with_params()
    except EmptyResultSet:  # the user may see no document at all
        return []
    rows = _matches(words, ids_sql, ids_params, limit)
    documents = (
        Document.objects.select_related("owner")
        .defer("raw", "raw_text", "text")
        .in_bulk([pk for pk, _, _ in rows])
    )
    return [
        Hit(documents[pk], _highlight(snippet), rank)
        for pk, snippet, rank in rows
        if pk in documents
    ]


@dataclass(frozen=True)
class RecordHit:
    """A record whose title contains every word of the query."""

    kind: str
    title: str
    url: str
    nation: str


def search_records(user: Any, query: str, *, limit: int = 10) -> list[RecordHit]:
    """Meetings and plans `user` may see whose titles contain every word (at most `limit`
    of each, read through their apps' selectors)."""
    words = terms(query)
    if not words:
        return []
    limit = max(1, min(limit, MAX_LIMIT))
    meetings = meeting_list(user)
    plans = plan_list(user).order_by("-period_start", "pk")
    for word in words:
        meetings = meetings.filter(title__icontains=word)
        plans = plans.filter(title__icontains=word)
    return [
        RecordHit("Meeting", str(m), m.get_absolute_url(), m.owner.name) for m in meetings[:limit]
    ] + [RecordHit("Plan", str(p), p.get_absolute_url(), p.owner.name) for p in plans[:limit]]
