"""Web pages of trust funds: the project list, the project page (phases, contributions,
agreements, KPIs, money totals per currency with an optional conversion at explicit rates,
life-cycle moves), and forms for every child row.

Thin configurations of the generic record views; child rows are created from their parent's
page and return to the project page after saving or deleting.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
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
)
from partnerdesk.organisations.selectors import nations_for_records
from partnerdesk.trustfunds import selectors, services
from partnerdesk.trustfunds.analytics import convert, parse_rates
from partnerdesk.trustfunds.choices import STATUS_LABELS, STATUS_ORDER, next_statuses
from partnerdesk.trustfunds.filtersets import ProjectFilter
from partnerdesk.trustfunds.forms import (
    AgreementForm,
    ContributionForm,
    ConvertForm,
    KpiForm,
    PhaseForm,
    ProjectForm,
    TransitionForm,
)
from partnerdesk.trustfunds.models import Agreement, Contribution, Kpi, Phase, Project


def _can_create(user: Any) -> bool:
    return nations_for_records(user).exists()


class _Pages:
    url_namespace = "trustfunds"
    title_plural = "trust-fund projects"


class _ProjectPages(_Pages):
    model = Project
    get_object_for_view = staticmethod(selectors.project_get)
    get_object_for_change = staticmethod(selectors.project_get_for_change)


# -- projects ------------------------------------------------------------------------------


class ProjectListView(_ProjectPages, RecordListView):
    """Every visible project with its status and phase budgets per currency."""

    template_name = "trustfunds/project_list.html"
    list_selector = staticmethod(selectors.project_list)
    filterset_class = ProjectFilter
    ordering_fields: ClassVar[dict[str, str]] = {
        "nation": "owner__name",
        "title": "title",
        "status": "status",
        "requested": "requested_on",
    }
    default_ordering = "nation"
    can_create = staticmethod(_can_create)


def _conversion(request: HttpRequest, totals: selectors.MoneyTotals) -> dict[str, Any]:
    """The convert form and, when it is filled in, the totals at the user's rates."""
    if "to" not in request.GET:
        return {"convert_form": ConvertForm(), "conversion": None}
    form = ConvertForm(request.GET)
    if not form.is_valid():
        return {"convert_form": form, "conversion": None}
    target = form.cleaned_data["to"]
    try:
        rates = parse_rates([form.cleaned_data["rate"]])
        budget = convert(totals.total.budget, target=target, rates=rates)
        contributed = convert(totals.total.contributed, target=target, rates=rates)
    except ValidationError as exc:
        for messages_ in exc.message_dict.values():
            for message in messages_:
                form.add_error("rate", message)
        return {"convert_form": form, "conversion": None}
    by_budget = {line.currency: line for line in budget.lines}
    by_contributed = {line.currency: line for line in contributed.lines}
    rows = []
    for currency in totals.total.currencies:
        line = by_budget.get(currency) or by_contributed[currency]
        rows.append(
            {
                "currency": currency,
                "rate": line.rate,
                "budget": totals.total.budget.get(currency),
                "budget_converted": getattr(by_budget.get(currency), "converted", None),
                "contributed": totals.total.contributed.get(currency),
                "contributed_converted": getattr(by_contributed.get(currency), "converted", None),
            }
        )
    conversion = {"target": target, "budget": budget, "contributed": contributed, "rows": rows}
    return {"convert_form": form, "conversion": conversion}


class ProjectDetailView(_ProjectPages, RecordDetailView):
    """One project: facts, life cycle, phases with contributions and KPIs, agreements, money
    totals per currency (and converted at explicit rates on request)."""

    template_name = "trustfunds/project_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        project = self.fetch(request, pk)
        user = request.user
        totals = selectors.money_totals(user, project_id=project.pk)
        can_change = can(user, Action.CHANGE, project)
        phases = [
            {
                "object": phase,
                "money": totals.by_phase.get(phase.pk, selectors.MoneyBucket()),
                "can_change": can(user, Action.CHANGE, phase),
            }
            for phase in project.phases.all()
        ]
        donors = [
            {"name": totals.names[pk], "money": bucket} for pk, bucket in totals.by_donor.items()
        ]
        index = STATUS_ORDER.index(project.status)
        moves = [
            (target, STATUS_LABELS[target], STATUS_ORDER.index(target) > index)
            for target in next_statuses(project.status)
        ]
        context = (
            self.base_context()
            | {
                "object": project,
                "phases": phases,
                "agreements": project.agreements.all(),
                "totals": totals,
                "donors": donors,
                "steps": [(s, STATUS_LABELS[s]) for s in STATUS_ORDER],
                "step_index": index,
                "moves": moves if can_change else [],
                "history": history_list(user, project)[:5],
                "can_change": can_change,
            }
            | _conversion(request, totals)
        )
        return render(request, self.template_name, context)


class ProjectHistoryView(_ProjectPages, RecordHistoryView):
    """The change log of one project."""


class ProjectCreateView(_ProjectPages, RecordFormView):
    """Record a project."""

    form_class = ProjectForm
    creating = True
    can_create = staticmethod(_can_create)
    create_service = staticmethod(services.project_create)


