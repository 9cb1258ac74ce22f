"""The sources API collection."""

from __future__ import annotations

from rest_framework.request import Request
from rest_framework.response import Response

from partnerdesk.core.api.viewsets import RecordViewSet
from partnerdesk.core.exceptions import Forbidden
from partnerdesk.sources import selectors, services
from partnerdesk.sources.filtersets import SourceFilter
from partnerdesk.sources.models import Source
from partnerdesk.sources.serializers import SourceInputSerializer, SourceSerializer


class SourceViewSet(RecordViewSet):
    """Sources that facts cite. Sources are never deleted: facts may still point at them."""

    output_serializer = SourceSerializer
    input_serializer = SourceInputSerializer
    serializer_class = SourceSerializer
    filterset_class = SourceFilter
    ordering_fields = ("key", "title", "accessed_on")
    search_fields = ("title", "url", "publisher")
    queryset = Source.objects.none()
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    list_selector = staticmethod(selectors.source_list)
    create_service = staticmethod(services.source_create)
    update_service = staticmethod(services.source_update)

    def destroy(self, request: Request, pk: str | None = None) -> Response:
        raise Forbidden("Sources cannot be deleted.")
