"""Input shape of the milestone form (validation of meaning is in the service and model)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.http import HttpRequest

from partnerdesk.core.timeline import TimelineItem, timeline_mechanisms
from partnerdesk.core.web.forms import RecordForm
from partnerdesk.core.web.views import current_nation_id
from partnerdesk.organisations.models import Organisation
from partnerdesk.organisations.selectors import nations_for_records, partner_states
from partnerdesk.sources.selectors import source_list
from partnerdesk.timeline import selectors
from partnerdesk.timeline.models import Milestone
from partnerdesk.timeline.services import EDITABLE_FIELDS


class MilestoneForm(RecordForm):
    """Create or edit a milestone; give the first day of the period for year/month dates."""

    class Meta:
        model = Milestone
        fields = (*EDITABLE_FIELDS, "sources")
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4}),
            "sources": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "date": "For a year or a month, any day in it; it is stored as the first day.",
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["owner"].queryset = nations_for_records(user)  # type: ignore[attr-defined]
        self.fields["owner"].label = "Nation"
        self.fields["sources"].queryset = source_list(user)  # type: ignore[attr-defined]
        self.fields["sources"].required = False


FIRST_YEAR, LAST_YEAR = 1945, 2100


@dataclass
class Query:
    """The timeline page's parsed query: nation, mechanisms, years, zoom — and input errors."""

    nation: Organisation | None = None
    mechanisms: list[str] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    year: int | None = None
    errors: dict[str, str] = field(default_factory=dict)


def _year(request: HttpRequest, name: str, errors: dict[str, str]) -> int | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not FIRST_YEAR <= int(raw) <= LAST_YEAR:
        errors[name] = f"“{raw}” is not a year between {FIRST_YEAR} and {LAST_YEAR}."
        return None
    return int(raw)


def parse_query(request: HttpRequest) -> Query:
    """Read nation (code; partners always their own nation), mechanism, from, to and year."""
    user: Any = request.user
    query = Query()
    nations = partner_states(user)
    code = request.GET.get("nation", "").strip().upper()
    if user.nation_id is not None:
        query.nation = Organisation.objects.filter(pk=user.nation_id).first()
    elif code:
        query.nation = nations.filter(code=code).first()
        if query.nation is None:
            query.errors["nation"] = f"No partner nation with the code “{code}”."
    else:
        chosen = current_nation_id(request)
        query.nation = nations.filter(pk=chosen).first() if chosen else None
    known = {code for code, _ in timeline_mechanisms()}
    asked = request.GET.getlist("mechanism")
    unknown = [m for m in asked if m not in known]
    if unknown:
        query.errors["mechanism"] = f"Unknown mechanism: {', '.join(unknown)}."
    query.mechanisms = [m for m in asked if m in known]
    query.year_from = _year(request, "from", query.errors)
    query.year_to = _year(request, "to", query.errors)
    query.year = _year(request, "year", query.errors)
    if query.year_from and query.year_to and query.year_from > query.year_to:
        query.errors["to"] = "The last year comes before the first year."
    return query


def query_entries(request: HttpRequest, query: Query) -> list[TimelineItem]:
    """The entries the page (or an export) shows for `query`; none when the query is bad."""
    if query.errors or query.nation is None:
        return []
    year_from, year_to = query.year_from, query.year_to
    if query.year is not None:
        year_from = year_to = query.year
    return selectors.timeline(
        request.user,
        nation_id=query.nation.pk,
        mechanisms=query.mechanisms or None,
        year_from=year_from,
        year_to=year_to,
    )
