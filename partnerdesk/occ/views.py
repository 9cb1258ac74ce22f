"""Web pages of OCC E&F: units with their derived state, the unit page (timeline, results,
certificates, remedial actions), evaluation pages and forms, and the re-validation due list.

Thin configurations of the generic record views; child rows (evaluations, results, remedial
actions) are created from their parent's page and return to it after saving.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import VersionConflict
from partnerdesk.core.models import ChangeSource
from partnerdesk.core.permissions import Action, can
from partnerdesk.core.selectors import history_list
from partnerdesk.core.web.views import (
    ChildRecordFormView,
    PageMixin,
    RecordDeleteView,
    RecordDetailView,
    RecordFormView,
    RecordHistoryView,
    RecordListView,
    current_nation_id,
)
from partnerdesk.occ import charts, selectors, services
from partnerdesk.occ.choices import REMEDIAL_TRANSITIONS, RemedialStatus
from partnerdesk.occ.filtersets import OccUnitFilter
from partnerdesk.occ.forms import (
    EvaluationForm,
    EvaluationResultForm,
    OccUnitForm,
    RemedialActionForm,
)
from partnerdesk.occ.models import Evaluation, EvaluationResult, OccUnit, RemedialAction
from partnerdesk.organisations.selectors import nations_for_records

STATUS_LABELS = dict(RemedialStatus.choices)


def _can_create(user: Any) -> bool:
    return nations_for_records(user).exists()


class _Pages:
    url_namespace = "occ"
    title_plural = "OCC units"


class _UnitPages(_Pages):
    model = OccUnit
    get_object_for_view = staticmethod(selectors.occunit_get)
    get_object_for_change = staticmethod(selectors.occunit_get_for_change)


# -- units ---------------------------------------------------------------------------------


class OccUnitListView(_UnitPages, RecordListView):
    """All visible units with their state today, filterable and sortable."""

    template_name = "occ/unit_list.html"
    list_selector = staticmethod(selectors.occunit_list)
    filterset_class = OccUnitFilter
    ordering_fields: ClassVar[dict[str, str]] = {
        "nation": "owner__name",
        "name": "name",
        "service": "service",
        "declared": "declared_on",
    }
    default_ordering = "nation"
    can_create = staticmethod(_can_create)


class OccUnitDetailView(_UnitPages, RecordDetailView):
    """One unit: state, timeline of evaluations, certificates, results and remedial actions."""

    template_name = "occ/unit_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        unit = self.fetch(request, pk)
        today = timezone.localdate()
        due_days = selectors.due_days_default()
        evaluations = list(unit.evaluations.all())
        certifications = [
            {"object": c, "flag": selectors.certification_flag(c, today=today, days=due_days)}
            for c in unit.certifications.all()
        ]
        actions = [
            {"object": a, "evaluation": e, "overdue": a.is_overdue(today)}
            for e in evaluations
            for a in e.remedial_actions.all()
        ]
        context = self.base_context() | {
            "object": unit,
            "state": selectors.occunit_state(unit, today=today),
            "evaluations": evaluations,
            "has_results": any(e.results.all() for e in evaluations),
            "certifications": certifications,
            "actions": actions,
            "timeline": charts.timeline_svg(
                [
                    (e.get_level_display(), e.dates_display, e.earliest, e.latest, e.outcome)
                    for e in evaluations
                ],
                [(c.validity_display, c.valid_from, c.valid_to) for c in unit.certifications.all()],
                today=today,
                title=f"OCC timeline of {unit.name}",
            ),
            "due_days": due_days,
            "today": today,
            "history": history_list(request.user, unit)[:5],
            "can_change": can(request.user, Action.CHANGE, unit),
        }
        return render(request, self.template_name, context)


class OccUnitHistoryView(_UnitPages, RecordHistoryView):
    """The change log of one unit."""


class OccUnitCreateView(_UnitPages, RecordFormView):
    """Declare a unit."""

    form_class = OccUnitForm
    creating = True
    can_create = staticmethod(_can_create)
    create_service = staticmethod(services.occunit_create)


class OccUnitUpdateView(_UnitPages, RecordFormView):
    """Edit a unit (refuses a stale version)."""

    form_class = OccUnitForm
    update_service = staticmethod(services.occunit_update)


class _RefusingDeleteView(RecordDeleteView):
    """Delete; refusals (dependent rows) show on the confirmation page; then the parent page."""

    def success_url(self, obj: Any) -> str:
        return _parent_url(obj)


def _parent_url(obj: Any) -> str:
    """Where to go after deleting `obj`: its parent's page (or the unit list)."""
    if isinstance(obj, Evaluation):
        return obj.unit.get_absolute_url()
    if isinstance(obj, EvaluationResult | RemedialAction):
        return obj.evaluation.get_absolute_url()
    return reverse("occ:list")


class OccUnitDeleteView(_UnitPages, _RefusingDeleteView):
    """Delete a unit without evaluations after confirmation."""

    delete_service = staticmethod(services.occunit_delete)


# -- re-validation due ---------------------------------------------------------------------


