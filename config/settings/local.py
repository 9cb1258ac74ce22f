"""Settings for `make run`: the embedded SQLite database and a per-checkout secret under var/."""

from __future__ import annotations

import secrets

from config.env import VAR_DIR, env_bool
from config.settings.base import *  # noqa: F403
from config.settings.base import SECRET_KEY as _BASE_SECRET

DEBUG = env_bool("DEBUG", False)


def _local_secret() -> str:
    """Return the secret kept in var/secret-key, creating it on the first run."""
    (VAR_DIR / "static").mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _BASE_SECRET or _local_secret()
