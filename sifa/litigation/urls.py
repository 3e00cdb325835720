from django.urls import path

from . import views

app_name = "litigation"

urlpatterns = [
    path("", views.LawsuitList.as_view(), name="lawsuit_list"),
    path("lawsuits/new/", views.lawsuit_create, name="lawsuit_create"),
    path("lawsuits/<int:pk>/", views.LawsuitDetail.as_view(), name="lawsuit_detail"),
    path("lawsuits/<int:pk>/<slug:step>/", views.LawsuitDetail.as_view(), name="lawsuit_step"),
    path("bulletin/", views.bulletin_page, name="bulletin"),
]
