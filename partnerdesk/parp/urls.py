from django.urls import path

from partnerdesk.parp import views

app_name = "parp"
urlpatterns = [
    path("", views.CycleListView.as_view(), name="list"),
    path("new/", views.CycleCreateView.as_view(), name="create"),
    path("series/", views.goal_series, name="series"),
    path("goals/", views.GoalListView.as_view(), name="goals"),
    path("<int:pk>/", views.CycleDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.CycleUpdateView.as_view(), name="update"),
    path("<int:pk>/delete/", views.CycleDeleteView.as_view(), name="delete"),
    path("<int:pk>/history/", views.CycleHistoryView.as_view(), name="history"),
    path("<int:pk>/transition/", views.CycleTransitionView.as_view(), name="transition"),
    path("<int:pk>/import/", views.goal_import, name="goal-import"),
    path("<int:pk>/export/", views.goal_export, name="goal-export"),
    path("<int:pk>/carry-over/", views.carry_over, name="carry-over"),
    path(
        "<int:parent_pk>/answers/new/", views.SurveyAnswerCreateView.as_view(), name="answer-create"
    ),
    path("answers/<int:pk>/edit/", views.SurveyAnswerUpdateView.as_view(), name="answer-update"),
    path("answers/<int:pk>/delete/", views.SurveyAnswerDeleteView.as_view(), name="answer-delete"),
    path(
        "answers/<int:pk>/history/", views.SurveyAnswerHistoryView.as_view(), name="answer-history"
    ),
    path("<int:parent_pk>/goals/new/", views.GoalCreateView.as_view(), name="goal-create"),
    path("goals/<int:pk>/", views.GoalDetailView.as_view(), name="goal-detail"),
    path("goals/<int:pk>/edit/", views.GoalUpdateView.as_view(), name="goal-update"),
    path("goals/<int:pk>/delete/", views.GoalDeleteView.as_view(), name="goal-delete"),
    path("goals/<int:pk>/history/", views.GoalHistoryView.as_view(), name="goal-history"),
    path(
        "goals/<int:parent_pk>/assessments/new/",
        views.AssessmentCreateView.as_view(),
        name="assessment-create",
    ),
    path(
        "assessments/<int:pk>/edit/", views.AssessmentUpdateView.as_view(), name="assessment-update"
    ),
    path(
        "assessments/<int:pk>/delete/",
        views.AssessmentDeleteView.as_view(),
        name="assessment-delete",
    ),
    path(
        "assessments/<int:pk>/history/",
        views.AssessmentHistoryView.as_view(),
        name="assessment-history",
    ),
]
