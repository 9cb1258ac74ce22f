"""Backup and restore of the whole database, with a manifest that proves a restore is exact.

SQLite is copied with the online backup API (a consistent snapshot even while writers run);
PostgreSQL with `pg_dump --format=custom`, taken from a snapshot exported by a REPEATABLE READ
transaction in which the manifest's checksums are computed too, so dump and manifest describe
the same moment. The manifest (JSON next to the dump) holds the vendor, the creation time, the
applied migrations, the dump file's SHA-256 and, per table, the row count and a SHA-256 of its
rows in primary-key order (`table_checksums`, one function for both databases).
"""

from __future__ import annotations

import datetime as dt
import decimal
import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import connections, transaction
from django.db.migrations.recorder import MigrationRecorder

MANIFEST_FORMAT = 1
CHUNK = 2000
# Tables a freshly migrated database already fills; rows elsewhere make a database "not empty".
BOOKKEEPING_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission"})


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, for the operator."""


@dataclass(frozen=True)
class TableSum:
    """Row count and checksum of one table."""

    rows: int
    sha256: str


@dataclass
class BackupResult:
    """What `create_backup` wrote."""

    dump: Path
    manifest_path: Path
    manifest: dict[str, Any]


@dataclass
class RestoreResult:
    """What `restore_backup` did and what the verification found (empty `mismatches`: exact)."""

    dump: Path
    tables: int
    rows: int
    mismatches: list[str] = field(default_factory=list)


def manifest_path_for(dump: Path) -> Path:
    """The manifest's path for a dump: the dump's name plus `.manifest.json`."""
    return dump.with_name(dump.name + ".manifest.json")


def _canonical(value: Any) -> Any:
    """A JSON-ready form of a column value that is the same whichever database returned it."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")  # 10.50 and 10.5 alike, never "1E+1"
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value.total_seconds())
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return str(value)


def backed_up_models() -> Iterator[Any]:
    """Every concrete, managed model with a table, including automatic many-to-many tables."""
    seen: set[str] = set()
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen:
            continue
        seen.add(meta.db_table)
        yield model


def table_checksums(using: str = "default") -> dict[str, TableSum]:
    """Per table (sorted by name): the row count and a SHA-256 over its rows in primary-key order.

    Rows are read through the ORM (`_base_manager`, every concrete column) and each value is
    normalised by `_canonical`, so the result depends only on the data, not on the database
    driver. Django's migration table is included; tables missing from the database are skipped.
    """
    existing = set(connections[using].introspection.table_names())
    result: dict[str, TableSum] = {}
    for model in sorted(backed_up_models(), key=lambda m: m._meta.db_table):
        table = model._meta.db_table
        if table not in existing:
            continue
        result[table] = _model_sum(model, using)
    if MigrationRecorder.Migration._meta.db_table in existing:
        result[MigrationRecorder.Migration._meta.db_table] = _model_sum(
            MigrationRecorder.Migration, using
        )
    return dict(sorted(result.items()))


def _model_sum(model: Any, using: str) -> TableSum:
    return queryset_sum(model._base_manager.using(using).all())


def queryset_sum(queryset: Any) -> TableSum:
    """Row count and SHA-256 of a queryset's rows (every concrete column) in primary-key order.

    `table_checksums` applies it to whole tables; tests apply it to a prefix of a table.
    """
    columns = [f.attname for f in queryset.model._meta.concrete_fields]
    digest = hashlib.sha256()
    rows = 0
    for row in queryset.order_by("pk").values_list(*columns).iterator(chunk_size=CHUNK):
        digest.update(json.dumps([_canonical(v) for v in row], ensure_ascii=False).encode())
        digest.update(b"\n")
        rows += 1
    return TableSum(rows=rows, sha256=digest.hexdigest())


def applied_migrations(using: str = "default") -> list[str]:
    """`app.migration` for every applied migration, sorted; empty for a database never migrated."""
    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return []
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def is_empty(using: str = "default") -> bool:
    """True when no table outside Django's bookkeeping holds a row (fresh or just migrated)."""
    existing = set(connections[using].introspection.table_names())
    for model in backed_up_models():
        table = model._meta.db_table
        if (
            table in existing
            and table not in BOOKKEEPING_TABLES
            and model._base_manager.using(using).exists()
        ):
            return False
    return True


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _manifest(vendor: str, dump: Path, sums: dict[str, TableSum], migrations: list[str]) -> dict:
    return {
        "format": MANIFEST_FORMAT,
        "vendor": vendor,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "dump": dump.name,
        "dump_sha256": file_sha256(dump),
        "migrations": migrations,
        "tables": {t: {"rows": s.rows, "sha256": s.sha256} for t, s in sums.items()},
    }


