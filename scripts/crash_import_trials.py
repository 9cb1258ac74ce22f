#!/usr/bin/env python3
"""T5 crash during import: `kill -9` a running catalogue import at random points, then check.

    .venv/bin/python scripts/crash_import_trials.py [--trials 100] [--rows 3000] [--seed 5]

Each trial copies a prepared database (`partnerdesk setup --no-demo` plus one alliance staff
user), starts `partnerdesk pcm import FILE --year Y --as USER` as its own process on that copy
with a generated CSV of `--rows` activities, waits a random time drawn from a seeded
`random.Random` between 0 and the measured duration of a complete import, and sends SIGKILL.
It then checks that:

* the year's activities number 0 or all of them, never a part;
* the import's change-log rows (one CREATE per activity, one for the new catalogue) are all
  there or none, and always match the activities that exist;
* rows that existed before the import are unchanged (row count of every other table);
* the database is sound: SQLite `PRAGMA integrity_check` is "ok" and `PRAGMA
  foreign_key_check` is empty; on both engines no orphan rows; PostgreSQL still answers;
* a re-run of the same import succeeds and leaves exactly the full count.

Where the kill landed is recorded per trial: "before" (the import had not opened its write
transaction), "mid" (its write transaction was open) or "after" (it had committed, or exited).
The engine is SQLite in a temporary directory, or PostgreSQL when DATABASE_URL names a
PostgreSQL server (a template database and one database per trial are created and dropped).
The exit status is 0 when every trial passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import random
import secrets
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
BIN = REPO / ".venv" / "bin"
IMPORTER = "t5.importer"
YEAR = 2031
AREAS = ("CMPSO", "CT", "CYBER", "EDU", "LOG", "BORDER", "SCI", "LANG")
FORMATS = ("COURSE", "SEMINAR", "WORKSHOP", "EXERCISE", "CONFERENCE", "TRAINING")
ORGANISERS = ("NATO-IS", "NATO-FC", "GEO", "AZE", "EU")
COLUMNS = (
    "code",
    "title",
    "description",
    "area",
    "format",
    "organiser",
    "language",
    "duration_days",
    "eligible_frameworks",
    "eligible_nations",
    "carried_from",
)
#: Tables the import writes; every other table must keep its row count.
IMPORT_TABLES = frozenset(
    {"pcm_activity", "pcm_catalogue", "pcm_activity_eligible_nations", "core_changerecord"}
)
#: Queries that must each return 0 on a consistent database (both engines).
ORPHAN_QUERIES: dict[str, str] = {
    "activity without catalogue": (
        "SELECT COUNT(*) FROM pcm_activity a "
        "LEFT JOIN pcm_catalogue c ON c.id = a.catalogue_id WHERE c.id IS NULL"
    ),
    "activity without organiser": (
        "SELECT COUNT(*) FROM pcm_activity a "
        "LEFT JOIN organisations_organisation o ON o.id = a.organiser_id WHERE o.id IS NULL"
    ),
    "eligible nation without activity": (
        "SELECT COUNT(*) FROM pcm_activity_eligible_nations e "
        "LEFT JOIN pcm_activity a ON a.id = e.activity_id WHERE a.id IS NULL"
    ),
    "change row without content type": (
        "SELECT COUNT(*) FROM core_changerecord r "
        "LEFT JOIN django_content_type t ON t.id = r.content_type_id WHERE t.id IS NULL"
    ),
    "activity created without its change row": (
        "SELECT COUNT(*) FROM pcm_activity a WHERE NOT EXISTS (SELECT 1 FROM core_changerecord r "
        "JOIN django_content_type t ON t.id = r.content_type_id "
        "WHERE t.app_label = 'pcm' AND t.model = 'activity' AND r.action = 'CREATE' "
        "AND r.object_id = CAST(a.id AS VARCHAR(64)))"
    ),
    "change row of an activity that was never kept": (
        "SELECT COUNT(*) FROM core_changerecord r "
        "JOIN django_content_type t ON t.id = r.content_type_id "
        "WHERE t.app_label = 'pcm' AND t.model = 'activity' AND r.action = 'CREATE' "
        "AND NOT EXISTS (SELECT 1 FROM pcm_activity a "
        "WHERE CAST(a.id AS VARCHAR(64)) = r.object_id)"
    ),
}
_YEAR_ACTIVITIES = (
    "SELECT COUNT(*) FROM pcm_activity a JOIN pcm_catalogue c ON c.id = a.catalogue_id "
    "WHERE c.year = {year}"
)
_IMPORT_CHANGES = (
    "SELECT COUNT(*) FROM core_changerecord r "
    "JOIN django_content_type t ON t.id = r.content_type_id "
    "WHERE r.source = 'import' AND t.app_label = 'pcm' AND t.model = '{model}' AND r.id > {base}"
)


class SetupError(RuntimeError):
    """Preparing the database or calibrating the import failed; the message says how."""


@dataclass(frozen=True)
class State:
    """What one database holds for the trial's year, read after a kill or a re-run."""

    activities: int
    activity_changes: int
    catalogue_changes: int
    catalogues: int
    other_tables: dict[str, int]
    kept_changes: int
    problems: tuple[str, ...]


