"""Web pages of contributions to NATO-led operations: the snapshot list, snapshot and operation
pages and forms, and a nation's operations page with its strength-over-time chart.

Thin configurations of the generic record views; the chart is drawn by `charts` from the
series the selectors return (only snapshots the user may see).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from partnerdesk.core.permissions import Action, can
from partnerdesk.core.selectors import history_list
from partnerdesk.core.web.registry import panels_for
from partnerdesk.core.web.views import (
    RecordDeleteView,
    RecordDetailView,
    RecordFormView,
    RecordHistoryView,
    RecordListView,
)
from partnerdesk.operations import charts, selectors, services
from partnerdesk.operations.choices import HEADCOUNT_FIELDS
from partnerdesk.operations.filtersets import ContributionFilter, OperationFilter
from partnerdesk.operations.forms import ContributionForm, OperationForm
from partnerdesk.operations.models import OPERATION_ACCESS, ContributionSnapshot, Operation
from partnerdesk.organisations.choices import OrganisationKind
from partnerdesk.organisations.models import Organisation
from partnerdesk.organisations.selectors import nations_for_records, organisation_list


def _can_create_contribution(user: Any) -> bool:
    return nations_for_records(user).exists()


def _can_create_operation(user: Any) -> bool:
    return OPERATION_ACCESS.permits(user, Action.CHANGE)


def _all_operations(user: Any, *, nation_id: int | None = None) -> QuerySet[Operation]:
    """Every operation: the list is reference data, whatever nation the switcher names."""
    return selectors.operation_list(user)


def _headcount(snapshot: ContributionSnapshot) -> list[tuple[str, int]]:
    return [(label, getattr(snapshot, name)) for name, label in HEADCOUNT_FIELDS]


# -- contribution snapshots ----------------------------------------------------------------


class _ContributionPages:
    url_namespace = "operations"
    title_plural = "Contributions to operations"
    model = ContributionSnapshot
    get_object_for_view = staticmethod(selectors.contribution_get)
    get_object_for_change = staticmethod(selectors.contribution_get_for_change)


class ContributionListView(_ContributionPages, RecordListView):
    """Every visible snapshot with its derived total, filterable by nation, operation, years."""

    template_name = "operations/contribution_list.html"
    list_selector = staticmethod(selectors.contribution_list)
    filterset_class = ContributionFilter
    ordering_fields: ClassVar[dict[str, str]] = {
        "nation": "owner__name",
        "operation": "operation__code",
        "as_of": "as_of",
        "total": "total_strength",
    }
    default_ordering = "nation"
    can_create = staticmethod(_can_create_contribution)


class ContributionDetailView(_ContributionPages, RecordDetailView):
    """One snapshot: headcount by category, the derived total, legal basis and sources."""

    template_name = "operations/contribution_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        snapshot = self.fetch(request, pk)
        context = self.base_context() | {
            "object": snapshot,
            "headcount": _headcount(snapshot),
            "history": history_list(request.user, snapshot)[:5],
            "can_change": can(request.user, Action.CHANGE, snapshot),
            "panels": panels_for("operations.contribution", request.user, snapshot),
        }
        return render(request, self.template_name, context)


class ContributionHistoryView(_ContributionPages, RecordHistoryView):
    """The change log of one snapshot."""


class ContributionCreateView(_ContributionPages, RecordFormView):
    """Record a snapshot (the total is the sum of the categories)."""

    form_class = ContributionForm
    creating = True
    can_create = staticmethod(_can_create_contribution)
    create_service = staticmethod(services.contribution_create)


class ContributionUpdateView(_ContributionPages, RecordFormView):
    """Edit a snapshot (refuses a stale version)."""

    form_class = ContributionForm
    update_service = staticmethod(services.contribution_update)


class ContributionDeleteView(_ContributionPages, RecordDeleteView):
    """Delete a snapshot after confirmation."""

    delete_service = staticmethod(services.contribution_delete)


# -- operations ----------------------------------------------------------------------------


class _OperationPages:
    url_namespace = "operations"
    title_plural = "Operations"
    model = Operation
    get_object_for_view = staticmethod(selectors.operation_get)
    get_object_for_change = staticmethod(selectors.operation_get_for_change)


class OperationListView(_OperationPages, RecordListView):
    """Every operation with its mandate."""

    template_name = "operations/operation_list.html"
    list_selector = staticmethod(_all_operations)
    filterset_class = OperationFilter
    ordering_fields: ClassVar[dict[str, str]] = {
        "code": "code",
        "start": "mandate_start",
        "end": "mandate_end",
    }
    default_ordering = "start"
    can_create = staticmethod(_can_create_operation)


class OperationDetailView(_OperationPages, RecordDetailView):
    """One operation: mandate, notes, sources and the contributions the user may see."""

    template_name = "operations/operation_detail.html"


class OperationHistoryView(_OperationPages, RecordHistoryView):
    """The change log of one operation."""

    template_name = "operations/operation_history.html"


class OperationCreateView(_OperationPages, RecordFormView):
    """Record an operation (alliance staff and administrators)."""

    template_name = "operations/operation_form.html"
    form_class = OperationForm
    creating = True
    can_create = staticmethod(_can_create_operation)
    create_service = staticmethod(services.operation_create)


class OperationUpdateView(_OperationPages, RecordFormView):
    """Edit an operation (refuses a stale version and a mandate that leaves out snapshots)."""

    template_name = "operations/operation_form.html"
    form_class = OperationForm
    update_service = staticmethod(services.operation_update)


class OperationDeleteView(_OperationPages, RecordDeleteView):
    """Delete an operation without contributions after confirmation."""

    template_name = "operations/operation_delete.html"
    delete_service = staticmethod(services.operation_delete)

    def success_url(self, obj: Any) -> str:
        return reverse("operations:operation-list")


# -- a nation's operations page ------------------------------------------------------------


def chart_series(
    series: list[selectors.OperationSeries], operations: dict[int, Operation]
) -> list[charts.ChartSeries]:
    """The chart's input from the selector's series; a series not ended by a withdrawal is
    carried (dashed) to the end of its operation's mandate when that is known."""
    drawn = []
    for item in series:
        operation = operations.get(item.operation_id)
        last = item.points[-1]
        until = None
        if operation is not None and operation.mandate_end and not last.withdrawal:
            until = operation.mandate_end
        drawn.append(
            charts.ChartSeries(
                code=item.code,
                name=item.name,
                points=tuple(
                    charts.ChartPoint(
                        date=p.date,
                        date_label=p.date_display,
                        value=p.total,
                        approximate=p.approximate,
                        source_keys=p.source_keys,
                    )
                    for p in item.points
                ),
                until=until,
            )
        )
    return drawn


class NationView(LoginRequiredMixin, View):
    """A nation's contributions across operations: the strength chart and one table per
    operation, each point citing its sources (only snapshots the user may see)."""

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        nation = (
            organisation_list(request.user, kind=OrganisationKind.STATE)
            .filter(code__iexact=code)
            .first()
        )
        if not isinstance(nation, Organisation):
            raise Http404("Not found")
        series = selectors.strength_series(request.user, nation.pk)
        operations = {
            o.pk: o
            for o in selectors.operation_list(request.user).filter(
                pk__in=[s.operation_id for s in series]
            )
        }
        snapshots = {
            s.pk: s for s in selectors.contribution_list(request.user, nation_id=nation.pk)
        }
        tables = [
            {
                "series": item,
                "operation": operations.get(item.operation_id),
                "rows": [snapshots[p.snapshot_id] for p in item.points],
            }
            for item in series
        ]
        svg = charts.strength_chart_svg(
            chart_series(series, operations),
            title=f"{nation.name}: personnel in NATO-led operations over time",
        )
        context = {
            "nation": nation,
            "tables": tables,
            "chart": svg,
            "nations": selectors.contributing_nations(request.user),
            "can_create": _can_create_contribution(request.user),
        }
        return render(request, "operations/nation.html", context)
