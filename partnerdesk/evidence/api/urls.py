from rest_framework.routers import SimpleRouter

from partnerdesk.evidence.api.views import DocumentViewSet, FactViewSet

router = SimpleRouter()
router.register("evidence-documents", DocumentViewSet, basename="evidence-document")
router.register("evidence-facts", FactViewSet, basename="evidence-fact")
urlpatterns = router.urls
