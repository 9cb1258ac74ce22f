from django.urls import path

from partnerdesk.timeline import views

app_name = "timeline"
urlpatterns = [
    path("", views.timeline_view, name="view"),
    path("export.<slug:fmt>", views.timeline_export, name="export"),
    # Milestones use the generic record names (list, detail, …) the shared templates expect.
    path("milestones/", views.MilestoneListView.as_view(), name="list"),
    path("milestones/new/", views.MilestoneCreateView.as_view(), name="create"),
    path("milestones/<int:pk>/", views.MilestoneDetailView.as_view(), name="detail"),
    path("milestones/<int:pk>/edit/", views.MilestoneUpdateView.as_view(), name="update"),
    path("milestones/<int:pk>/delete/", views.MilestoneDeleteView.as_view(), name="delete"),
    path("milestones/<int:pk>/history/", views.MilestoneHistoryView.as_view(), name="history"),
]
