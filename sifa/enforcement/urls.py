from django.urls import path

from . import views

app_name = "enforcement"

urlpatterns = [
    path("", views.BodyList.as_view(), name="body_list"),
    path("bodies/new/", views.body_create, name="body_create"),
    path("bodies/<int:pk>/", views.BodyDetail.as_view(), name="body_detail"),
    path("officers/", views.OfficerList.as_view(), name="officer_list"),
    path("officers/new/", views.officer_create, name="officer_create"),
    path("officers/<int:pk>/", views.OfficerDetail.as_view(), name="officer_detail"),
    path("officers/<int:pk>/<slug:step>/", views.OfficerDetail.as_view(), name="officer_step"),
    path("decisions/", views.DecisionList.as_view(), name="decision_list"),
    path("decisions/new/", views.decision_create, name="decision_create"),
    path("decisions/<int:pk>/", views.DecisionDetail.as_view(), name="decision_detail"),
    path("campaigns/", views.CampaignList.as_view(), name="campaign_list"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.CampaignDetail.as_view(), name="campaign_detail"),
    path("campaigns/<int:pk>/notice.docx", views.campaign_notice, name="campaign_notice"),
    path("campaigns/<int:pk>/<slug:step>/", views.CampaignDetail.as_view(), name="campaign_step"),
    path("files/<int:pk>/score/", views.file_score, name="file_score"),
    path("files/<int:pk>/rectify/", views.file_rectify, name="file_rectify"),
    path("opinions/", views.OpinionList.as_view(), name="opinion_list"),
    path("opinions/new/", views.opinion_create, name="opinion_create"),
    path("opinions/<int:pk>/", views.OpinionDetail.as_view(), name="opinion_detail"),
    path("opinions/<int:pk>/<slug:step>/", views.OpinionDetail.as_view(), name="opinion_step"),
    path("supervisors/", views.SupervisorList.as_view(), name="supervisor_list"),
    path("supervisors/new/", views.supervisor_create, name="supervisor_create"),
    path("contact-points/new/", views.contact_point_create, name="contact_point_create"),
    path("checks/new/", views.check_create, name="check_create"),
]
