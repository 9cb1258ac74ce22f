"""Web pages of the staffing app: postings (list, page, forms, history), reported headcounts
and the headcount page (a day, a scope, the series and the reported figures beside it).

Thin configurations of the generic record views; names and pseudonyms come from the
selectors, never from the templates.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from partnerdesk.core.permissions import Action, can
from partnerdesk.core.selectors import history_list
from partnerdesk.core.web.views import (
    RecordDeleteView,
    RecordDetailView,
    RecordFormView,
    RecordHistoryView,
    RecordListView,
    current_nation_id,
)
from partnerdesk.organisations.selectors import nations_for_records
from partnerdesk.staffing import charts, selectors, services
from partnerdesk.staffing.choices import NATO_HQ_BODIES, Scope
from partnerdesk.staffing.filtersets import PostingFilter
from partnerdesk.staffing.forms import HeadcountForm, PostingForm, ReportedHeadcountForm
from partnerdesk.staffing.models import Posting, ReportedHeadcount


def _can_create(user: Any) -> bool:
    return nations_for_records(user).exists()


class _Pages:
    url_namespace = "staffing"
    title_plural = "staff postings"


class _PostingPages(_Pages):
    model = Posting
    get_object_for_view = staticmethod(selectors.posting_get)
    get_object_for_change = staticmethod(selectors.posting_get_for_change)


class PostingListView(_PostingPages, RecordListView):
    """Visible postings, filterable (nation, scheme, host, serving on a day) and sortable."""

    template_name = "staffing/posting_list.html"
    list_selector = staticmethod(selectors.posting_list)
    filterset_class = PostingFilter
    ordering_fields: ClassVar[dict[str, str]] = {
        "nation": "owner__name",
        "host": "host__code",
        "start": "start_on",
        "end": "end_last_day",
        "post": "post_title",
    }
    default_ordering = "-start"
    can_create = staticmethod(_can_create)


class PostingDetailView(_PostingPages, RecordDetailView):
    """One posting: who (name or pseudonym), where, when, funding, sources, latest changes."""

    template_name = "staffing/posting_detail.html"


class PostingHistoryView(_PostingPages, RecordHistoryView):
    """The change log of one posting (never with the person's name)."""


class PostingCreateView(_PostingPages, RecordFormView):
    """Record a posting."""

    form_class = PostingForm
    creating = True
    can_create = staticmethod(_can_create)
    create_service = staticmethod(services.posting_create)


class PostingUpdateView(_PostingPages, RecordFormView):
    """Edit a posting (refuses a stale version)."""

    form_class = PostingForm
    update_service = staticmethod(services.posting_update)


class PostingDeleteView(_PostingPages, RecordDeleteView):
    """Delete a posting after confirmation."""

    delete_service = staticmethod(services.posting_delete)


class _ReportedPages(_Pages):
    model = ReportedHeadcount
    title_plural = "reported headcounts"
    get_object_for_view = staticmethod(selectors.reported_get)
    get_object_for_change = staticmethod(selectors.reported_get_for_change)


class ReportedDetailView(_ReportedPages, RecordDetailView):
    """One reported headcount with the figure computed from the postings beside it."""

    template_name = "staffing/reported_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.fetch(request, pk)
        comparison = next(
            (
                c
                for c in selectors.compare_reported(request.user, obj.owner_id)
                if c.reported.pk == obj.pk
            ),
            None,
        )
        context = self.base_context() | {
            "object": obj,
            "comparison": comparison,
            "history": history_list(request.user, obj)[:5],
            "can_change": can(request.user, Action.CHANGE, obj),
        }
        return render(request, self.template_name, context)


class ReportedHistoryView(_ReportedPages, RecordHistoryView):
    """The change log of one reported headcount."""


class ReportedCreateView(_ReportedPages, RecordFormView):
    """Record a headcount a source reports."""

    form_class = ReportedHeadcountForm
    creating = True
    can_create = staticmethod(_can_create)
    create_service = staticmethod(services.reported_create)

    def success_url(self, saved: Any) -> str:
        return reverse("staffing:headcount") + f"?nation={saved.owner.code}"


class ReportedUpdateView(_ReportedPages, RecordFormView):
    """Edit a reported headcount (refuses a stale version)."""

    form_class = ReportedHeadcountForm
    update_service = staticmethod(services.reported_update)


class ReportedDeleteView(_ReportedPages, RecordDeleteView):
    """Delete a reported headcount after confirmation; back to the headcount page."""

    delete_service = staticmethod(services.reported_delete)

    def success_url(self, obj: Any) -> str:
        return reverse("staffing:headcount") + f"?nation={obj.owner.code}"


def _default_nation(request: HttpRequest, nations: Any) -> Any:
    user: Any = request.user
    wanted = getattr(user, "nation_id", None) or current_nation_id(request)
    if wanted is not None:
        chosen = nations.filter(pk=wanted).first()
        if chosen is not None:
            return chosen
    return nations.filter(code="AZE").first() or nations.first()


class HeadcountView(LoginRequiredMixin, View):
    """Headcount of a nation on a day in a scope, the yearly series (table and chart) and the
    reported figures with the computed ones beside them."""

    def get(self, request: HttpRequest) -> HttpResponse:
        nations = selectors.nation_choices(request.user)
        today = timezone.localdate()
        default = _default_nation(request, nations)
        initial = {"nation": default, "on": today, "scope": Scope.ALL_BODIES, "scheme": ""}
        form = HeadcountForm(request.GET or None, nations=nations, initial=initial)
        status = 200
        if form.is_bound and form.is_valid():
            question = form.cleaned_data
        else:
            if form.is_bound:
                status = 400
            question = initial
        nation = question["nation"]
        context: dict[str, Any] = {
            "form": form,
            "nation": nation,
            "question": question,
            "scope_label": dict(Scope.choices)[question["scope"]],
            "hq_bodies": sorted(NATO_HQ_BODIES),
            "show_create": _can_create(request.user),
        }
        if nation is not None:
            rows = selectors.spans(request.user, nation.pk)
            scheme = question["scheme"] or None
            count = sum(1 for s in rows if s.counts(question["on"], question["scope"], scheme))
            series = selectors.series_from_spans(rows, scope=question["scope"], scheme=scheme)
            comparisons = selectors.compare_reported(request.user, nation.pk, today=today)
            marked_years = {
                c.reported.as_of.year
                for c in comparisons
                if c.reported.as_of is not None
                and c.reported.scope == question["scope"]
                and c.reported.measure == "SERVING"
            }
            context |= {
                "count": count,
                "series": series,
                "comparisons": comparisons,
                "chart": charts.bar_chart_svg(
                    [(str(p.year), p.count, p.year in marked_years) for p in series],
                    title=(
                        f"{nation.name}: officers serving on 1 July of each year — "
                        f"{context['scope_label']}"
                    ),
                ),
            }
        return render(request, "staffing/headcount.html", context, status=status)
