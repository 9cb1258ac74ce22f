from rest_framework.routers import SimpleRouter

from partnerdesk.occ.api.views import (
    CertificationViewSet,
    EvaluationResultViewSet,
    EvaluationViewSet,
    OccUnitViewSet,
    RemedialActionViewSet,
)

router = SimpleRouter()
router.register("occ-units", OccUnitViewSet, basename="occ-unit")
router.register("occ-evaluations", EvaluationViewSet, basename="occ-evaluation")
router.register("occ-results", EvaluationResultViewSet, basename="occ-result")
router.register("occ-certifications", CertificationViewSet, basename="occ-certification")
router.register("occ-remedial-actions", RemedialActionViewSet, basename="occ-remedial-action")
urlpatterns = router.urls
