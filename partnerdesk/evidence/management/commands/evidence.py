"""`partnerdesk evidence`: documents, their facts, review decisions and search.

partnerdesk evidence documents [--nation AZE] [--awaiting] --as USER [--json]
partnerdesk evidence show DOC --as USER [--json]
partnerdesk evidence facts DOC [--status proposed] --as USER [--json]
partnerdesk evidence review FACT (--accept | --reject | --edit JSON) [--note TEXT] --as USER
partnerdesk evidence search WORDS... [--nation AZE] [--mechanism IPAP] [--outlet O]
    [--from DATE] [--to DATE] [--limit N] --as USER [--json]
"""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.html import strip_tags

from partnerdesk.core.management.base import PartnerdeskCommand
from partnerdesk.evidence import selectors, services
from partnerdesk.evidence.search import SearchFilters, search
from partnerdesk.evidence.serializers import DocumentDetailSerializer, FactSerializer
from partnerdesk.organisations.models import Organisation

SUBCOMMANDS = ("documents", "show", "facts", "review", "search")


def _date(value: str | None, flag: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{flag}: give a date as YYYY-MM-DD.") from exc


class Command(PartnerdeskCommand):
    help = (
        "Evidence: documents | show DOC | facts DOC | review FACT --accept|--reject|--edit | search"
    )
    acts_as_user = True

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("subcommand", choices=SUBCOMMANDS)
        parser.add_argument("args", nargs="*", help="DOC, FACT or search words")
        parser.add_argument("--nation", help="nation code")
        parser.add_argument("--awaiting", action="store_true", help="only documents to review")
        parser.add_argument("--status", help="proposed, accepted, edited or rejected")
        decision = parser.add_mutually_exclusive_group()
        decision.add_argument("--accept", action="store_true")
        decision.add_argument("--reject", action="store_true")
        decision.add_argument(
            "--edit", metavar="JSON", help='changed fields, e.g. {"when": "2016-05"}'
        )
        parser.add_argument("--note", default="", help="a note kept with the decision")
        parser.add_argument("--mechanism")
        parser.add_argument("--outlet")
        parser.add_argument("--from", dest="date_from")
        parser.add_argument("--to", dest="date_to")
        parser.add_argument("--limit", type=int, default=20)

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self.actor(options)
        sub = options["subcommand"]
        getattr(self, f"_{sub}")(list(args), options, actor)

    def _one_id(self, args: list[str], what: str) -> int:
        if len(args) != 1 or not args[0].isdigit():
            raise CommandError(f"give one {what} id")
        return int(args[0])

    def _print(self, data: Any) -> None:
        self.stdout.write(json.dumps(data, indent=2, default=str, ensure_ascii=False))

    def _documents(self, args: list[str], options: dict[str, Any], actor: Any) -> None:
        nation_id = None
        if options["nation"]:
            nation = Organisation.objects.filter(code=options["nation"].upper()).first()
            if nation is None:
                raise CommandError(f"--nation: no organisation with code {options['nation']!r}.")
            nation_id = nation.pk
        queryset = selectors.document_list(
            actor.user, nation_id=nation_id, awaiting=options["awaiting"]
        )
        rows = [
            {
                "id": d.pk,
                "nation": d.owner.code,
                "published": d.published,
                "outlet": d.outlet,
                "title": str(d),
                "grading": d.grading,
                "facts": getattr(d, "fact_count", 0),
                "proposed": getattr(d, "proposed_count", 0),
                "marking": d.marking,
            }
            for d in queryset
        ]
        self.emit(
            rows,
            ("id", "nation", "published", "outlet", "title", "grading", "facts", "proposed"),
            options,
        )

    def _show(self, args: list[str], options: dict[str, Any], actor: Any) -> None:
        document = selectors.document_get(actor.user, self._one_id(args, "document"))
        data = DocumentDetailSerializer(document).data
        if options["json"]:
            self._print(data)
            return
        for key in ("id", "nation", "title", "outlet", "author", "published", "grading", "url"):
            self.stdout.write(f"{key}: {data.get(key) or '—'}")
        self.stdout.write("")
        self.stdout.write(document.text)

    def _facts(self, args: list[str], options: dict[str, Any], actor: Any) -> None:
        document = selectors.document_get(actor.user, self._one_id(args, "document"))
        facts = selectors.fact_list(
            actor.user, document_id=document.pk, status=options["status"] or None
        )
        if options["json"]:
            self._print(FactSerializer(facts, many=True).data)
            return
        rows = [
            {
                "id": f.pk,
                "kind": f.kind,
                "fact": f.summary,
                "quote": f.quote if len(f.quote) <= 60 else f.quote[:57] + "…",
                "status": f.status,
                "version": f.version,
            }
            for f in facts
        ]
        self.emit(rows, ("id", "kind", "fact", "quote", "status", "version"), options)

    def _review(self, args: list[str], options: dict[str, Any], actor: Any) -> None:
        fact = selectors.fact_get_for_change(actor.user, self._one_id(args, "fact"))
        payload = None
        if options["accept"]:
            decision = "accept"
        elif options["reject"]:
            decision = "reject"
        elif options["edit"]:
            decision = "edit"
            try:
                payload = json.loads(options["edit"])
            except json.JSONDecodeError as exc:
                raise CommandError(f"--edit: not valid JSON ({exc.msg}).") from exc
        else:
            raise CommandError("give --accept, --reject or --edit JSON")
        review = services.fact_review(
            fact,
            actor=actor,
            expected_version=fact.version,
            decision=decision,
            payload=payload,
            note=options["note"],
        )
        result = {
            "fact": fact.pk,
            "decision": review.decision,
            "record": review.record_label or None,
            "record_url": review.record_url or None,
            "created": review.record_created if review.record_url else None,
        }
        if options["json"]:
            self._print(result)
            return
        self.stdout.write(f"fact {fact.pk}: {review.get_decision_display().lower()}")
        if review.record_url:
            verb = "created" if review.record_created else "linked"
            self.stdout.write(f"{verb}: {review.record_label} ({review.record_url})")

    def _search(self, args: list[str], options: dict[str, Any], actor: Any) -> None:
        if not args:
            raise CommandError("give the words to search for")
        filters = SearchFilters(
            nation=options["nation"],
            mechanism=options["mechanism"],
            outlet=options["outlet"],
            date_from=_date(options["date_from"], "--from"),
            date_to=_date(options["date_to"], "--to"),
        )
        hits = search(actor.user, " ".join(args), filters, limit=options["limit"])
        rows = [
            {
                "id": h.document.pk,
                "nation": h.document.owner.code,
                "published": h.document.published,
                "title": str(h.document),
                "snippet": html.unescape(strip_tags(str(h.snippet))),
            }
            for h in hits
        ]
        self.emit(rows, ("id", "nation", "published", "title", "snippet"), options)
