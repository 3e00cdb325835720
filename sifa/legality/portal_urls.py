from django.urls import path

from . import views

app_name = "legality_portal"

urlpatterns = [path("", views.public_list, name="documents")]
