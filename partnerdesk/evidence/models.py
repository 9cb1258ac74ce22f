"""Documents from the press, the facts extracted from them, and the reviewers' decisions.

- `Document`: the bytes exactly as received (sha256 unique: the same bytes twice are one
  document), the clean text and metadata the pipeline derived, the Admiralty grading. It
  belongs to the nation it is about (`owner`) and carries a marking (PUBLIC for press).
- `Fact`: one fact as the extractor emitted it in one document (`payload` is the contract
  object unchanged, with `quote == document.text[start:end]`). A fact is also the evidence:
  where in which document the claim was found.
- `Claim`: the same fact found in several documents (facts grouped by a normalised key per
  nation) — one claim, several pieces of evidence.
- `ReviewDecision`: a reviewer's accept / edit / reject, stored beside the extractor's output
  (never over it), with the record the acceptance created or linked.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from partnerdesk.core.dates import DatePrecision
from partnerdesk.core.models import NationRecord
from partnerdesk.evidence.choices import (
    Credibility,
    Decision,
    FactKind,
    FactStatus,
    Reliability,
)


def empty_list() -> list[Any]:
    """A fresh empty list (JSONField default)."""
    return []


class Document(NationRecord):
    """A news article, interview or statement as received, with its clean text and metadata.

    `published` is the publication date at the precision the text gives ("2016-06-30T16:00:00
    +04:00", "2016-06-30", "2016-06" or empty); `published_on` is the first day of that
    period for filtering and sorting. `boilerplate` lists [start, end] spans of `raw_text`
    that the pipeline removed.
    """

    sha256 = models.CharField(max_length=64, unique=True)
    raw = models.BinaryField("bytes as received")
    raw_text = models.TextField("decoded input", blank=True)
    source_name = models.CharField("file or input name", max_length=300)
    url = models.URLField(max_length=500, blank=True)
    content_type = models.CharField(max_length=40, default="text/plain")
    text = models.TextField("clean text")
    title = models.CharField(max_length=300, blank=True)
    outlet = models.CharField(max_length=150, blank=True)
    author = models.CharField(max_length=150, blank=True)
    published = models.CharField(max_length=40, blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    language = models.CharField(max_length=8, default="en")
    boilerplate = models.JSONField(default=empty_list, blank=True)
    reliability = models.CharField(
        "source reliability", max_length=1, choices=Reliability.choices, default=Reliability.F
    )
    credibility = models.CharField(
        "information credibility",
        max_length=1,
        choices=Credibility.choices,
        default=Credibility.UNKNOWN,
    )
    cited_as = models.ForeignKey(
        "sources.Source",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The source records cite when a fact of this document is accepted.",
    )

    audit_exclude = frozenset({"created_at", "updated_at", "raw", "raw_text", "text"})

    class Meta:
        ordering = ("-published_on", "-pk")
        indexes = [models.Index(fields=["owner", "published_on"], name="evidence_doc_nation_day")]

    def __str__(self) -> str:
        return self.title or self.source_name

    def get_absolute_url(self) -> str:
        return reverse("evidence:detail", args=[self.pk])

    def clean(self) -> None:
        if len(self.sha256 or "") != 64:
            raise ValidationError({"sha256": "The sha256 must be 64 hexadecimal characters."})

    @property
    def grading(self) -> str:
        """The Admiralty code as written: "B2"."""
        return f"{self.reliability}{self.credibility}"


class Claim(NationRecord):
    """One fact however many documents report it: the facts sharing `key` for one nation."""

    kind = models.CharField(max_length=12, choices=FactKind.choices)
    key = models.CharField(max_length=300)
    label = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ("kind", "key")
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="evidence_claim_unique_key"),
        ]

    def __str__(self) -> str:
        return self.label or self.key


class Fact(NationRecord):
    """One fact extracted from one document: the extractor's payload, unchanged, and where.

    `owner` and `marking` are the document's. `status` is the latest review state; the
    decisions themselves are `ReviewDecision` rows.
    """

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="facts")
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="facts")
    kind = models.CharField(max_length=12, choices=FactKind.choices)
    payload = models.JSONField(help_text="The fact exactly as the extractor emitted it.")
    quote = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    confidence = models.FloatField(validators=[MinValueValidator(0), MaxValueValidator(1)])
    status = models.CharField(
        max_length=10, choices=FactStatus.choices, default=FactStatus.PROPOSED
    )

    class Meta:
        ordering = ("document", "start", "pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="evidence_fact_span_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.summary}"

    def get_absolute_url(self) -> str:
        return reverse("evidence:detail", args=[self.document_id]) + f"#fact-{self.pk}"

    def clean(self) -> None:
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValidationError({"end": "The quote must end after it starts."})

    @property
    def summary(self) -> str:
        """The fact in a few words: "visit · 2016-05 · Baku", "about 200 events"."""
        return describe(self.payload)


def describe(payload: dict[str, Any]) -> str:
    """A short human reading of a contract fact (used in lists, panels and the CLI)."""
    kind = payload.get("kind")
    if kind == "mechanism":
        return str(payload.get("mechanism", ""))
    if kind == "quantity":
        approx = {"about": "about ", "at_least": "at least ", "at_most": "at most "}.get(
            str(payload.get("approx")), ""
        )
        total = payload.get("of_total")
        value = payload.get("value")
        figure = f"{value} of {total}" if total is not None else f"{value}"
        return f"{approx}{figure} {payload.get('counted') or ''}".strip()
    if kind == "period":
        mechanism = payload.get("mechanism") or "period"
        return f"{mechanism} {payload.get('start_year')}–{payload.get('end_year')}"
    if kind == "event":
        who = ", ".join(str(p.get("name")) for p in payload.get("who") or [] if p.get("name"))
        parts = [
            str(payload.get("type") or "event"),
            str(payload.get("when") or ""),
            str(payload.get("where") or ""),
            who,
        ]
        label = " · ".join(p for p in parts if p)
        if payload.get("modality") in ("planned", "negated"):
            label += f" ({payload['modality']})"
        return label
    return str(kind)


class ReviewDecision(NationRecord):
    """A reviewer's decision about a fact, kept beside the extractor's output.

    `payload` is the edited fact for an "edit" decision (None otherwise). The record the
    acceptance created or linked is `record_type` + `record_id`; `record_created` says
    whether it was created (True) or an existing record was linked (False).
    """

    fact = models.ForeignKey(Fact, on_delete=models.PROTECT, related_name="decisions")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(max_length=8, choices=Decision.choices)
    payload = models.JSONField(null=True, blank=True)
    note = models.TextField(blank=True)
    record_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    record_id = models.CharField(max_length=64, blank=True)
    record_label = models.CharField(max_length=300, blank=True)
    record_url = models.CharField(max_length=300, blank=True)
    record_created = models.BooleanField(default=False)

    class Meta:
        ordering = ("fact", "created_at", "pk")
        indexes = [
            models.Index(fields=["record_type", "record_id"], name="evidence_decision_record"),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} fact {self.fact_id}"

    @property
    def outcome(self) -> str:
        """The decision as a past participle: "Accepted", "Accepted with edits", "Rejected"."""
        return {"accept": "Accepted", "edit": "Accepted with edits", "reject": "Rejected"}.get(
            self.decision, self.decision
        )
