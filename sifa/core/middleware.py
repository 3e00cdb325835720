import time
import uuid

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from . import controlchars, request_context


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    """Binds user, IP and a request id for audit rows written anywhere during the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = str(uuid.uuid4())
        token = request_context.bind(request_context.RequestContext(
            user=getattr(request, "user", None), ip=client_ip(request), request_id=request.request_id))
        try:
            response = self.get_response(request)
        finally:
            request_context.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class SessionLimitsMiddleware:
    """Session limits of SECURITY.md A3. The 30-minute idle limit is the session's expiry (SESSION_COOKIE_AGE),
    renewed by activity: a request saves the session (moving its expiry) when the last renewal is at least
    SIFA_SESSION_RENEW_SECONDS old, so a page view is not a database write each time and the idle window is never
    longer than 30 minutes. An idle-expired session is refused (Django does not load it); its row is removed by
    `sifa clearsessions` (scheduled, and every 10 minutes inside `sifa demo`), not on the request path, where a
    DELETE would wait behind a long import's write lock on SQLite. The 12-hour absolute limit is counted from
    login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get("sifa_login_at")
            now = time.time()
            if started is None:
                request.session["sifa_login_at"] = now
            elif now - started > settings.SIFA_SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(settings.LOGIN_URL)
            renewed = request.session.get("sifa_renewed_at", started)
            if renewed is None or now - renewed >= settings.SIFA_SESSION_RENEW_SECONDS:
                request.session["sifa_renewed_at"] = now  # saved at the response, with a new expiry
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """An initial password, or one older than SIFA_PASSWORD_MAX_AGE_DAYS, must be changed before anything else."""

    EXEMPT_PREFIXES = ("/accounts/", "/static/", "/api/", "/portal/", "/health")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not request.path.startswith(self.EXEMPT_PREFIXES):
            if password_change_due(user):
                return redirect(reverse("core:password_change"))
        return self.get_response(request)


def password_change_due(user) -> bool:
    if user.must_change_password:
        return True
    if user.password_changed_at is None:
        return True
    age = timezone.now() - user.password_changed_at
    return age.days >= settings.SIFA_PASSWORD_MAX_AGE_DAYS


class NoStoreMiddleware:
    """Authenticated pages must not be kept in a shared browser's cache (SECURITY.md A3)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response


FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _without_control_chars(query_dict):
    """The QueryDict itself when clean, else an immutable copy with control characters removed from every value."""
    if not any(controlchars.contains(values) for values in query_dict.lists()):
        return query_dict
    cleaned = query_dict.copy()
    for key, values in query_dict.lists():
        cleaned.setlist(key, [controlchars.strip(v) for v in values])
    cleaned._mutable = False
    return cleaned


class ControlCharacterMiddleware:
    """The one place where form input (every staff and portal form, and query strings) loses control characters
    before any form sees it, so no form class needs to remember it (issue #14; see sifa.core.controlchars).
    The API (/api/) is left alone: it refuses such input with its JSON error instead of guessing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            return self.get_response(request)
        request.GET = _without_control_chars(request.GET)
        if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
            request.POST = _without_control_chars(request.POST)
        return self.get_response(request)


class ToolGuardMiddleware:
    """Pages follow the role's tools (core.roles.TOOL_ROLES): a page the role may not use answers 403 with a
    denied audit row, as the navigation that hides it promises. Runs after authentication; anonymous requests are
    left to the login redirect."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.core.exceptions import PermissionDenied

        from . import audit
        from .models.audit import AuditEventType
        from .roles import may_use

        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        if user is None or not user.is_authenticated or match is None or not match.view_name:
            return None
        if may_use(user, match.view_name):
            return None
        audit.record(AuditEventType.DENIED, object_type="page", object_id=match.view_name[:64], verb="访问",
                     outcome="failure", reason="角色不使用此功能")
        raise PermissionDenied("您的角色不使用此功能。")
