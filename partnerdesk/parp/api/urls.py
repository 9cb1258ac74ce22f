from rest_framework.routers import SimpleRouter

from partnerdesk.parp.api.views import (
    GoalAssessmentViewSet,
    ParpCycleViewSet,
    PartnershipGoalViewSet,
    SurveyAnswerViewSet,
)

router = SimpleRouter()
router.register("parp-cycles", ParpCycleViewSet, basename="parp-cycle")
router.register("survey-answers", SurveyAnswerViewSet, basename="survey-answer")
router.register("partnership-goals", PartnershipGoalViewSet, basename="partnership-goal")
router.register("goal-assessments", GoalAssessmentViewSet, basename="goal-assessment")
urlpatterns = router.urls
