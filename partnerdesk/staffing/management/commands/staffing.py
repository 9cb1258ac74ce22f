"""`partnerdesk staffing`: staff postings and headcounts, as a named user.

partnerdesk staffing list [--nation AZE] [--serving-on DATE] --as USER [--json]
partnerdesk staffing show ID --as USER
partnerdesk staffing add --nation AZE --scheme PSE --host NATO-IS --post-title … --start DATE
    [--start-precision MONTH] [--end DATE] [--person-name …] [--rank …] … --as USER
partnerdesk staffing update ID --expected-version N [--end DATE] … --as USER
partnerdesk staffing delete ID --expected-version N --as USER
partnerdesk staffing headcount --nation AZE --on 2016-03-07 [--scope NATO_HQ] --as USER
partnerdesk staffing series --nation AZE [--scope NATO_HQ] [--from 2002 --to 2020] --as USER

Names are shown exactly as on the web and in the API: to the sending nation's users only.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from partnerdesk.core.management.base import PartnerdeskCommand
from partnerdesk.organisations.models import Organisation
from partnerdesk.staffing import selectors, services
from partnerdesk.staffing.choices import Scheme, Scope
from partnerdesk.staffing.filtersets import PostingFilter
from partnerdesk.staffing.serializers import PostingInputSerializer, PostingSerializer

FIELD_OPTIONS = {
    "marking": "PUBLIC, PARTNERS, BILATERAL, ALLIANCE_ONLY or NATIONAL_ONLY",
    "scheme": "PSE, PSP or VNC",
    "person_name": "the person's name (sending nation's users only)",
    "rank": "rank",
    "host": "code of the NATO body, e.g. NATO-IS, SHAPE, EADRCC",
    "post_title": "the post",
    "start_on": "YYYY-MM-DD (any day of the month or year with MONTH or YEAR precision)",
    "start_precision": "DAY, MONTH or YEAR",
    "end_on": "YYYY-MM-DD; empty string: still serving",
    "end_precision": "DAY, MONTH or YEAR",
    "funding": "NATIONAL, NATO or OTHER",
    "notes": "free text",
}
OPTION_NAMES = {"start_on": "start", "end_on": "end"}
OPERATIONS = ("list", "show", "add", "update", "delete", "headcount", "series")
LIST_COLUMNS = ["id", "nation", "person", "rank", "scheme", "host", "post_title", "start", "end"]


class Command(PartnerdeskCommand):
    help = (
        "Staff postings: list | show ID | add … | update ID --expected-version N … | "
        "delete ID --expected-version N | headcount --nation AZE --on DATE [--scope NATO_HQ] | "
        "series --nation AZE"
    )
    acts_as_user = True

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("operation", choices=OPERATIONS)
        parser.add_argument("id", nargs="?", type=int)
        parser.add_argument("--nation", help="Nation code, e.g. AZE.")
        parser.add_argument(
            "--expected-version", type=int, help="The version you are changing (see `show`)."
        )
        parser.add_argument("--on", type=dt.date.fromisoformat, help="Day counted (YYYY-MM-DD).")
        parser.add_argument("--serving-on", type=dt.date.fromisoformat, help="List filter.")
        parser.add_argument(
            "--scope", choices=Scope.values, default=Scope.ALL_BODIES, help="Headcount scope."
        )
        parser.add_argument("--from", dest="year_from", type=int, help="First year of a series.")
        parser.add_argument("--to", dest="year_to", type=int, help="Last year of a series.")
        parser.add_argument(
            "--source",
            dest="sources",
            action="append",
            type=int,
            metavar="SOURCE_ID",
            help="Cite a source (repeat for several).",
        )
        for name, text in FIELD_OPTIONS.items():
            flag = OPTION_NAMES.get(name, name).replace("_", "-")
            parser.add_argument(f"--{flag}", dest=f"field_{name}", help=text)

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self.actor(options)
        user = actor.user
        operation = options["operation"]
        context = {"user": user}
        if operation == "list":
            params = {"nation": options["nation"] or "", "serving_on": options["serving_on"] or ""}
            listed = PostingFilter(params, queryset=selectors.posting_list(user)).qs
            rows = [dict(r) for r in PostingSerializer(listed, many=True, context=context).data]
            self.emit(rows, LIST_COLUMNS, options)
        elif operation == "show":
            posting = selectors.posting_get(user, self._id(options))
            shown = PostingSerializer(posting, context=context).data
            self.stdout.write(json.dumps(shown, indent=2, default=str, ensure_ascii=False))
        elif operation == "add":
            created = services.posting_create(
                actor=actor, data=self._input(options, context, partial=False)
            )
            self._saved("recorded", selectors.posting_get(user, created.pk))
        elif operation == "update":
            posting = selectors.posting_get_for_change(user, self._id(options))
            changes = self._input(options, context, partial=True, instance=posting)
            saved = services.posting_update(
                posting, actor=actor, expected_version=self._version(options), data=changes
            )
            self._saved("updated", selectors.posting_get(user, saved.pk))
        elif operation == "delete":
            posting = selectors.posting_get_for_change(user, self._id(options))
            label = str(posting)
            services.posting_delete(posting, actor=actor, expected_version=self._version(options))
            self.stdout.write(f"deleted posting {options['id']}: {label}")
        elif operation == "headcount":
            self._headcount(user, options)
        else:
            self._series(user, options)

    def _id(self, options: dict[str, Any]) -> int:
        if options["id"] is None:
            raise CommandError(f"{options['operation']} needs ID")
        return int(options["id"])

    def _version(self, options: dict[str, Any]) -> int:
        if options["expected_version"] is None:
            raise CommandError(f"{options['operation']} needs --expected-version N (see `show`)")
        return int(options["expected_version"])

    def _scheme(self, options: dict[str, Any]) -> str | None:
        scheme = options["field_scheme"]
        if scheme and scheme not in Scheme.values:
            raise CommandError(f"--scheme: use one of {', '.join(Scheme.values)}")
        return scheme or None

    def _nation(self, options: dict[str, Any]) -> Organisation:
        code = options["nation"]
        if not code:
            raise CommandError(f"{options['operation']} needs --nation CODE")
        nation = Organisation.objects.filter(code__iexact=code, kind="STATE").first()
        if nation is None:
            raise CommandError(f"--nation: no nation with code {code!r}")
        return nation

    def _input(
        self,
        options: dict[str, Any],
        context: dict[str, Any],
        *,
        partial: bool,
        instance: Any = None,
    ) -> dict[str, Any]:
        data: dict[str, Any] = {
            name: options[f"field_{name}"]
            for name in FIELD_OPTIONS
            if options[f"field_{name}"] is not None
        }
        if data.get("end_on") == "":
            data["end_on"] = None
        if options["nation"]:
            data["nation"] = options["nation"]
        if options["sources"] is not None:
            data["sources"] = options["sources"]
        serializer = PostingInputSerializer(instance, data=data, partial=partial, context=context)
        if not serializer.is_valid():
            raise ValidationError({k: [str(m) for m in v] for k, v in serializer.errors.items()})
        return dict(serializer.validated_data)

    def _saved(self, verb: str, posting: Any) -> None:
        self.stdout.write(
            f"{verb} posting {posting.pk} (version {posting.version}): {posting.display_name}, "
            f"{posting.post_title} at {posting.host.code}, "
            f"{posting.start_display}–{posting.end_display}"
        )

    def _headcount(self, user: Any, options: dict[str, Any]) -> None:
        nation = self._nation(options)
        if options["on"] is None:
            raise CommandError("headcount needs --on YYYY-MM-DD")
        count = selectors.headcount(
            user,
            nation.pk,
            on=options["on"],
            scope=options["scope"],
            scheme=self._scheme(options),
        )
        row = {
            "nation": nation.code,
            "on": options["on"].isoformat(),
            "scope": options["scope"],
            "scheme": self._scheme(options) or "",
            "count": count,
        }
        if options["json"]:
            self.stdout.write(json.dumps(row, indent=2))
            return
        self.stdout.write(
            f"{nation.code} on {row['on']} ({dict(Scope.choices)[options['scope']]}"
            f"{', ' + row['scheme'] if row['scheme'] else ''}): {count}"
        )

    def _series(self, user: Any, options: dict[str, Any]) -> None:
        nation = self._nation(options)
        first, last = options["year_from"], options["year_to"]
        if (first is None) != (last is None):
            raise CommandError("series needs both --from and --to, or neither")
        if first is not None and last is not None and not 0 <= last - first <= 100:
            raise CommandError("--to must be from --from to 100 years after it")
        points = selectors.headcount_series(
            user,
            nation.pk,
            scope=options["scope"],
            scheme=self._scheme(options),
            years=(first, last) if first is not None and last is not None else None,
        )
        rows = [
            {
                "year": p.year,
                "on": p.on.isoformat(),
                "count": p.count,
                "started": p.started,
                "ended": p.ended,
            }
            for p in points
        ]
        self.emit(rows, ["year", "on", "count", "started", "ended"], options)
