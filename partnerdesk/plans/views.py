"""Web pages for plans and their contents: thin configurations of the generic record views
plus the plan-specific pages (transitions, compare, carry-over, import, export)."""

from __future__ import annotations

import base64
import binascii
from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import render
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
)
from partnerdesk.organisations.selectors import nations_for_records
from partnerdesk.plans import exports, imports, selectors, services
from partnerdesk.plans.choices import CommitmentStatus
from partnerdesk.plans.filtersets import PlanFilter
from partnerdesk.plans.forms import (
    ChapterForm,
    CommitmentForm,
    DecisionForm,
    ImportForm,
    ObjectiveForm,
    PlanChoiceForm,
    PlanForm,
)
from partnerdesk.plans.models import Chapter, Commitment, Decision, Objective, Plan


def _can_create(user: Any) -> bool:
    return nations_for_records(user).exists()


def _web_actor(request: HttpRequest) -> Actor:
    return Actor.from_request(request, ChangeSource.WEB)


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


STATUS_TONES: dict[str, str] = {
    CommitmentStatus.COMPLETED: "done",
    CommitmentStatus.COMPLETED_AHEAD: "done",
    CommitmentStatus.DELAYED: "late",
    CommitmentStatus.CANCELLED: "off",
    CommitmentStatus.DEFERRED_TO_NEXT_PLAN: "off",
}


class _Pages:
    model = Plan
    url_namespace = "plans"
    title_plural = "Plans"
    get_object_for_view = staticmethod(selectors.plan_get)
    get_object_for_change = staticmethod(selectors.plan_get_for_change)


# -- plans -----------------------------------------------------------------------------------


class PlanListView(_Pages, RecordListView):
    """All visible plans, filterable and sortable."""

    template_name = "plans/list.html"
    list_selector = staticmethod(selectors.plan_list)
    filterset_class = PlanFilter
    ordering_fields: ClassVar[dict[str, str]] = {
        "nation": "owner__name",
        "type": "plan_type",
        "title": "title",
        "period": "period_start",
        "status": "status",
        "updated": "updated_at",
    }
    default_ordering = "nation"
    can_create = staticmethod(_can_create)


class PlanDetailView(_Pages, RecordDetailView):
    """One plan: period, status and its moves, decisions, chapters → objectives → commitments."""

    template_name = "plans/detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self.fetch(request, pk)
        user = request.user
        can_change = can(user, Action.CHANGE, plan)
        context = self.base_context() | {
            "object": plan,
            "history": history_list(user, plan)[:5],
            "can_change": can_change,
            "transitions": services.allowed_transitions(plan) if can_change else [],
            "decisions": selectors.decision_list(user, plan_id=plan.pk),
            "contents": selectors.plan_contents(user, plan),
            "successors": selectors.plan_list(user).filter(predecessor_id=plan.pk),
            "status_tones": STATUS_TONES,
            "export_lists": list(exports.LISTS),
            "panels": panels_for("plans.plan", user, plan),
        }
        return render(request, self.template_name, context)


class PlanHistoryView(_Pages, RecordHistoryView):
    """The change log of one plan."""


class PlanCreateView(_Pages, RecordFormView):
    """Record a new plan (it starts as a draft with its standard chapters)."""

    form_class = PlanForm
    creating = True
    can_create = staticmethod(_can_create)
    create_service = staticmethod(services.plan_create)


class PlanUpdateView(_Pages, RecordFormView):
    """Edit a plan (refuses a stale version)."""

    form_class = PlanForm
    update_service = staticmethod(services.plan_update)


class PlanDeleteView(_Pages, RecordDeleteView):
    """Delete a plan and everything in it after confirmation."""

    delete_service = staticmethod(services.plan_delete)


