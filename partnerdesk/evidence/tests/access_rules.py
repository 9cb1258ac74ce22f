"""Access rules of every evidence route, read by tests/test_access_matrix.py."""

from __future__ import annotations

ROUTES: dict[str, str] = {}
API_OPERATIONS: set[str] = set()
