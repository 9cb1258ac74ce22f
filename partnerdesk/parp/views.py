"""Web pages of PARP: cycles (calendar, steps, survey, goals), goals, assessments, import and
export of goals, carry-over and the goal series chart. Reads through selectors, writes through
services; the generic record views do the common work."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views import View

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden, NotFound, VersionConflict
from partnerdesk.core.models import ChangeSource
from partnerdesk.core.permissions import Action, can
from partnerdesk.core.selectors import history_list
from partnerdesk.core.web.registry import panels_for
from partnerdesk.core.web.views import (
    PageMixin,
    RecordDeleteView,
    RecordDetailView,
    RecordFormView,
    RecordHistoryView,
    RecordListView,
    apply_validation_error,
    current_nation_id,
)
from partnerdesk.organisations.models import Organisation
from partnerdesk.organisations.selectors import nations_for_records
from partnerdesk.parp import charts, exports, imports, selectors, services
from partnerdesk.parp.choices import (
    CLOSED_GOAL_STATUSES,
    SERVICE_SHORT,
    STEP_LABELS,
    STEP_ORDER,
    Service,
    SurveySection,
    YearKind,
    next_step,
    previous_step,
)
from partnerdesk.parp.filtersets import CycleGoalFilter, ParpCycleFilter, PartnershipGoalFilter
from partnerdesk.parp.forms import (
    CarryOverForm,
    GoalAssessmentForm,
    GoalImportForm,
    ParpCycleForm,
    PartnershipGoalForm,
    SurveyAnswerForm,
    TransitionForm,
)
from partnerdesk.parp.models import GoalAssessment, ParpCycle, PartnershipGoal, SurveyAnswer


def _can_create(user: Any) -> bool:
    return nations_for_records(user).exists()


def _get_or_404(getter: Any, user: Any, pk: Any) -> Any:
    """The visible object, or the 404 page for missing, foreign and over-marked ones."""
    try:
        return getter(user, pk)
    except NotFound as exc:
        raise Http404("Not found") from exc


def _get_changeable_or_error(getter: Any, user: Any, pk: Any) -> Any:
    """The object the user may change: 404 if invisible, 403 if read-only."""
    try:
        return getter(user, pk)
    except NotFound as exc:
        raise Http404("Not found") from exc
    except Forbidden as exc:
        raise PermissionDenied(str(exc)) from exc


def _totals_rows(totals: selectors.GoalTotals) -> list[dict[str, Any]]:
    """One row per service used: goals in all and for the armed forces."""
    return [
        {
            "service": SERVICE_SHORT[service],
            "total": count,
            "armed_forces": totals.armed_forces_by_service.get(service, 0),
        }
        for service, count in totals.by_service.items()
    ]


def _objective_links(goal: PartnershipGoal) -> list[dict[str, Any]]:
    """The goal's (visible) objectives with a link when the plans pages provide one."""
    links = []
    for objective in goal.objectives.all():
        try:
            url: str | None = objective.get_absolute_url()
        except NoReverseMatch:
            url = None
        links.append({"objective": objective, "url": url})
    return links


# -- cycles ---------------------------------------------------------------------------------


class _CyclePages:
    model = ParpCycle
    url_namespace = "parp"
    title_plural: ClassVar[str] = "PARP cycles"
    get_object_for_view = staticmethod(selectors.cycle_get)
    get_object_for_change = staticmethod(selectors.cycle_get_for_change)


class CycleListView(_CyclePages, RecordListView):
    """All visible PARP cycles with their computed goal counts."""

    template_name = "parp/list.html"
    list_selector = staticmethod(selectors.cycle_list_with_counts)
    filterset_class = ParpCycleFilter
    ordering_fields = {
        "nation": "owner__name",
        "start": "start_year",
        "step": "step",
        "goals": "goal_count",
        "updated": "updated_at",
    }
    default_ordering = "nation"
    can_create = staticmethod(_can_create)