class PlanTransitionView(_Pages, PageMixin, View):
    """POST: move the plan to another status (the buttons on the plan page)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self.fetch_for_change(request, pk)
        try:
            plan = services.plan_transition(
                plan,
                actor=_web_actor(request),
                expected_version=_version(request),
                target=request.POST.get("status", ""),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except VersionConflict as exc:
            messages.error(request, f"{exc} Nothing was changed; try again.")
        else:
            messages.success(request, f"“{plan}” is now {plan.get_status_display().lower()}.")
        return HttpResponseRedirect(plan.get_absolute_url())


def _other_plan(request: HttpRequest, plan: Plan, raw: str | None) -> Plan | None:
    if not raw:
        return None
    try:
        other = selectors.plan_get(request.user, raw)
    except NotFound as exc:
        raise Http404("Not found") from exc
    if other.pk == plan.pk or other.owner_id != plan.owner_id:
        return None
    return other


class PlanCompareView(_Pages, PageMixin, View):
    """Compare a plan with another of the same nation: objectives added, dropped, reworded
    (with a word diff) and carried over."""

    template_name = "plans/compare.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self.fetch(request, pk)
        other = _other_plan(request, plan, request.GET.get("with"))
        form = PlanChoiceForm(
            initial={"plan": other.pk if other else None}, user=request.user, plan=plan
        )
        comparison = None
        if other is not None:
            older, newer = sorted((plan, other), key=lambda p: (p.period_start, p.pk))
            comparison = selectors.plan_compare(request.user, older, newer)
        context = self.base_context() | {
            "object": plan,
            "form": form,
            "other": other,
            "comparison": comparison,
        }
        return render(request, self.template_name, context)


class PlanCarryOverView(_Pages, PageMixin, View):
    """Choose an earlier plan, see which objectives would be carried over, then confirm."""

    template_name = "plans/carry_over.html"

    def _page(
        self, request: HttpRequest, plan: Plan, source: Plan | None, status: int = 200
    ) -> HttpResponse:
        choices = selectors.plans_for_choice(request.user, plan).filter(
            period_start__lt=plan.period_start
        )
        form = PlanChoiceForm(
            initial={"plan": source.pk if source else None}, user=request.user, plan=plan
        )
        form.fields["plan"].queryset = choices  # type: ignore[attr-defined]
        candidates: list[Objective] = []
        if source is not None:
            carried = set(
                selectors.objective_list(request.user, plan_id=plan.pk)
                .exclude(carried_from=None)
                .values_list("carried_from_id", flat=True)
            )
            candidates = [
                o
                for o in services.carry_over_candidates(source, request.user)
                if o.pk not in carried
            ]
        context = self.base_context() | {
            "object": plan,
            "source": source,
            "form": form,
            "has_choices": choices.exists(),
            "candidates": candidates,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self.fetch_for_change(request, pk)
        return self._page(request, plan, _other_plan(request, plan, request.GET.get("plan")))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self.fetch_for_change(request, pk)
        source = _other_plan(request, plan, request.POST.get("plan"))
        if source is None:
            messages.error(request, "Choose the earlier plan to carry over from.")
            return self._page(request, plan, None, status=400)
        try:
            copies = services.plan_carry_over(source, plan, actor=_web_actor(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return self._page(request, plan, source, status=400)
        except Forbidden as exc:
            raise PermissionDenied(str(exc)) from exc
        if copies:
            messages.success(request, f"Carried {len(copies)} objective(s) over from “{source}”.")
        else:
            messages.success(request, f"Nothing left to carry over from “{source}”.")
        return HttpResponseRedirect(plan.get_absolute_url())


class PlanImportView(_Pages, PageMixin, View):
    """Upload objectives or commitments; preview every row (a dry run), then confirm."""

    template_name = "plans/import.html"

    def _render(
        self, request: HttpRequest, plan: Plan, status: int = 200, **extra: Any
    ) -> HttpResponse:
        form = ImportForm(initial={"list": extra.get("kind", "objectives")})
        context = self.base_context() | {"object": plan, "form": form} | extra
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self.fetch_for_change(request, pk)
        return self._render(request, plan)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self.fetch_for_change(request, pk)
        confirming = request.POST.get("confirm") == "1"
        if confirming:
            kind = request.POST.get("list", "")
            filename = request.POST.get("filename", "")
            try:
                content = base64.b64decode(request.POST.get("content", ""), validate=True)
            except (binascii.Error, ValueError):
                return self._render(request, plan, status=400, problem="The upload was damaged.")
        else:
            form = ImportForm(request.POST, request.FILES)
            if not form.is_valid():
                return self._render(request, plan, status=400, form=form)
            kind = form.cleaned_data["list"]
            upload = form.cleaned_data["file"]
            filename = upload.name or ""
            content = upload.read()
        try:
            result = imports.plan_import(
                plan,
                actor=_web_actor(request),
                kind=kind,
                content=content,
                filename=filename,
                dry_run=not confirming,
            )
        except ValidationError as exc:
            return self._render(request, plan, status=400, problem=" ".join(exc.messages))
        except Forbidden as exc:
            raise PermissionDenied(str(exc)) from exc
        if confirming and result.ok:
            messages.success(request, result.summary)
            return HttpResponseRedirect(plan.get_absolute_url())
        return self._render(
            request,
            plan,
            status=200 if result.ok else 400,
            result=result,
            kind=kind,
            filename=filename,
            content=base64.b64encode(content).decode("ascii") if result.ok else "",
        )


class PlanExportView(_Pages, PageMixin, View):
    """Download the plan's objectives or commitments as CSV or XLSX."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self.fetch(request, pk)
        kind = request.GET.get("list", "objectives")
        fmt = request.GET.get("format", "csv")
        if kind not in exports.LISTS or fmt not in exports.FORMATS:
            return HttpResponseBadRequest(
                "Choose list=objectives or commitments and format=csv or xlsx."
            )
        exported = exports.export_file(request.user, plan, kind, fmt)
        response = HttpResponse(exported.content, content_type=exported.content_type)
        response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
        return response


