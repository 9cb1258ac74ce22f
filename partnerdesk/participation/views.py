"""Web pages of participation: the registration list and page, the nomination form, an event's
participants page (filters and the check-in list), feedback forms and the counts page.

Reads come from the selectors and `analytics`, writes go to the services; refusals show as
messages or form errors, never as a server error.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden, NotFound, VersionConflict
from partnerdesk.core.models import ChangeSource
from partnerdesk.core.permissions import Action, can
from partnerdesk.core.selectors import history_list
from partnerdesk.core.web.views import (
    PageMixin,
    RecordDetailView,
    RecordFormView,
    RecordHistoryView,
    RecordListView,
)
from partnerdesk.events.selectors import event_get, is_organiser
from partnerdesk.participation import analytics, selectors, services
from partnerdesk.participation.choices import STATUS_LABELS, RegistrationStatus
from partnerdesk.participation.filtersets import RegistrationFilter
from partnerdesk.participation.forms import (
    CountsForm,
    FeedbackForm,
    NominationForm,
    RegistrationForm,
)
from partnerdesk.participation.models import Feedback, Registration

S = RegistrationStatus
DECISIONS: dict[str, Any] = {
    S.APPROVED: services.registration_approve,
    S.REJECTED: services.registration_reject,
    S.CANCELLED: services.registration_cancel,
}
ATTENDANCE_VALUES = {"yes": True, "no": False, "": None}


def _actor(request: HttpRequest) -> Actor:
    return Actor.from_request(request, ChangeSource.WEB)


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


def _event(request: HttpRequest, pk: int) -> Any:
    try:
        return event_get(request.user, pk)
    except NotFound as exc:
        raise Http404("Not found") from exc


def _refusal(request: HttpRequest, exc: Exception) -> None:
    """Show a service's refusal as error messages."""
    if isinstance(exc, ValidationError):
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.error(request, str(exc))


def _back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    """Back to the page the form came from (a local path only), else `default`."""
    target = request.POST.get("next", "")
    if not target.startswith("/") or target.startswith("//"):
        target = default
    return HttpResponseRedirect(target)


class _Pages:
    url_namespace = "participation"
    title_plural = "Participants"
    model = Registration
    get_object_for_view = staticmethod(selectors.registration_get)
    get_object_for_change = staticmethod(selectors.registration_get_for_change)


class RegistrationListView(_Pages, RecordListView):
    """Every registration the user may see, filterable and sortable (analysts: none)."""

    template_name = "participation/list.html"
    list_selector = staticmethod(selectors.registration_list)
    filterset_class = RegistrationFilter
    ordering_fields: ClassVar[dict[str, str]] = {
        "event": "event__start_date",
        "name": "person_name",
        "nation": "owner__name",
        "status": "status",
    }
    default_ordering = "-event"


class RegistrationDetailView(_Pages, RecordDetailView):
    """One registration: the person, the event, status, attendance and feedback."""

    template_name = "participation/detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        registration = self.fetch(request, pk)
        user = request.user
        event = registration.event
        organiser = is_organiser(user, event)
        feedback = selectors.feedback_list(user).filter(registration=registration).first()
        context = self.base_context() | {
            "object": registration,
            "event": event,
            "organiser": organiser,
            "moves": [
                (target, STATUS_LABELS[target])
                for target in selectors.registration_moves(user, registration, organiser=organiser)
            ],
            "can_check_in": organiser
            and event.state in selectors.ATTENDANCE_STATES
            and registration.status == S.APPROVED,
            "feedback": feedback,
            "can_give_feedback": feedback is None
            and selectors.feedback_candidates(user).filter(pk=registration.pk).exists(),
            "history": history_list(user, registration)[:5],
            "can_change": can(user, Action.CHANGE, registration),
        }
        return render(request, self.template_name, context)


class RegistrationHistoryView(_Pages, RecordHistoryView):
    """The change log of one registration."""


class RegistrationUpdateView(_Pages, RecordFormView):
    """Correct a participant's personal details (the nation)."""

    form_class = RegistrationForm
    update_service = staticmethod(services.registration_update)


