"""`partnerdesk serve`: run the application under gunicorn."""

from __future__ import annotations

import os
import shutil
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Serve the web UI and API with gunicorn (static files through whitenoise)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args: Any, **options: Any) -> None:
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which(
            "gunicorn"
        )
        if gunicorn is None:
            raise CommandError("gunicorn is not installed; run `make install`.")
        bind = f"{options['host']}:{options['port']}"
        self.stdout.write(f"partnerdesk is serving on http://{bind}/ (Ctrl+C to stop)")
        self.stdout.flush()
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
        os.execv(  # noqa: S606 - replaces this process with gunicorn, no shell involved
            gunicorn,
            [
                gunicorn,
                "config.wsgi:application",
                "--bind",
                bind,
                "--workers",
                str(options["workers"]),
                "--threads",
                "4",
                "--access-logfile",
                "-",
                "--graceful-timeout",
                "5",
            ],
        )
