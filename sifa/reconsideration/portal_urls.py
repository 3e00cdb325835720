"""Public pages, mounted under /portal/ so the portal's own session cookie (path /portal/) reaches them."""

from django.urls import path

from . import portal_views

app_name = "reconsideration_portal"

urlpatterns = [
    path("apply/", portal_views.apply, name="apply"),
    path("receipt/<str:code>/", portal_views.receipt, name="receipt"),
    path("receipt/<str:code>/documents/<slug:kind>/", portal_views.document, name="document"),
]
