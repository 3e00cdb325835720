from django.urls import path

from . import views

app_name = "inspection"

urlpatterns = [
    path("", views.InspectionList.as_view(), name="inspection_list"),
    path("inspections/new/", views.inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", views.InspectionDetail.as_view(), name="inspection_detail"),
    path("inspections/<int:pk>/<slug:step>/", views.InspectionDetail.as_view(), name="inspection_step"),
    path("findings/", views.FindingList.as_view(), name="finding_list"),
    path("findings/<int:pk>/", views.FindingDetail.as_view(), name="finding_detail"),
    path("findings/<int:pk>/<slug:step>/", views.FindingDetail.as_view(), name="finding_step"),
    path("meetings/", views.MeetingList.as_view(), name="meeting_list"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.MeetingDetail.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/reports/new/", views.report_create, name="report_create"),
    path("reports/", views.ReportList.as_view(), name="report_list"),
]