class NominateView(_Pages, RecordFormView):
    """Nominate a participant for an event (GET the form, POST to nominate)."""

    template_name = "participation/nominate.html"
    form_class = NominationForm
    creating = True
    create_service = staticmethod(services.registration_nominate)

    def fetch_target(self, request: HttpRequest, pk: int | None) -> Any:
        self.event = _event(request, int(pk or 0))
        if not selectors.nomination_nations(request.user, self.event):
            raise PermissionDenied(
                "You may not nominate participants for this event now (registration must be "
                "open and your nation invited)."
            )
        return None

    def make_form(self, request: HttpRequest, data: Any = None, obj: Any = None) -> Any:
        return self.form_class(data=data, user=request.user, instance=obj, event=self.event)

    def render_form(
        self, request: HttpRequest, form: Any, obj: Any, status: int = 200
    ) -> HttpResponse:
        context = self.base_context() | {
            "form": form,
            "object": obj,
            "event": self.event,
            "seats": selectors.seat_counts(self.event),
        }
        return render(request, self.template_name, context, status=status)

    def success_url(self, saved: Any) -> str:
        if saved.status == S.WAITLISTED:
            messages.info(
                self.request, f"The event is full: {saved.person_name} is on the waitlist."
            )
        return str(saved.event.get_absolute_url())


class DecideView(_Pages, PageMixin, View):
    """POST: approve, reject or cancel a registration (with the version shown on the page)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        registration = self.fetch(request, pk)
        target = request.POST.get("status", "")
        service = DECISIONS.get(target)
        if service is None:
            messages.error(request, "Choose approve, reject or cancel.")
            return _back(request, registration.get_absolute_url())
        kwargs: dict[str, Any] = {}
        if target != S.APPROVED:
            kwargs["note"] = request.POST.get("note", "")
        try:
            moved = service(
                registration, actor=_actor(request), expected_version=_version(request), **kwargs
            )
        except (ValidationError, Forbidden, VersionConflict) as exc:
            _refusal(request, exc)
        else:
            messages.success(request, f"{moved.person_name}: {moved.get_status_display().lower()}.")
        return _back(request, registration.get_absolute_url())


class CheckInView(_Pages, PageMixin, View):
    """POST: record one participant's attendance (organisers, once the event is held)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        registration = self.fetch(request, pk)
        value = request.POST.get("attended", "")
        if value not in ATTENDANCE_VALUES:
            messages.error(request, "Attended must be yes, no or empty.")
            return _back(request, registration.get_absolute_url())
        try:
            services.registration_check_in(
                registration,
                actor=_actor(request),
                expected_version=_version(request),
                attended=ATTENDANCE_VALUES[value],
            )
        except (ValidationError, Forbidden, VersionConflict) as exc:
            _refusal(request, exc)
        else:
            messages.success(request, f"Attendance of {registration.person_name} recorded.")
        return _back(request, registration.get_absolute_url())


