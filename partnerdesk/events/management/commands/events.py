"""`partnerdesk events`: events, invitations, reminders, reports and calendar feeds, as a
named user, through the same selectors and services as the web and the API.

partnerdesk events list [--nation AZE] [--year 2015] [--state HELD] [--area CYBER]
    [--format COURSE] [--host NATO-IS] [--from DATE] [--to DATE] [--text …] --as USER [--json]
partnerdesk events show ID --as USER
partnerdesk events create --owner CODE (--activity ID | --title … --area … --format …)
    --location … --start DATE --end DATE --capacity N [--host CODE] [--marking M] --as USER
partnerdesk events update ID [--expected-version N] [--title … --start … --capacity …] --as USER
partnerdesk events transition ID --to STATE [--note REASON] [--expected-version N] --as USER
partnerdesk events invite ID --nations GEO,ARM [--note …] --as USER
partnerdesk events answer INVITATION_ID --answer ACCEPTED|DECLINED [--note …] --as USER
partnerdesk events remind ID --as USER
partnerdesk events report ID [--summary … --lessons … --recommendations … --marking M] --as USER
partnerdesk events feeds --as USER
partnerdesk events feed-create --label … [--scope USER|NATION|SERIES] [--nation CODE]
    [--activity ID] --as USER
partnerdesk events feed-revoke ID --as USER
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.urls import reverse

from partnerdesk.core.management.base import PartnerdeskCommand
from partnerdesk.events import selectors, services
from partnerdesk.events.serializers import (
    CalendarFeedInputSerializer,
    CalendarFeedSerializer,
    EventInputSerializer,
    EventReportSerializer,
    EventSerializer,
    InvitationSerializer,
)

OPERATIONS = (
    "list",
    "show",
    "create",
    "update",
    "transition",
    "invite",
    "answer",
    "remind",
    "report",
    "feeds",
    "feed-create",
    "feed-revoke",
)
NEEDS_ID = frozenset(
    {"show", "update", "transition", "invite", "answer", "remind", "report", "feed-revoke"}
)
EVENT_OPTIONS = {
    "owner": ("nation", "code of the organising nation or NATO body"),
    "activity": ("activity", "catalogue activity id"),
    "title": ("title", "title (from the activity when left out)"),
    "area": ("area", "area code, e.g. CYBER"),
    "format": ("format", "COURSE, SEMINAR, WORKSHOP, EXERCISE, CONFERENCE, TRAINING, OTHER"),
    "host": ("host", "code of the host (default: the activity's organiser)"),
    "location": ("location", "where"),
    "start": ("start_date", "first day, YYYY-MM-DD"),
    "end": ("end_date", "last day, YYYY-MM-DD"),
    "capacity": ("capacity", "seats"),
    "languages": ("languages", "working languages"),
    "marking": ("marking", "PUBLIC, PARTNERS, BILATERAL (default), ALLIANCE_ONLY, NATIONAL_ONLY"),
    "description": ("description", "free text"),
}


def _serializer_error(errors: dict[str, Any]) -> ValidationError:
    return ValidationError({k: [str(m) for m in v] for k, v in errors.items()})


class Command(PartnerdeskCommand):
    help = (
        "Events: list | show ID | create | update ID | transition ID --to STATE | invite ID "
        "--nations A,B | answer INVITATION --answer A | remind ID | report ID | feeds | "
        "feed-create | feed-revoke ID"
    )
    acts_as_user = True

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("operation", choices=OPERATIONS)
        parser.add_argument("id", nargs="?", type=int, help="Event id (invitation id for answer).")
        parser.add_argument(
            "--expected-version",
            dest="expected_version",
            type=int,
            help="The version you read (default: the current one).",
        )
        parser.add_argument(
            "--nation",
            help="list: events owned by or inviting this nation code; "
            "feed-create: the nation of a NATION feed.",
        )
        parser.add_argument("--year", type=int)
        parser.add_argument("--state", action="append", help="list: a state (repeatable).")
        parser.add_argument("--from", dest="date_from", type=dt.date.fromisoformat)
        parser.add_argument("--to", help="transition: the target state; list: last day.")
        parser.add_argument("--text")
        parser.add_argument("--note", help="Reason (reject, cancel) or note (invite, answer).")
        parser.add_argument("--nations", help="invite: nation codes separated by commas.")
        parser.add_argument("--answer", choices=["ACCEPTED", "DECLINED"])
        parser.add_argument("--summary")
        parser.add_argument("--lessons")
        parser.add_argument("--recommendations")
        parser.add_argument("--label")
        parser.add_argument("--scope", choices=["USER", "NATION", "SERIES"])
        for flag, (_, text) in EVENT_OPTIONS.items():
            if flag in ("owner",):
                parser.add_argument("--owner", dest="field_owner", help=text)
            else:
                parser.add_argument(f"--{flag}", dest=f"field_{flag}", help=text)

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self.actor(options)
        operation = options["operation"]
        if operation in NEEDS_ID and options["id"] is None:
            raise CommandError(f"{operation} needs an ID")
        handler = getattr(self, "_" + operation.replace("-", "_"))
        handler(actor, options)

    # -- events ----------------------------------------------------------------------------

    def _context(self, actor: Any) -> dict[str, Any]:
        return {"user": actor.user, "with_moves": True}

    def _list(self, actor: Any, options: dict[str, Any]) -> None:
        date_to = dt.date.fromisoformat(options["to"]) if options["to"] else None
        events = selectors.event_list(
            actor.user,
            nation=self._nation_id(options["nation"]),
            year=options["year"],
            date_from=options["date_from"],
            date_to=date_to,
            area=options["field_area"],
            format=options["field_format"],
            host=self._nation_id(options["field_host"]),
            state=options["state"],
            text=options["text"],
        )
        rows = [dict(r) for r in EventSerializer(events, many=True, context={}).data]
        self.emit(
            rows, ["id", "start_date", "end_date", "title", "nation", "host", "state"], options
        )

    def _nation_id(self, code: str | None) -> int | None:
        if not code:
            return None
        from partnerdesk.organisations.models import Organisation

        found = Organisation.objects.filter(code__iexact=code).values_list("pk", flat=True).first()
        if found is None:
            raise CommandError(f"unknown organisation code {code!r}")
        return int(found)

    def _show(self, actor: Any, options: dict[str, Any]) -> None:
        event = selectors.event_get(actor.user, options["id"])
        data = dict(EventSerializer(event, context=self._context(actor)).data)
        data["invitations"] = [
            dict(r)
            for r in InvitationSerializer(
                selectors.event_detail_invitations(actor.user, event), many=True
            ).data
        ]
        report = selectors.report_of(actor.user, event)
        data["report"] = EventReportSerializer(report).data if report else None
        self.stdout.write(json.dumps(data, indent=2, default=str, ensure_ascii=False))

    def _event_data(self, options: dict[str, Any]) -> dict[str, Any]:
        return {
            name: options[f"field_{flag}"]
            for flag, (name, _) in EVENT_OPTIONS.items()
            if options[f"field_{flag}"] is not None
        }

    def _create(self, actor: Any, options: dict[str, Any]) -> None:
        serializer = EventInputSerializer(
            data=self._event_data(options), context={"user": actor.user}
        )
        if not serializer.is_valid():
            raise _serializer_error(serializer.errors)
        event = services.event_create(actor=actor, data=dict(serializer.validated_data))
        self.stdout.write(f"created event {event.pk}: {event} — {event.get_state_display()}")

    def _update(self, actor: Any, options: dict[str, Any]) -> None:
        event = selectors.event_get(actor.user, options["id"])
        serializer = EventInputSerializer(
            event, data=self._event_data(options), partial=True, context={"user": actor.user}
        )
        if not serializer.is_valid():
            raise _serializer_error(serializer.errors)
        saved = services.event_update(
            event,
            actor=actor,
            expected_version=options["expected_version"] or event.version,
            data=dict(serializer.validated_data),
        )
        self.stdout.write(f"updated event {saved.pk} (version {saved.version})")

    def _transition(self, actor: Any, options: dict[str, Any]) -> None:
        if not options["to"]:
            raise CommandError("transition needs --to STATE")
        event = selectors.event_get(actor.user, options["id"])
        moved = services.event_transition(
            event,
            actor=actor,
            expected_version=options["expected_version"] or event.version,
            target=options["to"].upper(),
            note=options["note"] or "",
        )
        self.stdout.write(f"event {moved.pk} is now {moved.get_state_display()}")

    # -- invitations, reminders --------------------------------------------------------------

    def _invite(self, actor: Any, options: dict[str, Any]) -> None:
        codes = [c for c in (options["nations"] or "").replace(",", " ").split() if c]
        if not codes:
            raise CommandError("invite needs --nations CODE[,CODE…]")
        event = selectors.event_get(actor.user, options["id"])
        created = services.invitation_create(
            actor=actor, event=event, nations=codes, note=options["note"] or ""
        )
        names = ", ".join(sorted(i.owner.code for i in created)) or "nobody new"
        self.stdout.write(f"invited to event {event.pk}: {names}")

    def _answer(self, actor: Any, options: dict[str, Any]) -> None:
        if not options["answer"]:
            raise CommandError("answer needs --answer ACCEPTED or DECLINED")
        invitation = selectors.invitation_get(actor.user, options["id"])
        saved = services.invitation_answer(
            invitation,
            actor=actor,
            expected_version=options["expected_version"] or invitation.version,
            answer=options["answer"],
            note=options["note"],
        )
        self.stdout.write(
            f"invitation {saved.pk} of {saved.owner.code}: {saved.get_answer_display()}"
        )

    def _remind(self, actor: Any, options: dict[str, Any]) -> None:
        event = selectors.event_get(actor.user, options["id"])
        result = services.event_remind(actor=actor, event=event)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict()))
            return
        self.stdout.write(
            f"reminders for event {event.pk}: {result.sent} sent, {result.skipped} skipped "
            f"(reminded recently), {result.invitations} unanswered invitation(s)"
        )

    # -- reports -------------------------------------------------------------------------------

    def _report(self, actor: Any, options: dict[str, Any]) -> None:
        event = selectors.event_get(actor.user, options["id"])
        data = {
            name: options[key]
            for name, key in (
                ("summary", "summary"),
                ("lessons", "lessons"),
                ("recommendations", "recommendations"),
                ("marking", "field_marking"),
            )
            if options[key] is not None
        }
        report = selectors.report_of(actor.user, event)
        if not data:
            if report is None:
                raise CommandError(f"event {event.pk} has no report you may read")
            self.stdout.write(
                json.dumps(
                    EventReportSerializer(report).data, indent=2, default=str, ensure_ascii=False
                )
            )
            return
        if report is None:
            saved = services.report_create(actor=actor, event=event, data=data)
            self.stdout.write(f"wrote the report of event {event.pk}")
        else:
            saved = services.report_update(
                report,
                actor=actor,
                expected_version=options["expected_version"] or report.version,
                data=data,
            )
            self.stdout.write(f"updated the report of event {event.pk} (version {saved.version})")

    # -- feeds ---------------------------------------------------------------------------------

    def _feeds(self, actor: Any, options: dict[str, Any]) -> None:
        rows = [
            dict(r) for r in CalendarFeedSerializer(selectors.feed_list(actor.user), many=True).data
        ]
        self.emit(rows, ["id", "label", "scope", "nation", "activity", "last_used_at"], options)

    def _feed_create(self, actor: Any, options: dict[str, Any]) -> None:
        data = {
            "label": options["label"] or "",
            "scope": options["scope"] or "USER",
            "nation": options["nation"],
            "activity": options["field_activity"],
        }
        serializer = CalendarFeedInputSerializer(
            data={k: v for k, v in data.items() if v is not None}, context={"user": actor.user}
        )
        if not serializer.is_valid():
            raise _serializer_error(serializer.errors)
        feed, token = services.feed_create(actor=actor, **serializer.validated_data)
        path = reverse("events:feed", args=[token])
        self.stdout.write(
            f"created feed {feed.pk}; its address (shown once, append to the site URL): {path}"
        )

    def _feed_revoke(self, actor: Any, options: dict[str, Any]) -> None:
        feed = selectors.feed_get(actor.user, options["id"])
        services.feed_revoke(feed, actor=actor)
        self.stdout.write(f"revoked feed {feed.pk}")
