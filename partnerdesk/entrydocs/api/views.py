"""The entry-documents API collection: the base viewset wired to this domain."""

from __future__ import annotations

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

    list_selector = staticmethod(selectors.entrydoc_list)
    create_service = staticmethod(services.entrydoc_create)
    update_service = staticmethod(services.entrydoc_update)
    delete_service = staticmethod(services.entrydoc_delete)
