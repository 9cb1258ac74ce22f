"""`partnerdesk restore PATH`: replace the database with a backup and verify every table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnerdesk.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    """Restore a `partnerdesk backup` file and compare each table with the backup's manifest."""

    help = (
        "Restore the database from a backup made by `partnerdesk backup`, then verify every "
        "table's row count and checksum against the backup's manifest."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", metavar="PATH", help="The backup file (manifest beside it).")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Confirm replacing a database that already holds data.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = restore_backup(Path(options["path"]), overwrite=options["yes"])
        except BackupError as exc:
            raise CommandError(f"restore refused: {exc}") from exc
        if result.mismatches:
            raise CommandError(
                f"restored {result.dump}, but {len(result.mismatches)} tables differ from "
                "the backup's manifest:\n" + "\n".join(result.mismatches)
            )
        self.stdout.write(
            f"Restored {result.dump}: {result.tables} tables, {result.rows} rows; "
            "every table matches the manifest."
        )
