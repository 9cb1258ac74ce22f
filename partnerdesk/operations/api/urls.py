from rest_framework.routers import SimpleRouter

from partnerdesk.operations.api.views import ContributionSnapshotViewSet, OperationViewSet

router = SimpleRouter()
router.register("operations", OperationViewSet, basename="operation")
router.register(
    "operation-contributions", ContributionSnapshotViewSet, basename="operation-contribution"
)
urlpatterns = router.urls
