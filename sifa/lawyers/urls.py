from django.urls import path

from . import views

app_name = "lawyers"

urlpatterns = [
    path("", views.LawyerList.as_view(), name="lawyer_list"),
    path("new/", views.lawyer_create, name="lawyer_create"),
    path("<int:pk>/", views.LawyerDetail.as_view(), name="lawyer_detail"),
    path("<int:pk>/complaints/new/", views.complaint_create,
         name="complaint_create"),
    path("complaints/", views.ComplaintList.as_view(), name="complaint_list"),
    path("complaints/<int:pk>/close/", views.complaint_close, name="complaint_close"),
    path("firms/", views.FirmList.as_view(), name="firm_list"),
    path("firms/new/", views.firm_create, name="firm_create"),
    path("firms/<int:pk>/", views.FirmDetail.as_view(), name="firm_detail"),
    path("counsel/", views.ContractList.as_view(), name="contract_list"),
    path("counsel/new/", views.contract_create, name="contract_create"),
    path("counsel/<int:pk>/", views.ContractDetail.as_view(), name="contract_detail"),
    path("counsel/<int:pk>/service/", views.contract_service, name="contract_service"),
    path("counsel/<int:pk>/evaluate/", views.contract_evaluate, name="contract_evaluate"),
    path("checkups/", views.CampaignList.as_view(), name="campaign_list"),
    path("checkups/new/", views.campaign_create, name="campaign_create"),
    path("checkups/<int:pk>/", views.CampaignDetail.as_view(), name="campaign_detail"),
    path("checkups/<int:pk>/teams/new/", views.team_create, name="team_create"),
    path("checkups/<int:pk>/visits/new/", views.visit_create, name="visit_create"),
    path("checkups/visits/<int:pk>/report.docx", views.visit_report, name="visit_report"),
    path("duty/", views.DutyList.as_view(), name="duty_list"),
    path("duty/new/", views.duty_create, name="duty_create"),
]
