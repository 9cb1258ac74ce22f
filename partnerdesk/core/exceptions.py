"""Exceptions services raise; the web and API layers map them to responses in one place."""

from __future__ import annotations

from typing import Any


class NotFound(Exception):  # noqa: N818 - reads naturally at call sites
    """The object does not exist or the user may not see it (never distinguished)."""


class VersionConflict(Exception):  # noqa: N818
    """The update was based on an older version than the one stored."""

    def __init__(self, current: Any, expected: int) -> None:
        super().__init__(
            f"This record was changed by someone else (you edited version {expected}, "
            f"the current version is {current.version})."
        )
        self.current = current
        self.expected = expected


class Forbidden(Exception):  # noqa: N818
    """The user may see the object but not perform this action."""
