from django.urls import path

from . import views

app_name = "team"

urlpatterns = [
    path("", views.ActivityList.as_view(), name="activity_list"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/", views.ActivityDetail.as_view(), name="activity_detail"),
    path("problems/", views.ProblemList.as_view(), name="problem_list"),
    path("problems/new/", views.problem_create, name="problem_create"),
    path("problems/<int:pk>/", views.ProblemDetail.as_view(), name="problem_detail"),
    path("problems/<int:pk>/rectify/", views.problem_rectify, name="problem_rectify"),
    path("self-reports/", views.SelfReportList.as_view(), name="selfreport_list"),
    path("self-reports/new/", views.selfreport_create, name="selfreport_create"),
    path("self-reports/<int:pk>/", views.SelfReportDetail.as_view(), name="selfreport_detail"),
    path("clues/", views.ClueList.as_view(), name="clue_list"),
    path("clues/new/", views.clue_create, name="clue_create"),
    path("clues/<int:pk>/", views.ClueDetail.as_view(), name="clue_detail"),
    path("clues/<int:pk>/close/", views.clue_close, name="clue_close"),
    path("rules/", views.RuleList.as_view(), name="rule_list"),
    path("rules/new/", views.rule_create, name="rule_create"),
    path("rules/<int:pk>/", views.RuleDetail.as_view(), name="rule_detail"),
]
