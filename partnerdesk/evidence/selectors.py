"""Read use-cases of the evidence app, always restricted to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from partnerdesk.core.permissions import Action, restrict
from partnerdesk.core.selectors import get_changeable, get_visible
from partnerdesk.core.timeline import TimelineEntry
from partnerdesk.evidence.choices import FactStatus
from partnerdesk.evidence.models import Document, Fact, ReviewDecision

LIGHT_FIELDS = ("raw", "raw_text")


def document_list(
    user: Any, *, nation_id: int | None = None, awaiting: bool = False
) -> QuerySet[Document]:
    """Documents `user` may see (optionally of one nation, or only those with facts awaiting
    review), newest first, with the number of facts and of facts still proposed
    (`fact_count`, `proposed_count`); bytes and text not loaded."""
    queryset = (
        Document.objects.select_related("owner")
        .defer(*LIGHT_FIELDS, "text")
        .annotate(
            fact_count=Count("facts"),
            proposed_count=Count("facts", filter=Q(facts__status=FactStatus.PROPOSED)),
        )
    )
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    if awaiting:
        proposed = Fact.objects.filter(status=FactStatus.PROPOSED).values("document_id")
        queryset = queryset.filter(pk__in=proposed)
    return restrict(queryset, user, Action.VIEW).order_by("-published_on", "-pk")


def document_get(user: Any, pk: Any) -> Document:
    """One visible document with its text; NotFound for missing, foreign or over-marked ones."""
    queryset = restrict(Document.objects.select_related("owner", "cited_as"), user, Action.VIEW)
    return get_visible(queryset.defer("raw"), user, pk)


def document_raw(user: Any, pk: Any) -> Document:
    """One visible document with its bytes as received."""
    return get_visible(restrict(Document.objects.all(), user, Action.VIEW), user, pk)


def fact_list(
    user: Any, *, document_id: int | None = None, status: str | None = None
) -> QuerySet[Fact]:
    """Facts `user` may see, with their document, claim and decisions loaded."""
    queryset = Fact.objects.select_related("document", "claim", "owner").defer(
        *(f"document__{name}" for name in (*LIGHT_FIELDS, "text"))
    )
    queryset = queryset.prefetch_related("decisions__reviewer")
    if document_id is not None:
        queryset = queryset.filter(document_id=document_id)
    if status:
        queryset = queryset.filter(status=status)
    return restrict(queryset, user, Action.VIEW)


def fact_get(user: Any, pk: Any) -> Fact:
    """One visible fact; NotFound otherwise."""
    return get_visible(fact_list(user), user, pk)


def fact_get_for_change(user: Any, pk: Any) -> Fact:
    """One fact `user` may review; NotFound if invisible, Forbidden if read-only."""
    queryset = Fact.objects.select_related("document", "claim", "owner")
    return get_changeable(restrict(queryset, user, Action.VIEW), user, pk)


def proposed_count(user: Any, nation_id: int | None = None) -> int:
    """How many facts `user` may see still await review (the start-page card)."""
    queryset = Fact.objects.filter(status=FactStatus.PROPOSED)
    if nation_id is not None:
        queryset = queryset.filter(owner_id=nation_id)
    return restrict(queryset, user, Action.VIEW).count()


# -- highlighting ----------------------------------------------------------------------------


def highlight(text: str, spans: list[tuple[int, int, str]]) -> SafeString:
    """`text` escaped, with each (start, end, anchor id) span wrapped in <mark id=…>.

    Overlapping spans are shown from the first one's start to the latest end (marks never
    nest). Offsets are the facts' own, so the marked text is exactly each quote.
    """
    parts: list[str] = []
    cursor = 0
    for start, end, anchor in sorted(spans):
        start = max(start, cursor)
        if end <= start or start >= len(text):
            continue
        parts.append(escape(text[cursor:start]))
        parts.append(f'<mark id="{escape(anchor)}">{escape(text[start:end])}</mark>')
        cursor = end
    parts.append(escape(text[cursor:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped


def quote_in_context(text: str, start: int, end: int, width: int = 160) -> SafeString:
    """The quote marked inside up to `width` characters of text on each side."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    if left > 0:  # start and end at word boundaries
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    before = ("…" if left else "") + text[left:start]
    after = text[end:right] + ("…" if right < len(text) else "")
    return mark_safe(  # noqa: S308 - every piece is escaped
        f"{escape(before)}<mark>{escape(text[start:end])}</mark>{escape(after)}"
    )


# -- evidence of a record --------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceRow:
    """One piece of evidence for a record: the fact, its document and the quote in context."""

    fact: Fact
    document: Document
    context: SafeString
    url: str


def evidence_for(user: Any, obj: models.Model) -> list[EvidenceRow]:
    """The evidence `user` may see for a record: the facts accepted into it and every other
    fact of the same claims (the same fact found in other documents)."""
    record_type = ContentType.objects.get_for_model(type(obj))
    decisions = restrict(
        ReviewDecision.objects.filter(record_type=record_type, record_id=str(obj.pk)),
        user,
        Action.VIEW,
    )
    claims = Fact.objects.filter(pk__in=decisions.values("fact_id")).values("claim_id")
    # A fact carries its document's owner and marking, so restricting facts restricts documents.
    facts = restrict(
        Fact.objects.filter(claim_id__in=claims)
        .select_related("document")
        .defer("document__raw", "document__raw_text"),
        user,
        Action.VIEW,
    )
    rows = []
    for fact in facts.order_by("document__published_on", "document_id", "start"):
        document = fact.document
        rows.append(
            EvidenceRow(
                fact=fact,
                document=document,
                context=quote_in_context(document.text, fact.start, fact.end),
                url=document.get_absolute_url() + f"#q-{fact.pk}",
            )
        )
    return rows


def evidence_panel(user: Any, obj: models.Model) -> dict[str, Any]:
    """Context of the evidence panel other apps' record pages show."""
    return {"rows": evidence_for(user, obj)}


# -- timeline --------------------------------------------------------------------------------


def timeline_entries(user: Any, *, nation_id: int | None = None) -> list[TimelineEntry]:
    """Publication dates of the documents `user` may see."""
    queryset = document_list(user, nation_id=nation_id).filter(published_on__isnull=False)
    return [
        TimelineEntry(
            date=document.published_on,
            precision=document.published_precision or "DAY",
            mechanism="evidence",
            kind="published",
            title=f"{document.outlet or 'Document'}: {document}",
            url=document.get_absolute_url(),
            owner_id=document.owner_id,
            source_keys=(),
            confidence="SINGLE_SOURCE",
        )
        for document in queryset
        if document.published_on is not None
    ]
