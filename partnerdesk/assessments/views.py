"""Web pages of the dual annual assessment: rounds, the rating form, the reveal, follow-ups."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from partnerdesk.assessments import analytics, charts, exports, selectors, services
from partnerdesk.assessments.choices import Side
from partnerdesk.assessments.filtersets import AssessmentRoundFilter, FollowUpFilter
from partnerdesk.assessments.forms import FollowUpForm, RoundCreateForm, RoundUpdateForm
from partnerdesk.assessments.models import AssessmentRound, FollowUp
from partnerdesk.assessments.serializers import plan_analytics, round_analytics
from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden, NotFound, VersionConflict
from partnerdesk.core.models import ChangeSource
from partnerdesk.core.permissions import Action, can
from partnerdesk.core.selectors import history_list
from partnerdesk.core.web.views import (
    RecordDetailView,
    RecordFormView,
    RecordHistoryView,
    RecordListView,
)
from partnerdesk.organisations.selectors import nations_for_records
from partnerdesk.plans.selectors import plan_get


def _can_open(user: Any) -> bool:
    return nations_for_records(user).exists()


class _RoundPages:
    model = AssessmentRound
    url_namespace = "assessments"
    title_plural = "Assessment rounds"
    get_object_for_view = staticmethod(selectors.round_get)
    get_object_for_change = staticmethod(selectors.round_get_for_change)


class RoundListView(_RoundPages, RecordListView):
    """Every visible round: plan, year, status and which sides have submitted (yes/no only)."""

    template_name = "assessments/list.html"
    list_selector = staticmethod(selectors.round_list)
    filterset_class = AssessmentRoundFilter
    ordering_fields = {
        "nation": "owner__name",
        "plan": "plan__title",
        "year": "year",
        "deadline": "deadline",
        "status": "status",
    }
    default_ordering = "-year"
    can_create = staticmethod(_can_open)


class RoundCreateView(_RoundPages, RecordFormView):
    """Open a new assessment round."""

    form_class = RoundCreateForm
    creating = True
    can_create = staticmethod(_can_open)
    create_service = staticmethod(services.round_open)


class RoundUpdateView(_RoundPages, RecordFormView):
    """Change an open round's calendar, scale, labels or note."""

    form_class = RoundUpdateForm
    update_service = staticmethod(services.round_update)


class RoundHistoryView(_RoundPages, RecordHistoryView):
    """The change log of one round (its ratings have their own, blind, history)."""


def _heat_and_trend(user: Any, assessment: AssessmentRound) -> dict[str, str]:
    """The nation's heat map (chapter x year) and agreement trend, from revealed rounds only."""
    rows = selectors.pair_rows(user, nation_id=assessment.owner_id)
    return _charts(rows, assessment.owner.name)


def _charts(rows: list[selectors.PairRow], subject: str) -> dict[str, str]:
    """Heat map (chapter x year, mean absolute gap) and agreement trend of the given pairs."""
    labels: dict[str, str] = {}
    order: dict[str, int] = {}
    for row in rows:
        labels[row.chapter_code] = f"{row.chapter_code}. {row.chapter_title}"
        order.setdefault(row.chapter_code, row.chapter_position)
    codes = sorted(labels, key=lambda code: (order[code], code))
    years = sorted({row.year for row in rows})
    gaps = analytics.mean_abs_gap_by(rows, key=lambda r: (labels[r.chapter_code], r.year))
    cells = {key: charts.HeatCell(value, count) for key, (value, count) in gaps.items()}
    by_year = analytics.agreement_by(rows, key=lambda r: r.year)
    points = [
        charts.TrendPoint(
            year=year,
            kappa=result.kappa.value,
            kappa_low=result.kappa.low,
            kappa_high=result.kappa.high,
            exact=result.exact,
        )
        for year, result in sorted(by_year.items())
    ]
    return {
        "heatmap": charts.heatmap_svg(
            title=f"{subject}: mean gap between the two sides by chapter and year",
            rows=[labels[code] for code in codes],
            columns=years,
            cells=cells,
        ),
        "trend": charts.trend_svg(title=f"{subject}: agreement per year", points=points),
    }