class ProjectUpdateView(_ProjectPages, RecordFormView):
    """Edit a project's facts (refuses a stale version; the status moves by transitions)."""

    form_class = ProjectForm
    update_service = staticmethod(services.project_update)


class ProjectDeleteView(_ProjectPages, RecordDeleteView):
    """Delete a project without phases or agreements after confirmation."""

    delete_service = staticmethod(services.project_delete)


class ProjectTransitionView(_ProjectPages, PageMixin, View):
    """POST: move the project along its life cycle; the version guards stale clicks."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        project = self.fetch_for_change(request, pk)
        form = TransitionForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose a status to move to.")
            return HttpResponseRedirect(project.get_absolute_url())
        try:
            moved = services.project_transition(
                project,
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
            messages.success(request, f"{moved}: now “{STATUS_LABELS[moved.status]}”.")
        return HttpResponseRedirect(project.get_absolute_url())


# -- child rows ----------------------------------------------------------------------------


def _project_of(obj: Any) -> Project:
    if isinstance(obj, Phase | Agreement):
        return obj.project
    return obj.phase.project


class _ChildFormView(_Pages, ChildRecordFormView):
    """Create a child from its parent's page (or edit it) and go back to the project page."""

    template_name = "trustfunds/child_form.html"

    def parent_context(self, parent: Any) -> dict[str, Any]:
        return {"project": parent if isinstance(parent, Project) else parent.project}


class _ChildDeleteView(RecordDeleteView):
    """Delete after confirmation, then back to the project page."""

    def success_url(self, obj: Any) -> str:
        return str(_project_of(obj).get_absolute_url())


class _PhasePages(_Pages):
    model = Phase
    get_object_for_view = staticmethod(selectors.phase_get)
    get_object_for_change = staticmethod(selectors.phase_get_for_change)


class PhaseCreateView(_PhasePages, _ChildFormView):
    """Add a phase to a project."""

    form_class = PhaseForm
    creating = True
    parent_for_change = staticmethod(selectors.project_get_for_change)
    parent_attr = "project"
    create_service = staticmethod(services.phase_create)


class PhaseUpdateView(_PhasePages, _ChildFormView):
    """Edit a phase."""

    form_class = PhaseForm
    parent_attr = "project"
    update_service = staticmethod(services.phase_update)


class PhaseDeleteView(_PhasePages, _ChildDeleteView):
    """Delete a phase without contributions, KPIs or agreements."""

    delete_service = staticmethod(services.phase_delete)


class _ContributionPages(_Pages):
    model = Contribution
    get_object_for_view = staticmethod(selectors.contribution_get)
    get_object_for_change = staticmethod(selectors.contribution_get_for_change)


class ContributionCreateView(_ContributionPages, _ChildFormView):
    """Record a contribution to a phase."""

    form_class = ContributionForm
    creating = True
    parent_for_change = staticmethod(selectors.phase_get_for_change)
    parent_attr = "phase"
    create_service = staticmethod(services.contribution_create)


class ContributionUpdateView(_ContributionPages, _ChildFormView):
    """Edit a contribution (e.g. pledged → paid)."""

    form_class = ContributionForm
    parent_attr = "phase"
    update_service = staticmethod(services.contribution_update)


class ContributionDeleteView(_ContributionPages, _ChildDeleteView):
    """Delete a contribution."""

    delete_service = staticmethod(services.contribution_delete)


class _AgreementPages(_Pages):
    model = Agreement
    get_object_for_view = staticmethod(selectors.agreement_get)
    get_object_for_change = staticmethod(selectors.agreement_get_for_change)


class AgreementCreateView(_AgreementPages, _ChildFormView):
    """Record an agreement of a project."""

    form_class = AgreementForm
    creating = True
    parent_for_change = staticmethod(selectors.project_get_for_change)
    parent_attr = "project"
    create_service = staticmethod(services.agreement_create)


class AgreementUpdateView(_AgreementPages, _ChildFormView):
    """Edit an agreement."""

    form_class = AgreementForm
    parent_attr = "project"
    update_service = staticmethod(services.agreement_update)


class AgreementDeleteView(_AgreementPages, _ChildDeleteView):
    """Delete an agreement."""

    delete_service = staticmethod(services.agreement_delete)


class _KpiPages(_Pages):
    model = Kpi
    get_object_for_view = staticmethod(selectors.kpi_get)
    get_object_for_change = staticmethod(selectors.kpi_get_for_change)


class KpiCreateView(_KpiPages, _ChildFormView):
    """Record a KPI of a phase."""

    form_class = KpiForm
    creating = True
    parent_for_change = staticmethod(selectors.phase_get_for_change)
    parent_attr = "phase"
    create_service = staticmethod(services.kpi_create)


class KpiUpdateView(_KpiPages, _ChildFormView):
    """Edit a KPI."""

    form_class = KpiForm
    parent_attr = "phase"
    update_service = staticmethod(services.kpi_update)


class KpiDeleteView(_KpiPages, _ChildDeleteView):
    """Delete a KPI."""

    delete_service = staticmethod(services.kpi_delete)