class CycleDetailView(_CyclePages, RecordDetailView):
    """One cycle: calendar rule, step and transitions, survey by section, goals with totals."""

    template_name = "parp/detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        cycle = self.fetch(request, pk)
        user = request.user
        goals = selectors.goal_list(user, cycle_id=cycle.pk).order_by("code")
        goal_filter = CycleGoalFilter(request.GET, queryset=goals, request=request)
        shown = goal_filter.qs
        totals = selectors.goal_totals(shown)
        answers = list(selectors.survey_answer_list(user, cycle_id=cycle.pk))
        sections = [
            {"label": label, "answers": [a for a in answers if a.section == code]}
            for code, label in SurveySection.choices
        ]
        can_change = can(user, Action.CHANGE, cycle)
        moves = [
            (target, STEP_LABELS[target], kind)
            for target, kind in (
                (next_step(cycle.step), "next"),
                (previous_step(cycle.step), "back"),
            )
            if target is not None
        ]
        context = self.base_context() | {
            "object": cycle,
            "panels": panels_for("parp.cycle", user, cycle),
            "history": history_list(user, cycle)[:5],
            "can_change": can_change,
            "calendar": [
                (year, "Goals agreed" if kind == YearKind.GOALS else "Assessment")
                for year, kind in cycle.calendar()
            ],
            "steps": [(s, STEP_LABELS[s]) for s in STEP_ORDER],
            "step_index": STEP_ORDER.index(cycle.step),
            "moves": moves if can_change else [],
            "sections": [s for s in sections if s["answers"]],
            "answer_count": len(answers),
            "goals": shown,
            "filterset": goal_filter,
            "totals": totals,
            "totals_rows": _totals_rows(totals),
            "filtered": any(v for k, v in request.GET.items() if k in goal_filter.filters),
        }
        return render(request, self.template_name, context)


class CycleHistoryView(_CyclePages, RecordHistoryView):
    """The change log of one cycle."""


class CycleCreateView(_CyclePages, RecordFormView):
    """Record a new PARP cycle."""

    form_class = ParpCycleForm
    creating = True
    can_create = staticmethod(_can_create)
    create_service = staticmethod(services.cycle_create)


class CycleUpdateView(_CyclePages, RecordFormView):
    """Edit a cycle's facts (its step moves by transitions)."""

    form_class = ParpCycleForm
    update_service = staticmethod(services.cycle_update)


class CycleDeleteView(_CyclePages, RecordDeleteView):
    """Delete an empty cycle after confirmation."""

    delete_service = staticmethod(services.cycle_delete)


