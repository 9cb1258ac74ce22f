from django.urls import path

from partnerdesk.participation import views

app_name = "participation"
urlpatterns = [
    path("", views.RegistrationListView.as_view(), name="list"),
    path("counts/", views.CountsPageView.as_view(), name="counts"),
    path(
        "registrations/<int:pk>/",
        views.RegistrationDetailView.as_view(),
        name="registration-detail",
    ),
    path(
        "registrations/<int:pk>/edit/",
        views.RegistrationUpdateView.as_view(),
        name="registration-update",
    ),
    path(
        "registrations/<int:pk>/history/",
        views.RegistrationHistoryView.as_view(),
        name="registration-history",
    ),
    path("registrations/<int:pk>/decide/", views.DecideView.as_view(), name="registration-decide"),
    path(
        "registrations/<int:pk>/check-in/",
        views.CheckInView.as_view(),
        name="registration-check-in",
    ),
    path(
        "registrations/<int:pk>/feedback/",
        views.FeedbackCreateView.as_view(),
        name="feedback-create",
    ),
    path("feedback/<int:pk>/edit/", views.FeedbackUpdateView.as_view(), name="feedback-update"),
    path("events/<int:pk>/nominate/", views.NominateView.as_view(), name="nominate"),
    path("events/<int:pk>/participants/", views.ParticipantsView.as_view(), name="participants"),
    path(
        "events/<int:pk>/remind-feedback/",
        views.RemindFeedbackView.as_view(),
        name="remind-feedback",
    ),
]