def _form_rows(
    board: selectors.RatingBoard, posted: dict[str, str] | None, errors: dict[str, list[str]]
) -> list[dict[str, Any]]:
    """One entry per objective for the rating form of the user's side."""
    side = board.own_side or Side.NATIONAL
    rows = []
    for row in board.rows:
        mine = row.rating_of(side)
        pk = row.objective.pk
        if posted is not None:
            level = posted.get(f"level_{pk}", "")
            rationale = posted.get(f"rationale_{pk}", "")
        else:
            level = str(mine.level) if mine else ""
            rationale = mine.rationale if mine else ""
        rows.append(
            {
                "objective": row.objective,
                "chapter": row.objective.chapter,
                "level": level,
                "rationale": rationale,
                "version": mine.version if mine else "",
                "level_errors": errors.get(f"level_{pk}", []),
                "rationale_errors": errors.get(f"rationale_{pk}", []),
            }
        )
    return rows


class RoundDetailView(_RoundPages, RecordDetailView):
    """A round: the rating form of your side, then after the reveal both sides and analytics."""

    template_name = "assessments/detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_round(request, pk)

    def render_round(
        self,
        request: HttpRequest,
        pk: int,
        *,
        posted: dict[str, str] | None = None,
        errors: dict[str, list[str]] | None = None,
        status: int = 200,
    ) -> HttpResponse:
        assessment = self.fetch(request, pk)
        user = request.user
        board = selectors.rating_board(user, assessment)
        if board.revealed:
            services.reveal_register(
                actor=Actor.from_request(request, ChangeSource.WEB), rounds=[assessment]
            )
        errors = errors or {}
        can_manage = can(user, Action.CHANGE, assessment)
        stats = round_analytics(user, assessment) if board.revealed else None
        context = self.base_context() | {
            "object": assessment,
            "board": board,
            "form_rows": _form_rows(board, posted, errors) if board.can_rate else [],
            "form_errors": errors.get(NON_FIELD_ERRORS, []),
            "level_choices": assessment.level_choices(),
            "level_names": {n: assessment.label_for(n) for n in range(1, assessment.levels + 1)},
            "stats": stats,
            "follow_ups": selectors.followup_list(user, round_id=assessment.pk),
            "can_manage": can_manage,
            "can_change": can_manage and assessment.is_open,
            "history": history_list(user, assessment)[:5],
            "side_labels": dict(Side.choices),
            "national_submitted": board.submitted.get(Side.NATIONAL),
            "alliance_submitted": board.submitted.get(Side.ALLIANCE),
            **(_heat_and_trend(user, assessment) if board.revealed else {}),
        }
        return render(request, self.template_name, context, status=status)


def _posted_entries(
    request: HttpRequest, board: selectors.RatingBoard
) -> tuple[list[services.DraftEntry], dict[str, list[str]]]:
    entries: list[services.DraftEntry] = []
    errors: dict[str, list[str]] = {}
    for row in board.rows:
        pk = row.objective.pk
        raw_level = request.POST.get(f"level_{pk}", "").strip()
        rationale = request.POST.get(f"rationale_{pk}", "")
        raw_version = request.POST.get(f"version_{pk}", "").strip()
        if not raw_level:
            if rationale.strip():
                errors[f"level_{pk}"] = ["Choose a level for this rationale."]
            continue
        try:
            level = int(raw_level)
            version = int(raw_version) if raw_version else None
        except ValueError:
            errors[f"level_{pk}"] = ["Choose a level from the list."]
            continue
        entries.append(services.DraftEntry(row.objective, level, rationale, version))
    return entries, errors


