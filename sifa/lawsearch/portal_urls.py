"""Public 法搜 pages, under /portal/laws/."""

from django.urls import path

from . import views

app_name = "lawsearch_portal"

urlpatterns = [
    path("", views.portal_search, name="search"),
    path("article/<str:cite>/", views.portal_article, name="article"),
]
