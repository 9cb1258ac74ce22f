"""Settings: SQLite tuned for real use; production fails fast and never shows tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_database_connection_is_configured_for_real_use() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys")
            assert cursor.fetchone()[0] == 1
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 20000
            assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        else:
            cursor.execute("SELECT current_setting('server_version_num')::int >= 130000")
            assert cursor.fetchone()[0] is True


def test_sqlite_file_database_uses_wal(tmp_path: Path) -> None:
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "PARTNERDESK_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/wal.sqlite3",
    }
    code = "import django;django.setup();from django.db import connection as c;cur=c.cursor();cur.execute('PRAGMA journal_mode');print(cur.fetchone()[0])"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "wal"


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_settings_fail_fast_without_required_variables(missing: str) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "pd.example",
        "DATABASE_URL": "sqlite:///var/x.sqlite3",
    }
    env.pop(missing)
    result = subprocess.run(
        [sys.executable, "-c", "import django;django.setup()"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


@pytest.mark.django_db
def test_server_errors_show_no_traceback(client: object, settings: object) -> None:
    from django.test import Client

    web = Client(raise_request_exception=False)
    settings.DEBUG = False  # type: ignore[attr-defined]
    response = web.get("/accounts/login/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Traceback" not in response.content.decode()
    assert "The request could not be understood." in response.content.decode()
