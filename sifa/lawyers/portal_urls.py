"""智选律师, mounted under /portal/lawyers/ so the portal's own session cookie (path /portal/) reaches it."""

from django.urls import path

from . import portal_views

app_name = "lawyers_portal"

urlpatterns = [
    path("", portal_views.directory, name="directory"),
    path("method/", portal_views.method, name="method"),
    path("firm/<str:code>/", portal_views.firm, name="firm"),
    path("l/<str:code>/", portal_views.lawyer, name="lawyer"),
    path("l/<str:code>/qr.svg", portal_views.qr, name="qr"),
    path("l/<str:code>/rate/", portal_views.rate, name="rate"),
]
