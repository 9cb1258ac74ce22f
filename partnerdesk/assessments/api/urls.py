from rest_framework.routers import SimpleRouter

from partnerdesk.assessments.api.views import (
    AssessmentRoundViewSet,
    FollowUpViewSet,
    RatingViewSet,
)

router = SimpleRouter()
router.register("assessment-rounds", AssessmentRoundViewSet, basename="assessment-round")
router.register("ratings", RatingViewSet, basename="rating")
router.register("follow-ups", FollowUpViewSet, basename="follow-up")
urlpatterns = router.urls
