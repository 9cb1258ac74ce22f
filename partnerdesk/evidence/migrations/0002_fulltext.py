"""Full-text search structures, one per database vendor.

SQLite: an FTS5 table (rowid = document id) the ingest service keeps in sync.
PostgreSQL: a GIN expression index matching `evidence.search.PG_VECTOR`.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

PG_VECTOR = "to_tsvector('english', coalesce(title, '') || ' ' || coalesce(text, ''))"


def create(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS evidence_document_fts "
            "USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS evidence_document_fts_idx "
            f"ON evidence_document USING GIN ({PG_VECTOR})"
        )


def drop(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS evidence_document_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS evidence_document_fts_idx")


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
