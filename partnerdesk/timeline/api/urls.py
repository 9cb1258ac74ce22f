from django.urls import path
from rest_framework.routers import SimpleRouter

from partnerdesk.timeline.api.views import MilestoneViewSet, TimelineView

router = SimpleRouter()
router.register("milestones", MilestoneViewSet, basename="milestone")
urlpatterns = [path("timeline/", TimelineView.as_view(), name="timeline-api"), *router.urls]
