"""Access rules of every staffing route, read by tests/test_access_matrix.py.

"page": any active user GETs 200; "post_only": GET answers 405; "app_tested": the role ×
marking matrix in this app's tests (test_access.py) covers it.
"""

from __future__ import annotations

ROUTES: dict[str, str] = {
    "staffing:list": "page",
    "staffing:headcount": "page",
    "staffing:create": "app_tested",
    "staffing:detail": "app_tested",
    "staffing:update": "app_tested",
    "staffing:delete": "app_tested",
    "staffing:history": "app_tested",
    "staffing:reported-create": "app_tested",
    "staffing:reported": "app_tested",
    "staffing:reported-update": "app_tested",
    "staffing:reported-delete": "app_tested",
    "staffing:reported-history": "app_tested",
    "staff-posting-list": "app_tested",
    "staff-posting-detail": "app_tested",
    "staff-posting-history": "app_tested",
    "staff-posting-headcount": "app_tested",
    "staff-posting-series": "app_tested",
    "staff-reported-headcount-list": "app_tested",
    "staff-reported-headcount-detail": "app_tested",
    "staff-reported-headcount-history": "app_tested",
}

API_OPERATIONS: set[str] = {
    "GET /api/v1/staff-postings/",
    "POST /api/v1/staff-postings/",
    "GET /api/v1/staff-postings/{id}/",
    "PUT /api/v1/staff-postings/{id}/",
    "PATCH /api/v1/staff-postings/{id}/",
    "DELETE /api/v1/staff-postings/{id}/",
    "GET /api/v1/staff-postings/{id}/history/",
    "GET /api/v1/staff-postings/headcount/",
    "GET /api/v1/staff-postings/series/",
    "GET /api/v1/staff-reported-headcounts/",
    "POST /api/v1/staff-reported-headcounts/",
    "GET /api/v1/staff-reported-headcounts/{id}/",
    "PUT /api/v1/staff-reported-headcounts/{id}/",
    "PATCH /api/v1/staff-reported-headcounts/{id}/",
    "DELETE /api/v1/staff-reported-headcounts/{id}/",
    "GET /api/v1/staff-reported-headcounts/{id}/history/",
}
