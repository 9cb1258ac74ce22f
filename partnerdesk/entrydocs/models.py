"""The PfP entry documents of a partner nation."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse

from partnerdesk.core.models import NationRecord
from partnerdesk.entrydocs.choices import ApprovalBody, ApprovalMethod, EntryDocumentType


class EntryDocument(NationRecord):
    """A Framework Document, Presentation Document or Individual Partnership Programme.

    Holds when it was signed and by whom, when it was handed to NATO and to whom, and which
    body approved or confirmed it, how and when. `edition` tells apart successive versions of the
    same document type (an updated Presentation Document, the yearly IPPs).
    """

    doc_type = models.CharField("document type", max_length=24, choices=EntryDocumentType.choices)
    edition = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    title = models.CharField(max_length=200)
    signed_on = models.DateField(null=True, blank=True)
    signatory_name = models.CharField(max_length=150, blank=True)
    signatory_title = models.CharField(max_length=150, blank=True)
    submitted_on = models.DateField("handed to NATO on", null=True, blank=True)
    received_by = models.CharField(
        max_length=150, blank=True, help_text="Who received it on NATO's side."
    )
    approved_on = models.DateField(null=True, blank=True)
    approval_body = models.CharField(max_length=20, choices=ApprovalBody.choices, blank=True)
    approval_method = models.CharField(max_length=20, choices=ApprovalMethod.choices, blank=True)
    summary = models.TextField(blank=True)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        ordering = ("owner__name", "doc_type", "edition")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "doc_type", "edition"], name="entrydoc_unique_edition"
            ),
            models.CheckConstraint(
                condition=models.Q(edition__gte=1), name="entrydoc_edition_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("entrydocs:detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.approved_on and self.signed_on and self.approved_on < self.signed_on:
            errors["approved_on"] = "The approval cannot come before the signature."
        if self.submitted_on and self.signed_on and self.submitted_on < self.signed_on:
            errors["submitted_on"] = "The document cannot be handed over before it was signed."
        if self.approval_method and not self.approval_body:
            errors["approval_body"] = "Say which body approved it."
        if self.approved_on and not self.approval_body:
            errors["approval_body"] = "Say which body approved it."
        if self.approval_body and not self.approved_on:
            errors["approved_on"] = "Give the date of the approval."
        if errors:
            raise ValidationError(errors)
