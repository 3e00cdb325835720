from django.urls import path

from . import views

app_name = "lawsearch"

urlpatterns = [
    path("", views.staff_search, name="search"),
    path("qa/new/", views.publish_qa, name="publish_qa"),
]
