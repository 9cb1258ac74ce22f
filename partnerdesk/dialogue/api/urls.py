from rest_framework.routers import SimpleRouter

from partnerdesk.dialogue.api.views import FollowUpViewSet, MeetingViewSet, ParticipantViewSet

router = SimpleRouter()
router.register("dialogue-meetings", MeetingViewSet, basename="dialogue-meeting")
router.register("dialogue-participants", ParticipantViewSet, basename="dialogue-participant")
router.register("dialogue-followups", FollowUpViewSet, basename="dialogue-followup")
urlpatterns = router.urls
