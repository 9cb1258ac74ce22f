"""`partnerdesk backup`: a consistent copy of the database and a manifest to verify it by."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from partnerdesk.core.backup import BackupError, create_backup, default_output


class Command(BaseCommand):
    """Back up the configured database (SQLite backup API or pg_dump) with a checksum manifest."""

    help = (
        "Back up the database to a file (SQLite: online backup API; PostgreSQL: pg_dump "
        "--format=custom) and write a manifest of row counts and checksums next to it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            metavar="PATH",
            help="Where to write the backup (default: var/backups/partnerdesk-<UTC time>.*).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["output"]:
            output = Path(options["output"])
        else:
            directory = Path(settings.PARTNERDESK_VAR_DIR) / "backups"
            directory.mkdir(parents=True, exist_ok=True)
            output = default_output(connection.vendor, directory)
        try:
            result = create_backup(output)
        except BackupError as exc:
            raise CommandError(f"backup failed: {exc}") from exc
        tables = result.manifest["tables"]
        rows = sum(t["rows"] for t in tables.values())
        self.stdout.write(
            f"Backed up the {result.manifest['vendor']} database: {len(tables)} tables, "
            f"{rows} rows, {len(result.manifest['migrations'])} migrations applied."
        )
        self.stdout.write(f"Backup:   {result.dump} ({result.dump.stat().st_size} bytes)")
        self.stdout.write(f"Manifest: {result.manifest_path}")
