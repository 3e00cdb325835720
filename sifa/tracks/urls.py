from django.urls import path

from . import views

app_name = "tracks"

urlpatterns = [
    path("", views.alert_list, name="alert_list"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert_detail"),
    path("upload/", views.upload, name="upload"),
    path("sources/", views.upload, name="source_list"),
    path("areas/", views.area_list, name="area_list"),
    path("runs/", views.run_list, name="run_list"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("police/", views.police_list, name="police_list"),
]