@dataclass
class Trial:
    """The outcome of one kill: where it landed and what the checks found (empty = passed)."""

    number: int
    delay: float
    phase: str
    exit_code: int | None
    activities: int
    activity_changes: int
    rerun_activities: int
    rerun_exit: int
    failures: list[str] = field(default_factory=list)


@dataclass
class Summary:
    """All trials of one run, with the figures the report and the test use."""

    engine: str
    rows: int
    seed: int
    duration: float
    trials: list[Trial]
    elapsed: float = 0.0

    def count(self, phase: str) -> int:
        """How many kills landed in `phase` ("before", "mid" or "after")."""
        return sum(1 for t in self.trials if t.phase == phase)

    @property
    def partial(self) -> int:
        """Trials that left a part of the import behind (must be 0)."""
        return sum(1 for t in self.trials if t.phase == "partial")

    @property
    def failed(self) -> list[Trial]:
        """Trials with at least one failed check (must be empty)."""
        return [t for t in self.trials if t.failures]


def write_csv(path: Path, year: int, rows: int) -> None:
    """Write `rows` generated activities of `year` in the import's column layout."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for index in range(rows):
            area = AREAS[index % len(AREAS)]
            writer.writerow(
                [
                    f"PCM-{year}-{area}-{index + 1:04d}",
                    f"Crash trial activity {index + 1}",
                    f"Generated row {index + 1} of {rows} for the kill -9 trials.",
                    area,
                    FORMATS[index % len(FORMATS)],
                    ORGANISERS[index % len(ORGANISERS)],
                    "English",
                    1 + index % 10,
                    "EAPC_PFP" if index % 3 else "EAPC_PFP;MD",
                    "",
                    "",
                ]
            )


def verdict(state: State, rows: int, base: State) -> tuple[str, list[str]]:
    """Classify a state as "none" or "all" of the import, or "partial"; list what is wrong.

    "none" means no activity, no change row and no catalogue of the year; "all" means `rows`
    activities with one change row each and the catalogue's change row. Anything else, a
    changed row count elsewhere, a lost older change row or an integrity problem is a failure.
    """
    failures = list(state.problems)
    if state.other_tables != base.other_tables:
        changed = sorted(
            name
            for name in set(state.other_tables) | set(base.other_tables)
            if state.other_tables.get(name) != base.other_tables.get(name)
        )
        failures.append(f"rows of other tables changed: {', '.join(changed)}")
    if state.kept_changes != base.kept_changes:
        failures.append(f"older change rows: {state.kept_changes}, expected {base.kept_changes}")
    seen = (state.activities, state.activity_changes, state.catalogue_changes, state.catalogues)
    if seen == (0, 0, 0, 0):
        return "none", failures
    if seen == (rows, rows, 1, 1):
        return "all", failures
    failures.append(
        f"partial import: {state.activities} activities, {state.activity_changes} activity "
        f"change rows, {state.catalogue_changes} catalogue change rows, {state.catalogues} "
        f"catalogues (expected 0 or {rows}/{rows}/1/1)"
    )
    return "partial", failures


class Engine(Protocol):
    """One database engine: template, per-trial copies, reads and the writer probe."""

    name: str

    def create_template(self) -> str: ...

    def copy(self, template: str, number: int) -> str: ...

    def drop(self, url: str) -> None: ...

    def read(self, url: str, year: int, base_change_id: int) -> State: ...

    def max_change_id(self, url: str) -> int: ...

    def probe(self, url: str) -> contextlib.AbstractContextManager[Any]: ...

    def writer_active(self, probe: Any, url: str) -> bool: ...

    def settle(self, url: str) -> list[str]: ...

    def close(self) -> None: ...


def _count_rows(cursor: Any, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        if table in IMPORT_TABLES:
            continue
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - names from the catalog
        counts[table] = int(cursor.fetchone()[0])
    return counts


def _read_common(cursor: Any, year: int, base: int, tables: list[str]) -> dict[str, Any]:
    def one(sql: str) -> int:
        cursor.execute(sql)
        return int(cursor.fetchone()[0])

    problems = [
        f"{name}: {found}" for name, sql in ORPHAN_QUERIES.items() if (found := one(sql)) != 0
    ]
    return {
        "activities": one(_YEAR_ACTIVITIES.format(year=int(year))),
        "activity_changes": one(_IMPORT_CHANGES.format(model="activity", base=int(base))),
        "catalogue_changes": one(_IMPORT_CHANGES.format(model="catalogue", base=int(base))),
        "catalogues": one(f"SELECT COUNT(*) FROM pcm_catalogue WHERE year = {int(year)}"),  # noqa: S608
        "other_tables": _count_rows(cursor, tables),
        "kept_changes": one(f"SELECT COUNT(*) FROM core_changerecord WHERE id <= {int(base)}"),  # noqa: S608
        "problems": problems,
    }


class Sqlite:
    """SQLite files in a private directory; trial copies are made with the backup API."""

    name = "sqlite"

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @staticmethod
    def _path(url: str) -> str:
        return url.removeprefix("sqlite:///")

    def create_template(self) -> str:
        """The URL of a new, empty database file."""
        return f"sqlite:///{self.directory / 'template.sqlite3'}"

    def copy(self, template: str, number: int) -> str:
        """A consistent copy of the template (online backup), as trial `number`'s database."""
        target = self.directory / f"trial-{number}.sqlite3"
        with (
            contextlib.closing(sqlite3.connect(self._path(template))) as source,
            contextlib.closing(sqlite3.connect(target)) as copy,
        ):
            source.backup(copy)
        return f"sqlite:///{target}"

    def drop(self, url: str) -> None:
        """Remove the database file and its WAL and shared-memory files."""
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(self._path(url) + suffix).unlink(missing_ok=True)

    def read(self, url: str, year: int, base_change_id: int) -> State:
        """Counts, row counts of the other tables and integrity problems of the file."""
        with contextlib.closing(sqlite3.connect(self._path(url), timeout=30)) as conn:
            cursor = conn.cursor()
            integrity = [row[0] for row in cursor.execute("PRAGMA integrity_check")]
            foreign = cursor.execute("PRAGMA foreign_key_check").fetchall()
            tables = [
                row[0]
                for row in cursor.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts_%' ORDER BY name"
                )
            ]
            found = _read_common(cursor, year, base_change_id, tables)
        problems = list(found.pop("problems"))
        if integrity != ["ok"]:
            problems.append(f"integrity_check: {'; '.join(integrity[:5])}")
        if foreign:
            problems.append(f"foreign_key_check: {len(foreign)} rows, first {foreign[0]}")
        return State(**found, problems=tuple(problems))

    def max_change_id(self, url: str) -> int:
        """The highest change-log id."""
        with contextlib.closing(sqlite3.connect(self._path(url))) as conn:
            return int(
                conn.execute("SELECT COALESCE(MAX(id), 0) FROM core_changerecord").fetchone()[0]
            )

    @contextlib.contextmanager
    def probe(self, url: str) -> Iterator[sqlite3.Connection]:
        """A connection that never waits for locks, opened before the import starts."""
        conn = sqlite3.connect(self._path(url), timeout=0, isolation_level=None)
        try:
            yield conn
        finally:
            conn.close()

    def writer_active(self, probe: Any, url: str) -> bool:
        """True when another connection holds the write lock (the import's transaction)."""
        try:
            probe.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return True
        probe.execute("ROLLBACK")
        return False

    def settle(self, url: str) -> list[str]:
        """Nothing to wait for: a killed SQLite writer holds no lock."""
        return []

    def close(self) -> None:
        """Nothing is shared between trials."""


