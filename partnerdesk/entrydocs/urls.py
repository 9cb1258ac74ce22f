from django.urls import path

from partnerdesk.entrydocs import views

app_name = "entrydocs"
urlpatterns = [
    path("", views.EntryDocumentListView.as_view(), name="list"),
    path("new/", views.EntryDocumentCreateView.as_view(), name="create"),
    path("<int:pk>/", views.EntryDocumentDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.EntryDocumentUpdateView.as_view(), name="update"),
    path("<int:pk>/delete/", views.EntryDocumentDeleteView.as_view(), name="delete"),
    path("<int:pk>/history/", views.EntryDocumentHistoryView.as_view(), name="history"),
]
