from django.urls import path

from partnerdesk.events import views

app_name = "events"
urlpatterns = [
    path("", views.EventListView.as_view(), name="list"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("new/", views.EventCreateView.as_view(), name="create"),
    path("<int:pk>/", views.EventDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.EventUpdateView.as_view(), name="update"),
    path("<int:pk>/delete/", views.EventDeleteView.as_view(), name="delete"),
    path("<int:pk>/history/", views.EventHistoryView.as_view(), name="history"),
    path("<int:pk>/transition/", views.EventTransitionView.as_view(), name="transition"),
    path("<int:pk>/invite/", views.InviteView.as_view(), name="invite"),
    path("<int:pk>/remind/", views.EventRemindView.as_view(), name="remind"),
    path("<int:pk>/report/new/", views.ReportCreateView.as_view(), name="report-create"),
    path("reports/<int:pk>/edit/", views.ReportUpdateView.as_view(), name="report-update"),
    path("invitations/<int:pk>/answer/", views.AnswerView.as_view(), name="answer"),
    path("feeds/", views.FeedListView.as_view(), name="feeds"),
    path("feeds/<int:pk>/revoke/", views.FeedRevokeView.as_view(), name="feed-revoke"),
    path("feeds/<str:token>.ics", views.feed, name="feed"),
]
