from django.urls import URLPattern, include, path, re_path

from . import views
from .v1 import api

app_name = "api"


def _v1_patterns() -> list[URLPattern]:
    patterns, _app_name, _namespace = api.urls
    return [URLPattern(p.pattern, views.api_view(p.callback), p.default_args, p.name) for p in patterns]


urlpatterns = [
    path("v1/docs/", views.docs, name="docs"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke_token, name="revoke_token"),
    path("v1/", include((_v1_patterns(), "v1"))),
    re_path(r"^", views.not_found, name="not_found"),
]
