"""Web pages of the timeline: the chronology of a nation (zoomable, exportable) and milestones."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from partnerdesk.core.timeline import TimelineItem, timeline_mechanisms
from partnerdesk.core.web.views import (
    RecordDeleteView,
    RecordDetailView,
    RecordFormView,
    RecordHistoryView,
    RecordListView,
)
from partnerdesk.organisations.selectors import nations_for_records, partner_states
from partnerdesk.timeline import exports, selectors, services
from partnerdesk.timeline.charts import overview_svg
from partnerdesk.timeline.filtersets import MilestoneFilter
from partnerdesk.timeline.forms import MilestoneForm, Query, parse_query, query_entries
from partnerdesk.timeline.models import Milestone


def _params(query: Query, **changes: Any) -> str:
    params: dict[str, Any] = {
        "nation": query.nation.code if query.nation else "",
        "mechanism": query.mechanisms,
        "from": query.year_from or "",
        "to": query.year_to or "",
        "year": query.year or "",
    }
    params.update(changes)
    return urlencode({k: v for k, v in params.items() if v not in ("", None, [])}, doseq=True)


def _grouped(entries: list[TimelineItem], by_month: bool) -> list[tuple[str, list[Any]]]:
    """Entries under headings: decade → year at full range, month inside a zoomed year."""
    groups: list[tuple[str, list[Any]]] = []
    for entry in entries:
        if by_month:
            heading = (
                "Sometime in the year"
                if entry.precision == "YEAR"
                else entry.date.strftime("%B %Y")
            )
        else:
            heading = f"{entry.date.year // 10 * 10}s"
        if not groups or groups[-1][0] != heading:
            groups.append((heading, []))
        groups[-1][1].append(entry)
    return groups


@login_required
def timeline_view(request: HttpRequest) -> HttpResponse:
    """A nation's chronology across every mechanism, with an overview to zoom into a year."""
    query = parse_query(request)
    entries = query_entries(request, query)
    base = reverse("timeline:view")
    buckets = selectors.overview(entries, year=query.year)
    chart = overview_svg(
        buckets,
        title=(
            f"Timeline entries of {query.nation.name} per {'month' if query.year else 'year'}"
            if query.nation
            else "Timeline"
        ),
        link=(lambda b: f"{base}?{_params(query, year=b.year)}") if query.year is None else None,
    )
    context = {
        "query": query,
        "entries": entries,
        "groups": _grouped(entries, by_month=query.year is not None),
        "chart": chart,
        "nations": partner_states(request.user) if request.user.nation_id is None else [],  # type: ignore[union-attr]
        "mechanisms": timeline_mechanisms(),
        "mechanism_labels": dict(timeline_mechanisms()),
        "zoom_out": f"{base}?{_params(query, year='')}" if query.year else "",
        "prev_year": f"{base}?{_params(query, year=query.year - 1)}" if query.year else "",
        "next_year": f"{base}?{_params(query, year=query.year + 1)}" if query.year else "",
        "export_csv": f"{reverse('timeline:export', args=['csv'])}?{_params(query)}",
        "export_json": f"{reverse('timeline:export', args=['json'])}?{_params(query)}",
        "can_add": nations_for_records(request.user).exists(),
    }
    status = 400 if query.errors else 200
    return render(request, "timeline/timeline.html", context, status=status)


@login_required
def timeline_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The page's entries (same filters, same visibility) as CSV or JSON."""
    if fmt not in ("csv", "json"):
        raise Http404("Unknown export format")
    query = parse_query(request)
    if query.errors or query.nation is None:
        message = "; ".join(f"{k}: {v}" for k, v in query.errors.items()) or (
            "nation: choose a nation (?nation=CODE)."
        )
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    entries = query_entries(request, query)
    base_url = request.build_absolute_uri("/").rstrip("/")
    name = f"timeline-{query.nation.code}"
    if fmt == "csv":
        response = HttpResponse(
            exports.timeline_csv(entries, base_url), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            exports.timeline_json(entries, base_url), content_type="application/json"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _can_create(user: Any) -> bool:
    return nations_for_records(user).exists()


class _Pages:
    model = Milestone
    url_namespace = "timeline"
    title_plural = "Milestones"
    get_object_for_view = staticmethod(selectors.milestone_get)
    get_object_for_change = staticmethod(selectors.milestone_get_for_change)


class MilestoneListView(_Pages, RecordListView):
    """Milestones the user may see, filterable."""

    template_name = "timeline/milestone_list.html"
    list_selector = staticmethod(selectors.milestone_list)
    filterset_class = MilestoneFilter
    ordering_fields = {"date": "date", "nation": "owner__name", "title": "title"}
    default_ordering = "date"
    can_create = staticmethod(_can_create)


class MilestoneDetailView(_Pages, RecordDetailView):
    """One milestone with its sources."""

    template_name = "timeline/milestone_detail.html"


class MilestoneHistoryView(_Pages, RecordHistoryView):
    """The change log of one milestone."""


class MilestoneCreateView(_Pages, RecordFormView):
    """Record a milestone."""

    form_class = MilestoneForm
    creating = True
    can_create = staticmethod(_can_create)
    create_service = staticmethod(services.milestone_create)


class MilestoneUpdateView(_Pages, RecordFormView):
    """Edit a milestone (refuses a stale version)."""

    form_class = MilestoneForm
    update_service = staticmethod(services.milestone_update)


class MilestoneDeleteView(_Pages, RecordDeleteView):
    """Delete a milestone after confirmation."""

    delete_service = staticmethod(services.milestone_delete)