class Postgres:
    """Databases on the PostgreSQL server of `server_url`: a template and one per trial."""

    name = "postgresql"

    def __init__(self, server_url: str) -> None:
        import psycopg

        self.psycopg = psycopg
        self.server_url = server_url
        self.prefix = f"pd_t5_{secrets.token_hex(4)}"
        self.admin = psycopg.connect(server_url, autocommit=True)

    def _url(self, name: str) -> str:
        parts = urlsplit(self.server_url)
        return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))

    @staticmethod
    def _name(url: str) -> str:
        return urlsplit(url).path.lstrip("/")

    def create_template(self) -> str:
        """A new empty database to prepare as the template."""
        from psycopg import sql

        name = f"{self.prefix}_template"
        self.admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self._url(name)

    def copy(self, template: str, number: int) -> str:
        """CREATE DATABASE … TEMPLATE: an exact copy of the prepared database."""
        from psycopg import sql

        name = f"{self.prefix}_{number}"
        self.admin.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(self._name(template))
            )
        )
        return self._url(name)

    def drop(self, url: str) -> None:
        """Drop the database, ending any session still on it."""
        from psycopg import sql

        self.admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(self._name(url))
            )
        )

    def read(self, url: str, year: int, base_change_id: int) -> State:
        """Counts, row counts of the other tables and orphan-row problems of the database."""
        with self.psycopg.connect(url, autocommit=True) as conn, conn.cursor() as cursor:
            cursor.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                "AND table_type = 'BASE TABLE' ORDER BY table_name"
            )
            tables = [row[0] for row in cursor.fetchall()]
            found = _read_common(cursor, year, base_change_id, tables)
        problems = list(found.pop("problems"))
        return State(**found, problems=tuple(problems))

    def max_change_id(self, url: str) -> int:
        """The highest change-log id."""
        with self.psycopg.connect(url, autocommit=True) as conn:
            row = conn.execute("SELECT COALESCE(MAX(id), 0) FROM core_changerecord").fetchone()
            return int(row[0]) if row else 0

    @contextlib.contextmanager
    def probe(self, url: str) -> Iterator[Any]:
        """The server connection is the probe (pg_stat_activity covers every database)."""
        yield self.admin

    def writer_active(self, probe: Any, url: str) -> bool:
        """True when a session on the trial database has a transaction that wrote (an xid)."""
        row = probe.execute(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = %s "
            "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()",
            (self._name(url),),
        ).fetchone()
        return bool(row and row[0])

    def settle(self, url: str) -> list[str]:
        """Wait until the killed client's server session is gone; check the server answers."""
        deadline = time.monotonic() + 30
        while True:
            row = self.admin.execute(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = %s",
                (self._name(url),),
            ).fetchone()
            if not row or row[0] == 0:
                break
            if time.monotonic() > deadline:
                return [f"{row[0]} session(s) still on the database 30 s after the kill"]
            time.sleep(0.02)
        with self.psycopg.connect(self.server_url, autocommit=True) as fresh:
            answer = fresh.execute("SELECT 1").fetchone()
        return [] if answer == (1,) else ["the server did not answer SELECT 1"]

    def close(self) -> None:
        """Close the server connection."""
        self.admin.close()


