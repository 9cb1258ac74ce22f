"""Make the change log append-only in the database itself (SQLite and PostgreSQL)."""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE TRIGGER core_changerecord_no_update BEFORE UPDATE ON core_changerecord
       BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;""",
    """CREATE TRIGGER core_changerecord_no_delete BEFORE DELETE ON core_changerecord
       BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS core_changerecord_no_update;",
    "DROP TRIGGER IF EXISTS core_changerecord_no_delete;",
]
POSTGRES_FORWARD = [
    """CREATE OR REPLACE FUNCTION core_changerecord_refuse() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'the change log is append-only'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER core_changerecord_no_change BEFORE UPDATE OR DELETE ON core_changerecord
       FOR EACH ROW EXECUTE FUNCTION core_changerecord_refuse();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS core_changerecord_no_change ON core_changerecord;",
    "DROP FUNCTION IF EXISTS core_changerecord_refuse();",
]


def forward(apps, schema_editor):
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(
        schema_editor.connection.vendor, []
    )
    for statement in statements:
        schema_editor.execute(statement)


def reverse(apps, schema_editor):
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}.get(
        schema_editor.connection.vendor, []
    )
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forward, reverse)]