class ParticipantsView(LoginRequiredMixin, View):
    """An event's participants as the user may see them (all of them for organisers), with
    filters, and for organisers the check-in list (POST)."""

    template_name = "participation/participants.html"

    def _render(self, request: HttpRequest, event: Any, status: int = 200) -> HttpResponse:
        user = request.user
        queryset = selectors.registration_list(user, event=event).order_by("status", "queued_at")
        filterset = RegistrationFilter(request.GET, queryset=queryset, request=request)
        rows = list(filterset.qs)
        organiser = is_organiser(user, event)
        context = {
            "event": event,
            "rows": rows,
            "filterset": filterset,
            "organiser": organiser,
            "seats": selectors.seat_counts(event),
            "check_in_open": organiser and event.state in selectors.ATTENDANCE_STATES,
            "approved": S.APPROVED,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(request, _event(request, pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = _event(request, pk)
        marks: dict[int, bool | None] = {}
        for key, value in request.POST.items():
            if key.startswith("attended-") and key[9:].isdigit() and value in ATTENDANCE_VALUES:
                marks[int(key[9:])] = ATTENDANCE_VALUES[value]
        try:
            changed = services.registration_check_in_many(event, actor=_actor(request), marks=marks)
        except Forbidden as exc:
            raise PermissionDenied(str(exc)) from exc
        except (ValidationError, VersionConflict) as exc:
            _refusal(request, exc)
            return self._render(request, event, status=400)
        messages.success(request, f"Attendance saved ({changed} changed).")
        return HttpResponseRedirect(reverse("participation:participants", args=[event.pk]))


class _EventAction(LoginRequiredMixin, View):
    """POST an organiser's action on an event, then back to the event page."""

    def act(self, request: HttpRequest, event: Any) -> str:
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = _event(request, pk)
        try:
            messages.success(request, self.act(request, event))
        except (ValidationError, Forbidden) as exc:
            _refusal(request, exc)
        return _back(request, event.get_absolute_url())


class RemindFeedbackView(_EventAction):
    """POST: e-mail attended participants who have not given feedback (organisers)."""

    def act(self, request: HttpRequest, event: Any) -> str:
        sent = services.feedback_remind(actor=_actor(request), event=event)
        return f"Feedback reminders sent: {sent}."


class _FeedbackPages:
    url_namespace = "participation"
    title_plural = "Participants"
    model = Feedback
    get_object_for_view = staticmethod(selectors.feedback_get)
    get_object_for_change = staticmethod(selectors.feedback_get_for_change)


class FeedbackCreateView(_FeedbackPages, RecordFormView):
    """Record the feedback of an attended participant (the participant's nation)."""

    template_name = "participation/feedback_form.html"
    form_class = FeedbackForm
    creating = True
    create_service = staticmethod(services.feedback_create)

    def fetch_target(self, request: HttpRequest, pk: int | None) -> Any:
        try:
            self.registration = selectors.registration_get(request.user, int(pk or 0))
        except NotFound as exc:
            raise Http404("Not found") from exc
        if not selectors.feedback_candidates(request.user).filter(pk=self.registration.pk).exists():
            raise PermissionDenied(
                "Feedback is recorded by the participant's nation, once, for participants who "
                "attended an event that took place."
            )
        return None

    def make_form(self, request: HttpRequest, data: Any = None, obj: Any = None) -> Any:
        return self.form_class(
            data=data, user=request.user, instance=obj, registration=self.registration
        )

    def render_form(
        self, request: HttpRequest, form: Any, obj: Any, status: int = 200
    ) -> HttpResponse:
        context = self.base_context() | {
            "form": form,
            "object": obj,
            "registration": self.registration,
        }
        return render(request, self.template_name, context, status=status)


class FeedbackUpdateView(_FeedbackPages, RecordFormView):
    """Change a feedback (the participant's nation)."""

    template_name = "participation/feedback_form.html"
    form_class = FeedbackForm
    update_service = staticmethod(services.feedback_update)

    def render_form(
        self, request: HttpRequest, form: Any, obj: Any, status: int = 200
    ) -> HttpResponse:
        context = self.base_context() | {
            "form": form,
            "object": obj,
            "registration": obj.registration,
        }
        return render(request, self.template_name, context, status=status)


class CountsPageView(LoginRequiredMixin, View):
    """Participation counts of a nation: the year's table by area (military/civilian) and
    the year-by-year series — the same numbers as the API and the CLI."""

    template_name = "participation/counts.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        user: Any = request.user
        nations = analytics.counts_nations(user)
        code = request.GET.get("nation") or (nations[0].code if len(nations) == 1 else "")
        raw_year = request.GET.get("year", "").strip()
        year = int(raw_year) if raw_year.isdigit() else None
        counts = None
        refusal = ""
        status = 200
        if code:
            try:
                counts = analytics.participation_counts(user, nation=code, year=year)
                if year is None and "year" not in request.GET and counts.series:
                    year = int(counts.series[-1].key)  # the latest year with participation
                    counts = analytics.participation_counts(user, nation=code, year=year)
            except NotFound as exc:
                refusal = str(exc)
                status = 404
        context = {
            "form": CountsForm(initial={"nation": code, "year": year or ""}, user=user),
            "counts": counts,
            "refusal": refusal,
            "analyst": getattr(user, "role", "") == "ANALYST",
        }
        return render(request, self.template_name, context, status=status)
