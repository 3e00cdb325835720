from django.urls import path

from . import views

app_name = "ledger"

urlpatterns = [
    path("", views.index, name="index"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/errors.xlsx", views.run_errors, name="run_errors"),
    path("<slug:kind>/template.xlsx", views.template_download, name="template"),
    path("<slug:kind>/import/", views.import_upload, name="import"),
    path("<slug:kind>/export.xlsx", views.export_download, name="export"),
]
