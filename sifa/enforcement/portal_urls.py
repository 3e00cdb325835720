"""The public 行政执法信息公示 pages, under /portal/enforcement/ (open to everyone, phone-first)."""

from django.urls import path

from . import portal_views

app_name = "enforcement_portal"

urlpatterns = [
    path("", portal_views.home, name="home"),
    path("bodies/<int:pk>/", portal_views.body, name="body"),
    path("decisions/<int:pk>/", portal_views.decision, name="decision"),
]
