"""Web pages of events: list, calendar (month and list), event page (facts, allowed moves,
invitations and answers, reminders, report, panels of other apps), forms, and the user's
iCal feeds with the token-protected feed itself.

Every page reads through `selectors` and writes through `services`; refusals of the services
are shown as messages on the page they came from.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden, NotFound, VersionConflict
from partnerdesk.core.models import ChangeSource
from partnerdesk.core.selectors import history_list
from partnerdesk.core.web.registry import panels_for
from partnerdesk.core.web.views import (
    PageMixin,
    RecordDeleteView,
    RecordFormView,
    RecordHistoryView,
    RecordListView,
    apply_validation_error,
    current_nation_id,
)
from partnerdesk.events import exports, selectors, services
from partnerdesk.events.choices import EventState, FeedScope
from partnerdesk.events.filtersets import CalendarFilter, EventFilter
from partnerdesk.events.forms import AnswerForm, EventForm, FeedForm, InviteForm, ReportForm
from partnerdesk.events.models import Event, EventReport

STATE_LABELS = dict(EventState.choices)
# Button labels of the moves offered on the event page.
MOVE_LABELS: dict[str, str] = {
    EventState.DRAFT: "Back to draft",
    EventState.PROPOSED: "Propose",
    EventState.APPROVED: "Approve",
    EventState.REJECTED: "Reject",
    EventState.INVITATIONS_SENT: "Send invitations",
    EventState.REGISTRATION_OPEN: "Open registration",
    EventState.REGISTRATION_CLOSED: "Close registration",
    EventState.HELD: "Mark held",
    EventState.FEEDBACK_COLLECTED: "Feedback collected",
    EventState.CLOSED: "Close",
    EventState.CANCELLED: "Cancel event",
}
NEEDS_REASON = frozenset({EventState.REJECTED, EventState.CANCELLED})


def _can_create(user: Any) -> bool:
    return selectors.organisers_for(user).exists()


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


def _report_problem(request: HttpRequest, exc: Exception) -> None:
    """Show a service refusal as error messages on the next page."""
    if isinstance(exc, ValidationError):
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.error(request, str(exc))


class _Pages:
    model = Event
    url_namespace = "events"
    title_plural = "events"
    get_object_for_view = staticmethod(selectors.event_get)

    @staticmethod
    def get_object_for_change(user: Any, pk: Any) -> Event:
        event = selectors.event_get(user, pk)
        if not selectors.is_organiser(user, event):
            raise Forbidden("Only the event's organisers may do this.")
        return event


# -- list, calendar ------------------------------------------------------------------------


class EventListView(_Pages, RecordListView):
    """Events the user may see, filterable (nation, year, dates, area, format, host, state,
    text) and sortable."""

    template_name = "events/event_list.html"
    list_selector = staticmethod(selectors.event_list)
    filterset_class = EventFilter
    ordering_fields: ClassVar[dict[str, str]] = {
        "start": "start_date",
        "title": "title",
        "state": "state",
        "organiser": "owner__name",
    }
    default_ordering = "start"
    can_create = staticmethod(_can_create)


def _month(value: str | None, today: dt.date) -> tuple[int, int]:
    """`YYYY-MM` → (year, month); today's month when missing or malformed."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        dt.date(year, month, 1)
    except (ValueError, TypeError):
        return today.year, today.month
    if not 1900 <= year <= 2200:
        return today.year, today.month
    return year, month


class CalendarView(LoginRequiredMixin, View):
    """A month of events as a grid (Monday first, today highlighted) or as a list, with the
    list page's filters."""

    def get(self, request: HttpRequest) -> HttpResponse:
        today = timezone.localdate()
        year, month = _month(request.GET.get("month"), today)
        mode = "list" if request.GET.get("view") == "list" else "month"
        base = selectors.event_list(request.user, nation_id=current_nation_id(request))
        filterset = CalendarFilter(request.GET, queryset=base, request=request)
        grid = selectors.calendar_month(
            request.user, year=year, month=month, today=today, events=filterset.qs
        )
        query = request.GET.copy()
        query.pop("month", None)
        query.pop("view", None)
        filters = query.urlencode()
        context = {
            "filterset": filterset,
            "grid": grid,
            "mode": mode,
            "today": today,
            "previous_url": month_url(grid.previous, filters, mode),
            "next_url": month_url(grid.next, filters, mode),
            "today_url": month_url(today, filters, mode),
            "month_view_url": month_url(grid.first, filters, "month"),
            "list_view_url": month_url(grid.first, filters, "list"),
            "weekdays": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        }
        return render(request, "events/calendar.html", context)


# -- the event page ------------------------------------------------------------------------