class RoundRateView(LoginRequiredMixin, View):
    """POST the rating form: "save" keeps a draft, "submit" saves and submits your side."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        detail = RoundDetailView()
        assessment = detail.fetch(request, pk)
        board = selectors.rating_board(request.user, assessment)
        if board.own_side is None:
            raise PermissionDenied("You do not rate in this assessment round.")
        actor = Actor.from_request(request, ChangeSource.WEB)
        entries, errors = _posted_entries(request, board)
        posted = {k: str(v) for k, v in request.POST.items()}
        submitting = request.POST.get("action") == "submit"
        if errors:
            return detail.render_round(request, pk, posted=posted, errors=errors, status=400)
        try:
            changed = services.ratings_save(
                actor=actor, assessment=assessment, side=board.own_side, entries=entries
            )
            if submitting:
                services.side_submit(actor=actor, assessment=assessment, side=board.own_side)
        except ValidationError as exc:
            found = exc.message_dict if hasattr(exc, "error_dict") else {}
            if not found:
                found = {NON_FIELD_ERRORS: list(exc.messages)}
            return detail.render_round(request, pk, posted=posted, errors=found, status=400)
        except Forbidden as exc:
            raise PermissionDenied(str(exc)) from exc
        side = "national" if board.own_side == Side.NATIONAL else "alliance"
        if submitting:
            messages.success(request, f"Submitted the {side} ratings; they can no longer change.")
        else:
            messages.success(request, f"Saved the {side} draft ({changed} ratings changed).")
        return HttpResponseRedirect(reverse("assessments:detail", args=[pk]))


class RoundCloseView(LoginRequiredMixin, View):
    """POST: close the round (needs the version shown on the page)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            assessment = selectors.round_get_for_change(request.user, pk)
        except NotFound as exc:
            raise Http404("Not found") from exc
        except Forbidden as exc:
            raise PermissionDenied(str(exc)) from exc
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        try:
            services.round_close(
                assessment,
                actor=Actor.from_request(request, ChangeSource.WEB),
                expected_version=version,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except VersionConflict as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Closed the round; every rating is now shown.")
        return HttpResponseRedirect(reverse("assessments:detail", args=[pk]))


class RoundDivergencesView(LoginRequiredMixin, View):
    """POST: open a follow-up for each divergent objective of a revealed round."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            assessment = selectors.round_get_for_change(request.user, pk)
        except NotFound as exc:
            raise Http404("Not found") from exc
        except Forbidden as exc:
            raise PermissionDenied(str(exc)) from exc
        try:
            created = services.divergences_to_follow_ups(
                actor=Actor.from_request(request, ChangeSource.WEB), assessment=assessment
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Opened {len(created)} follow-ups.")
        return HttpResponseRedirect(reverse("assessments:detail", args=[pk]))


class RoundExportView(_RoundPages, RecordDetailView):
    """GET ?format=csv|xlsx: the ratings you may see on the round page, as a file."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        assessment = self.fetch(request, pk)
        fmt = request.GET.get("format", "csv")
        if fmt not in exports.FORMATS:
            return HttpResponse("Unknown format: use csv or xlsx.", status=400)
        board = selectors.rating_board(request.user, assessment)
        services.reveal_register(
            actor=Actor.from_request(request, ChangeSource.WEB), rounds=[assessment]
        )
        content, content_type, filename = exports.render(assessment, board.rows, fmt)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class _FollowUpPages:
    model = FollowUp
    url_namespace = "assessments"
    title_plural = "Follow-ups"
    get_object_for_view = staticmethod(selectors.followup_get)
    get_object_for_change = staticmethod(selectors.followup_get_for_change)

    def base_context(self) -> dict[str, Any]:
        return {
            "ns": "assessments",
            "verbose_name": "follow-up",
            "verbose_name_plural": "follow-ups",
            "list_url": reverse("assessments:followups"),
        }


class FollowUpListView(_FollowUpPages, RecordListView):
    """Follow-ups on objectives, open ones first."""

    template_name = "assessments/followup_list.html"
    list_selector = staticmethod(selectors.followup_list)
    filterset_class = FollowUpFilter
    ordering_fields = {
        "nation": "owner__name",
        "status": "status",
        "due": "due_on",
        "updated": "updated_at",
    }
    default_ordering = "status"


class FollowUpDetailView(_FollowUpPages, RecordDetailView):
    """One follow-up."""

    template_name = "assessments/followup_detail.html"


class FollowUpUpdateView(_FollowUpPages, RecordFormView):
    """Edit a follow-up (its status moves between open and done)."""

    form_class = FollowUpForm
    template_name = "assessments/followup_form.html"
    update_service = staticmethod(services.followup_update)

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        response = super().post(request, pk)
        if response.status_code == 302:
            return HttpResponseRedirect(reverse("assessments:followup-detail", args=[pk]))
        return response


class FollowUpHistoryView(_FollowUpPages, RecordHistoryView):
    """The change log of one follow-up."""

    template_name = "assessments/followup_history.html"


@login_required
def plan_analytics_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    """A plan's agreement across its revealed rounds: overall, by year, divergences, charts."""
    try:
        plan = plan_get(request.user, plan_id)
    except NotFound as exc:
        raise Http404("Not found") from exc
    rounds = list(selectors.round_list(request.user, plan_id=plan.pk))
    services.reveal_register(actor=Actor.from_request(request, ChangeSource.WEB), rounds=rounds)
    stats = plan_analytics(request.user, plan.pk)
    rows = selectors.pair_rows(request.user, plan_id=plan.pk)
    context = {"plan": plan, "stats": stats, **_charts(rows, plan.title)}
    return render(request, "assessments/plan_analytics.html", context)
