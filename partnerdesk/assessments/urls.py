from django.urls import path

from partnerdesk.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.RoundListView.as_view(), name="list"),
    path("new/", views.RoundCreateView.as_view(), name="create"),
    path("<int:pk>/", views.RoundDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.RoundUpdateView.as_view(), name="update"),
    path("<int:pk>/rate/", views.RoundRateView.as_view(), name="rate"),
    path("<int:pk>/close/", views.RoundCloseView.as_view(), name="close"),
    path(
        "<int:pk>/divergences-to-follow-ups/",
        views.RoundDivergencesView.as_view(),
        name="divergences",
    ),
    path("<int:pk>/export/", views.RoundExportView.as_view(), name="export"),
    path("<int:pk>/history/", views.RoundHistoryView.as_view(), name="history"),
    path("plans/<int:plan_id>/", views.plan_analytics_view, name="plan-analytics"),
    path("follow-ups/", views.FollowUpListView.as_view(), name="followups"),
    path("follow-ups/<int:pk>/", views.FollowUpDetailView.as_view(), name="followup-detail"),
    path("follow-ups/<int:pk>/edit/", views.FollowUpUpdateView.as_view(), name="followup-update"),
    path(
        "follow-ups/<int:pk>/history/",
        views.FollowUpHistoryView.as_view(),
        name="followup-history",
    ),
]
