from rest_framework.routers import SimpleRouter

from partnerdesk.organisations.api.views import MembershipViewSet, OrganisationViewSet

router = SimpleRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("memberships", MembershipViewSet, basename="membership")
urlpatterns = router.urls
