"""Fixtures for tests that need a real running partnerdesk server.

The server is started the way an operator starts it (`partnerdesk setup`, then
`partnerdesk serve`) in a temporary directory with its own database, so these tests exercise
gunicorn, whitenoise, sessions and CSRF exactly as deployed. No pytest-django database
fixture is involved: the server owns its database for the whole session.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

REPO = Path(__file__).resolve().parents[1]
BIN = REPO / ".venv" / "bin"
START_TIMEOUT = 60.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A running partnerdesk with its demo accounts."""

    base_url: str
    tmp: Path
    env: dict[str, str] = field(default_factory=dict)
    passwords: dict[str, str] = field(default_factory=dict)

    @property
    def shots(self) -> Path:
        return self.tmp / "shots"

    def url(self, path: str) -> str:
        return self.base_url + path


@dataclass
class Database:
    """The DATABASE_URL for the server, and how to remove its database afterwards."""

    url: str
    drop: Any = None


def _postgres_database(server_url: str) -> Database:
    """Create an empty database on the PostgreSQL server the suite was given."""
    import psycopg
    from psycopg import sql

    name = f"pd_browser_{secrets.token_hex(6)}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    parts = urlsplit(server_url)
    url = urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))

    def drop() -> None:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    return Database(url=url, drop=drop)


def _get_status(url: str) -> int | None:
    """The HTTP status of GET url, or None when nothing answers (no proxies, short timeout)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=2) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        exc.close()
        return int(exc.code)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _read_passwords(path: Path) -> dict[str, str]:
    """username -> password from demo-accounts.txt (lines `username password role org`)."""
    passwords = {}
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2:
            passwords[parts[0]] = parts[1]
    return passwords


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`partnerdesk setup` + `partnerdesk serve` on a free port, torn down after the session."""
    for program in ("partnerdesk", "gunicorn"):
        if not (BIN / program).exists():
            pytest.fail(f"{BIN / program} is missing; run `make install`.")
    tmp = tmp_path_factory.mktemp("server")
    (tmp / "shots").mkdir()
    suite_database = os.environ.get("DATABASE_URL", "")
    if suite_database.startswith("postgres"):
        database = _postgres_database(suite_database)
    else:
        database = Database(url=f"sqlite:///{tmp / 'browser.sqlite3'}")  # absolute: 4 slashes
    env = os.environ.copy()
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        PARTNERDESK_VAR_DIR=str(tmp),
        DATABASE_URL=database.url,
    )
    env.pop("DEBUG", None)
    process: subprocess.Popen[bytes] | None = None
    log_path = tmp / "server.log"
    try:
        try:
            subprocess.run(
                [str(BIN / "partnerdesk"), "setup"],
                cwd=REPO,
                env=env,
                check=True,
                capture_output=True,
                timeout=300,
            )
        except subprocess.CalledProcessError as exc:
            pytest.fail(
                f"partnerdesk setup failed ({exc.returncode}):\n"
                + exc.stdout.decode(errors="replace")
                + exc.stderr.decode(errors="replace")
            )
        port = free_port()
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [
                    str(BIN / "partnerdesk"),
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--workers",
                    "1",
                ],
                cwd=REPO,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"partnerdesk serve exited with {process.returncode}:\n"
                    + log_path.read_text(errors="replace")
                )
            if _get_status(base_url + "/accounts/login/") == 200:
                break
            if time.monotonic() > deadline:
                pytest.fail(
                    f"partnerdesk serve did not answer within {START_TIMEOUT:.0f} s:\n"
                    + log_path.read_text(errors="replace")
                )
            time.sleep(0.2)
        yield Server(
            base_url=base_url,
            tmp=tmp,
            env=env,
            passwords=_read_passwords(tmp / "demo-accounts.txt"),
        )
    finally:
        if process is not None:
            _stop(process)
        if database.drop is not None:
            database.drop()


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop gunicorn and its workers (its own process group), politely first."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
    else:
        process.wait()
