from django.urls import path

from partnerdesk.sources import views

app_name = "sources"
urlpatterns = [
    path("", views.SourceListView.as_view(), name="list"),
    path("new/", views.SourceCreateView.as_view(), name="create"),
    path("<int:pk>/", views.SourceDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.SourceUpdateView.as_view(), name="update"),
    path("<int:pk>/history/", views.SourceHistoryView.as_view(), name="history"),
]
