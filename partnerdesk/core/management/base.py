"""Base class for partnerdesk's commands: explicit actor, clear errors, table or JSON output."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden, NotFound, VersionConflict


def format_validation_error(error: ValidationError) -> str:
    """`field: message` lines for a ValidationError."""
    if hasattr(error, "error_dict"):
        return "\n".join(
            f"{'(record)' if field == '__all__' else field}: {message}"
            for field, messages in error.message_dict.items()
            for message in messages
        )
    return "\n".join(error.messages)


class PartnerdeskCommand(BaseCommand):
    """A command that acts as a named user and turns service errors into clear messages."""

    acts_as_user = False

    def add_arguments(self, parser: CommandParser) -> None:
        if self.acts_as_user:
            parser.add_argument(
                "--as",
                dest="as_user",
                metavar="USERNAME",
                required=True,
                help="Act as this user: their rights apply and the change log names them.",
            )
        parser.add_argument("--json", action="store_true", help="Print JSON instead of a table.")

    def actor(self, options: dict[str, Any]) -> Actor:
        """The actor named by --as; it must exist and be active."""
        username = options.get("as_user")
        user = get_user_model().objects.filter(username=username).first()
        if user is None or not user.is_active:
            raise CommandError(f"--as: no active user named {username!r}.")
        return Actor.cli(user)

    def execute(self, *args: Any, **options: Any) -> Any:
        try:
            return super().execute(*args, **options)
        except ValidationError as exc:
            raise CommandError("invalid input:\n" + format_validation_error(exc)) from exc
        except NotFound as exc:
            raise CommandError(f"not found: {exc}") from exc
        except Forbidden as exc:
            raise CommandError(f"not allowed: {exc}") from exc
        except VersionConflict as exc:
            raise CommandError(f"conflict: {exc}") from exc

    def emit(
        self, rows: Sequence[dict[str, Any]], columns: Iterable[str], options: dict[str, Any]
    ) -> None:
        """Print rows as JSON (--json) or as an aligned plain-text table."""
        columns = list(columns)
        if options.get("json"):
            self.stdout.write(json.dumps(list(rows), indent=2, default=str, ensure_ascii=False))
            return
        cells = [[("" if row.get(c) is None else str(row.get(c))) for c in columns] for row in rows]
        widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
        self.stdout.write(
            "  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()
        )
        for row in cells:
            self.stdout.write(
                "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
            )
        self.stdout.write(f"({len(cells)} rows)")
