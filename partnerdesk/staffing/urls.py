from django.urls import path

from partnerdesk.staffing import views

app_name = "staffing"
urlpatterns = [
    path("", views.PostingListView.as_view(), name="list"),
    path("headcount/", views.HeadcountView.as_view(), name="headcount"),
    path("postings/new/", views.PostingCreateView.as_view(), name="create"),
    path("postings/<int:pk>/", views.PostingDetailView.as_view(), name="detail"),
    path("postings/<int:pk>/edit/", views.PostingUpdateView.as_view(), name="update"),
    path("postings/<int:pk>/delete/", views.PostingDeleteView.as_view(), name="delete"),
    path("postings/<int:pk>/history/", views.PostingHistoryView.as_view(), name="history"),
    path("reported/new/", views.ReportedCreateView.as_view(), name="reported-create"),
    path("reported/<int:pk>/", views.ReportedDetailView.as_view(), name="reported"),
    path("reported/<int:pk>/edit/", views.ReportedUpdateView.as_view(), name="reported-update"),
    path("reported/<int:pk>/delete/", views.ReportedDeleteView.as_view(), name="reported-delete"),
    path(
        "reported/<int:pk>/history/", views.ReportedHistoryView.as_view(), name="reported-history"
    ),
]