# -- rows inside a plan ----------------------------------------------------------------------


class _ChildFormView(RecordFormView):
    """Add a row under a parent (from the URL) or edit one; back to the row's page after."""

    template_name = "plans/child_form.html"
    get_parent_for_change: Any
    parent_attr: ClassVar[str] = "plan"
    parent: Any = None

    def fetch_parent(self, request: HttpRequest, parent_pk: int) -> Any:
        try:
            return type(self).get_parent_for_change(request.user, parent_pk)
        except NotFound as exc:
            raise Http404("Not found") from exc
        except Forbidden as exc:
            raise PermissionDenied(str(exc)) from exc

    def form_kwargs(self, request: HttpRequest) -> dict[str, Any]:
        return {}

    def make_form(self, request: HttpRequest, data: Any = None, obj: Any = None) -> Any:
        return self.form_class(
            data=data,
            user=request.user,
            instance=obj,
            parent=self.parent,
            **self.form_kwargs(request),
        )

    def render_form(
        self, request: HttpRequest, form: Any, obj: Any, status: int = 200
    ) -> HttpResponse:
        context = self.base_context() | {
            "form": form,
            "object": obj,
            "creating": obj is None,
            "parent": self.parent,
            "plan": getattr(self.parent, "plan", self.parent),
        }
        return render(request, self.template_name, context, status=status)

    def _target(self, request: HttpRequest, pk: int | None, parent_pk: int | None) -> Any:
        if pk is not None:
            obj = self.fetch_for_change(request, pk)
            self.parent = getattr(obj, self.parent_attr)
            return obj
        assert parent_pk is not None  # noqa: S101 - the URL provides one of them
        self.parent = self.fetch_parent(request, parent_pk)
        return None

    def get(
        self, request: HttpRequest, pk: int | None = None, parent_pk: int | None = None
    ) -> HttpResponse:
        obj = self._target(request, pk, parent_pk)
        return self.render_form(request, self.make_form(request, obj=obj), obj)

    def post(
        self, request: HttpRequest, pk: int | None = None, parent_pk: int | None = None
    ) -> HttpResponse:
        obj = self._target(request, pk, parent_pk)
        form = self.make_form(request, data=request.POST, obj=obj)
        if not form.is_valid():
            return self.render_form(request, form, obj, status=400)
        actor = _web_actor(request)
        data = form.service_data()
        try:
            if obj is None:
                saved = type(self).create_service(actor=actor, data=data)
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


class _ChildDeleteView(RecordDeleteView):
    parent_attr: ClassVar[str] = "plan"

    def success_url(self, obj: Any) -> str:
        return str(getattr(obj, self.parent_attr).get_absolute_url())


class _DecisionPages:
    model = Decision
    url_namespace = "plans"
    title_plural = "Plans"
    get_object_for_view = staticmethod(selectors.decision_get)
    get_object_for_change = staticmethod(selectors.decision_get_for_change)


