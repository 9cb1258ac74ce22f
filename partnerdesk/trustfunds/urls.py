from django.urls import path

from partnerdesk.trustfunds import views

app_name = "trustfunds"
urlpatterns = [
    path("", views.ProjectListView.as_view(), name="list"),
    path("projects/new/", views.ProjectCreateView.as_view(), name="create"),
    path("projects/<int:pk>/", views.ProjectDetailView.as_view(), name="detail"),
    path("projects/<int:pk>/edit/", views.ProjectUpdateView.as_view(), name="update"),
    path("projects/<int:pk>/delete/", views.ProjectDeleteView.as_view(), name="delete"),
    path("projects/<int:pk>/history/", views.ProjectHistoryView.as_view(), name="history"),
    path("projects/<int:pk>/transition/", views.ProjectTransitionView.as_view(), name="transition"),
    path("projects/<int:pk>/phases/new/", views.PhaseCreateView.as_view(), name="phase-create"),
    path("phases/<int:pk>/edit/", views.PhaseUpdateView.as_view(), name="phase-update"),
    path("phases/<int:pk>/delete/", views.PhaseDeleteView.as_view(), name="phase-delete"),
    path(
        "phases/<int:pk>/contributions/new/",
        views.ContributionCreateView.as_view(),
        name="contribution-create",
    ),
    path(
        "contributions/<int:pk>/edit/",
        views.ContributionUpdateView.as_view(),
        name="contribution-update",
    ),
    path(
        "contributions/<int:pk>/delete/",
        views.ContributionDeleteView.as_view(),
        name="contribution-delete",
    ),
    path(
        "projects/<int:pk>/agreements/new/",
        views.AgreementCreateView.as_view(),
        name="agreement-create",
    ),
    path("agreements/<int:pk>/edit/", views.AgreementUpdateView.as_view(), name="agreement-update"),
    path(
        "agreements/<int:pk>/delete/", views.AgreementDeleteView.as_view(), name="agreement-delete"
    ),
    path("phases/<int:pk>/kpis/new/", views.KpiCreateView.as_view(), name="kpi-create"),
    path("kpis/<int:pk>/edit/", views.KpiUpdateView.as_view(), name="kpi-update"),
    path("kpis/<int:pk>/delete/", views.KpiDeleteView.as_view(), name="kpi-delete"),
]