class DueListView(LoginRequiredMixin, View):
    """Certificates whose re-validation falls due within N days (default 180) or has lapsed."""

    def get(self, request: HttpRequest) -> HttpResponse:
        default = selectors.due_days_default()
        try:
            days = max(0, min(int(request.GET.get("days", default)), 3650))
        except ValueError:
            days = default
        today = timezone.localdate()
        queryset = selectors.certification_due(
            request.user, today=today, days=days, nation_id=current_nation_id(request)
        )
        page = Paginator(queryset, 50).get_page(request.GET.get("page"))
        rows = [
            {
                "object": c,
                "flag": selectors.certification_flag(c, today=today, days=days),
                "days_left": (c.valid_to - today).days,
                "days_ago": (today - c.valid_to).days,
            }
            for c in page
        ]
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "page": page,
            "rows": rows,
            "days": days,
            "today": today,
            "querystring": query.urlencode(),
        }
        return render(request, "occ/due_list.html", context)


# -- evaluations and their children --------------------------------------------------------


class _ChildFormView(_Pages, ChildRecordFormView):
    """Create a child from its parent's page (or edit it) and go back to the parent page."""

    template_name = "occ/child_form.html"

    def success_url(self, saved: Any) -> str:
        return str(self.parent.get_absolute_url())


class _EvaluationPages(_Pages):
    model = Evaluation
    get_object_for_view = staticmethod(selectors.evaluation_get)
    get_object_for_change = staticmethod(selectors.evaluation_get_for_change)


class EvaluationDetailView(_EvaluationPages, RecordDetailView):
    """One evaluation with its area results, remedial actions and the certificate it earned."""

    template_name = "occ/evaluation_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        evaluation = self.fetch(request, pk)
        today = timezone.localdate()
        actions = [
            {
                "object": a,
                "overdue": a.is_overdue(today),
                "moves": sorted(
                    (target, STATUS_LABELS[target]) for target in REMEDIAL_TRANSITIONS[a.status]
                ),
                "can_change": can(request.user, Action.CHANGE, a),
            }
            for a in evaluation.remedial_actions.all()
        ]
        results = [
            {"object": r, "can_change": can(request.user, Action.CHANGE, r)}
            for r in evaluation.results.all()
        ]
        context = self.base_context() | {
            "object": evaluation,
            "results": results,
            "actions": actions,
            "certifications": evaluation.certifications_earned.all(),
            "history": history_list(request.user, evaluation)[:5],
            "can_change": can(request.user, Action.CHANGE, evaluation),
        }
        return render(request, self.template_name, context)


class EvaluationHistoryView(_EvaluationPages, RecordHistoryView):
    """The change log of one evaluation."""


class EvaluationCreateView(_EvaluationPages, _ChildFormView):
    """Record an evaluation of a unit (the order rule may refuse it)."""

    form_class = EvaluationForm
    creating = True
    parent_for_change = staticmethod(selectors.occunit_get_for_change)
    parent_attr = "unit"
    create_service = staticmethod(services.evaluation_record)


class EvaluationUpdateView(_EvaluationPages, _ChildFormView):
    """Edit an evaluation (refuses a stale version and steps out of order)."""

    form_class = EvaluationForm
    parent_attr = "unit"
    update_service = staticmethod(services.evaluation_update)


class EvaluationDeleteView(_EvaluationPages, _RefusingDeleteView):
    """Delete an evaluation after confirmation."""

    delete_service = staticmethod(services.evaluation_delete)


class _ResultPages(_Pages):
    model = EvaluationResult
    get_object_for_view = staticmethod(selectors.result_get)
    get_object_for_change = staticmethod(selectors.result_get_for_change)


class ResultCreateView(_ResultPages, _ChildFormView):
    """Record an area result of an evaluation."""

    form_class = EvaluationResultForm
    creating = True
    parent_for_change = staticmethod(selectors.evaluation_get_for_change)
    parent_attr = "evaluation"
    create_service = staticmethod(services.result_create)


class ResultUpdateView(_ResultPages, _ChildFormView):
    """Edit an area result."""

    form_class = EvaluationResultForm
    parent_attr = "evaluation"
    update_service = staticmethod(services.result_update)


class ResultDeleteView(_ResultPages, _RefusingDeleteView):
    """Delete an area result after confirmation."""

    delete_service = staticmethod(services.result_delete)


class _RemedialPages(_Pages):
    model = RemedialAction
    get_object_for_view = staticmethod(selectors.remedial_get)
    get_object_for_change = staticmethod(selectors.remedial_get_for_change)


class RemedialCreateView(_RemedialPages, _ChildFormView):
    """Add a remedial action after an evaluation."""

    form_class = RemedialActionForm
    creating = True
    parent_for_change = staticmethod(selectors.evaluation_get_for_change)
    parent_attr = "evaluation"
    create_service = staticmethod(services.remedial_create)


class RemedialUpdateView(_RemedialPages, _ChildFormView):
    """Edit a remedial action."""

    form_class = RemedialActionForm
    parent_attr = "evaluation"
    update_service = staticmethod(services.remedial_update)


class RemedialDeleteView(_RemedialPages, _RefusingDeleteView):
    """Delete a remedial action after confirmation."""

    delete_service = staticmethod(services.remedial_delete)


class RemedialTransitionView(_RemedialPages, PageMixin, View):
    """POST: move a remedial action to another status (with the version shown on the page)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        action = self.fetch_for_change(request, pk)
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        try:
            moved = services.remedial_transition(
                action,
                actor=Actor.from_request(request, ChangeSource.WEB),
                expected_version=version,
                target=request.POST.get("status", ""),
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        except VersionConflict as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"“{moved}” is now {moved.get_status_display().lower()}.")
        return HttpResponseRedirect(action.evaluation.get_absolute_url() + "#remedial-actions")
