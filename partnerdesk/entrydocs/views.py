"""Web pages for PfP entry documents: thin configurations of the generic record views."""

from __future__ import annotations

from typing import Any

from partnerdesk.core.web.views import (
    RecordDeleteView,
    RecordDetailView,
    RecordFormView,
    RecordHistoryView,
    RecordListView,
)
from partnerdesk.entrydocs import selectors, services
from partnerdesk.entrydocs.filtersets import EntryDocumentFilter
from partnerdesk.entrydocs.forms import EntryDocumentForm
from partnerdesk.entrydocs.models import EntryDocument
from partnerdesk.organisations.selectors import nations_for_records


def _can_create(user: Any) -> bool:
    return nations_for_records(user).exists()


class _Pages:
    model = EntryDocument
    url_namespace = "entrydocs"
    title_plural = "PfP entry documents"
    get_object_for_view = staticmethod(selectors.entrydoc_get)
    get_object_for_change = staticmethod(selectors.entrydoc_get_for_change)


class EntryDocumentListView(_Pages, RecordListView):
    """All visible entry documents, filterable and sortable."""

    template_name = "entrydocs/list.html"
    list_selector = staticmethod(selectors.entrydoc_list)
    filterset_class = EntryDocumentFilter
    ordering_fields = {
        "nation": "owner__name",
        "type": "doc_type",
        "title": "title",
        "signed": "signed_on",
        "approved": "approved_on",
        "updated": "updated_at",
    }
    default_ordering = "nation"
    can_create = staticmethod(_can_create)


class EntryDocumentDetailView(_Pages, RecordDetailView):
    """One entry document."""

    template_name = "entrydocs/detail.html"


class EntryDocumentHistoryView(_Pages, RecordHistoryView):
    """The change log of one entry document."""


class EntryDocumentCreateView(_Pages, RecordFormView):
    """Record a new entry document."""

    form_class = EntryDocumentForm
    creating = True
    can_create = staticmethod(_can_create)
    create_service = staticmethod(services.entrydoc_create)


class EntryDocumentUpdateView(_Pages, RecordFormView):
    """Edit an entry document (refuses a stale version)."""

    form_class = EntryDocumentForm
    update_service = staticmethod(services.entrydoc_update)


class EntryDocumentDeleteView(_Pages, RecordDeleteView):
    """Delete an entry document after confirmation."""

    delete_service = staticmethod(services.entrydoc_delete)
