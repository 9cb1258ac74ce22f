"""Web pages of the political dialogue: the meeting list, the meeting page (participants and
follow-ups), forms, the follow-up ledger across meetings and the briefing of a meeting.

Thin configurations of the generic record views; participants and follow-ups are created from
their meeting's page and return to it after saving.
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
from partnerdesk.core.web.registry import panels_for
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
from partnerdesk.dialogue import selectors, services
from partnerdesk.dialogue.choices import (
    FOLLOWUP_TRANSITIONS,
    MEETING_TRANSITIONS,
    FollowUpStatus,
    MeetingStatus,
)
from partnerdesk.dialogue.filtersets import FollowUpFilter, MeetingFilter
from partnerdesk.dialogue.forms import (
    FollowUpForm,
    MeetingCreateForm,
    MeetingForm,
    ParticipantForm,
)
from partnerdesk.dialogue.models import FollowUp, Meeting, Participant
from partnerdesk.organisations.selectors import nations_for_records

MEETING_LABELS = dict(MeetingStatus.choices)
FOLLOWUP_LABELS = dict(FollowUpStatus.choices)


def _can_create(user: Any) -> bool:
    return nations_for_records(user).exists()


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


def _moves(status: str, table: dict[str, frozenset[str]], labels: dict[str, str]) -> list[Any]:
    return sorted((target, labels[target]) for target in table[status])


class _Pages:
    url_namespace = "dialogue"
    title_plural = "Meetings and visits"


class _MeetingPages(_Pages):
    model = Meeting
    get_object_for_view = staticmethod(selectors.meeting_get)
    get_object_for_change = staticmethod(selectors.meeting_get_for_change)


# -- meetings ------------------------------------------------------------------------------


class MeetingListView(_MeetingPages, RecordListView):
    """All visible meetings, filterable by nation, format, direction, topic, years, status."""

    template_name = "dialogue/meeting_list.html"
    list_selector = staticmethod(selectors.meeting_list)
    filterset_class = MeetingFilter
    ordering_fields: ClassVar[dict[str, str]] = {
        "date": "date",
        "nation": "owner__name",
        "title": "title",
        "format": "format",
        "status": "status",
    }
    default_ordering = "-date"
    can_create = staticmethod(_can_create)


class MeetingDetailView(_MeetingPages, RecordDetailView):
    """One meeting: facts, topics, participants, the follow-ups taken in it, sources."""

    template_name = "dialogue/meeting_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = self.fetch(request, pk)
        today = timezone.localdate()
        user = request.user
        followups = [
            {
                "object": f,
                "overdue": f.is_overdue(today),
                "can_change": can(user, Action.CHANGE, f),
                "moves": _moves(f.status, FOLLOWUP_TRANSITIONS, FOLLOWUP_LABELS),
            }
            for f in meeting.followups.all()
        ]
        participants = [
            {"object": p, "can_change": can(user, Action.CHANGE, p)}
            for p in meeting.participants.all()
        ]
        context = self.base_context() | {
            "object": meeting,
            "participants": participants,
            "followups": followups,
            "moves": _moves(meeting.status, MEETING_TRANSITIONS, MEETING_LABELS),
            "history": history_list(user, meeting)[:5],
            "can_change": can(user, Action.CHANGE, meeting),
            "panels": panels_for("dialogue.meeting", user, meeting),
        }
        return render(request, self.template_name, context)


class MeetingHistoryView(_MeetingPages, RecordHistoryView):
    """The change log of one meeting."""


class MeetingCreateView(_MeetingPages, RecordFormView):
    """Record a meeting or visit."""

    form_class = MeetingCreateForm
    creating = True
    can_create = staticmethod(_can_create)
    create_service = staticmethod(services.meeting_create)


class MeetingUpdateView(_MeetingPages, RecordFormView):
    """Edit a meeting (refuses a stale version)."""

    form_class = MeetingForm
    update_service = staticmethod(services.meeting_update)


class MeetingDeleteView(_MeetingPages, RecordDeleteView):
    """Delete a meeting without follow-ups (its participants go with it)."""

    delete_service = staticmethod(services.meeting_delete)


class MeetingTransitionView(_MeetingPages, PageMixin, View):
    """POST: move a meeting to another status (with the version shown on the page)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = self.fetch_for_change(request, pk)
        try:
            moved = services.meeting_transition(
                meeting,
                actor=Actor.from_request(request, ChangeSource.WEB),
                expected_version=_version(request),
                target=request.POST.get("status", ""),
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        except VersionConflict as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"“{moved}” is now {moved.get_status_display().lower()}.")
        return HttpResponseRedirect(meeting.get_absolute_url())


