"""Input shape of the entry-document form (validation of meaning is in the service)."""

from __future__ import annotations

from typing import Any

from django import forms

from partnerdesk.core.web.forms import RecordForm
from partnerdesk.entrydocs.models import EntryDocument
from partnerdesk.entrydocs.services import EDITABLE_FIELDS
from partnerdesk.organisations.selectors import nations_for_records
from partnerdesk.sources.selectors import source_list


class EntryDocumentForm(RecordForm):
    """Create or edit a PfP entry document."""

    class Meta:
        model = EntryDocument
        fields = (*EDITABLE_FIELDS, "sources")
        widgets = {
            "signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "submitted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "approved_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "sources": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["owner"].queryset = nations_for_records(user)  # type: ignore[attr-defined]
        self.fields["owner"].label = "Nation"
        self.fields["sources"].queryset = source_list(user)  # type: ignore[attr-defined]
        self.fields["sources"].required = False
