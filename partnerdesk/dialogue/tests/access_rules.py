"""Access rules of every dialogue route, read by tests/test_access_matrix.py.

"page": any active user GETs 200; "post_only": GET answers 405; "app_tested": the role ×
marking matrix in this app's tests (test_access.py) covers it.
"""

from __future__ import annotations

ROUTES: dict[str, str] = {
    "dialogue:list": "page",
    "dialogue:followups": "page",
    "dialogue:create": "app_tested",
    "dialogue:detail": "app_tested",
    "dialogue:update": "app_tested",
    "dialogue:delete": "app_tested",
    "dialogue:history": "app_tested",
    "dialogue:transition": "post_only",
    "dialogue:briefing": "app_tested",
    "dialogue:participant-create": "app_tested",
    "dialogue:participant-update": "app_tested",
    "dialogue:participant-delete": "app_tested",
    "dialogue:followup-create": "app_tested",
    "dialogue:followup-update": "app_tested",
    "dialogue:followup-delete": "app_tested",
    "dialogue:followup-history": "app_tested",
    "dialogue:followup-transition": "post_only",
    "dialogue-meeting-list": "app_tested",
    "dialogue-meeting-detail": "app_tested",
    "dialogue-meeting-history": "app_tested",
    "dialogue-meeting-transition": "app_tested",
    "dialogue-meeting-briefing": "app_tested",
    "dialogue-participant-list": "app_tested",
    "dialogue-participant-detail": "app_tested",
    "dialogue-participant-history": "app_tested",
    "dialogue-followup-list": "app_tested",
    "dialogue-followup-detail": "app_tested",
    "dialogue-followup-history": "app_tested",
    "dialogue-followup-transition": "app_tested",
}

API_OPERATIONS: set[str] = {
    f"{method} /api/v1/dialogue-{name}/{suffix}"
    for name in ("meetings", "participants", "followups")
    for method, suffix in (
        ("GET", ""),
        ("POST", ""),
        ("GET", "{id}/"),
        ("PUT", "{id}/"),
        ("PATCH", "{id}/"),
        ("DELETE", "{id}/"),
        ("GET", "{id}/history/"),
    )
} | {
    "POST /api/v1/dialogue-meetings/{id}/transition/",
    "GET /api/v1/dialogue-meetings/{id}/briefing/",
    "POST /api/v1/dialogue-followups/{id}/transition/",
}