class CycleTransitionView(PageMixin, View):
    """POST: move the cycle to the next step (or back one); the version guards stale clicks."""

    model = ParpCycle
    url_namespace = "parp"
    get_object_for_view = staticmethod(selectors.cycle_get)
    get_object_for_change = staticmethod(selectors.cycle_get_for_change)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        cycle = self.fetch_for_change(request, pk)
        form = TransitionForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose a step to move to.")
            return HttpResponseRedirect(cycle.get_absolute_url())
        try:
            moved = services.cycle_transition(
                cycle,
                actor=Actor.from_request(request, ChangeSource.WEB),
                expected_version=form.cleaned_data["version"],
                target=form.cleaned_data["target"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        except VersionConflict as exc:
            messages.error(request, f"{exc} Nothing was changed; look again and retry.")
        else:
            messages.success(request, f"{moved}: now at “{STEP_LABELS[moved.step]}”.")
        return HttpResponseRedirect(cycle.get_absolute_url())


# -- child records: create under a parent, return to the parent -----------------------------


class _ChildFormView(RecordFormView):
    """Create a child under a parent given in the URL, or edit one; back to its page after."""

    parent_kwarg: str = "cycle"
    get_parent_for_change: Any
    form: Any

    def _target(self, request: HttpRequest, kwargs: dict[str, Any]) -> tuple[Any, Any]:
        if self.creating:
            parent = _get_changeable_or_error(
                type(self).get_parent_for_change, request.user, kwargs["parent_pk"]
            )
            return None, parent
        obj = self.fetch_for_change(request, kwargs["pk"])
        return obj, getattr(obj, self.parent_kwarg)

    def make_form(self, request: HttpRequest, data: Any = None, obj: Any = None) -> Any:
        parent = getattr(self, "parent", None) if obj is None else getattr(obj, self.parent_kwarg)
        return self.form_class(
            data=data, user=request.user, instance=obj, **{self.parent_kwarg: parent}
        )

    def render_form(
        self, request: HttpRequest, form: Any, obj: Any, status: int = 200
    ) -> HttpResponse:
        context = self.base_context() | {
            "form": form,
            "object": obj,
            "creating": obj is None,
            "parent": self.parent,
        }
        return render(request, "parp/child_form.html", context, status=status)

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:  # type: ignore[override]
        obj, self.parent = self._target(request, kwargs)
        return self.render_form(request, self.make_form(request, obj=obj), obj)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:  # type: ignore[override]
        obj, self.parent = self._target(request, kwargs)
        form = self.make_form(request, data=request.POST, obj=obj)
        if not form.is_valid():
            return self.render_form(request, form, obj, status=400)
        actor = Actor.from_request(request, ChangeSource.WEB)
        data = form.service_data()
        try:
            if obj is None:
                saved = type(self).create_service(
                    actor=actor, data=data, **{self.parent_kwarg: self.parent}
                )
            else:
                saved = type(self).update_service(
                    obj, actor=actor, expected_version=form.cleaned_data["version"], data=data
                )
        except ValidationError as exc:
            apply_validation_error(form, exc)
            return self.render_form(request, form, obj, status=400)
        except Forbidden as exc:
            form.add_error(None, str(exc))
            return self.render_form(request, form, obj, status=403)
        except VersionConflict as exc:
            return self.render_conflict(request, form, exc)
        messages.success(request, f"Saved “{saved}” (version {saved.version}).")
        return HttpResponseRedirect(saved.get_absolute_url())


# -- survey answers -------------------------------------------------------------------------


class _AnswerPages:
    model = SurveyAnswer
    url_namespace = "parp"
    title_plural: ClassVar[str] = "PARP cycles"
    get_object_for_view = staticmethod(selectors.survey_answer_get)
    get_object_for_change = staticmethod(selectors.survey_answer_get_for_change)


class SurveyAnswerCreateView(_AnswerPages, _ChildFormView):
    """Add an answer to a cycle's survey."""

    form_class = SurveyAnswerForm
    creating = True
    get_parent_for_change = staticmethod(selectors.cycle_get_for_change)
    create_service = staticmethod(services.survey_answer_create)


class SurveyAnswerUpdateView(_AnswerPages, _ChildFormView):
    """Edit a survey answer."""

    form_class = SurveyAnswerForm
    update_service = staticmethod(services.survey_answer_update)


class SurveyAnswerDeleteView(_AnswerPages, RecordDeleteView):
    """Delete a survey answer after confirmation."""

    delete_service = staticmethod(services.survey_answer_delete)

    def success_url(self, obj: Any) -> str:
        return reverse("parp:detail", args=[obj.cycle_id]) + "#survey"


class SurveyAnswerHistoryView(_AnswerPages, RecordHistoryView):
    """The change log of one survey answer."""


# -- Partnership Goals ----------------------------------------------------------------------


class _GoalPages:
    model = PartnershipGoal
    url_namespace = "parp"
    title_plural: ClassVar[str] = "PARP cycles"
    get_object_for_view = staticmethod(selectors.goal_get)
    get_object_for_change = staticmethod(selectors.goal_get_for_change)


class GoalListView(_GoalPages, RecordListView):
    """Partnership Goals across the visible cycles, filterable."""

    template_name = "parp/goal_list.html"
    title_plural = "Partnership Goals"
    list_selector = staticmethod(selectors.goal_list)
    filterset_class = PartnershipGoalFilter
    ordering_fields = {
        "nation": "owner__name",
        "cycle": "cycle__start_year",
        "code": "code",
        "service": "service",
        "status": "status",
        "target": "target_date",
    }
    default_ordering = "nation"
    paginate_by = 50


class GoalDetailView(_GoalPages, RecordDetailView):
    """One goal: its facts, the plan objectives it serves, its assessments and carry-overs."""

    template_name = "parp/goal_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        goal = self.fetch(request, pk)
        user = request.user
        context = self.base_context() | {
            "object": goal,
            "history": history_list(user, goal)[:5],
            "can_change": can(user, Action.CHANGE, goal),
            "objective_links": _objective_links(goal),
            "assessments": selectors.assessment_list(user, goal_id=goal.pk),
            "carried_to": selectors.goals_carried_to(user, goal),
            "carried_from": (
                selectors.goal_list(user).filter(pk=goal.carried_from_id).first()
                if goal.carried_from_id
                else None
            ),
            "panels": panels_for("parp.goal", user, goal),
        }
        return render(request, self.template_name, context)


class GoalCreateView(_GoalPages, _ChildFormView):
    """Add a Partnership Goal to a cycle."""

    form_class = PartnershipGoalForm
    creating = True
    get_parent_for_change = staticmethod(selectors.cycle_get_for_change)
    create_service = staticmethod(services.goal_create)


class GoalUpdateView(_GoalPages, _ChildFormView):
    """Edit a goal (status, links to objectives…)."""

    form_class = PartnershipGoalForm
    update_service = staticmethod(services.goal_update)


class GoalDeleteView(_GoalPages, RecordDeleteView):
    """Delete a goal after confirmation."""

    delete_service = staticmethod(services.goal_delete)

    def success_url(self, obj: Any) -> str:
        return reverse("parp:detail", args=[obj.cycle_id])


class GoalHistoryView(_GoalPages, RecordHistoryView):
    """The change log of one goal."""


# -- goal assessments -----------------------------------------------------------------------


class _AssessmentPages:
    model = GoalAssessment
    url_namespace = "parp"
    title_plural: ClassVar[str] = "PARP cycles"
    get_object_for_view = staticmethod(selectors.assessment_get)
    get_object_for_change = staticmethod(selectors.assessment_get_for_change)


class AssessmentCreateView(_AssessmentPages, _ChildFormView):
    """Add the assessment of a goal for one year."""

    form_class = GoalAssessmentForm
    creating = True
    parent_kwarg = "goal"
    get_parent_for_change = staticmethod(selectors.goal_get_for_change)
    create_service = staticmethod(services.assessment_create)


class AssessmentUpdateView(_AssessmentPages, _ChildFormView):
    """Edit an assessment."""

    form_class = GoalAssessmentForm
    parent_kwarg = "goal"
    update_service = staticmethod(services.assessment_update)


class AssessmentDeleteView(_AssessmentPages, RecordDeleteView):
    """Delete an assessment after confirmation."""

    delete_service = staticmethod(services.assessment_delete)

    def success_url(self, obj: Any) -> str:
        return reverse("parp:goal-detail", args=[obj.goal_id]) + "#assessments"


class AssessmentHistoryView(_AssessmentPages, RecordHistoryView):
    """The change log of one assessment."""


# -- import, export, carry-over -------------------------------------------------------------


@login_required
def goal_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a goal table into a cycle: dry run or all-or-nothing import, errors by row."""
    cycle = _get_changeable_or_error(selectors.cycle_get_for_change, request.user, pk)
    context: dict[str, Any] = {"object": cycle, "errors": [], "result": None}
    if request.method != "POST":
        context["form"] = GoalImportForm()
        return render(request, "parp/goal_import.html", context)
    form = GoalImportForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return render(request, "parp/goal_import.html", context, status=400)
    upload = form.cleaned_data["file"]
    parsed = imports.parse_goal_table(upload.read(), upload.name or "")
    try:
        if parsed.errors:
            raise services.ImportRejected(parsed.errors)
        result = services.goal_import(
            actor=Actor.from_request(request, ChangeSource.IMPORT),
            cycle=cycle,
            rows=parsed.rows,
            dry_run=form.cleaned_data["dry_run"],
        )
    except services.ImportRejected as exc:
        context["errors"] = exc.errors
        return render(request, "parp/goal_import.html", context, status=400)
    if not result.dry_run:
        messages.success(
            request,
            f"Imported into {cycle}: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged.",
        )
        return HttpResponseRedirect(cycle.get_absolute_url())
    context["result"] = result
    context["form"] = GoalImportForm(initial={"dry_run": False})
    return render(request, "parp/goal_import.html", context)


@login_required
def goal_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Download the visible goals of a cycle as CSV or XLSX (the import's layout)."""
    cycle = _get_or_404(selectors.cycle_get, request.user, pk)
    file_type = request.GET.get("file_type", "csv")
    if file_type not in exports.FILE_TYPES:
        file_type = "csv"
    goals = selectors.goal_list(request.user, cycle_id=cycle.pk).order_by("code")
    response = HttpResponse(
        exports.export_goals(goals, file_type), content_type=exports.FILE_TYPES[file_type]
    )
    name = exports.export_filename(cycle.label, cycle.owner.code, file_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def carry_over(request: HttpRequest, pk: int) -> HttpResponse:
    """Copy the open goals of this cycle into a later cycle of the same nation."""
    cycle = _get_changeable_or_error(selectors.cycle_get_for_change, request.user, pk)
    form = CarryOverForm(request.POST or None, user=request.user, cycle=cycle)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = services.goal_carry_over(
                    actor=Actor.from_request(request, ChangeSource.WEB),
                    source=cycle,
                    target=form.cleaned_data["target"],
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            except Forbidden as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    f"Carried over {len(result.created)} goal(s); {len(result.marked)} marked "
                    f"as carried over; {result.skipped} already carried.",
                )
                return HttpResponseRedirect(form.cleaned_data["target"].get_absolute_url())
        status = 400
    open_goals = selectors.goal_list(request.user, cycle_id=cycle.pk).exclude(
        status__in=sorted(CLOSED_GOAL_STATUSES)
    )
    return render(
        request,
        "parp/carry_over.html",
        {"object": cycle, "form": form, "open_count": open_goals.count()},
        status=status,
    )


# -- the goal series ------------------------------------------------------------------------


def _series_nation(request: HttpRequest, nations: list[Organisation]) -> Organisation | None:
    code = request.GET.get("nation", "").strip().upper()
    by_code = {n.code.upper(): n for n in nations}
    if code:
        return by_code.get(code)
    user: Any = request.user
    preferred = user.nation_id or current_nation_id(request)
    for nation in nations:
        if nation.pk == preferred:
            return nation
    return nations[0] if nations else None


@login_required
def goal_series(request: HttpRequest) -> HttpResponse:
    """A nation's Partnership Goals per cycle, computed from the goal rows, as a chart."""
    nations = list(selectors.nations_with_cycles(request.user))
    nation = _series_nation(request, nations)
    points = selectors.goal_series(request.user, nation.pk) if nation else []
    services_used = [s for s in Service.values if any(s in p.totals.by_service for p in points)]
    rows = [
        {
            "point": point,
            "cells": [
                (
                    point.totals.by_service.get(s, 0),
                    point.totals.armed_forces_by_service.get(s, 0)
                    if point.armed_forces is not None
                    else None,
                )
                for s in services_used
            ],
        }
        for point in points
    ]
    svg = charts.goal_series_svg(
        [charts.GoalBar(p.label, p.total, p.armed_forces) for p in points],
        nation=nation.name if nation else "—",
    )
    context = {
        "nations": nations,
        "nation": nation,
        "asked": request.GET.get("nation", ""),
        "svg": svg,
        "rows": rows,
        "service_labels": [SERVICE_SHORT[s] for s in services_used],
    }
    return render(request, "parp/series.html", context)
