from rest_framework.routers import SimpleRouter

from partnerdesk.core.api.views import ChangeRecordViewSet

router = SimpleRouter()
router.register("changes", ChangeRecordViewSet, basename="change")
urlpatterns = router.urls
