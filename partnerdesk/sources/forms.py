"""Input shape of the source form."""

from __future__ import annotations

from django import forms

from partnerdesk.core.web.forms import RecordForm
from partnerdesk.sources.models import Source


class SourceForm(RecordForm):
    """Create or edit a source."""

    url = forms.URLField(label="URL", required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = Source
        fields = ("key", "title", "url", "publisher", "accessed_on", "confidence", "note")
        widgets = {
            "accessed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
