"""Input shapes of the evidence pages: upload, review decision, search (meaning: services)."""

from __future__ import annotations

import json
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from partnerdesk.core.markings import Marking
from partnerdesk.evidence.choices import MAX_UPLOAD_BYTES, Credibility, Decision, Reliability
from partnerdesk.organisations.models import Organisation
from partnerdesk.organisations.selectors import nations_for_records

GRADING = re.compile(r"^\s*([A-Fa-f])\s*([1-6])\s*$")


def parse_grading(value: str) -> tuple[str, str]:
    """ "B2" → ("B", "2"); anything else raises ValidationError naming the expected form."""
    match = GRADING.match(value or "")
    if match is None:
        raise ValidationError("Give the Admiralty code as a letter A–F and a digit 1–6, e.g. B2.")
    return match.group(1).upper(), match.group(2)


class UploadForm(forms.Form):
    """A document to ingest: a file or pasted text, the nation it is about, marking, grading."""

    file = forms.FileField(required=False, help_text="An HTML page or a plain-text file.")
    text = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 10}), label="or paste the text"
    )
    source_name = forms.CharField(
        required=False, max_length=300, label="name", help_text="Defaults to the file name."
    )
    url = forms.URLField(
        required=False, max_length=500, label="URL (kept as metadata)", assume_scheme="https"
    )
    owner = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label="Nation the document is about"
    )
    marking = forms.ChoiceField(
        choices=Marking.choices,
        initial=Marking.PUBLIC,
    )
    reliability = forms.ChoiceField(choices=Reliability.choices, initial=Reliability.F)
    credibility = forms.ChoiceField(choices=Credibility.choices, initial=Credibility.UNKNOWN)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        nations = nations_for_records(user)
        owner: Any = self.fields["owner"]
        owner.queryset = nations
        if getattr(user, "nation_id", None) is not None:
            owner.initial = user.nation_id

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        text = data.get("text") or ""
        if upload is None and not text.strip():
            raise ValidationError({"file": "Choose a file or paste the text."})
        if upload is not None and text.strip():
            raise ValidationError({"text": "Give a file or pasted text, not both."})
        if upload is not None and upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                {"file": f"The file has {upload.size:,} bytes; the limit is {MAX_UPLOAD_BYTES:,}."}
            )
        return data

    def payload(self) -> tuple[bytes, str]:
        """The bytes to ingest and the name they go under."""
        upload = self.cleaned_data.get("file")
        if upload is not None:
            return upload.read(), self.cleaned_data.get("source_name") or upload.name
        text: str = self.cleaned_data["text"]
        return text.encode("utf-8"), self.cleaned_data.get("source_name") or "pasted text"


class ReviewForm(forms.Form):
    """A decision about one fact; an edit gives the changed fields as a JSON object."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    decision = forms.ChoiceField(choices=Decision.choices)
    payload = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    note = forms.CharField(required=False, max_length=2000)

    def clean_payload(self) -> dict[str, Any] | None:
        raw = (self.cleaned_data.get("payload") or "").strip()
        if not raw:
            return None
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ValidationError(f"Not valid JSON: {exc.msg} (line {exc.lineno}).") from exc
        if not isinstance(value, dict):
            raise ValidationError('Give a JSON object, e.g. {"when": "2016-05"}.')
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == Decision.EDIT and not data.get("payload"):
            raise ValidationError({"payload": "Give the fields you change as a JSON object."})
        return data


class SearchForm(forms.Form):
    """Search words and filters."""

    q = forms.CharField(required=False, max_length=300, label="Search")
    nation = forms.CharField(required=False, max_length=24)
    mechanism = forms.CharField(required=False, max_length=24)
    outlet = forms.CharField(required=False, max_length=150)
    date_from = forms.DateField(
        required=False, label="published from", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label="to", widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            raise ValidationError({"date_to": "The end of the range is before its start."})
        return data
