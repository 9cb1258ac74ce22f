from rest_framework.routers import SimpleRouter

from partnerdesk.pcm.api.views import ActivityViewSet, CatalogueViewSet, ProgrammeLineViewSet

router = SimpleRouter()
router.register("pcm/catalogues", CatalogueViewSet, basename="pcm-catalogue")
router.register("pcm/activities", ActivityViewSet, basename="pcm-activity")
router.register("pcm/programme-lines", ProgrammeLineViewSet, basename="pcm-programme-line")
urlpatterns = router.urls
