"""The entry-documents API collection: the base viewset wired to this domain."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from partnerdesk.core.actor import Actor
from partnerdesk.core.api.viewsets import RecordViewSet
from partnerdesk.entrydocs import selectors, services
from partnerdesk.entrydocs.filtersets import EntryDocumentFilter
from partnerdesk.entrydocs.models import EntryDocument
from partnerdesk.entrydocs.serializers import EntryDocumentInputSerializer, EntryDocumentSerializer


class EntryDocumentViewSet(RecordViewSet):
    """PfP Framework Documents, Presentation Documents and IPPs of the nations you may see."""

    output_serializer = EntryDocumentSerializer
    input_serializer = EntryDocumentInputSerializer
    serializer_class = EntryDocumentSerializer
    filterset_class = EntryDocumentFilter
    ordering_fields = ("signed_on", "approved_on", "title", "updated_at", "doc_type")
    ordering = ("owner__name", "doc_type", "edition")
    search_fields = ("title", "summary", "signatory_name")
    queryset = EntryDocument.objects.none()

    def selector_list(self, user: Any) -> QuerySet[EntryDocument]:
        return selectors.entrydoc_list(user)

    def service_create(self, *, actor: Actor, data: dict[str, Any]) -> EntryDocument:
        return services.entrydoc_create(actor=actor, data=data)

    def service_update(
        self, obj: Any, *, actor: Actor, expected_version: int, data: dict[str, Any]
    ) -> EntryDocument:
        return services.entrydoc_update(
            obj, actor=actor, expected_version=expected_version, data=data
        )

    def service_delete(self, obj: Any, *, actor: Actor, expected_version: int) -> None:
        services.entrydoc_delete(obj, actor=actor, expected_version=expected_version)
