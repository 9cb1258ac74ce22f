from django.urls import path
from rest_framework.routers import SimpleRouter

from partnerdesk.participation.api.views import CountsView, FeedbackViewSet, RegistrationViewSet

router = SimpleRouter()
router.register("registrations", RegistrationViewSet, basename="registration")
router.register("feedback", FeedbackViewSet, basename="feedback")
urlpatterns = [
    path("participation-counts/", CountsView.as_view(), name="participation-counts"),
    *router.urls,
]