def _env(url: str, var_dir: Path) -> dict[str, str]:
    env = os.environ.copy()
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        PARTNERDESK_VAR_DIR=str(var_dir),
        DATABASE_URL=url,
    )
    env.pop("DEBUG", None)
    return env


def _run(
    args: list[str], env: dict[str, str], timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own console script
        [str(BIN / "partnerdesk"), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _import_args(csv_path: Path, year: int) -> list[str]:
    return ["pcm", "import", str(csv_path), "--year", str(year), "--as", IMPORTER]


def prepare(engine: Engine, var_dir: Path) -> str:
    """Create and fill the template database: migrations, reference data, the importer."""
    url = engine.create_template()
    env = _env(url, var_dir)
    for args in (
        ["setup", "--no-demo"],
        ["createuser", IMPORTER, "--role", "ALLIANCE_STAFF", "--organisation", "NATO-IS",
         "--all-nations"],
    ):  # fmt: skip
        done = _run(args, env)
        if done.returncode != 0:
            raise SetupError(f"partnerdesk {args[0]} failed:\n{done.stdout}{done.stderr}")
    return url


def calibrate(engine: Engine, template: str, csv_path: Path, var_dir: Path, runs: int) -> float:
    """The median wall time of `runs` complete imports, each on a fresh copy."""
    durations = []
    for number in range(runs):
        url = engine.copy(template, 10_000 + number)
        try:
            started = time.monotonic()
            done = _run(_import_args(csv_path, YEAR), _env(url, var_dir))
            durations.append(time.monotonic() - started)
            if done.returncode != 0:
                raise SetupError(f"the calibration import failed:\n{done.stdout}{done.stderr}")
        finally:
            engine.drop(url)
    return statistics.median(durations)


def one_trial(
    engine: Engine,
    number: int,
    template: str,
    base: State,
    base_change_id: int,
    csv_path: Path,
    rows: int,
    delay: float,
    var_dir: Path,
) -> Trial:
    """Start the import on a fresh copy, kill -9 it after `delay` s, check, re-run, check."""
    url = engine.copy(template, number)
    env = _env(url, var_dir)
    try:
        with engine.probe(url) as probe:
            process = subprocess.Popen(  # noqa: S603 - our own console script
                [str(BIN / "partnerdesk"), *_import_args(csv_path, YEAR)],
                cwd=REPO,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                stdin=subprocess.DEVNULL,
            )
            time.sleep(delay)
            finished = process.poll() is not None
            writing = False if finished else engine.writer_active(probe, url)
            if not finished:
                process.send_signal(signal.SIGKILL)
            exit_code = process.wait(timeout=60)
        failures = engine.settle(url)
        if finished and exit_code != 0:
            failures.append(f"the import exited with {exit_code} before the kill")
        state = engine.read(url, YEAR, base_change_id)
        outcome, problems = verdict(state, rows, base)
        failures.extend(problems)
        if outcome == "partial":
            phase = "partial"
        elif outcome == "all" or finished:
            phase = "after"
        else:
            phase = "mid" if writing else "before"
        rerun = _run(_import_args(csv_path, YEAR), env)
        if rerun.returncode != 0:
            failures.append(f"re-run exited with {rerun.returncode}: {rerun.stderr.strip()[:300]}")
        after = engine.read(url, YEAR, base_change_id)
        final, problems = verdict(after, rows, base)
        failures.extend(f"after the re-run: {p}" for p in problems)
        if final != "all":
            failures.append(f"after the re-run the import is {final!r}, not complete")
        return Trial(
            number=number,
            delay=round(delay, 3),
            phase=phase,
            exit_code=exit_code,
            activities=state.activities,
            activity_changes=state.activity_changes,
            rerun_activities=after.activities,
            rerun_exit=rerun.returncode,
            failures=failures,
        )
    finally:
        engine.drop(url)


def engine_for(database_url: str, directory: Path) -> Engine:
    """PostgreSQL when `database_url` names a PostgreSQL server, else SQLite in `directory`."""
    if database_url.startswith(("postgres://", "postgresql://")):
        return Postgres(database_url)
    return Sqlite(directory)


def run_trials(
    trials: int,
    rows: int,
    seed: int,
    database_url: str = "",
    calibration_runs: int = 1,
    progress: Any = None,
) -> Summary:
    """Run `trials` kill -9 trials of an import of `rows` activities; return every outcome.

    The kill delays come from `random.Random(seed)`, uniform between 0 and the measured
    duration, so a seed always gives the same delays (where they land depends on the machine).
    """
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="pd-t5-") as name:
        directory = Path(name)
        engine = engine_for(database_url, directory)
        template = ""
        try:
            csv_path = directory / f"pcm-{YEAR}.csv"
            write_csv(csv_path, YEAR, rows)
            template = prepare(engine, directory)
            base_change_id = engine.max_change_id(template)
            base = engine.read(template, YEAR, base_change_id)
            if base.problems or base.activities:
                raise SetupError(f"the template is not clean: {base}")
            duration = calibrate(engine, template, csv_path, directory, calibration_runs)
            rng = random.Random(seed)  # noqa: S311 - reproducible kill points, not secrets
            summary = Summary(engine.name, rows, seed, round(duration, 3), [])
            for number in range(1, trials + 1):
                delay = rng.uniform(0, duration)
                trial = one_trial(
                    engine, number, template, base, base_change_id, csv_path, rows, delay,
                    directory,
                )  # fmt: skip
                summary.trials.append(trial)
                if progress is not None:
                    progress(trial)
        finally:
            if template:
                engine.drop(template)
            engine.close()
    summary.elapsed = round(time.monotonic() - started, 1)
    return summary


def table(summary: Summary) -> str:
    """The per-trial table and the totals, as plain text."""
    lines = [
        f"{'trial':>5}  {'delay s':>7}  {'landed':<7} {'exit':>4}  {'acts':>5}  "
        f"{'changes':>7}  {'re-run':>6}  result"
    ]
    lines.extend(
        f"{t.number:>5}  {t.delay:>7.3f}  {t.phase:<7} {t.exit_code!s:>4}  {t.activities:>5}  "
        f"{t.activity_changes:>7}  {t.rerun_activities:>6}  "
        + ("ok" if not t.failures else "FAIL: " + " | ".join(t.failures))
        for t in summary.trials
    )
    lines.append("")
    lines.append(totals(summary))
    return "\n".join(lines)


def totals(summary: Summary) -> str:
    """One paragraph of totals: engine, sizes, where the kills landed, failures."""
    return (
        f"engine {summary.engine}, {summary.rows} rows, seed {summary.seed}, full import "
        f"{summary.duration:.2f} s; {len(summary.trials)} trials: {summary.count('before')} "
        f"before the write transaction, {summary.count('mid')} mid-import, "
        f"{summary.count('after')} after commit; partial imports {summary.partial}, failed "
        f"trials {len(summary.failed)}, re-runs complete "
        f"{sum(1 for t in summary.trials if t.rerun_activities == summary.rows)}"
        f"/{len(summary.trials)}; {summary.elapsed:.0f} s in all"
    )


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run the trials, print the table; 0 when every trial passed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--trials", type=int, default=100, help="number of kills (default 100)")
    parser.add_argument("--rows", type=int, default=3000, help="activities in the CSV")
    parser.add_argument("--seed", type=int, default=5, help="seed of the kill delays")
    parser.add_argument("--calibration-runs", type=int, default=3, help="imports to time first")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    options = parser.parse_args(argv)
    if options.trials < 1 or not 1 <= options.rows <= 9999:
        parser.error("--trials must be at least 1 and --rows from 1 to 9999")
    database_url = os.environ.get("DATABASE_URL", "")

    def progress(trial: Trial) -> None:
        state = "ok" if not trial.failures else "FAIL"
        print(f"trial {trial.number}: {trial.phase} {state}", file=sys.stderr, flush=True)

    try:
        summary = run_trials(
            options.trials,
            options.rows,
            options.seed,
            database_url,
            options.calibration_runs,
            progress,
        )
    except SetupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if options.json:
        print(json.dumps(asdict(summary), indent=2))
    else:
        print(table(summary))
    return 0 if not summary.failed else 1


if __name__ == "__main__":
    sys.exit(main())
