from rest_framework.routers import SimpleRouter

from partnerdesk.entrydocs.api.views import EntryDocumentViewSet

router = SimpleRouter()
router.register("entry-documents", EntryDocumentViewSet, basename="entry-document")
urlpatterns = router.urls
