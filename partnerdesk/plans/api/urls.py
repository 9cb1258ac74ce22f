from rest_framework.routers import SimpleRouter

from partnerdesk.plans.api.views import (
    ChapterViewSet,
    CommitmentViewSet,
    DecisionViewSet,
    ObjectiveViewSet,
    PlanViewSet,
)

router = SimpleRouter()
router.register("plans", PlanViewSet, basename="plan")
router.register("plan-decisions", DecisionViewSet, basename="plan-decision")
router.register("chapters", ChapterViewSet, basename="chapter")
router.register("objectives", ObjectiveViewSet, basename="objective")
router.register("commitments", CommitmentViewSet, basename="commitment")
urlpatterns = router.urls
