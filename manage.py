#!/usr/bin/env python
"""Django's command-line utility for partnerdesk (the `partnerdesk` console script wraps it)."""

import os
import sys


def main() -> None:
    """Run a Django management command with the local settings by default."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
