"""Who the citizen is: a mobile number proven by SMS code, kept in a portal session of its own.

The portal session uses its own cookie (path /portal/) and its own session row, so a staff login in the same
browser neither grants nor receives anything from it, and portal views never look at `request.user`.
Idle 30 minutes, at most 12 hours, a new key at login, deleted at logout (SECURITY.md A3 applied to citizens)."""

import functools
import hashlib
import hmac
import time
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.sessions.backends.db import SessionStore
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from sifa.core import request_context

COOKIE_NAME = "sifa_portal"
COOKIE_PATH = "/portal/"
IDLE_SECONDS = 30 * 60
ABSOLUTE_SECONDS = 12 * 60 * 60


def _digest_key() -> bytes:
    return hashlib.sha256(("sifa-portal-mobile:" + settings.SECRET_KEY).encode()).digest()


def mobile_digest(mobile: str) -> str:
    """Keyed digest of a (validated, compact) mobile number: finds a citizen's rows without storing the number."""
    return hmac.new(_digest_key(), mobile.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Citizen:
    mobile: str

    @property
    def digest(self) -> str:
        return mobile_digest(self.mobile)

    @property
    def last4(self) -> str:
        return self.mobile[-4:]

    @property
    def masked(self) -> str:
        return self.mobile[:3] + "****" + self.mobile[-4:]


def _citizen_from(session) -> Citizen | None:
    mobile = session.get("mobile")
    started = session.get("login_at")
    if not mobile or started is None:
        return None
    if time.time() - started > ABSOLUTE_SECONDS:
        session.flush()
        return None
    return Citizen(mobile=mobile)


def sign_in(request, mobile: str) -> Citizen:
    """Start a fresh portal session for a verified mobile (new session key: no fixation)."""
    session = request.portal_session
    session.flush()
    session["mobile"] = mobile
    session["login_at"] = time.time()
    request.citizen = Citizen(mobile=mobile)
    return request.citizen


def sign_out(request) -> None:
    request.portal_session.flush()
    request.citizen = None


def _persist(request, response) -> None:
    session = request.portal_session
    if request.citizen is not None or (session.modified and not session.is_empty()):
        session.set_expiry(IDLE_SECONDS)
        session.save()
        response.set_cookie(COOKIE_NAME, session.session_key, max_age=IDLE_SECONDS, path=COOKIE_PATH,
                            secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax")
    elif COOKIE_NAME in request.COOKIES and session.is_empty():
        response.delete_cookie(COOKIE_NAME, path=COOKIE_PATH, samesite="Lax")


def portal_view(view):
    """Every portal view: open to the public (no staff login), with `request.citizen` (or None) from the portal
    session, and never cached."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        request.portal_session = SessionStore(session_key=request.COOKIES.get(COOKIE_NAME))
        request.citizen = _citizen_from(request.portal_session)
        # Whatever staff session the browser may also hold, portal work is done and audited as the public.
        outer = request_context.current()
        token = request_context.bind(request_context.RequestContext(ip=outer.ip, request_id=outer.request_id))
        try:
            response = view(request, *args, **kwargs)
        finally:
            request_context.reset(token)
        _persist(request, response)
        add_never_cache_headers(response)
        response["Cache-Control"] = "no-store"
        return response

    return login_not_required(wrapped)


def citizen_required(view):
    """A portal view for signed-in citizens; others go to the SMS sign-in and come back."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.citizen is None:
            return redirect(f"{reverse('portal:login')}?next={quote(request.get_full_path())}")
        return view(request, *args, **kwargs)

    return portal_view(wrapped)
