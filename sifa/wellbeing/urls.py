from django.urls import path

from . import views

app_name = "wellbeing"

urlpatterns = [
    path("", views.WarningList.as_view(), name="warning_list"),
    path("warnings/evaluate/", views.evaluate_all, name="evaluate_all"),
    path("warnings/<int:pk>/", views.warning_detail, name="warning_detail"),
    path("warnings/<int:pk>/intervene/", views.intervene, name="intervene"),
    path("warnings/<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("subjects/", views.SubjectList.as_view(), name="subject_list"),
    path("subjects/<int:pk>/", views.subject, name="subject"),
    path("subjects/<int:pk>/assess/", views.assess, name="assess"),
    path("subjects/<int:pk>/risks/", views.add_risk, name="add_risk"),
    path("subjects/<int:pk>/evaluate/", views.evaluate, name="evaluate"),
    path("risks/<int:pk>/resolve/", views.resolve_risk, name="resolve_risk"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment_detail"),
]
