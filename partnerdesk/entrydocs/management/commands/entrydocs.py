"""`partnerdesk entrydocs`: PfP entry documents from the command line, as a named user."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from partnerdesk.core.management.base import PartnerdeskCommand
from partnerdesk.core.selectors import history_list
from partnerdesk.entrydocs import selectors, services
from partnerdesk.entrydocs.serializers import EntryDocumentInputSerializer, EntryDocumentSerializer

FIELD_OPTIONS = {
    "nation": "nation code, e.g. AZE",
    "marking": "PUBLIC, PARTNERS, BILATERAL, ALLIANCE_ONLY or NATIONAL_ONLY",
    "doc_type": "FRAMEWORK_DOCUMENT, PRESENTATION_DOCUMENT or IPP",
    "edition": "1, 2, …",
    "title": "title",
    "signed_on": "YYYY-MM-DD",
    "signatory_name": "who signed",
    "signatory_title": "their title",
    "submitted_on": "YYYY-MM-DD, handed to NATO",
    "received_by": "who received it",
    "approved_on": "YYYY-MM-DD",
    "approval_body": "NAC, PARTNER, AMBASSADORS, SECRETARY_GENERAL or COMMITTEE",
    "approval_method": "MEETING, SILENCE_PROCEDURE or SIGNATURE",
    "summary": "free text",
}
COLUMNS = [
    "id",
    "nation",
    "doc_type",
    "edition",
    "title",
    "marking",
    "signed_on",
    "approved_on",
    "version",
]


class Command(PartnerdeskCommand):
    help = (
        "PfP entry documents: list | show ID | create | update ID --expected-version N | "
        "delete ID --expected-version N | history ID"
    )
    acts_as_user = True

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "operation", choices=["list", "show", "create", "update", "delete", "history"]
        )
        parser.add_argument("id", nargs="?", type=int)
        parser.add_argument(
            "--expected-version",
            dest="expected_version",
            type=int,
            help="The version you read (required for update and delete).",
        )
        parser.add_argument(
            "--source",
            dest="sources",
            action="append",
            type=int,
            metavar="SOURCE_ID",
            help="Cite a source (repeat for several).",
        )
        for name, text in FIELD_OPTIONS.items():
            parser.add_argument(f"--{name.replace('_', '-')}", dest=f"field_{name}", help=text)

    def _fields(self, options: dict[str, Any]) -> dict[str, Any]:
        data = {
            name: options[f"field_{name}"]
            for name in FIELD_OPTIONS
            if options[f"field_{name}"] is not None
        }
        if options["sources"] is not None:
            data["sources"] = options["sources"]
        return data

    def _validated(self, data: dict[str, Any], *, instance: Any = None) -> dict[str, Any]:
        serializer = EntryDocumentInputSerializer(instance, data=data, partial=instance is not None)
        if not serializer.is_valid():
            raise ValidationError({k: [str(m) for m in v] for k, v in serializer.errors.items()})
        return dict(serializer.validated_data)

    def _need(self, options: dict[str, Any], *names: str) -> None:
        for name in names:
            if options.get(name) is None:
                label = "ID" if name == "id" else "--expected-version"
                raise CommandError(f"{options['operation']} needs {label}")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self.actor(options)
        user = actor.user
        operation = options["operation"]
        if operation == "list":
            listed = EntryDocumentSerializer(selectors.entrydoc_list(user), many=True).data
            self.emit([dict(row) for row in listed], COLUMNS, options)
            return
        if operation == "create":
            doc = services.entrydoc_create(actor=actor, data=self._validated(self._fields(options)))
            self.stdout.write(f"created entry document {doc.pk} (version {doc.version})")
            return
        self._need(options, "id")
        if operation == "show":
            doc = selectors.entrydoc_get(user, options["id"])
            self.stdout.write(json.dumps(EntryDocumentSerializer(doc).data, indent=2, default=str))
        elif operation == "history":
            doc = selectors.entrydoc_get(user, options["id"])
            rows: list[dict[str, Any]] = [
                {
                    "when": r.timestamp.isoformat(timespec="seconds"),
                    "who": r.actor_label,
                    "via": r.source,
                    "action": r.action,
                    "fields": ",".join(r.changed_fields),
                }
                for r in history_list(user, doc)
            ]
            self.emit(rows, ["when", "who", "via", "action", "fields"], options)
        elif operation == "update":
            self._need(options, "expected_version")
            doc = selectors.entrydoc_get_for_change(user, options["id"])
            data = self._validated(self._fields(options), instance=doc)
            doc = services.entrydoc_update(
                doc, actor=actor, expected_version=options["expected_version"], data=data
            )
            self.stdout.write(f"updated entry document {doc.pk} (version {doc.version})")
        else:
            self._need(options, "expected_version")
            doc = selectors.entrydoc_get_for_change(user, options["id"])
            services.entrydoc_delete(doc, actor=actor, expected_version=options["expected_version"])
            self.stdout.write(f"deleted entry document {options['id']}")