class EventDetailView(_Pages, PageMixin, View):
    """One event: facts, state and the moves the user may make, invitations and answers,
    reminders (organisers), the after-action report and other apps' panels."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.fetch(request, pk)
        user = request.user
        organiser = selectors.is_organiser(user, event)
        invitations = selectors.event_detail_invitations(user, event)
        rows = [{"object": i, "may_answer": selectors.may_answer(user, i)} for i in invitations]
        moves = [
            {
                "state": m,
                "label": MOVE_LABELS[m],
                "needs_reason": m in NEEDS_REASON,
                "danger": m in NEEDS_REASON,
            }
            for m in selectors.allowed_moves(user, event)
        ]
        context = self.base_context() | {
            "object": event,
            "moves": moves,
            "invitations": rows,
            "counts": selectors.invitation_counts(invitations),
            "can_change": organiser,
            "can_invite": organiser and event.state in services.INVITE_STATES,
            "can_remind": organiser and event.state in services.REMIND_STATES,
            "can_answer": event.state in services.ANSWER_STATES,
            "can_edit": organiser and event.state in services.SCHEDULE_STATES,
            "can_delete": organiser and event.state in (EventState.DRAFT, EventState.REJECTED),
            "reminders": list(selectors.reminder_list(user, event)[:20]) if organiser else [],
            "report": selectors.report_of(user, event),
            "can_report": organiser and event.state in services.TOOK_PLACE_STATES,
            "history": history_list(user, event)[:5],
            "panels": panels_for("events.event", user, event),
        }
        return render(request, "events/event_detail.html", context)


class EventHistoryView(_Pages, RecordHistoryView):
    """The change log of one event."""


class EventCreateView(_Pages, RecordFormView):
    """Create an event (DRAFT) from a catalogue activity or ad hoc."""

    form_class = EventForm
    creating = True
    can_create = staticmethod(_can_create)
    create_service = staticmethod(services.event_create)

    def make_form(self, request: HttpRequest, data: Any = None, obj: Any = None) -> Any:
        form = super().make_form(request, data=data, obj=obj)
        if data is None and obj is None and request.GET.get("activity"):
            form.initial["activity"] = request.GET["activity"]
        return form


class EventUpdateView(_Pages, RecordFormView):
    """Edit an event (details while prepared, schedule until held)."""

    form_class = EventForm
    update_service = staticmethod(services.event_update)


class EventDeleteView(_Pages, RecordDeleteView):
    """Delete a draft or rejected event after confirmation."""

    delete_service = staticmethod(services.event_delete)


class EventTransitionView(_Pages, PageMixin, View):
    """POST: move the event to another state; a refusal shows on the event page."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.fetch(request, pk)
        target = request.POST.get("to", "")
        try:
            moved = services.event_transition(
                event,
                actor=Actor.from_request(request, ChangeSource.WEB),
                expected_version=_version(request),
                target=target,
                note=request.POST.get("note", ""),
            )
        except (ValidationError, Forbidden, VersionConflict) as exc:
            _report_problem(request, exc)
        else:
            messages.success(request, f"The event is now {STATE_LABELS[moved.state]}.")
        return HttpResponseRedirect(event.get_absolute_url())


class EventRemindView(_Pages, PageMixin, View):
    """POST: remind invited nations that have not answered."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.fetch(request, pk)
        try:
            result = services.event_remind(
                actor=Actor.from_request(request, ChangeSource.WEB), event=event
            )
        except (ValidationError, Forbidden) as exc:
            _report_problem(request, exc)
        else:
            messages.success(
                request,
                f"Reminders sent: {result.sent}; skipped (reminded recently): {result.skipped}.",
            )
        return HttpResponseRedirect(event.get_absolute_url() + "#invitations")


class InviteView(_Pages, PageMixin, View):
    """Invite nations to an event (organisers, from approval until registration closes)."""

    def _render(
        self, request: HttpRequest, event: Event, form: InviteForm, status: int = 200
    ) -> HttpResponse:
        return render(request, "events/invite.html", {"object": event, "form": form}, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.fetch_for_change(request, pk)
        return self._render(request, event, InviteForm(user=request.user, event=event))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.fetch_for_change(request, pk)
        form = InviteForm(request.POST, user=request.user, event=event)
        if not form.is_valid():
            return self._render(request, event, form, status=400)
        try:
            created = services.invitation_create(
                actor=Actor.from_request(request, ChangeSource.WEB),
                event=event,
                nations=form.chosen(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            for text in exc.messages:
                form.add_error(None, text)
            return self._render(request, event, form, status=400)
        except Forbidden as exc:
            form.add_error(None, str(exc))
            return self._render(request, event, form, status=403)
        names = ", ".join(i.owner.name for i in created) or "nobody new (all were invited)"
        messages.success(request, f"Invited: {names}.")
        return HttpResponseRedirect(event.get_absolute_url() + "#invitations")


class AnswerView(LoginRequiredMixin, View):
    """POST: the invited nation's coordinator accepts or declines."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            invitation = selectors.invitation_get(request.user, pk)
        except NotFound as exc:
            raise Http404("Not found") from exc
        form = AnswerForm(request.POST)
        target = invitation.event.get_absolute_url() + "#invitations"
        if not form.is_valid():
            messages.error(request, "Choose Accept or Decline.")
            return HttpResponseRedirect(target)
        try:
            services.invitation_answer(
                invitation,
                actor=Actor.from_request(request, ChangeSource.WEB),
                expected_version=form.cleaned_data["version"],
                answer=form.cleaned_data["answer"],
                note=form.cleaned_data["note"] or None,
            )
        except (ValidationError, Forbidden, VersionConflict) as exc:
            _report_problem(request, exc)
        else:
            messages.success(request, "Your answer is recorded.")
        return HttpResponseRedirect(target)


