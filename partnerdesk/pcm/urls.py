from django.urls import path

from partnerdesk.pcm import views

app_name = "pcm"
urlpatterns = [
    path("", views.CatalogueListView.as_view(), name="list"),
    path("catalogues/new/", views.CatalogueCreateView.as_view(), name="catalogue-create"),
    path("catalogues/<int:pk>/", views.CatalogueDetailView.as_view(), name="catalogue-detail"),
    path("catalogues/<int:pk>/edit/", views.CatalogueUpdateView.as_view(), name="catalogue-update"),
    path(
        "catalogues/<int:pk>/delete/",
        views.CatalogueDeleteView.as_view(),
        name="catalogue-delete",
    ),
    path(
        "catalogues/<int:pk>/history/",
        views.CatalogueHistoryView.as_view(),
        name="catalogue-history",
    ),
    path(
        "catalogues/<int:pk>/publish/",
        views.CataloguePublishView.as_view(),
        name="catalogue-publish",
    ),
    path(
        "catalogues/<int:pk>/export/",
        views.CatalogueExportView.as_view(),
        name="catalogue-export",
    ),
    path("import/", views.CatalogueImportView.as_view(), name="import"),
    path("carry-over/", views.CarryOverView.as_view(), name="carry-over"),
    path(
        "catalogues/<int:parent_pk>/activities/new/",
        views.ActivityFormView.as_view(),
        name="activity-create",
    ),
    path("activities/<int:pk>/", views.ActivityDetailView.as_view(), name="activity-detail"),
    path("activities/<int:pk>/edit/", views.ActivityFormView.as_view(), name="activity-update"),
    path("activities/<int:pk>/delete/", views.ActivityDeleteView.as_view(), name="activity-delete"),
    path(
        "activities/<int:pk>/history/",
        views.ActivityHistoryView.as_view(),
        name="activity-history",
    ),
    path("lines/", views.LineListView.as_view(), name="line-list"),
    path("plans/<int:plan_pk>/programme/", views.ProgrammeView.as_view(), name="programme"),
    path("plans/<int:plan_pk>/lines/new/", views.LineFormView.as_view(), name="line-create"),
    path("lines/<int:pk>/", views.LineDetailView.as_view(), name="line-detail"),
    path("lines/<int:pk>/edit/", views.LineFormView.as_view(), name="line-update"),
    path("lines/<int:pk>/delete/", views.LineDeleteView.as_view(), name="line-delete"),
    path("lines/<int:pk>/history/", views.LineHistoryView.as_view(), name="line-history"),
]
