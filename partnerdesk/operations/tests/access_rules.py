"""Access rules of every operations route, read by tests/test_access_matrix.py.

"page": any active user GETs 200; "post_only": GET answers 405; "app_tested": the role ×
marking matrix in this app's tests (test_access.py) covers it.
"""

from __future__ import annotations

ROUTES: dict[str, str] = {
    "operations:list": "page",
    "operations:operation-list": "page",
    "operations:create": "app_tested",
    "operations:detail": "app_tested",
    "operations:update": "app_tested",
    "operations:delete": "app_tested",
    "operations:history": "app_tested",
    "operations:operation-create": "app_tested",
    "operations:operation-detail": "app_tested",
    "operations:operation-update": "app_tested",
    "operations:operation-delete": "app_tested",
    "operations:operation-history": "app_tested",
    "operations:nation": "app_tested",
    "operation-list": "app_tested",
    "operation-detail": "app_tested",
    "operation-history": "app_tested",
    "operation-contribution-list": "app_tested",
    "operation-contribution-detail": "app_tested",
    "operation-contribution-history": "app_tested",
    "operation-contribution-series": "app_tested",
}

API_OPERATIONS: set[str] = {
    "GET /api/v1/operations/",
    "POST /api/v1/operations/",
    "GET /api/v1/operations/{id}/",
    "PUT /api/v1/operations/{id}/",
    "PATCH /api/v1/operations/{id}/",
    "DELETE /api/v1/operations/{id}/",
    "GET /api/v1/operations/{id}/history/",
    "GET /api/v1/operation-contributions/",
    "POST /api/v1/operation-contributions/",
    "GET /api/v1/operation-contributions/{id}/",
    "PUT /api/v1/operation-contributions/{id}/",
    "PATCH /api/v1/operation-contributions/{id}/",
    "DELETE /api/v1/operation-contributions/{id}/",
    "GET /api/v1/operation-contributions/{id}/history/",
    "GET /api/v1/operation-contributions/series/",
}
