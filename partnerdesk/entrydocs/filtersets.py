"""Filters shared by the entry-document list page and API."""

from __future__ import annotations

from django_filters import rest_framework as filters

from partnerdesk.core.markings import Marking
from partnerdesk.entrydocs.choices import EntryDocumentType
from partnerdesk.entrydocs.models import EntryDocument


class EntryDocumentFilter(filters.FilterSet):
    """Filter by nation (code), type, marking, approval year and free text in the title."""

    nation = filters.CharFilter(field_name="owner__code", lookup_expr="iexact", label="Nation code")
    doc_type = filters.ChoiceFilter(choices=EntryDocumentType.choices, label="Type")
    marking = filters.ChoiceFilter(choices=Marking.choices)
    approved_year = filters.NumberFilter(field_name="approved_on__year", label="Approved in")
    q = filters.CharFilter(field_name="title", lookup_expr="icontains", label="Title contains")

    class Meta:
        model = EntryDocument
        fields = ("nation", "doc_type", "marking", "approved_year", "q")
