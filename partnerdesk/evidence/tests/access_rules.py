"""Access rules of every evidence route, read by tests/test_access_matrix.py.

"page": any active user GETs 200; "post_only": GET answers 405; "app_tested": the role ×
marking matrix in this app's tests (test_access.py) covers it.
"""

from __future__ import annotations

ROUTES: dict[str, str] = {
    "evidence:list": "page",
    "evidence:search": "page",
    "evidence:upload": "app_tested",
    "evidence:detail": "app_tested",
    "evidence:raw": "app_tested",
    "evidence:review": "post_only",
    "evidence-document-list": "app_tested",
    "evidence-document-detail": "app_tested",
    "evidence-document-history": "app_tested",
    "evidence-document-search": "app_tested",
    "evidence-fact-list": "app_tested",
    "evidence-fact-detail": "app_tested",
    "evidence-fact-history": "app_tested",
    "evidence-fact-review": "app_tested",
}

API_OPERATIONS: set[str] = {
    "GET /api/v1/evidence-documents/",
    "POST /api/v1/evidence-documents/",
    "GET /api/v1/evidence-documents/{id}/",
    "GET /api/v1/evidence-documents/{id}/history/",
    "GET /api/v1/evidence-documents/search/",
    "GET /api/v1/evidence-facts/",
    "POST /api/v1/evidence-facts/",
    "GET /api/v1/evidence-facts/{id}/",
    "GET /api/v1/evidence-facts/{id}/history/",
    "POST /api/v1/evidence-facts/{id}/review/",
}
