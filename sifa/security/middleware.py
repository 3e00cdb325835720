"""The second sign-in step is enforced here, for every staff page (SECURITY.md A4; see mfa.py)."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import mfa

EXEMPT_PREFIXES = ("/accounts/login/", "/accounts/logout/", "/accounts/mfa/", "/static/", "/health", "/portal/",
                   "/api/")


class MfaRequiredMiddleware:
    """A signed-in user who must use MFA and whose session is not OTP-verified reaches only the MFA pages: those
    with a confirmed device are sent to enter a code, the others to enrol. API tokens are their own credential."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (user.is_authenticated and not request.path.startswith(EXEMPT_PREFIXES)
                and not user.is_verified() and mfa.required(user)):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('security:mfa_verify')}?{query}")
        return self.get_response(request)