# -- reports -------------------------------------------------------------------------------


class _ReportPages:
    model = EventReport
    url_namespace = "events"
    title_plural = "events"
    get_object_for_view = staticmethod(selectors.report_get)

    @staticmethod
    def get_object_for_change(user: Any, pk: Any) -> EventReport:
        report = selectors.report_get(user, pk)
        if not selectors.is_organiser(user, report.event):
            raise Forbidden("Only the event's organisers may edit its report.")
        return report


class ReportCreateView(_Pages, PageMixin, View):
    """Write the after-action report of a held event (organisers)."""

    def _render(
        self, request: HttpRequest, event: Event, form: ReportForm, status: int = 200
    ) -> HttpResponse:
        return render(
            request, "events/report_form.html", {"event": event, "form": form}, status=status
        )

    def _form(self, request: HttpRequest, data: Any = None) -> ReportForm:
        return ReportForm(data=data, user=request.user, instance=EventReport(marking="BILATERAL"))

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.fetch_for_change(request, pk)
        return self._render(request, event, self._form(request))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.fetch_for_change(request, pk)
        form = self._form(request, data=request.POST)
        if not form.is_valid():
            return self._render(request, event, form, status=400)
        try:
            services.report_create(
                actor=Actor.from_request(request, ChangeSource.WEB),
                event=event,
                data=form.service_data(),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
            return self._render(request, event, form, status=400)
        except Forbidden as exc:
            form.add_error(None, str(exc))
            return self._render(request, event, form, status=403)
        messages.success(request, "The after-action report is saved.")
        return HttpResponseRedirect(event.get_absolute_url() + "#report")


class ReportUpdateView(_ReportPages, RecordFormView):
    """Edit the after-action report."""

    form_class = ReportForm
    update_service = staticmethod(services.report_update)

    def success_url(self, saved: Any) -> str:
        return str(saved.get_absolute_url()) + "#report"


# -- calendar feeds ------------------------------------------------------------------------


class FeedListView(LoginRequiredMixin, View):
    """The user's iCal feeds: list, create (token shown once), revoke."""

    def _render(
        self,
        request: HttpRequest,
        form: FeedForm,
        created: dict[str, Any] | None = None,
        status: int = 200,
    ) -> HttpResponse:
        context = {
            "feeds": selectors.feed_list(request.user),
            "form": form,
            "created": created,
            "window_days": selectors.FEED_WINDOW_DAYS,
        }
        return render(request, "events/feeds.html", context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, FeedForm(user=request.user))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = FeedForm(request.POST, user=request.user)
        if not form.is_valid():
            return self._render(request, form, status=400)
        try:
            feed, token = services.feed_create(
                actor=Actor.from_request(request, ChangeSource.WEB),
                label=form.cleaned_data["label"],
                scope=form.cleaned_data["scope"],
                nation=form.cleaned_data["nation"],
                activity=form.cleaned_data["activity"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
            return self._render(request, form, status=400)
        url = request.build_absolute_uri(reverse("events:feed", args=[token]))
        return self._render(
            request, FeedForm(user=request.user), created={"feed": feed, "url": url}
        )


class FeedRevokeView(LoginRequiredMixin, View):
    """POST: revoke one of the user's feeds."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            feed = selectors.feed_get(request.user, pk)
        except NotFound as exc:
            raise Http404("Not found") from exc
        try:
            services.feed_revoke(feed, actor=Actor.from_request(request, ChangeSource.WEB))
        except Forbidden as exc:
            raise PermissionDenied(str(exc)) from exc
        messages.success(request, f"Revoked the feed “{feed.label}”; its address no longer works.")
        return HttpResponseRedirect(reverse("events:feeds"))


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCal feed behind a secret token (no login: the token is the secret). Unknown or
    revoked tokens and deactivated users answer 404."""
    found = selectors.feed_by_token(token)
    if found is None:
        raise Http404("Not found")
    events = selectors.feed_events(found)
    label = found.label
    if found.scope == FeedScope.NATION and found.nation is not None:
        label = f"{label} ({found.nation.name})"
    body = exports.events_ical(
        events, name=f"partnerdesk: {label}", base_url=f"{request.scheme}://{request.get_host()}"
    )
    services.feed_touch(found)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="partnerdesk.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


def month_url(day: dt.date, filters: str, mode: str) -> str:
    """The calendar URL of `day`'s month, keeping the filters and the view."""
    query = f"month={day:%Y-%m}&view={mode}"
    return f"{reverse('events:calendar')}?{query}{'&' + filters if filters else ''}"
