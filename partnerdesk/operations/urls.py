from django.urls import path

from partnerdesk.operations import views

app_name = "operations"
urlpatterns = [
    path("", views.ContributionListView.as_view(), name="list"),
    path("contributions/new/", views.ContributionCreateView.as_view(), name="create"),
    path("contributions/<int:pk>/", views.ContributionDetailView.as_view(), name="detail"),
    path("contributions/<int:pk>/edit/", views.ContributionUpdateView.as_view(), name="update"),
    path("contributions/<int:pk>/delete/", views.ContributionDeleteView.as_view(), name="delete"),
    path(
        "contributions/<int:pk>/history/",
        views.ContributionHistoryView.as_view(),
        name="history",
    ),
    path("missions/", views.OperationListView.as_view(), name="operation-list"),
    path("missions/new/", views.OperationCreateView.as_view(), name="operation-create"),
    path("missions/<int:pk>/", views.OperationDetailView.as_view(), name="operation-detail"),
    path("missions/<int:pk>/edit/", views.OperationUpdateView.as_view(), name="operation-update"),
    path(
        "missions/<int:pk>/delete/",
        views.OperationDeleteView.as_view(),
        name="operation-delete",
    ),
    path(
        "missions/<int:pk>/history/",
        views.OperationHistoryView.as_view(),
        name="operation-history",
    ),
    path("nations/<str:code>/", views.NationView.as_view(), name="nation"),
]
