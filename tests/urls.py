"""The URLconf under pytest: the product's, plus the test-only line's pages (see tests/scopeapp)."""

from django.urls import include, path

from sifa.urls import urlpatterns as product_urlpatterns

urlpatterns = [*product_urlpatterns, path("scopeapp/", include("tests.scopeapp.urls"))]
