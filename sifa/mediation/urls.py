from django.urls import path

from . import views

app_name = "mediation"

urlpatterns = [
    path("", views.DisputeList.as_view(), name="dispute_list"),
    path("disputes/new/", views.DisputeCreate.as_view(), name="dispute_create"),
    path("disputes/<int:pk>/", views.DisputeDetail.as_view(), name="dispute_detail"),
    path("disputes/<int:pk>/documents/<slug:kind>/", views.dispute_document, name="dispute_document"),
    path("disputes/<int:pk>/sessions/<int:session_pk>/<slug:kind>/", views.dispute_document,
         name="session_document"),
    path("disputes/<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("disputes/<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment_download"),
    path("disputes/<int:pk>/<slug:step>/", views.DisputeDetail.as_view(), name="dispute_step"),
    path("committees/", views.CommitteeList.as_view(), name="committee_list"),
    path("committees/new/", views.committee_create, name="committee_create"),
    path("committees/<int:pk>/", views.CommitteeDetail.as_view(), name="committee_detail"),
    path("committees/<int:pk>/<slug:step>/", views.committee_step, name="committee_step"),
    path("mediators/", views.MediatorList.as_view(), name="mediator_list"),
    path("mediators/<int:pk>/", views.MediatorDetail.as_view(), name="mediator_detail"),
    path("mediators/<int:pk>/<slug:step>/", views.mediator_step, name="mediator_step"),
    path("screenings/", views.ScreeningList.as_view(), name="screening_list"),
    path("screenings/new/", views.screening_create, name="screening_create"),
    path("screenings/<int:pk>/", views.ScreeningDetail.as_view(), name="screening_detail"),
    path("transfers/", views.TransferList.as_view(), name="transfer_list"),
    path("transfers/new/", views.transfer_create, name="transfer_create"),
    path("transfers/<int:pk>/", views.TransferDetail.as_view(), name="transfer_detail"),
    path("transfers/<int:pk>/<slug:step>/", views.transfer_step, name="transfer_step"),
    path("templates/", views.TemplateSettings.as_view(), name="templates"),
    path("templates/<slug:kind>/download/", views.template_download, name="template_download"),
    path("templates/<int:pk>/delete/", views.template_delete, name="template_delete"),
]
