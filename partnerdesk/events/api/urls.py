from rest_framework.routers import SimpleRouter

from partnerdesk.events.api.views import (
    CalendarFeedViewSet,
    EventReportViewSet,
    EventViewSet,
    InvitationViewSet,
)

router = SimpleRouter()
router.register("events", EventViewSet, basename="event")
router.register("event-invitations", InvitationViewSet, basename="event-invitation")
router.register("event-reports", EventReportViewSet, basename="event-report")
router.register("calendar-feeds", CalendarFeedViewSet, basename="calendar-feed")
urlpatterns = router.urls