def default_output(vendor: str, directory: Path) -> Path:
    """`partnerdesk-<UTC timestamp>.sqlite3` or `.pgdump` in `directory`."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return directory / f"partnerdesk-{stamp}.{'sqlite3' if vendor == 'sqlite' else 'pgdump'}"


def create_backup(output: Path, using: str = "default") -> BackupResult:
    """Write a consistent backup of the database to `output` and its manifest next to it.

    Refuses to overwrite an existing file. On SQLite the copy passes `PRAGMA integrity_check`
    before the manifest is written; on PostgreSQL pg_dump reads the very snapshot the checksums
    are computed in. A failed backup leaves no dump or manifest behind.
    """
    output = output.resolve()
    manifest_path = manifest_path_for(output)
    for path in (output, manifest_path):
        if path.exists():
            raise BackupError(f"{path} already exists; choose another --output.")
    if not output.parent.is_dir():
        raise BackupError(f"directory {output.parent} does not exist.")
    vendor = connections[using].vendor
    try:
        if vendor == "sqlite":
            sums, migrations = _sqlite_backup(output, using)
        elif vendor == "postgresql":
            sums, migrations = _postgres_backup(output, using)
        else:
            raise BackupError(f"backups of {vendor} databases are not supported.")
        manifest = _manifest(vendor, output, sums, migrations)
        manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    except BaseException:
        output.unlink(missing_ok=True)
        manifest_path.unlink(missing_ok=True)
        raise
    return BackupResult(dump=output, manifest_path=manifest_path, manifest=manifest)


def sqlite_file(using: str = "default") -> Path:
    """The SQLite database file of a connection, with `//` at the start folded to `/`."""
    name = str(connections[using].settings_dict["NAME"])
    return Path("/" + name.lstrip("/")) if name.startswith("/") else Path(name)


def _sqlite_backup(output: Path, using: str) -> tuple[dict[str, TableSum], list[str]]:
    source_path = sqlite_file(using)
    try:
        source = sqlite3.connect(source_path.as_uri() + "?mode=ro", uri=True, timeout=20)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot open the database {source_path}: {exc}") from exc
    target = sqlite3.connect(str(output))
    try:
        # One step copies every page under a single read lock: a snapshot of one moment.
        source.backup(target, pages=-1)
        target.execute("PRAGMA journal_mode=DELETE")
        status = target.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.Error as exc:
        raise BackupError(f"copying the database failed: {exc}") from exc
    finally:
        target.close()
        source.close()
    if status != "ok":
        raise BackupError(f"the copy failed its integrity check: {status}")
    return _sums_of_sqlite_file(output, using)


def _sums_of_sqlite_file(path: Path, using: str) -> tuple[dict[str, TableSum], list[str]]:
    """Checksums and migrations of another SQLite file, read through a temporary alias."""
    alias = f"backup_{uuid.uuid4().hex[:8]}"
    settings = dict(connections[using].settings_dict)
    settings["NAME"] = str(path)
    settings["CONN_MAX_AGE"] = 0
    settings["OPTIONS"] = {"timeout": 20}
    connections.settings[alias] = settings
    try:
        return table_checksums(alias), applied_migrations(alias)
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


def pg_tool(name: str) -> str:
    """The path of a PostgreSQL client program: on PATH, else the newest /usr/lib/postgresql."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if not candidates:
        raise BackupError(f"{name} was not found on PATH or under /usr/lib/postgresql/*/bin.")
    return candidates[-1]


