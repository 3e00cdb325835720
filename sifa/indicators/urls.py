from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("", views.browser, name="browser"),
    path("baselines/", views.baselines, name="baselines"),
    path("baselines/<int:pk>/delete/", views.baseline_delete, name="baseline_delete"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/records/", views.records, name="records"),
]
