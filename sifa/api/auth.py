"""Who is calling: a personal API token (``Authorization: Bearer sifa_…``) or, for same-origin calls from the
browser, the logged-in session with its CSRF token. Either way `request.auth` and `request.user` are the staff
user, and audit rows written during the request name them."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from sifa.core import request_context
from sifa.core.middleware import password_change_due
from sifa.core.models import ApiToken

from .errors import ApiError

# Writing last_used_at on every call would turn each read into a write; once a minute is precise enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _bind(request, user, method: str) -> None:
    request.user = user
    request.auth_method = method
    ctx = request_context.current()
    request_context.bind(request_context.RequestContext(user=user, ip=ctx.ip, request_id=ctx.request_id))


class TokenAuth(HttpBearer):
    """A valid, unrevoked, unexpired token of an active user. Only the SHA-256 of a token is stored."""

    def authenticate(self, request, token):
        if not token or len(token) > 200:
            return None
        try:
            api_token = ApiToken.objects.select_related("user", "user__org").get(key_hash=ApiToken.hash_key(token))
        except ApiToken.DoesNotExist:
            return None
        user = api_token.user
        if not api_token.is_valid() or not user.is_active:
            return None
        now = timezone.now()
        if api_token.last_used_at is None or now - api_token.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.api_token = api_token
        _bind(request, user, "token")
        return user


class SessionAuth(APIKeyCookie):
    """The browser's session, for same-origin calls. Unsafe methods need the CSRF token (X-CSRFToken header).

    A request that carries an Authorization header is judged by its token alone, so a bad token is never
    rescued by a cookie that happens to be present."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self):
        super().__init__(csrf=True)

    def __call__(self, request):
        if request.headers.get("Authorization"):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        if check_csrf(request) is not None:
            raise ApiError(403, "csrf_failed", "CSRF校验失败，请刷新页面后重试。")
        if password_change_due(user):
            raise ApiError(403, "password_change_required", "请先修改密码后再使用系统。")
        _bind(request, user, "session")
        return user

    def authenticate(self, request, key):  # pragma: no cover - __call__ does the work
        return None


def acting_user(request):
    """The authenticated staff user of an API request or a page request."""
    return getattr(request, "auth", None) or getattr(request, "user", None)
