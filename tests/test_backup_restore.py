"""T7: `partnerdesk backup` under write load, `partnerdesk restore` into a fresh database.

Every step runs as its own process against its own database (a SQLite file, or a fresh
PostgreSQL database on the server the suite was given), as an operator would run it. A writer
process keeps creating sources through the service layer while the backup is taken and logs
each committed id; the restored database must equal the manifest table by table, and equal
the source database cut at the snapshot: every row the writer committed before the backup
started, none committed after it ended, each with its one audit row.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

REPO = Path(__file__).resolve().parents[1]
SEED_SOURCES = 25
WAIT_LIMIT = 60.0  # seconds a step may take before the test gives up (not a timing assertion)

# Runs inside a child process (cwd = REPO): `world`, `writer LOG STOP` or `inspect [LIMITS]`.
HELPER = r"""
import hashlib
import json
import sys
from pathlib import Path

import django

django.setup()

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Max

from partnerdesk.core.actor import Actor
from partnerdesk.core.backup import backed_up_models, queryset_sum
from partnerdesk.core.models import ChangeRecord
from partnerdesk.sources.models import Source
from partnerdesk.sources.services import source_create

mode = sys.argv[1]
if mode == "world":
    from partnerdesk.testing.world import build_world

    actor = Actor.cli(build_world().users["staff_all"])
    for n in range(int(sys.argv[2])):
        source_create(actor=actor, data={"title": f"seed {n}", "publisher": "T7"})
elif mode == "writer":
    log, stop = Path(sys.argv[2]), Path(sys.argv[3])
    actor = Actor.cli(get_user_model().objects.get(username="staff_all"))
    with log.open("a") as out:
        n = 0
        while not stop.exists() and n < 20000:
            source = source_create(actor=actor, data={"title": f"writer {n}"})
            out.write(f"{source.pk}\n")
            out.flush()
            n += 1
elif mode == "inspect":
    limits = json.loads(Path(sys.argv[2]).read_text()) if len(sys.argv) > 2 else None
    models = {m._meta.db_table: m for m in backed_up_models()}
    models[MigrationRecorder.Migration._meta.db_table] = MigrationRecorder.Migration
    sums, max_pk = {}, {}
    for table, model in sorted(models.items()):
        rows = model._base_manager.all()
        if limits is not None:
            rows = rows.none() if limits[table] is None else rows.filter(pk__lte=limits[table])
        total = queryset_sum(rows)
        sums[table] = {"rows": total.rows, "sha256": total.sha256}
        max_pk[table] = rows.aggregate(m=Max("pk"))["m"]
    writer = list(
        Source.objects.filter(title__startswith="writer ").order_by("pk").values_list("pk", flat=True)
    )
    audited = ChangeRecord.objects.filter(content_type=ContentType.objects.get_for_model(Source))
    audit = sorted(int(i) for i in audited.filter(object_id__in=[str(p) for p in writer])
                   .values_list("object_id", flat=True))
    print(json.dumps({"sums": sums, "max_pk": max_pk, "writer": writer, "audit": audit}))
"""


@dataclass
class Target:
    """One database the test created: its DATABASE_URL and the environment to run commands in."""

    url: str
    env: dict[str, str]


def _run(target: Target, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `python manage.py ARGS` (or the helper for `helper ...`) against the target."""
    if args[0] == "helper":
        command = [sys.executable, "-c", HELPER, *args[1:]]
    else:
        command = [sys.executable, "manage.py", *args]
    return subprocess.run(
        command, cwd=REPO, env=target.env, capture_output=True, text=True, timeout=300
    )


def _ok(done: subprocess.CompletedProcess[str]) -> str:
    """stdout of a finished process that must have succeeded."""
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _inspect(target: Target, limits: Path | None = None) -> dict[str, Any]:
    extra = [str(limits)] if limits else []
    return json.loads(_ok(_run(target, "helper", "inspect", *extra)))


@pytest.fixture
def databases_factory(tmp_path: Path) -> Iterator[Any]:
    """Makes fresh, empty databases of the suite's vendor; drops the PostgreSQL ones afterwards."""
    dropped: list[str] = []
    suite_url = os.environ.get("DATABASE_URL", "")

    def make(name: str) -> Target:
        if connection.vendor == "postgresql":
            import psycopg
            from psycopg import sql

            db = f"pd_t7_{name}_{secrets.token_hex(4)}"
            with psycopg.connect(suite_url, autocommit=True) as conn:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db)))
            dropped.append(db)
            parts = urlsplit(suite_url)
            url = urlunsplit((parts.scheme, parts.netloc, "/" + db, parts.query, parts.fragment))
        else:
            url = f"sqlite:///{tmp_path / (name + '.sqlite3')}"
        env = os.environ.copy()
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.test",
            PARTNERDESK_VAR_DIR=str(tmp_path),
            DATABASE_URL=url,
        )
        return Target(url=url, env=env)

    yield make
    if dropped:
        import psycopg
        from psycopg import sql

        with psycopg.connect(suite_url, autocommit=True) as conn:
            for db in dropped:
                conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(db))
                )


