from django.urls import path

from . import cockpit_views, views

app_name = "reports"

urlpatterns = [
    path("", views.report_page, name="report"),
    path("save/", views.report_save, name="report_save"),
    path("sentence/", views.sentence_save, name="sentence_save"),
    path("download/<str:fmt>/", views.report_download, name="download"),
    path("kinds/", views.kind_page, name="kind"),
    path("kinds/layout/", views.kind_layout, name="kind_layout"),
    path("kinds/chapter/", views.kind_chapter, name="kind_chapter"),
    path("kinds/texts/", views.kind_texts, name="kind_texts"),
    path("kinds/filing/", views.kind_filing, name="kind_filing"),
    path("kinds/download/<str:fmt>/", views.kind_download, name="kind_download"),
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
