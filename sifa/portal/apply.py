"""The skeleton every line's citizen apply page shares (SECURITY.md G3): a signed-in citizen submits a form once
per form token, however often the button is pressed, under a per-citizen daily limit; bad input shows the form
again with the reason (status 400) and writes nothing.

    @citizen_required
    def apply(request):
        form = PortalApplicationForm(request.POST or None)
        return apply_page(request, form, submit=lambda data: receipt_url(actions.submit_application(...)),
                          template="mediation/portal_apply.html", scope="mediation-apply", limit=(5, 86400),
                          limit_message="今天提交的调解申请已达上限，请明天再试或到司法所窗口申请。")

`submit(cleaned_data)` runs the line's action and returns the URL to go to (the receipt). A line whose page needs
more context passes `context(form) -> dict`; one whose refusal belongs to a field passes `error_field(exc)`.
`own_tracking` finds the citizen's own 查询码 for the receipt and status pages (another citizen's code is 404).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import Http404

from . import idempotency, ratelimit
from .models import TrackingCode
from .pages import render_page


def form_token(request) -> str:
    """The posted form token when well-formed (a repeat of the same form is then recognised), else a new one."""
    token = request.POST.get("form_token", "")
    return token if idempotency.TOKEN_RE.match(token) else idempotency.new_form_token()


def default_payload(data: dict) -> dict:
    """What identifies a submission for the idempotency check: the cleaned data, records by primary key."""
    return {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}


def submit_once(request, form, submit: Callable[[], str], *, scope: str, limit: tuple[int, int],
                limit_message: str, payload: dict | None = None,
                error_field: Callable[[ValidationError], str | None] | None = None):
    """Run `submit()` once per form token under the daily limit; returns its redirect, or None after putting the
    refusal on `form`."""

    def once() -> str:
        if not ratelimit.hit(scope, request.citizen.digest, *limit):
            raise ValidationError(limit_message)
        return submit()

    try:
        return idempotency.respond(request, request.POST.get("form_token", ""),
                                   default_payload(form.cleaned_data) if payload is None else payload, once)
    except ratelimit.RateLimitUnavailable:
        form.add_error(None, "系统繁忙，请稍后再试。")
    except ValidationError as exc:
        field = error_field(exc) if error_field else None
        for message in exc.messages:
            form.add_error(field, message)
    return None


def apply_page(request, form, submit: Callable[[dict], str], *, template: str, scope: str,
               limit: tuple[int, int], limit_message: str, context: Callable[[object], dict] | None = None,
               payload: Callable[[object], dict] | None = None,
               error_field: Callable[[ValidationError], str | None] | None = None):
    """GET: the empty form with a new token. POST: validate, then `submit(cleaned_data)` once (see module)."""

    def page(token: str, status: int):
        extra = context(form) if context else {}
        return render_page(request, template, {"form": form, "form_token": token, **extra}, status=status)

    if request.method != "POST":
        return page(idempotency.new_form_token(), 200)
    if form.is_valid():
        response = submit_once(request, form, lambda: submit(form.cleaned_data), scope=scope, limit=limit,
                               limit_message=limit_message, payload=payload(form) if payload else None,
                               error_field=error_field)
        if response is not None:
            return response
    return page(form_token(request), 400)


def own_tracking(request, code: str, kind: str, missing: str = "未找到该申请。") -> TrackingCode:
    """The signed-in citizen's own 查询码 `code` of `kind` whose record still exists; 404 otherwise."""
    tracking = TrackingCode.objects.filter(code=code, kind=kind, mobile_digest=request.citizen.digest).first()
    if tracking is None or tracking.target is None:
        raise Http404(missing)
    return tracking
