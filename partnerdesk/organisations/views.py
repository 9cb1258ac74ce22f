"""Web pages for organisations (reference data; read-only in the UI)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from partnerdesk.core.web.views import RecordDetailView, RecordHistoryView, RecordListView
from partnerdesk.organisations import selectors
from partnerdesk.organisations.filtersets import OrganisationFilter
from partnerdesk.organisations.models import Organisation


def _list(user: Any, *, nation_id: int | None = None) -> QuerySet[Organisation]:
    return selectors.organisation_list(user)


class _Pages:
    model = Organisation
    url_namespace = "organisations"
    title_plural = "Organisations"
    get_object_for_view = staticmethod(selectors.organisation_get)


class OrganisationListView(_Pages, RecordListView):
    """Every organisation, filterable by kind and by framework membership on a date."""

    template_name = "organisations/list.html"
    list_selector = staticmethod(_list)
    filterset_class = OrganisationFilter
    ordering_fields = {"name": "name", "code": "code", "kind": "kind"}
    default_ordering = "name"


class OrganisationDetailView(_Pages, RecordDetailView):
    """One organisation with its memberships and their sources."""

    template_name = "organisations/detail.html"


class OrganisationHistoryView(_Pages, RecordHistoryView):
    """Change log of one organisation."""