def _pg_args(using: str) -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment for pg_dump/pg_restore from Django's settings."""
    s = connections[using].settings_dict
    args = []
    if s.get("HOST"):
        args += ["--host", str(s["HOST"])]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", str(s["USER"])]
    args += ["--dbname", str(s["NAME"])]
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    # The program is a PostgreSQL client found by pg_tool; the arguments are a list (no shell).
    done = subprocess.run(  # noqa: S603
        command, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise BackupError(f"{what} failed: " + ("; ".join(detail[-3:]) or "no output"))


def _postgres_backup(output: Path, using: str) -> tuple[dict[str, TableSum], list[str]]:
    conn = connections[using]
    args, env = _pg_args(using)
    with transaction.atomic(using=using):
        with conn.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        _run(
            [
                pg_tool("pg_dump"),
                "--format=custom",
                f"--snapshot={snapshot}",
                "--file",
                str(output),
                *args,
            ],
            env,
            "pg_dump",
        )
        return table_checksums(using), applied_migrations(using)


def read_manifest(dump: Path) -> dict[str, Any]:
    """The manifest of a dump, checked: it exists, parses, and the dump's SHA-256 matches it."""
    if not dump.is_file():
        raise BackupError(f"{dump} does not exist or is not a file.")
    path = manifest_path_for(dump)
    if not path.is_file():
        raise BackupError(f"the manifest {path} is missing; cannot verify this backup.")
    try:
        manifest = json.loads(path.read_text())
        tables = manifest["tables"]
        vendor = manifest["vendor"]
        expected = manifest["dump_sha256"]
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"the manifest {path} is not a partnerdesk backup manifest.") from exc
    if not isinstance(tables, dict) or not isinstance(vendor, str):
        raise BackupError(f"the manifest {path} is not a partnerdesk backup manifest.")
    if file_sha256(dump) != expected:
        raise BackupError(
            f"{dump} is damaged: its SHA-256 differs from the manifest's; nothing was restored."
        )
    return manifest


def compare(manifest: dict[str, Any], sums: dict[str, TableSum]) -> list[str]:
    """One line per table whose rows differ from the manifest (missing, extra or changed)."""
    expected = manifest["tables"]
    problems = []
    for table in sorted(set(expected) | set(sums)):
        if table not in sums:
            problems.append(f"{table}: missing from the restored database")
        elif table not in expected:
            problems.append(f"{table}: not in the backup but present after restore")
        elif (sums[table].rows, sums[table].sha256) != (
            expected[table]["rows"],
            expected[table]["sha256"],
        ):
            problems.append(
                f"{table}: {sums[table].rows} rows, checksum {sums[table].sha256[:12]}; "
                f"backup has {expected[table]['rows']} rows, "
                f"checksum {expected[table]['sha256'][:12]}"
            )
    return problems


def restore_backup(dump: Path, *, overwrite: bool, using: str = "default") -> RestoreResult:
    """Replace the database with the backup `dump`, then verify every table against its manifest.

    Checks before touching anything: the manifest matches the dump's bytes, the vendor matches,
    the dump itself reads (SQLite integrity check, `pg_restore --list`), and the target is empty
    unless `overwrite`. A refused restore changes nothing.
    """
    dump = dump.resolve()
    manifest = read_manifest(dump)
    vendor = connections[using].vendor
    if manifest["vendor"] != vendor:
        raise BackupError(
            f"this is a {manifest['vendor']} backup; the configured database is {vendor}."
        )
    if not overwrite and not is_empty(using):
        raise BackupError(
            "the target database is not empty; restoring replaces all its data. "
            "Re-run with --yes to confirm."
        )
    if vendor == "sqlite":
        _sqlite_restore(dump, using)
    else:
        _postgres_restore(dump, using)
    connections[using].close()
    sums = table_checksums(using)
    return RestoreResult(
        dump=dump,
        tables=len(sums),
        rows=sum(s.rows for s in sums.values()),
        mismatches=compare(manifest, sums),
    )


def _sqlite_restore(dump: Path, using: str) -> None:
    try:
        source = sqlite3.connect(dump.as_uri() + "?mode=ro", uri=True)
        status = source.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{dump} is not a readable SQLite backup: {exc}") from exc
    if status != "ok":
        source.close()
        raise BackupError(f"{dump} failed its integrity check: {status}")
    connections.close_all()
    target = sqlite3.connect(sqlite_file(using), timeout=20)
    try:
        # The backup API in reverse: pages are copied under the target's write lock, so other
        # connections see either the old database or the restored one, never a mixture.
        source.backup(target, pages=-1)
    finally:
        target.close()
        source.close()


def _postgres_restore(dump: Path, using: str) -> None:
    args, env = _pg_args(using)
    _run([pg_tool("pg_restore"), "--list", str(dump)], env, "reading the dump")
    connections.close_all()
    _run(
        [
            pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(dump),
        ],
        env,
        "pg_restore",
    )
