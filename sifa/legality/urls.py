from django.urls import path

from . import views

app_name = "legality"

urlpatterns = [
    path("", views.ItemList.as_view(), name="item_list"),
    path("items/new/", views.item_create, name="item_create"),
    path("items/<int:pk>/", views.ItemDetail.as_view(), name="item_detail"),
    path("items/<int:pk>/opinion.docx", views.opinion_document, name="opinion_document"),
    path("items/<int:pk>/<slug:step>/", views.ItemDetail.as_view(), name="item_step"),
    path("findings/<int:pk>/decide/", views.finding_decide, name="finding_decide"),
    path("documents/", views.DocList.as_view(), name="doc_list"),
    path("documents/new/", views.doc_create, name="doc_create"),
    path("documents/<int:pk>/", views.DocDetail.as_view(), name="doc_detail"),
    path("documents/<int:pk>/<slug:step>/", views.DocDetail.as_view(), name="doc_step"),
]
