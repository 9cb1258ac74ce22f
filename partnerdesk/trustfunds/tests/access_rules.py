"""Access rules of every trustfunds route, read by tests/test_access_matrix.py.

"page": any active user GETs 200; "post_only": GET answers 405; "app_tested": the role ×
marking matrix in this app's tests (test_access.py) covers it.
"""

from __future__ import annotations

ROUTES: dict[str, str] = {
    "trustfunds:list": "page",
    "trustfunds:create": "app_tested",
    "trustfunds:detail": "app_tested",
    "trustfunds:update": "app_tested",
    "trustfunds:delete": "app_tested",
    "trustfunds:history": "app_tested",
    "trustfunds:transition": "post_only",
    "trustfunds:phase-create": "app_tested",
    "trustfunds:phase-update": "app_tested",
    "trustfunds:phase-delete": "app_tested",
    "trustfunds:contribution-create": "app_tested",
    "trustfunds:contribution-update": "app_tested",
    "trustfunds:contribution-delete": "app_tested",
    "trustfunds:agreement-create": "app_tested",
    "trustfunds:agreement-update": "app_tested",
    "trustfunds:agreement-delete": "app_tested",
    "trustfunds:kpi-create": "app_tested",
    "trustfunds:kpi-update": "app_tested",
    "trustfunds:kpi-delete": "app_tested",
    "trustfund-project-list": "app_tested",
    "trustfund-project-detail": "app_tested",
    "trustfund-project-history": "app_tested",
    "trustfund-project-transition": "app_tested",
    "trustfund-project-totals": "app_tested",
    "trustfund-project-all-totals": "app_tested",
    "trustfund-phase-list": "app_tested",
    "trustfund-phase-detail": "app_tested",
    "trustfund-phase-history": "app_tested",
    "trustfund-contribution-list": "app_tested",
    "trustfund-contribution-detail": "app_tested",
    "trustfund-contribution-history": "app_tested",
    "trustfund-agreement-list": "app_tested",
    "trustfund-agreement-detail": "app_tested",
    "trustfund-agreement-history": "app_tested",
    "trustfund-kpi-list": "app_tested",
    "trustfund-kpi-detail": "app_tested",
    "trustfund-kpi-history": "app_tested",
}


def _crud(prefix: str) -> set[str]:
    return {
        f"GET /api/v1/{prefix}/",
        f"POST /api/v1/{prefix}/",
        f"GET /api/v1/{prefix}/{{id}}/",
        f"PUT /api/v1/{prefix}/{{id}}/",
        f"PATCH /api/v1/{prefix}/{{id}}/",
        f"DELETE /api/v1/{prefix}/{{id}}/",
        f"GET /api/v1/{prefix}/{{id}}/history/",
    }


API_OPERATIONS: set[str] = (
    _crud("trustfund-projects")
    | _crud("trustfund-phases")
    | _crud("trustfund-contributions")
    | _crud("trustfund-agreements")
    | _crud("trustfund-kpis")
    | {
        "POST /api/v1/trustfund-projects/{id}/transition/",
        "GET /api/v1/trustfund-projects/{id}/totals/",
        "GET /api/v1/trustfund-projects/totals/",
    }
)
