from django.urls import path

from . import views_audit, views_mfa, views_unmask

app_name = "security"

urlpatterns = [
    path("accounts/mfa/", views_mfa.verify, name="mfa_verify"),
    path("accounts/mfa/enrol/", views_mfa.enrol, name="mfa_enrol"),
    # the audit log (审计管理员) and break-glass unmasking
    path("audit/", views_audit.audit_search, name="audit_search"),
    path("audit/export/", views_audit.audit_export, name="audit_export"),
    path("audit/<int:pk>/", views_audit.audit_detail, name="audit_detail"),
    path("sensitive/<str:label>/<str:pk>/<str:field>/", views_unmask.sensitive_field, name="sensitive_field"),
]
