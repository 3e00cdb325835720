from django.urls import path

from . import views_mfa

app_name = "security"

urlpatterns = [
    path("accounts/mfa/", views_mfa.verify, name="mfa_verify"),
    path("accounts/mfa/enrol/", views_mfa.enrol, name="mfa_enrol"),
]
