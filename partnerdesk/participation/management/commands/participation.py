"""`partnerdesk participation`: nominations, decisions, attendance, feedback and counts from
the command line, as a named user (the same services and selectors as the web and the API)."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from partnerdesk.core.management.base import PartnerdeskCommand
from partnerdesk.events.selectors import event_get
from partnerdesk.participation import analytics, selectors, services
from partnerdesk.participation.serializers import (
    FeedbackInputSerializer,
    RegistrationInputSerializer,
    RegistrationSerializer,
)

OPERATIONS = (
    "nominate",
    "approve",
    "reject",
    "cancel",
    "checkin",
    "feedback",
    "list",
    "counts",
    "remind-feedback",
)
LIST_COLUMNS = ["id", "event", "nation", "person_name", "category", "status", "attended"]
LIST_COLUMNS += ["version"]
COUNT_COLUMNS = ["area", "events", "military", "civilian", "participants"]
SERIES_COLUMNS = ["year", "events", "military", "civilian", "participants"]


def _checked(serializer: Any) -> dict[str, Any]:
    if not serializer.is_valid():
        raise ValidationError({k: [str(m) for m in v] for k, v in serializer.errors.items()})
    return dict(serializer.validated_data)


class Command(PartnerdeskCommand):
    help = (
        "Event participation: nominate --event ID --name N --category MILITARY|CIVILIAN "
        "[--nation AZE] | approve|reject|cancel ID --expected-version N | checkin ID "
        "--attended yes|no --expected-version N | feedback ID --overall 1-5 --relevance 1-5 | "
        "list [--event ID] | counts --nation AZE [--year 2015] | remind-feedback --event ID"
    )
    acts_as_user = True

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("operation", choices=OPERATIONS)
        parser.add_argument("id", nargs="?", type=int, help="The registration's id.")
        parser.add_argument("--event", type=int, help="The event's id.")
        parser.add_argument("--nation", help="Nation code, e.g. AZE.")
        parser.add_argument("--year", type=int, help="counts: the events' start year.")
        parser.add_argument("--name", help="nominate: the participant's name.")
        parser.add_argument("--rank", default="", help="nominate: rank or title.")
        parser.add_argument("--category", help="nominate: MILITARY or CIVILIAN.")
        parser.add_argument("--organisation", help="nominate: organisation code, e.g. AZE-MOD.")
        parser.add_argument("--organisation-name", default="", help="nominate: free text.")
        parser.add_argument("--email", default="", help="nominate: the participant's e-mail.")
        parser.add_argument("--note", default="", help="reject/cancel: why.")
        parser.add_argument("--attended", choices=("yes", "no"), help="checkin: attended?")
        parser.add_argument("--overall", type=int, help="feedback: 1 (poor) to 5 (excellent).")
        parser.add_argument("--relevance", type=int, help="feedback: 1 to 5.")
        parser.add_argument("--comments", default="", help="feedback: free text.")
        parser.add_argument(
            "--marking", default="BILATERAL", help="feedback: BILATERAL or NATIONAL_ONLY."
        )
        parser.add_argument(
            "--expected-version", dest="expected_version", type=int, help="The version you read."
        )

    def _need(self, options: dict[str, Any], *names: str) -> None:
        for name in names:
            if options.get(name) in (None, ""):
                flag = "ID" if name == "id" else "--" + name.replace("_", "-")
                raise CommandError(f"{options['operation']} needs {flag}")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self.actor(options)
        operation = options["operation"].replace("-", "_")
        getattr(self, f"_{operation}")(actor, options)

    def _row(self, registration: Any, options: dict[str, Any]) -> None:
        data = dict(RegistrationSerializer(registration).data)
        self.emit([data], LIST_COLUMNS, options)

    def _nominate(self, actor: Any, options: dict[str, Any]) -> None:
        self._need(options, "event", "name", "category")
        data = {
            "event": options["event"],
            "person_name": options["name"],
            "rank_title": options["rank"],
            "category": options["category"],
            "organisation_name": options["organisation_name"],
            "email": options["email"],
        }
        if options["nation"]:
            data["nation"] = options["nation"]
        if options["organisation"]:
            data["organisation"] = options["organisation"]
        serializer = RegistrationInputSerializer(data=data, context={"user": actor.user})
        registration = services.registration_nominate(actor=actor, data=_checked(serializer))
        self._row(registration, options)

    def _decide(self, actor: Any, options: dict[str, Any], service: Any, **extra: Any) -> None:
        self._need(options, "id", "expected_version")
        registration = selectors.registration_get(actor.user, options["id"])
        moved = service(
            registration, actor=actor, expected_version=options["expected_version"], **extra
        )
        self._row(moved, options)

    def _approve(self, actor: Any, options: dict[str, Any]) -> None:
        self._decide(actor, options, services.registration_approve)

    def _reject(self, actor: Any, options: dict[str, Any]) -> None:
        self._decide(actor, options, services.registration_reject, note=options["note"])

    def _cancel(self, actor: Any, options: dict[str, Any]) -> None:
        self._decide(actor, options, services.registration_cancel, note=options["note"])

    def _checkin(self, actor: Any, options: dict[str, Any]) -> None:
        self._need(options, "attended")
        self._decide(
            actor, options, services.registration_check_in, attended=options["attended"] == "yes"
        )

    def _feedback(self, actor: Any, options: dict[str, Any]) -> None:
        self._need(options, "id", "overall", "relevance")
        data = {
            "registration": options["id"],
            "overall": options["overall"],
            "relevance": options["relevance"],
            "comments": options["comments"],
            "marking": options["marking"],
        }
        serializer = FeedbackInputSerializer(data=data, context={"user": actor.user})
        feedback = services.feedback_create(actor=actor, data=_checked(serializer))
        self.stdout.write(
            f"feedback {feedback.pk} recorded for registration {feedback.registration_id} "
            f"({feedback.marking}, version {feedback.version})"
        )

    def _list(self, actor: Any, options: dict[str, Any]) -> None:
        registrations = selectors.registration_list(actor.user, event=options["event"])
        if options["nation"]:
            registrations = registrations.filter(owner__code__iexact=options["nation"])
        rows = [dict(row) for row in RegistrationSerializer(registrations, many=True).data]
        self.emit(rows, LIST_COLUMNS, options)

    def _counts(self, actor: Any, options: dict[str, Any]) -> None:
        self._need(options, "nation")
        counts = analytics.participation_counts(
            actor.user, nation=options["nation"], year=options["year"]
        )
        data = counts.as_dict()
        if options.get("json"):
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
            return
        scope = f"in {counts.year}" if counts.year else "all years"
        self.stdout.write(
            f"{counts.nation.name} {scope}: {counts.events} events joined, "
            f"{counts.participants} participants ({counts.military} military, "
            f"{counts.civilian} civilian)"
        )
        self.emit(data["areas"], COUNT_COLUMNS, options)
        self.emit(data["series"], SERIES_COLUMNS, options)

    def _remind_feedback(self, actor: Any, options: dict[str, Any]) -> None:
        self._need(options, "event")
        event = event_get(actor.user, options["event"])
        sent = services.feedback_remind(actor=actor, event=event)
        self.stdout.write(f"feedback reminders sent: {sent}")
