"""Web pages for sources."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from partnerdesk.core.permissions import Action
from partnerdesk.core.web.views import (
    RecordDetailView,
    RecordFormView,
    RecordHistoryView,
    RecordListView,
)
from partnerdesk.sources import selectors, services
from partnerdesk.sources.filtersets import SourceFilter
from partnerdesk.sources.forms import SourceForm
from partnerdesk.sources.models import Source


def _list(user: Any, *, nation_id: int | None = None) -> QuerySet[Source]:
    return selectors.source_list(user)


def _can_create(user: Any) -> bool:
    access = Source.reference_access
    return access is not None and access.permits(user, Action.CHANGE)


class _Pages:
    model = Source
    url_namespace = "sources"
    title_plural = "Sources"
    get_object_for_view = staticmethod(selectors.source_get)
    get_object_for_change = staticmethod(selectors.source_get_for_change)


class SourceListView(_Pages, RecordListView):
    """Every source, filterable by confidence and text."""

    template_name = "sources/list.html"
    list_selector = staticmethod(_list)
    filterset_class = SourceFilter
    ordering_fields = {
        "key": "key",
        "title": "title",
        "publisher": "publisher",
        "confidence": "confidence",
    }
    default_ordering = "key"
    can_create = staticmethod(_can_create)


class SourceDetailView(_Pages, RecordDetailView):
    """One source."""

    template_name = "sources/detail.html"


class SourceHistoryView(_Pages, RecordHistoryView):
    """Change log of one source."""


class SourceCreateView(_Pages, RecordFormView):
    """Add a source."""

    form_class = SourceForm
    creating = True
    can_create = staticmethod(_can_create)
    create_service = staticmethod(services.source_create)


class SourceUpdateView(_Pages, RecordFormView):
    """Edit a source."""

    form_class = SourceForm
    update_service = staticmethod(services.source_update)
