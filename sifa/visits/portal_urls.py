"""Public pages, under /portal/ so the portal's own session cookie reaches them."""

from django.urls import path

from . import portal_views

app_name = "visits_portal"

urlpatterns = [
    path("", portal_views.book, name="book"),
    path("receipt/<str:code>/", portal_views.receipt, name="receipt"),
    path("receipt/<str:code>/cancel/", portal_views.cancel, name="cancel"),
]
