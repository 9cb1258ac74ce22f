from django.urls import path

from partnerdesk.dialogue import views

app_name = "dialogue"
urlpatterns = [
    path("", views.MeetingListView.as_view(), name="list"),
    path("follow-ups/", views.FollowUpLedgerView.as_view(), name="followups"),
    path("meetings/new/", views.MeetingCreateView.as_view(), name="create"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="detail"),
    path("meetings/<int:pk>/edit/", views.MeetingUpdateView.as_view(), name="update"),
    path("meetings/<int:pk>/delete/", views.MeetingDeleteView.as_view(), name="delete"),
    path("meetings/<int:pk>/history/", views.MeetingHistoryView.as_view(), name="history"),
    path("meetings/<int:pk>/transition/", views.MeetingTransitionView.as_view(), name="transition"),
    path("meetings/<int:pk>/briefing/", views.BriefingView.as_view(), name="briefing"),
    path(
        "meetings/<int:pk>/participants/new/",
        views.ParticipantCreateView.as_view(),
        name="participant-create",
    ),
    path(
        "participants/<int:pk>/edit/",
        views.ParticipantUpdateView.as_view(),
        name="participant-update",
    ),
    path(
        "participants/<int:pk>/delete/",
        views.ParticipantDeleteView.as_view(),
        name="participant-delete",
    ),
    path(
        "meetings/<int:pk>/follow-ups/new/",
        views.FollowUpCreateView.as_view(),
        name="followup-create",
    ),
    path("follow-ups/<int:pk>/edit/", views.FollowUpUpdateView.as_view(), name="followup-update"),
    path("follow-ups/<int:pk>/delete/", views.FollowUpDeleteView.as_view(), name="followup-delete"),
    path(
        "follow-ups/<int:pk>/history/",
        views.FollowUpHistoryView.as_view(),
        name="followup-history",
    ),
    path(
        "follow-ups/<int:pk>/transition/",
        views.FollowUpTransitionView.as_view(),
        name="followup-transition",
    ),
]
