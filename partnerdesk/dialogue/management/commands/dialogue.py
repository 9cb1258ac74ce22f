"""`partnerdesk dialogue`: meetings, participants, the follow-up ledger and briefings.

partnerdesk dialogue meetings [--nation AZE] [--format F] [--direction D] [--topic T]
    [--year-from Y] [--year-to Y] [--status S] --as USER [--json]
partnerdesk dialogue show ID --as USER
partnerdesk dialogue add --nation AZE --title T --date 2008-05-01 --precision MONTH
    --format NAC_PARTNER --direction TO_NATO_HQ [--topic T …] [--status PLANNED] … --as USER
partnerdesk dialogue update ID [--expect-version N] [--title …] [--status HELD] … --as USER
partnerdesk dialogue delete ID [--expect-version N] --as USER
partnerdesk dialogue participants ID [--person P --side NATO [--title T] [--organisation CODE]]
partnerdesk dialogue followups [--meeting ID] [--status S] [--overdue] [--due-before DATE]
partnerdesk dialogue followup-add --meeting ID --text T --side PARTNER [--due DATE]
    [--objective ID …] [--goal ID …] [--divergence ROUND:OBJECTIVE] … --as USER
partnerdesk dialogue followup-update ID [--expect-version N] [--status DONE] [--text …] … --as USER
partnerdesk dialogue briefing ID --as USER [--json]

Without --expect-version, update and delete apply to the version read just before.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.http import QueryDict
from django.utils import timezone
from rest_framework import serializers

from partnerdesk.core.management.base import PartnerdeskCommand
from partnerdesk.dialogue import selectors, services
from partnerdesk.dialogue.filtersets import FollowUpFilter, MeetingFilter
from partnerdesk.dialogue.serializers import (
    BriefingSerializer,
    DialogueFollowUpInputSerializer,
    DialogueFollowUpSerializer,
    MeetingInputSerializer,
    MeetingSerializer,
    ParticipantInputSerializer,
    ParticipantSerializer,
)

SUBCOMMANDS = (
    "meetings",
    "show",
    "add",
    "update",
    "delete",
    "participants",
    "followups",
    "followup-add",
    "followup-update",
    "briefing",
)
NEEDS_ID = {"show", "update", "delete", "participants", "followup-update", "briefing"}
# option dest → (flag, help) of meeting fields
MEETING_OPTIONS = {
    "nation": ("--nation", "nation code, e.g. AZE (also a list filter)"),
    "title": ("--title", "short title"),
    "date": ("--date", "YYYY-MM-DD (any day of the month or year with MONTH or YEAR precision)"),
    "precision": ("--precision", "DAY, MONTH or YEAR"),
    "end_date": ("--end-date", "YYYY-MM-DD, only with day precision"),
    "place": ("--place", "where"),
    "format": ("--format", "NAC_PARTNER, PCSC_PARTNER, EAPC, SR_VISIT, … (also a list filter)"),
    "direction": ("--direction", "TO_NATO_HQ, TO_PARTNER_CAPITAL or ELSEWHERE (also a filter)"),
    "summary": ("--summary", "summary"),
    "outcome": ("--outcome", "outcome"),
    "press_line": ("--press-line", "press line"),
    "status": ("--status", "PLANNED, HELD, CANCELLED; for follow-ups OPEN, IN_PROGRESS, …"),
    "marking": ("--marking", "marking (children default to the meeting's)"),
}
FOLLOWUP_OPTIONS = {
    "text": ("--text", "what was agreed"),
    "responsible_side": ("--side", "NATO, PARTNER or OTHER (also the participant's side)"),
    "responsible_organisation": ("--organisation", "organisation code"),
    "responsible_person": ("--person", "person responsible (also the participant's name)"),
    "due_on": ("--due", "due date YYYY-MM-DD"),
    "note": ("--note", "free text"),
}


def _errors(serializer: serializers.Serializer) -> ValidationError:
    return ValidationError({k: [str(m) for m in v] for k, v in serializer.errors.items()})


class Command(PartnerdeskCommand):
    help = (
        "Political dialogue: meetings | show ID | add | update ID | delete ID | participants ID | "
        "followups | followup-add | followup-update ID | briefing ID"
    )
    acts_as_user = True

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("subcommand", choices=SUBCOMMANDS)
        parser.add_argument("id", nargs="?", type=int)
        for dest, (flag, text) in {**MEETING_OPTIONS, **FOLLOWUP_OPTIONS}.items():
            parser.add_argument(flag, dest=f"field_{dest}", help=text)
        parser.add_argument("--topic", dest="topics", action="append", help="topic (repeat)")
        parser.add_argument("--source", dest="sources", action="append", type=int, help="source id")
        parser.add_argument("--objective", dest="objectives", action="append", type=int)
        parser.add_argument("--goal", dest="goals", action="append", type=int)
        parser.add_argument("--divergence", help="ROUND_ID:OBJECTIVE_ID, or '' to unlink")
        parser.add_argument("--meeting", type=int, help="meeting id")
        parser.add_argument("--participant-title", dest="participant_title", help="their title")
        parser.add_argument(
            "--expect-version", dest="expect_version", type=int, help="the version being changed"
        )
        parser.add_argument("--year-from", dest="year_from", type=int)
        parser.add_argument("--year-to", dest="year_to", type=int)
        parser.add_argument("--overdue", action="store_true", help="only overdue follow-ups")
        parser.add_argument("--due-before", dest="due_before", help="YYYY-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self.actor(options)
        sub = options["subcommand"]
        if sub in NEEDS_ID and options["id"] is None:
            raise CommandError(f"{sub} needs ID")
        self.context = {"user": actor.user, "today": timezone.localdate()}
        getattr(self, "_" + sub.replace("-", "_"))(options, actor)

    # -- helpers ---------------------------------------------------------------------------
    def _fields(self, options: dict[str, Any], names: dict[str, Any]) -> dict[str, Any]:
        return {n: options[f"field_{n}"] for n in names if options[f"field_{n}"] is not None}

    def _print(self, data: Any) -> None:
        self.stdout.write(json.dumps(data, indent=2, default=str, ensure_ascii=False))

    def _filtered(self, filter_class: Any, queryset: Any, params: dict[str, Any]) -> Any:
        query = QueryDict(mutable=True)
        for key, value in params.items():
            if value not in (None, False, ""):
                query[key] = "true" if value is True else str(value)
        filterset = filter_class(query, queryset=queryset)
        if not filterset.is_valid():
            raise ValidationError({k: list(v) for k, v in filterset.errors.items()})
        return filterset.qs

    # -- meetings --------------------------------------------------------------------------
    def _meetings(self, options: dict[str, Any], actor: Any) -> None:
        params = {
            "nation": options["field_nation"],
            "format": options["field_format"],
            "direction": options["field_direction"],
            "topic": (options["topics"] or [None])[0],
            "year_from": options["year_from"],
            "year_to": options["year_to"],
            "status": options["field_status"],
        }
        rows = self._filtered(MeetingFilter, selectors.meeting_list(actor.user), params)
        data = [dict(r) for r in MeetingSerializer(rows, many=True, context=self.context).data]
        self.emit(data, ["id", "nation", "dates", "format", "title", "status"], options)

    def _show(self, options: dict[str, Any], actor: Any) -> None:
        meeting = selectors.meeting_get(actor.user, options["id"])
        data = dict(MeetingSerializer(meeting, context=self.context).data)
        data["participants"] = ParticipantSerializer(meeting.participants.all(), many=True).data
        data["followups"] = DialogueFollowUpSerializer(
            meeting.followups.all(), many=True, context=self.context
        ).data
        self._print(data)

    def _meeting_data(self, options: dict[str, Any]) -> dict[str, Any]:
        data = self._fields(options, MEETING_OPTIONS)
        for name in ("topics", "sources"):
            if options[name] is not None:
                data[name] = options[name]
        return data

    def _add(self, options: dict[str, Any], actor: Any) -> None:
        serializer = MeetingInputSerializer(data=self._meeting_data(options), context=self.context)
        if not serializer.is_valid():
            raise _errors(serializer)
        meeting = services.meeting_create(actor=actor, data=dict(serializer.validated_data))
        self.stdout.write(f"recorded meeting {meeting.pk}: {meeting}")

    def _update(self, options: dict[str, Any], actor: Any) -> None:
        meeting = selectors.meeting_get_for_change(actor.user, options["id"])
        version = options["expect_version"] or meeting.version
        data = self._meeting_data(options)
        target = data.pop("status", None)
        if data:
            serializer = MeetingInputSerializer(
                meeting, data=data, partial=True, context=self.context
            )
            if not serializer.is_valid():
                raise _errors(serializer)
            meeting = services.meeting_update(
                meeting, actor=actor, expected_version=version, data=dict(serializer.validated_data)
            )
            version = meeting.version
        if target is not None and target != meeting.status:
            meeting = services.meeting_transition(
                meeting, actor=actor, expected_version=version, target=target
            )
        self.stdout.write(f"meeting {meeting.pk} is at version {meeting.version}: {meeting}")

    def _delete(self, options: dict[str, Any], actor: Any) -> None:
        meeting = selectors.meeting_get_for_change(actor.user, options["id"])
        services.meeting_delete(
            meeting, actor=actor, expected_version=options["expect_version"] or meeting.version
        )
        self.stdout.write(f"deleted meeting {options['id']}")

    # -- participants ----------------------------------------------------------------------
    def _participants(self, options: dict[str, Any], actor: Any) -> None:
        meeting_id = options["id"]
        if options["field_responsible_person"] is not None:
            data = {
                "meeting": meeting_id,
                "person": options["field_responsible_person"],
                "side": options["field_responsible_side"],
                "title": options["participant_title"] or "",
                "organisation": options["field_responsible_organisation"],
            }
            if options["field_marking"]:
                data["marking"] = options["field_marking"]
            serializer = ParticipantInputSerializer(
                data={k: v for k, v in data.items() if v is not None}, context=self.context
            )
            if not serializer.is_valid():
                raise _errors(serializer)
            added = services.participant_create(actor=actor, data=dict(serializer.validated_data))
            self.stdout.write(f"added participant {added.pk}: {added}")
            return
        selectors.meeting_get(actor.user, meeting_id)
        rows = selectors.participant_list(actor.user, meeting_id=meeting_id)
        data_out = [dict(r) for r in ParticipantSerializer(rows, many=True).data]
        self.emit(data_out, ["id", "side", "person", "title", "organisation"], options)

    # -- follow-ups ------------------------------------------------------------------------
    def _followups(self, options: dict[str, Any], actor: Any) -> None:
        params = {
            "nation": options["field_nation"],
            "meeting": options["meeting"],
            "status": options["field_status"],
            "overdue": options["overdue"],
            "due_before": options["due_before"],
        }
        rows = self._filtered(FollowUpFilter, selectors.followup_list(actor.user), params)
        data = [
            dict(r) for r in DialogueFollowUpSerializer(rows, many=True, context=self.context).data
        ]
        self.emit(data, ["id", "meeting", "due_on", "status", "overdue", "text"], options)

    def _followup_data(self, options: dict[str, Any]) -> dict[str, Any]:
        data = self._fields(options, FOLLOWUP_OPTIONS)
        if options["field_marking"] is not None:
            data["marking"] = options["field_marking"]
        for name in ("objectives", "goals", "sources"):
            if options[name] is not None:
                data[name] = options[name]
        raw = options["divergence"]
        if raw is not None:
            if raw == "":
                data["divergence_round"] = data["divergence_objective"] = None
            else:
                try:
                    round_id, objective_id = (int(x) for x in raw.split(":"))
                except ValueError as exc:
                    raise CommandError("--divergence must be ROUND_ID:OBJECTIVE_ID") from exc
                data["divergence_round"], data["divergence_objective"] = round_id, objective_id
        return data

    def _followup_add(self, options: dict[str, Any], actor: Any) -> None:
        if options["meeting"] is None:
            raise CommandError("followup-add needs --meeting ID")
        data = self._followup_data(options) | {"meeting": options["meeting"]}
        if options["field_status"] is not None:
            data["status"] = options["field_status"]
        serializer = DialogueFollowUpInputSerializer(data=data, context=self.context)
        if not serializer.is_valid():
            raise _errors(serializer)
        followup = services.followup_create(actor=actor, data=dict(serializer.validated_data))
        self.stdout.write(f"recorded follow-up {followup.pk} ({followup.get_status_display()})")

    def _followup_update(self, options: dict[str, Any], actor: Any) -> None:
        followup = selectors.followup_get_for_change(actor.user, options["id"])
        version = options["expect_version"] or followup.version
        data = self._followup_data(options)
        if data:
            serializer = DialogueFollowUpInputSerializer(
                followup, data=data, partial=True, context=self.context
            )
            if not serializer.is_valid():
                raise _errors(serializer)
            followup = services.followup_update(
                followup,
                actor=actor,
                expected_version=version,
                data=dict(serializer.validated_data),
            )
            version = followup.version
        target = options["field_status"]
        if target is not None and target != followup.status:
            followup = services.followup_transition(
                followup, actor=actor, expected_version=version, target=target
            )
        self.stdout.write(
            f"follow-up {followup.pk} is at version {followup.version} "
            f"({followup.get_status_display()})"
        )

    def _briefing(self, options: dict[str, Any], actor: Any) -> None:
        meeting = selectors.meeting_get(actor.user, options["id"])
        briefing = selectors.briefing(actor.user, meeting, today=self.context["today"])
        if options["json"]:
            self._print(BriefingSerializer(briefing, context=self.context).data)
            return
        self.stdout.write(f"Briefing: {meeting}")
        for p in meeting.participants.all():
            self.stdout.write(f"  participant: {p} ({p.get_side_display()})")
        rows = [
            {
                "id": item.followup.pk,
                "meeting": item.followup.meeting.title,
                "due": item.followup.due_display,
                "status": item.followup.get_status_display(),
                "overdue": "yes" if item.overdue else "",
                "text": str(item.followup),
            }
            for item in briefing.items
        ]
        self.emit(rows, ["id", "meeting", "due", "status", "overdue", "text"], options)