def _log_lines(log: Path) -> list[int]:
    """Ids the writer has logged as committed (only complete lines)."""
    text = log.read_text() if log.exists() else ""
    return [int(line) for line in text.split("\n")[:-1]]


def _wait_for_lines(log: Path, count: int, writer: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + WAIT_LIMIT
    while len(_log_lines(log)) < count:
        assert writer.poll() is None, "the writer process stopped early"
        assert time.monotonic() < deadline, f"the writer did not reach {count} records"
        time.sleep(0.05)


def test_backup_under_write_load_restores_the_snapshot_exactly(
    tmp_path: Path, databases_factory: Any
) -> None:
    source = databases_factory("source")
    _ok(_run(source, "migrate", "-v0"))
    _ok(_run(source, "helper", "world", str(SEED_SOURCES)))

    log, stop = tmp_path / "writer.log", tmp_path / "writer.stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", HELPER, "writer", str(log), str(stop)],
        cwd=REPO,
        env=source.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for_lines(log, 20, writer)
        before = len(_log_lines(log))
        dump = tmp_path / ("backup.sqlite3" if connection.vendor == "sqlite" else "backup.pgdump")
        backed_up = _ok(_run(source, "backup", "--output", str(dump)))
        after = len(_log_lines(log))
        _wait_for_lines(log, after + 5, writer)
    finally:
        stop.touch()
        _, errors = writer.communicate(timeout=WAIT_LIMIT)
    assert writer.returncode == 0, errors.decode()
    written = _log_lines(log)
    assert f"Backed up the {connection.vendor} database" in backed_up

    manifest = json.loads((tmp_path / (dump.name + ".manifest.json")).read_text())
    assert manifest["vendor"] == connection.vendor
    assert "sources.0001_initial" in manifest["migrations"]

    target = databases_factory("target")
    restored_out = _ok(_run(target, "restore", str(dump)))
    assert "every table matches the manifest" in restored_out
    restored = _inspect(target)
    assert restored["sums"] == manifest["tables"]

    # The snapshot is a prefix of the writer's committed sequence: everything committed before
    # the backup began is there, nothing begun after it ended, and each row has its audit row.
    cut = len(restored["writer"])
    assert restored["writer"] == written[:cut]
    assert before <= cut <= after + 1
    assert cut < len(written)
    assert restored["audit"] == restored["writer"]
    assert manifest["tables"]["sources_source"]["rows"] == SEED_SOURCES + cut

    # The source database, cut at the restored maximum key of every table, has the same sums.
    limits = tmp_path / "limits.json"
    limits.write_text(json.dumps(restored["max_pk"]))
    assert _inspect(source, limits)["sums"] == manifest["tables"]

    # A non-empty target is refused without --yes, and left as it was.
    refused = _run(target, "restore", str(dump))
    assert refused.returncode == 1
    assert "target database is not empty" in refused.stderr
    assert "--yes" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert _inspect(target)["sums"] == manifest["tables"]

    # A damaged copy of the backup (one byte changed in the middle) is refused; nothing changes.
    damaged = tmp_path / ("damaged" + dump.suffix)
    shutil.copyfile(dump, damaged)
    with damaged.open("r+b") as handle:
        handle.seek(damaged.stat().st_size // 2)
        byte = handle.read(1)
        handle.seek(-1, os.SEEK_CUR)
        handle.write(bytes([byte[0] ^ 0xFF]))
    shutil.copyfile(
        tmp_path / (dump.name + ".manifest.json"),
        damaged.with_name(damaged.name + ".manifest.json"),
    )
    broken = _run(target, "restore", "--yes", str(damaged))
    assert broken.returncode == 1
    assert f"restore refused: {damaged} is damaged" in broken.stderr
    assert "Traceback" not in broken.stderr

    # A file that is no backup at all, with a manifest that vouches for its bytes, is refused.
    garbage = tmp_path / ("garbage" + dump.suffix)
    garbage.write_bytes(b"not a backup\n" * 512)
    bogus = dict(manifest, dump=garbage.name)
    bogus["dump_sha256"] = hashlib.sha256(garbage.read_bytes()).hexdigest()
    garbage.with_name(garbage.name + ".manifest.json").write_text(json.dumps(bogus))
    rejected = _run(target, "restore", "--yes", str(garbage))
    assert rejected.returncode == 1
    assert "restore refused:" in rejected.stderr
    assert "Traceback" not in rejected.stderr
    assert _inspect(target)["sums"] == manifest["tables"]

    # With --yes, a restore over a database that holds data replaces it and verifies.
    again = _ok(_run(target, "restore", "--yes", str(dump)))
    assert "every table matches the manifest" in again
    assert _inspect(target)["sums"] == manifest["tables"]
