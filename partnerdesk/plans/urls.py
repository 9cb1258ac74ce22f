from django.urls import path

from partnerdesk.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.PlanListView.as_view(), name="list"),
    path("new/", views.PlanCreateView.as_view(), name="create"),
    path("<int:pk>/", views.PlanDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.PlanUpdateView.as_view(), name="update"),
    path("<int:pk>/delete/", views.PlanDeleteView.as_view(), name="delete"),
    path("<int:pk>/history/", views.PlanHistoryView.as_view(), name="history"),
    path("<int:pk>/transition/", views.PlanTransitionView.as_view(), name="transition"),
    path("<int:pk>/compare/", views.PlanCompareView.as_view(), name="compare"),
    path("<int:pk>/carry-over/", views.PlanCarryOverView.as_view(), name="carry-over"),
    path("<int:pk>/import/", views.PlanImportView.as_view(), name="import"),
    path("<int:pk>/export/", views.PlanExportView.as_view(), name="export"),
    path(
        "<int:parent_pk>/decisions/new/",
        views.DecisionFormView.as_view(),
        name="decision-create",
    ),
    path("decisions/<int:pk>/edit/", views.DecisionFormView.as_view(), name="decision-update"),
    path("decisions/<int:pk>/delete/", views.DecisionDeleteView.as_view(), name="decision-delete"),
    path(
        "decisions/<int:pk>/history/",
        views.DecisionHistoryView.as_view(),
        name="decision-history",
    ),
    path("<int:parent_pk>/chapters/new/", views.ChapterFormView.as_view(), name="chapter-create"),
    path("chapters/<int:pk>/edit/", views.ChapterFormView.as_view(), name="chapter-update"),
    path("chapters/<int:pk>/delete/", views.ChapterDeleteView.as_view(), name="chapter-delete"),
    path("chapters/<int:pk>/history/", views.ChapterHistoryView.as_view(), name="chapter-history"),
    path(
        "<int:parent_pk>/objectives/new/",
        views.ObjectiveFormView.as_view(),
        name="objective-create",
    ),
    path("objectives/<int:pk>/", views.ObjectiveDetailView.as_view(), name="objective"),
    path("objectives/<int:pk>/edit/", views.ObjectiveFormView.as_view(), name="objective-update"),
    path(
        "objectives/<int:pk>/delete/",
        views.ObjectiveDeleteView.as_view(),
        name="objective-delete",
    ),
    path(
        "objectives/<int:pk>/history/",
        views.ObjectiveHistoryView.as_view(),
        name="objective-history",
    ),
    path(
        "objectives/<int:parent_pk>/commitments/new/",
        views.CommitmentFormView.as_view(),
        name="commitment-create",
    ),
    path(
        "commitments/<int:pk>/edit/",
        views.CommitmentFormView.as_view(),
        name="commitment-update",
    ),
    path(
        "commitments/<int:pk>/delete/",
        views.CommitmentDeleteView.as_view(),
        name="commitment-delete",
    ),
    path(
        "commitments/<int:pk>/history/",
        views.CommitmentHistoryView.as_view(),
        name="commitment-history",
    ),
]
