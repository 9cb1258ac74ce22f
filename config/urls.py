"""Root URL configuration: web pages, the API under /api/v1/, schema and docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from partnerdesk.core.web import views as core_views

api_v1 = [
    path("", include("partnerdesk.entrydocs.api.urls")),
    path("", include("partnerdesk.plans.api.urls")),
    path("", include("partnerdesk.assessments.api.urls")),
    path("", include("partnerdesk.parp.api.urls")),
    path("", include("partnerdesk.occ.api.urls")),
    path("", include("partnerdesk.pcm.api.urls")),
    path("", include("partnerdesk.events.api.urls")),
    path("", include("partnerdesk.participation.api.urls")),
    path("", include("partnerdesk.operations.api.urls")),
    path("", include("partnerdesk.staffing.api.urls")),
    path("", include("partnerdesk.dialogue.api.urls")),
    path("", include("partnerdesk.trustfunds.api.urls")),
    path("", include("partnerdesk.timeline.api.urls")),
    path("", include("partnerdesk.evidence.api.urls")),
    path("", include("partnerdesk.organisations.api.urls")),
    path("", include("partnerdesk.sources.api.urls")),
    path("", include("partnerdesk.accounts.api.urls")),
    path("", include("partnerdesk.core.api.urls")),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accounts/", include("partnerdesk.accounts.urls")),
    path("entry-documents/", include("partnerdesk.entrydocs.urls")),
    path("plans/", include("partnerdesk.plans.urls")),
    path("assessments/", include("partnerdesk.assessments.urls")),
    path("parp/", include("partnerdesk.parp.urls")),
    path("occ/", include("partnerdesk.occ.urls")),
    path("pcm/", include("partnerdesk.pcm.urls")),
    path("events/", include("partnerdesk.events.urls")),
    path("participation/", include("partnerdesk.participation.urls")),
    path("operations/", include("partnerdesk.operations.urls")),
    path("staff/", include("partnerdesk.staffing.urls")),
    path("dialogue/", include("partnerdesk.dialogue.urls")),
    path("trust-funds/", include("partnerdesk.trustfunds.urls")),
    path("timeline/", include("partnerdesk.timeline.urls")),
    path("evidence/", include("partnerdesk.evidence.urls")),
    path("organisations/", include("partnerdesk.organisations.urls")),
    path("sources/", include("partnerdesk.sources.urls")),
    path("changes/", include("partnerdesk.core.web.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]

handler400 = "partnerdesk.core.web.errors.bad_request"
handler403 = "partnerdesk.core.web.errors.permission_denied"
handler404 = "partnerdesk.core.web.errors.page_not_found"
handler500 = "partnerdesk.core.web.errors.server_error"
