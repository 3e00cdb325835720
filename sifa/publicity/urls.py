from django.urls import path

from . import views

app_name = "publicity"

urlpatterns = [
    path("", views.ActivityList.as_view(), name="activity_list"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/", views.ActivityDetail.as_view(), name="activity_detail"),
    path("posts/", views.PostList.as_view(), name="post_list"),
    path("posts/new/", views.post_create, name="post_create"),
    path("posts/<int:pk>/", views.PostDetail.as_view(), name="post_detail"),
    path("venues/", views.VenueList.as_view(), name="venue_list"),
    path("venues/new/", views.venue_create, name="venue_create"),
    path("venues/<int:pk>/", views.VenueDetail.as_view(), name="venue_detail"),
    path("villages/", views.villages_page, name="villages"),
    path("villages/new/", views.model_village_create, name="model_village_create"),
    path("villages/<int:pk>/", views.ModelVillageDetail.as_view(), name="model_village_detail"),
    path("backbones/", views.BackboneList.as_view(), name="backbone_list"),
    path("backbones/new/", views.backbone_create, name="backbone_create"),
    path("backbones/<int:pk>/", views.BackboneDetail.as_view(), name="backbone_detail"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("duties/<int:pk>/", views.duty_detail, name="duty_detail"),
    path("needs/", views.needs_page, name="needs"),
    path("quiz/", views.bank_list, name="bank_list"),
    path("quiz/<int:pk>/", views.BankDetail.as_view(), name="bank_detail"),
    path("quiz/<int:pk>/take/", views.official_quiz, name="official_quiz"),
    path("quiz/attempts/<int:pk>/", views.official_attempt, name="official_attempt"),
]
