from django.urls import path

from . import cockpit_views, views

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
    path("cockpit/", cockpit_views.cockpit_page, name="cockpit"),
    path("cockpit/brief.docx", cockpit_views.cockpit_brief, name="cockpit_brief"),
    path("targets/", cockpit_views.targets_page, name="targets"),
    path("targets/defaults/", cockpit_views.targets_defaults, name="targets_defaults"),
    path("targets/<int:pk>/delete/", cockpit_views.target_delete, name="target_delete"),
]
