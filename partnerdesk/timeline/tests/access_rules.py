"""Access rules of every timeline route, read by tests/test_access_matrix.py."""

from __future__ import annotations

ROUTES: dict[str, str] = {
    "timeline:view": "page",
    "timeline:list": "page",
    "timeline:export": "app_tested",
    "timeline:create": "app_tested",
    "timeline:detail": "app_tested",
    "timeline:update": "app_tested",
    "timeline:delete": "app_tested",
    "timeline:history": "app_tested",
    "timeline-api": "app_tested",
    "milestone-list": "app_tested",
    "milestone-detail": "app_tested",
    "milestone-history": "app_tested",
}
API_OPERATIONS: set[str] = {
    "GET /api/v1/timeline/",
    "GET /api/v1/milestones/",
    "POST /api/v1/milestones/",
    "GET /api/v1/milestones/{id}/",
    "PUT /api/v1/milestones/{id}/",
    "PATCH /api/v1/milestones/{id}/",
    "DELETE /api/v1/milestones/{id}/",
    "GET /api/v1/milestones/{id}/history/",
}
