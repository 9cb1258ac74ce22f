"""Access rules of every participation route, read by tests/test_access_matrix.py.

"page": any active user GETs 200; "post_only": GET answers 405; "app_tested": this app's
tests (test_access.py) check the route for every role.
"""

from __future__ import annotations

ROUTES: dict[str, str] = {
    "participation:list": "page",
    "participation:counts": "page",
    "participation:registration-detail": "app_tested",
    "participation:registration-update": "app_tested",
    "participation:registration-history": "app_tested",
    "participation:registration-decide": "post_only",
    "participation:registration-check-in": "post_only",
    "participation:feedback-create": "app_tested",
    "participation:feedback-update": "app_tested",
    "participation:nominate": "app_tested",
    "participation:participants": "app_tested",
    "participation:remind-feedback": "post_only",
    "registration-list": "app_tested",
    "registration-detail": "app_tested",
    "registration-history": "app_tested",
    "registration-approve": "app_tested",
    "registration-reject": "app_tested",
    "registration-cancel": "app_tested",
    "registration-check-in": "app_tested",
    "feedback-list": "app_tested",
    "feedback-detail": "app_tested",
    "feedback-history": "app_tested",
    "feedback-remind": "app_tested",
    "participation-counts": "app_tested",
}

API_OPERATIONS: set[str] = {
    "GET /api/v1/registrations/",
    "POST /api/v1/registrations/",
    "GET /api/v1/registrations/{id}/",
    "PUT /api/v1/registrations/{id}/",
    "PATCH /api/v1/registrations/{id}/",
    "GET /api/v1/registrations/{id}/history/",
    "POST /api/v1/registrations/{id}/approve/",
    "POST /api/v1/registrations/{id}/reject/",
    "POST /api/v1/registrations/{id}/cancel/",
    "POST /api/v1/registrations/{id}/check-in/",
    "GET /api/v1/feedback/",
    "POST /api/v1/feedback/",
    "GET /api/v1/feedback/{id}/",
    "PUT /api/v1/feedback/{id}/",
    "PATCH /api/v1/feedback/{id}/",
    "DELETE /api/v1/feedback/{id}/",
    "GET /api/v1/feedback/{id}/history/",
    "POST /api/v1/feedback/remind/",
    "GET /api/v1/participation-counts/",
}
