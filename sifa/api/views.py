"""Plain Django views around the ninja API: its JSON fallbacks, the local reference page and the token page."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sifa.core.middleware import password_change_due
from sifa.core.models import ApiToken

from . import actions
from .docs import page_body
from .errors import json_error
from .forms import TokenForm
from .scope import get_scoped_or_404, scoped


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

    return render(request, "api/docs.html", {"body": page_body(api)})


def _password_current(view):
    """These pages live under /api/, which the password-change redirect leaves alone for API clients."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if password_change_due(request.user):
            return redirect("core:password_change")
        return view(request, *args, **kwargs)

    return wrapper


@require_http_methods(["GET", "POST"])
@_password_current
def tokens(request):
    """My API tokens: create one (its key is shown on this answer only) and see or revoke the others."""
    form = TokenForm(request.POST or None)
    issued_key = None
    if request.method == "POST" and form.is_valid():
        try:
            token, issued_key = actions.issue_token(request.user, name=form.cleaned_data["name"],
                                                    days=form.cleaned_data["days"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            form = TokenForm()
    context = {"form": form, "issued_key": issued_key,
               "tokens": scoped(request, ApiToken).order_by("revoked", "-id")[:100]}
    return render(request, "api/tokens.html", context)


@require_POST
@_password_current
def revoke_token(request, pk):
    token = get_scoped_or_404(request, ApiToken, pk)
    actions.revoke_token(request.user, token)
    messages.success(request, f"令牌“{token.name}”（{token.prefix}…）已吊销。")
    return redirect("api:tokens")
