from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_page, name="report"),
    path("save/", views.report_save, name="report_save"),
    path("sentence/", views.sentence_save, name="sentence_save"),
    path("download/<str:fmt>/", views.report_download, name="download"),
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("dashboard/map.geojson", views.map_geojson, name="map_geojson"),
    path("dashboard/overdue/", views.overdue, name="overdue"),
    path("boundaries/", views.boundaries_page, name="boundaries"),
    path("boundaries/<int:pk>/delete/", views.boundary_delete, name="boundary_delete"),
]
