"""The URLconf of the scope matrix: the product's routes, with bare 403/404 answers.

Nearly every probe ends in 403 or 404; rendering the full Chinese error page (layout, navigation, inbox badge)
for each of them is most of the matrix's run time and none of what it checks — only the status matters."""

from django.http import HttpResponseForbidden, HttpResponseNotFound

from tests.urls import urlpatterns  # noqa: F401  the routes under test


def bare_404(request, exception=None):
    return HttpResponseNotFound("404")


def bare_403(request, exception=None):
    return HttpResponseForbidden("403")


handler404 = "tests.scope_matrix_urls.bare_404"
handler403 = "tests.scope_matrix_urls.bare_403"
