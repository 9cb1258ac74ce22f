from rest_framework.routers import SimpleRouter

from partnerdesk.trustfunds.api.views import (
    AgreementViewSet,
    ContributionViewSet,
    KpiViewSet,
    PhaseViewSet,
    ProjectViewSet,
)

router = SimpleRouter()
router.register("trustfund-projects", ProjectViewSet, basename="trustfund-project")
router.register("trustfund-phases", PhaseViewSet, basename="trustfund-phase")
router.register("trustfund-contributions", ContributionViewSet, basename="trustfund-contribution")
router.register("trustfund-agreements", AgreementViewSet, basename="trustfund-agreement")
router.register("trustfund-kpis", KpiViewSet, basename="trustfund-kpi")
urlpatterns = router.urls
