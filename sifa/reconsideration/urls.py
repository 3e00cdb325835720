from django.urls import path

from . import views

app_name = "reconsideration"

urlpatterns = [
    path("", views.CaseList.as_view(), name="case_list"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/<int:pk>/", views.CaseDetail.as_view(), name="case_detail"),
    path("cases/<int:pk>/documents/<slug:kind>/", views.case_document, name="case_document"),
    path("cases/<int:pk>/<slug:step>/", views.CaseDetail.as_view(), name="case_step"),
    path("agencies/", views.AgencyList.as_view(), name="agency_list"),
    path("agencies/new/", views.agency_create, name="agency_create"),
    path("settings/", views.settings_page, name="settings"),
]
