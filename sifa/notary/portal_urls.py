from django.urls import path

from . import portal_views

app_name = "notary_portal"

urlpatterns = [
    path("apply/", portal_views.apply, name="apply"),
    path("receipt/<str:code>/", portal_views.receipt, name="receipt"),
]