class BriefingView(_MeetingPages, PageMixin, View):
    """The briefing of a meeting: its facts and participants, the open follow-ups of earlier
    meetings of the nation (overdue first) and their objectives' current status."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = self.fetch(request, pk)
        data = selectors.briefing(request.user, meeting, today=timezone.localdate())
        return render(request, "dialogue/briefing.html", {"object": meeting, "briefing": data})


# -- the follow-up ledger ------------------------------------------------------------------


class FollowUpLedgerView(LoginRequiredMixin, View):
    """Every visible follow-up across meetings, filterable by status, overdue and due date."""

    def get(self, request: HttpRequest) -> HttpResponse:
        today = timezone.localdate()
        queryset = selectors.followup_list(request.user, nation_id=current_nation_id(request))
        filterset = FollowUpFilter(request.GET, queryset=queryset, request=request)
        page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
        rows = [
            {
                "object": f,
                "overdue": f.is_overdue(today),
                "can_change": can(request.user, Action.CHANGE, f),
                "moves": _moves(f.status, FOLLOWUP_TRANSITIONS, FOLLOWUP_LABELS),
            }
            for f in page
        ]
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "page": page,
            "rows": rows,
            "filterset": filterset,
            "today": today,
            "querystring": query.urlencode(),
        }
        return render(request, "dialogue/followup_list.html", context)


# -- participants and follow-ups -----------------------------------------------------------


class _ChildFormView(_Pages, ChildRecordFormView):
    """Create a row from its meeting's page (or edit it) and go back to the meeting."""

    template_name = "dialogue/child_form.html"
    parent_for_change = staticmethod(selectors.meeting_get_for_change)
    parent_attr = "meeting"


class _ParticipantPages(_Pages):
    model = Participant
    get_object_for_view = staticmethod(selectors.participant_get)
    get_object_for_change = staticmethod(selectors.participant_get_for_change)


class ParticipantCreateView(_ParticipantPages, _ChildFormView):
    """Add a participant to a meeting."""

    form_class = ParticipantForm
    creating = True
    create_service = staticmethod(services.participant_create)


class ParticipantUpdateView(_ParticipantPages, _ChildFormView):
    """Edit a participant."""

    form_class = ParticipantForm
    update_service = staticmethod(services.participant_update)


class ParticipantDeleteView(_ParticipantPages, RecordDeleteView):
    """Remove a participant after confirmation, then back to the meeting."""

    delete_service = staticmethod(services.participant_delete)

    def success_url(self, obj: Any) -> str:
        return reverse("dialogue:detail", args=[obj.meeting_id])


class _FollowUpPages(_Pages):
    model = FollowUp
    get_object_for_view = staticmethod(selectors.followup_get)
    get_object_for_change = staticmethod(selectors.followup_get_for_change)


class FollowUpCreateView(_FollowUpPages, _ChildFormView):
    """Record a follow-up taken in a meeting."""

    form_class = FollowUpForm
    creating = True
    create_service = staticmethod(services.followup_create)


class FollowUpUpdateView(_FollowUpPages, _ChildFormView):
    """Edit a follow-up (its status moves with the buttons)."""

    form_class = FollowUpForm
    update_service = staticmethod(services.followup_update)


class FollowUpDeleteView(_FollowUpPages, RecordDeleteView):
    """Delete a follow-up after confirmation, then back to the meeting."""

    delete_service = staticmethod(services.followup_delete)

    def success_url(self, obj: Any) -> str:
        return reverse("dialogue:detail", args=[obj.meeting_id])


class FollowUpHistoryView(_FollowUpPages, RecordHistoryView):
    """The change log of one follow-up."""


class FollowUpTransitionView(_FollowUpPages, PageMixin, View):
    """POST: move a follow-up to another status; back to `next` (a local path) or the meeting."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        followup = self.fetch_for_change(request, pk)
        try:
            moved = services.followup_transition(
                followup,
                actor=Actor.from_request(request, ChangeSource.WEB),
                expected_version=_version(request),
                target=request.POST.get("status", ""),
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        except VersionConflict as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"“{moved}” is now {moved.get_status_display().lower()}.")
        target = request.POST.get("next", "")
        if not target.startswith("/") or target.startswith("//"):
            target = followup.get_absolute_url()
        return HttpResponseRedirect(target)
