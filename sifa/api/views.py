"""Plain Django views around the ninja API: the JSON fallbacks and the local documentation page."""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .docs import describe
from .errors import json_error


def api_view(view):
    """Wrap a ninja view: authentication is the API's own (token or session), so Django's login redirect does not
    apply; answers are never cached; the few answers ninja produces outside its exception handlers (405) and
    errors raised outside an operation come back in the API's error shape too."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if _has_nul(request):
            response = json_error(400, "invalid_characters", "请求地址或查询参数中含有不允许的控制字符（NUL）。")
        else:
            try:
                response = view(request, *args, **kwargs)
            except Http404:
                response = json_error(404, "not_found", "接口不存在。")
        if response.status_code == 405 and not response.get("Content-Type", "").startswith("application/json"):
            allowed = response.get("Allow", "")
            response = json_error(405, "method_not_allowed", f"该接口不支持{request.method}请求。",
                                  {"allowed": [m.strip() for m in allowed.split(",") if m.strip()]}, Allow=allowed)
        response["Cache-Control"] = "no-store"
        return response

    return login_not_required(wrapper)


def _has_nul(request) -> bool:
    return "\x00" in request.path or any("\x00" in key or any("\x00" in v for v in values)
                                         for key, values in request.GET.lists())


@login_not_required
def not_found(request, *args, **kwargs):
    return json_error(404, "not_found", "接口不存在，请查阅 /api/v1/openapi.json。")


@require_GET
def docs(request):
    from .v1 import api

    return render(request, "api/docs.html", describe(api.get_openapi_schema()))
