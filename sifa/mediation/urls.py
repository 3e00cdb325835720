from django.urls import path

from . import views

app_name = "mediation"

urlpatterns = [
    path("disputes/<int:pk>/", views.dispute_detail, name="dispute_detail"),
]
