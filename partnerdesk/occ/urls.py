from django.urls import path

from partnerdesk.occ import views

app_name = "occ"
urlpatterns = [
    path("", views.OccUnitListView.as_view(), name="list"),
    path("due/", views.DueListView.as_view(), name="due"),
    path("units/new/", views.OccUnitCreateView.as_view(), name="create"),
    path("units/<int:pk>/", views.OccUnitDetailView.as_view(), name="detail"),
    path("units/<int:pk>/edit/", views.OccUnitUpdateView.as_view(), name="update"),
    path("units/<int:pk>/delete/", views.OccUnitDeleteView.as_view(), name="delete"),
    path("units/<int:pk>/history/", views.OccUnitHistoryView.as_view(), name="history"),
    path(
        "units/<int:pk>/evaluations/new/",
        views.EvaluationCreateView.as_view(),
        name="evaluation-create",
    ),
    path("evaluations/<int:pk>/", views.EvaluationDetailView.as_view(), name="evaluation"),
    path(
        "evaluations/<int:pk>/edit/",
        views.EvaluationUpdateView.as_view(),
        name="evaluation-update",
    ),
    path(
        "evaluations/<int:pk>/delete/",
        views.EvaluationDeleteView.as_view(),
        name="evaluation-delete",
    ),
    path(
        "evaluations/<int:pk>/history/",
        views.EvaluationHistoryView.as_view(),
        name="evaluation-history",
    ),
    path(
        "evaluations/<int:pk>/results/new/",
        views.ResultCreateView.as_view(),
        name="result-create",
    ),
    path("results/<int:pk>/edit/", views.ResultUpdateView.as_view(), name="result-update"),
    path("results/<int:pk>/delete/", views.ResultDeleteView.as_view(), name="result-delete"),
    path(
        "evaluations/<int:pk>/remedial-actions/new/",
        views.RemedialCreateView.as_view(),
        name="remedial-create",
    ),
    path(
        "remedial-actions/<int:pk>/edit/",
        views.RemedialUpdateView.as_view(),
        name="remedial-update",
    ),
    path(
        "remedial-actions/<int:pk>/delete/",
        views.RemedialDeleteView.as_view(),
        name="remedial-delete",
    ),
    path(
        "remedial-actions/<int:pk>/transition/",
        views.RemedialTransitionView.as_view(),
        name="remedial-transition",
    ),
]
