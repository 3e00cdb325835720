from django.urls import path

from . import views

app_name = "corrections"

urlpatterns = [
    path("", views.SubjectList.as_view(), name="subject_list"),
    path("today/", views.today, name="today"),
    path("subjects/new/", views.subject_create, name="subject_create"),
    path("subjects/<int:pk>/", views.SubjectDetail.as_view(), name="subject_detail"),
    path("subjects/<int:pk>/<slug:step>/", views.SubjectDetail.as_view(), name="subject_step"),
    path("investigations/", views.InvestigationList.as_view(), name="investigation_list"),
    path("investigations/new/", views.investigation_create, name="investigation_create"),
    path("investigations/<int:pk>/", views.InvestigationDetail.as_view(), name="investigation_detail"),
    path("investigations/<int:pk>/<slug:step>/", views.InvestigationDetail.as_view(), name="investigation_step"),
    path("leaves/", views.LeaveList.as_view(), name="leave_list"),
    path("leaves/<int:pk>/", views.LeaveDetail.as_view(), name="leave_detail"),
    path("leaves/<int:pk>/<slug:step>/", views.LeaveDetail.as_view(), name="leave_step"),
    path("monitors/", views.MonitorList.as_view(), name="monitor_list"),
    path("monitors/<int:pk>/", views.MonitorDetail.as_view(), name="monitor_detail"),
    path("monitors/<int:pk>/<slug:step>/", views.MonitorDetail.as_view(), name="monitor_step"),
    path("sanctions/", views.SanctionList.as_view(), name="sanction_list"),
    path("sanctions/<int:pk>/", views.SanctionDetail.as_view(), name="sanction_detail"),
    path("sanctions/<int:pk>/<slug:step>/", views.SanctionDetail.as_view(), name="sanction_step"),
    path("missing/", views.AbscondingList.as_view(), name="absconding_list"),
    path("missing/<int:pk>/", views.AbscondingDetail.as_view(), name="absconding_detail"),
    path("missing/<int:pk>/<slug:step>/", views.AbscondingDetail.as_view(), name="absconding_step"),
    path("reviews/", views.ReviewList.as_view(), name="review_list"),
    path("reviews/<int:pk>/", views.ReviewDetail.as_view(), name="review_detail"),
    path("reviews/<int:pk>/<slug:step>/", views.ReviewDetail.as_view(), name="review_step"),
    path("released/", views.ReleasedList.as_view(), name="released_list"),
    path("released/new/", views.released_create, name="released_create"),
    path("released/<int:pk>/", views.ReleasedDetail.as_view(), name="released_detail"),
    path("released/<int:pk>/<slug:step>/", views.ReleasedDetail.as_view(), name="released_step"),
]
