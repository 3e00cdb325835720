"""Deliberately broken routes — an unscoped page and an unscoped API operation — that exist only so a test can
show the scope matrix catches what it is meant to catch. Mounted only by that test (via @pytest.mark.urls)."""

from django.http import HttpResponse
from django.urls import URLPattern, include, path
from ninja import Router

from sifa.api.v1 import new_api
from sifa.api.views import api_view

from .models import Memo


def leaky_detail(request, pk):
    memo = Memo.objects.filter(pk=pk).first()  # no scope: the bug the matrix must find
    return HttpResponse(memo.title if memo else "", status=200 if memo else 404)


def leaky_list(request):
    return HttpResponse(" ".join(str(pk) for pk in Memo.objects.values_list("pk", flat=True)))


router = Router()


@router.get("/memos/{int:id}")
def leaky_memo(request, id: int):
    memo = Memo.objects.filter(pk=id).first()
    return {"id": memo.pk, "title": memo.title} if memo else {}


@router.delete("/memos/{int:id}")
def leaky_delete(request, id: int):
    Memo.objects.filter(pk=id).update(title="被外所改写")
    return {}


api = new_api(urls_namespace="leaky-api", version="leaky")
api.add_router("", router)
_patterns = [URLPattern(p.pattern, api_view(p.callback), p.default_args, p.name) for p in api.urls[0]]

urlpatterns = [
    path("leaky/memos/<int:pk>/", leaky_detail, name="leaky_detail"),
    path("leaky/memos/", leaky_list, name="leaky_list"),
    path("leaky-api/", include((_patterns, "leaky-api"))),
    path("api/", include("sifa.api.urls")),  # the matrix checks the outsider's session through /api/v1/me
]
