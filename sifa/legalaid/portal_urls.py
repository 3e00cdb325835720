"""Public pages, mounted under /portal/ so the portal's own session cookie (path /portal/) reaches them."""

from django.urls import path

from . import portal_views

app_name = "legalaid_portal"

urlpatterns = [
    path("apply/", portal_views.apply, name="apply"),
    path("ask/", portal_views.ask, name="ask"),
    path("mine/", portal_views.mine, name="mine"),
    path("case/<str:code>/", portal_views.case, name="case"),
    path("case/<str:code>/documents/<int:doc_id>/", portal_views.document, name="document"),
    path("question/<str:code>/", portal_views.question, name="question"),
]
