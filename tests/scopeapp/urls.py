from django.urls import path

from . import views

app_name = "scopeapp"

urlpatterns = [
    path("memos/", views.memo_list, name="list"),
    path("memos/<int:pk>/", views.memo_detail, name="detail"),
    path("memos/<int:pk>/edit/", views.memo_edit, name="edit"),
    path("memos/<int:pk>/delete/", views.memo_delete, name="delete"),
    path("memos/u/<uuid:uuid>/", views.memo_by_uuid, name="by_uuid"),
]
