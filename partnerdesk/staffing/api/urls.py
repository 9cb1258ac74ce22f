from rest_framework.routers import SimpleRouter

from partnerdesk.staffing.api.views import PostingViewSet, ReportedHeadcountViewSet

router = SimpleRouter()
router.register("staff-postings", PostingViewSet, basename="staff-posting")
router.register(
    "staff-reported-headcounts", ReportedHeadcountViewSet, basename="staff-reported-headcount"
)
urlpatterns = router.urls
