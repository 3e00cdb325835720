"""No duplicate writes from staff forms or API creates (issue #14 item 2, SECURITY.md G3) — in one place.

Staff forms: every HTML page served to a signed-in user gets a one-time `form_token` hidden field next to each
CSRF field (the middleware adds it, so no template or view needs to remember it). API: a POST may carry an
`Idempotency-Key` header (documented on every POST operation in the OpenAPI document).

A POST with a token or key first inserts a SubmissionKey row for (user, token) in its own short transaction; the
unique index lets exactly one of any number of identical submissions through, on PostgreSQL as on SQLite.

* the first one runs; a redirect (staff form) or a 2xx answer (API) is kept, anything else (a form with errors,
  422) drops the row so the corrected form can be sent with the same token;
* a repeat after it finished gets the first result: the same redirect, or the same status and JSON body;
* a repeat while it still runs gets 409 (正在处理); the same key with a different payload gets 422.
"""

import hashlib
import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from .models import SubmissionKey

FIELD = "form_token"
HEADER = "Idempotency-Key"
KEEP = timedelta(hours=24)
CSRF_INPUT = b'name="csrfmiddlewaretoken"'


def _caller(request) -> str:
    """Whose key it is: the signed-in user, or for the API also the bearer token (authenticated later by the
    API itself; a key is only ever matched against the same credential)."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    credential = request.headers.get("Authorization", "")
    if request.path.startswith("/api/") and credential:
        return "token:" + hashlib.sha256(credential.encode()).hexdigest()
    return ""


def _key(request, token: str) -> str:
    scope = "api" if request.path.startswith("/api/") else "form"
    return hashlib.sha256(f"{scope}:{_caller(request)}:{token}".encode()).hexdigest()


def _request_hash(request) -> str:
    if request.path.startswith("/api/"):
        payload = request.path.encode() + b"\n" + request.body
    else:
        items = sorted((k, v) for k, values in request.POST.lists() for v in values
                       if k not in ("csrfmiddlewaretoken", FIELD))
        payload = (request.path + repr(items)).encode()
    return hashlib.sha256(payload).hexdigest()


def _token(request) -> str:
    if request.path.startswith("/api/"):
        return request.headers.get(HEADER, "").strip()[:200]
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return request.POST.get(FIELD, "").strip()[:200]
    return ""


def _refusal(request, status: int, message: str):
    if request.path.startswith("/api/"):
        code = {409: "in_progress", 422: "idempotency_key_reused"}[status]
        return JsonResponse({"code": code, "message": message, "details": None}, status=status,
                            json_dumps_params={"ensure_ascii": False})
    return render(request, "security/denied.html", {"status": status, "message": message}, status=status)


def _replay(request, row: SubmissionKey):
    if row.location:
        return HttpResponseRedirect(row.location)
    response = HttpResponse(row.body, status=row.status_code, content_type=row.content_type or "application/json")
    response["Idempotent-Replayed"] = "true"
    return response


def _kept(request, response) -> bool:
    if request.path.startswith("/api/"):
        return 200 <= response.status_code < 300
    return 300 <= response.status_code < 400


class IdempotencyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or request.path.startswith("/portal/") or not _caller(request):
            return self._with_tokens(request, self.get_response(request))
        token = _token(request)
        if not token:
            return self._with_tokens(request, self.get_response(request))
        key, digest = _key(request, token), _request_hash(request)
        SubmissionKey.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
        try:
            with transaction.atomic():
                row = SubmissionKey.objects.create(key=key, request_hash=digest)
        except IntegrityError:
            first = SubmissionKey.objects.filter(key=key).first()
            if first is None:  # the first one failed and let go meanwhile
                return _refusal(request, 409, "该表单正在提交，请稍后刷新页面查看结果。")
            if first.request_hash != digest:
                return _refusal(request, 422, "同一提交标识对应了不同的内容：请重新打开表单后再提交。")
            if first.status_code is None:
                return _refusal(request, 409, "该表单正在提交，请勿重复提交；请稍后刷新页面查看结果。")
            return _replay(request, first)
        try:
            response = self.get_response(request)
        except BaseException:
            SubmissionKey.objects.filter(pk=row.pk).delete()
            raise
        if not _kept(request, response):
            SubmissionKey.objects.filter(pk=row.pk).delete()
            return self._with_tokens(request, response)
        location = response.get("Location", "") if 300 <= response.status_code < 400 else ""
        body = "" if location or getattr(response, "streaming", False) else response.content.decode(
            response.charset or "utf-8", "replace")
        SubmissionKey.objects.filter(pk=row.pk).update(
            status_code=response.status_code, location=location[:500], body=body,
            content_type=response.get("Content-Type", ""))
        return response

    @staticmethod
    def _with_tokens(request, response):
        """Give each staff form on an HTML page its own one-time token (next to the CSRF field)."""
        user = getattr(request, "user", None)
        if (user is None or not user.is_authenticated or request.path.startswith(("/portal/", "/api/"))
                or getattr(response, "streaming", False)
                or not response.get("Content-Type", "").startswith("text/html")
                or CSRF_INPUT not in response.content):
            return response
        parts = response.content.split(CSRF_INPUT)
        out = parts[0]
        for part in parts[1:]:
            end = part.find(b">") + 1
            field = f'<input type="hidden" name="{FIELD}" value="{secrets.token_urlsafe(24)}">'.encode()
            out += CSRF_INPUT + part[:end] + field + part[end:]
        response.content = out
        return response
