from django.urls import path

from . import views

app_name = "notary"

urlpatterns = [
    path("", views.MatterList.as_view(), name="matter_list"),
    path("matters/new/", views.matter_create, name="matter_create"),
    path("matters/<int:pk>/", views.MatterDetail.as_view(), name="matter_detail"),
    path("matters/<int:pk>/<slug:step>/", views.MatterDetail.as_view(), name="matter_step"),
    path("items/", views.ItemList.as_view(), name="item_list"),
    path("items/new/", views.item_create, name="item_create"),
    path("items/<int:pk>/", views.ItemDetail.as_view(), name="item_detail"),
    path("items/<int:pk>/<slug:step>/", views.ItemDetail.as_view(), name="item_step"),
]