class DecisionFormView(_DecisionPages, _ChildFormView):
    """Record or edit a decision on a plan."""

    form_class = DecisionForm
    get_parent_for_change = staticmethod(selectors.plan_get_for_change)
    create_service = staticmethod(services.decision_create)
    update_service = staticmethod(services.decision_update)


class DecisionDeleteView(_DecisionPages, _ChildDeleteView):
    """Delete a decision."""

    delete_service = staticmethod(services.decision_delete)


class DecisionHistoryView(_DecisionPages, RecordHistoryView):
    """The change log of one decision."""


class _ChapterPages:
    model = Chapter
    url_namespace = "plans"
    title_plural = "Plans"
    get_object_for_view = staticmethod(selectors.chapter_get)
    get_object_for_change = staticmethod(selectors.chapter_get_for_change)


class ChapterFormView(_ChapterPages, _ChildFormView):
    """Add or edit a chapter."""

    form_class = ChapterForm
    get_parent_for_change = staticmethod(selectors.plan_get_for_change)
    create_service = staticmethod(services.chapter_create)
    update_service = staticmethod(services.chapter_update)


class ChapterDeleteView(_ChapterPages, _ChildDeleteView):
    """Delete a chapter with its objectives and commitments."""

    delete_service = staticmethod(services.chapter_delete)


class ChapterHistoryView(_ChapterPages, RecordHistoryView):
    """The change log of one chapter."""


class _ObjectivePages:
    model = Objective
    url_namespace = "plans"
    title_plural = "Plans"
    get_object_for_view = staticmethod(selectors.objective_get)
    get_object_for_change = staticmethod(selectors.objective_get_for_change)


class ObjectiveDetailView(_ObjectivePages, RecordDetailView):
    """One objective with its commitments, where it came from and where it was carried."""

    template_name = "plans/objective.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        objective = self.fetch(request, pk)
        user = request.user
        context = self.base_context() | {
            "object": objective,
            "plan": objective.plan,
            "history": history_list(user, objective)[:5],
            "can_change": can(user, Action.CHANGE, objective),
            "commitments": objective.visible_commitments,
            "carried_to": selectors.objective_list(user).filter(carried_from_id=objective.pk),
            "status_tones": STATUS_TONES,
            "panels": panels_for("plans.objective", user, objective),
        }
        return render(request, self.template_name, context)


class ObjectiveFormView(_ObjectivePages, _ChildFormView):
    """Add or edit an objective (`?chapter=ID` preselects the chapter)."""

    form_class = ObjectiveForm
    get_parent_for_change = staticmethod(selectors.plan_get_for_change)
    create_service = staticmethod(services.objective_create)
    update_service = staticmethod(services.objective_update)

    def form_kwargs(self, request: HttpRequest) -> dict[str, Any]:
        raw = request.GET.get("chapter", "")
        return {"chapter_id": int(raw)} if raw.isdigit() else {}


class ObjectiveDeleteView(_ObjectivePages, _ChildDeleteView):
    """Delete an objective with its commitments."""

    delete_service = staticmethod(services.objective_delete)


class ObjectiveHistoryView(_ObjectivePages, RecordHistoryView):
    """The change log of one objective."""


class _CommitmentPages:
    model = Commitment
    url_namespace = "plans"
    title_plural = "Plans"
    get_object_for_view = staticmethod(selectors.commitment_get)
    get_object_for_change = staticmethod(selectors.commitment_get_for_change)


class CommitmentFormView(_CommitmentPages, _ChildFormView):
    """Add or edit a commitment under an objective."""

    form_class = CommitmentForm
    parent_attr = "objective"
    get_parent_for_change = staticmethod(selectors.objective_get_for_change)
    create_service = staticmethod(services.commitment_create)
    update_service = staticmethod(services.commitment_update)


class CommitmentDeleteView(_CommitmentPages, _ChildDeleteView):
    """Delete a commitment."""

    parent_attr = "objective"
    delete_service = staticmethod(services.commitment_delete)


class CommitmentHistoryView(_CommitmentPages, RecordHistoryView):
    """The change log of one commitment."""
