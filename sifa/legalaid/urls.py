from django.urls import path

from . import views

app_name = "legalaid"

urlpatterns = [
    path("", views.ApplicationList.as_view(), name="application_list"),
    path("applications/new/", views.application_create, name="application_create"),
    path("notices/new/", views.notice_create, name="notice_create"),
    path("applications/<int:pk>/", views.ApplicationDetail.as_view(), name="application_detail"),
    path("applications/<int:pk>/documents/<int:doc_id>/", views.document_download, name="document"),
    path("applications/<int:pk>/<slug:step>/", views.ApplicationDetail.as_view(), name="application_step"),
    path("consultations/", views.ConsultationList.as_view(), name="consultation_list"),
    path("consultations/new/", views.consultation_create, name="consultation_create"),
    path("consultations/<int:pk>/", views.ConsultationDetail.as_view(), name="consultation_detail"),
    path("consultations/<int:pk>/<slug:step>/", views.ConsultationDetail.as_view(), name="consultation_step"),
    path("providers/", views.ProviderList.as_view(), name="provider_list"),
    path("providers/new/", views.provider_create, name="provider_create"),
    path("providers/orgs/new/", views.service_org_create, name="service_org_create"),
    path("providers/<int:pk>/", views.ProviderDetail.as_view(), name="provider_detail"),
    path("providers/<int:pk>/<slug:step>/", views.ProviderDetail.as_view(), name="provider_step"),
    path("duty/", views.HelpList.as_view(), name="help_list"),
    path("duty/help/new/", views.help_create, name="help_create"),
    path("duty/help/<int:pk>/", views.HelpDetail.as_view(), name="help_detail"),
    path("duty/stations/new/", views.station_create, name="station_create"),
    path("duty/shifts/new/", views.shift_create, name="shift_create"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/hardship/new/", views.hardship_create, name="hardship_create"),
    path("settings/rates/new/", views.rate_create, name="rate_create"),
    path("settings/rates/<int:pk>/", views.RateDetail.as_view(), name="rate_detail"),
    path("settings/rates/<int:pk>/<slug:step>/", views.RateDetail.as_view(), name="rate_step"),
]
