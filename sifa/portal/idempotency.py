"""Idempotent portal submissions (SECURITY.md G3).

Each portal form carries a one-time token (`new_form_token()`, rendered as a hidden field). `submit_once` runs the
line's handler at most once per (citizen, token): the token row is inserted in the same transaction as the
handler's writes, so

* a repeated POST (double click, reload, network retry) returns the first result instead of a second record;
* a concurrent duplicate waits on the token's unique index until the first commits, then returns its result;
  on PostgreSQL it waits at most IN_FLIGHT_WAIT seconds and is then answered 409 (still being processed);
* the same token with different content is refused (422): the form was changed after it was sent;
* a handler that fails (bad input) rolls the token back too, so the corrected form can be sent again.

    def apply(request):
        form = AidForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            return idempotency.respond(request, request.POST.get("form_token"), form.cleaned_data,
                                       lambda: actions.apply_online(request.citizen, **form.cleaned_data))
        ...   # handler returns the URL to show next (e.g. the receipt page)
"""

import hashlib
import json
import re
import secrets
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction
from django.shortcuts import redirect

from .models import PortalSubmission
from .pages import render_page

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


IN_FLIGHT_WAIT = "3s"


class PayloadMismatch(Exception):
    """The token was used before with different content."""


class InFlight(Exception):
    """The first submission with this token is still being processed."""


@dataclass(frozen=True)
class Outcome:
    url: str
    replayed: bool


def new_form_token() -> str:
    return secrets.token_urlsafe(24)


def payload_hash(payload: dict) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replay(existing: PortalSubmission, digest: str) -> Outcome:
    if existing.payload_hash != digest:
        raise PayloadMismatch
    return Outcome(url=existing.result_url, replayed=True)


@contextmanager
def _bounded_lock_wait():
    """On PostgreSQL, wait only briefly for a concurrent insert of the same token (then: InFlight)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL lock_timeout = '{IN_FLIGHT_WAIT}'")
    yield  # on an error the savepoint's rollback undoes the SET LOCAL as well
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL lock_timeout TO DEFAULT")


def submit_once(citizen, token: str, payload: dict, handler: Callable[[], str]) -> Outcome:
    """Run `handler` (returns the URL of the result) once for this citizen and token."""
    if not isinstance(token, str) or not TOKEN_RE.match(token):
        raise ValidationError("表单已失效，请刷新页面后重新填写。")
    digest = payload_hash(payload)
    key = {"mobile_digest": citizen.digest, "token": token}
    existing = PortalSubmission.objects.filter(**key).first()
    if existing is not None:
        return _replay(existing, digest)
    with transaction.atomic():
        try:
            with transaction.atomic(), _bounded_lock_wait():
                record = PortalSubmission.objects.create(payload_hash=digest, **key)
        except IntegrityError:
            # a concurrent duplicate committed first: answer with its result
            return _replay(PortalSubmission.objects.get(**key), digest)
        except OperationalError as exc:
            if getattr(exc.__cause__, "sqlstate", "") == "55P03":  # lock_not_available
                raise InFlight from exc
            raise
        url = handler()
        record.result_url = url
        record.save(update_fields=["result_url"])
    return Outcome(url=url, replayed=False)


def respond(request, token: str, payload: dict, handler: Callable[[], str]):
    """The view side of `submit_once`: redirect to the result, or a Chinese 422 page for a changed replay.
    A ValidationError from the handler propagates so the view can re-display the form with the reason."""
    try:
        outcome = submit_once(request.citizen, token, payload, handler)
    except InFlight:
        return render_page(request, "portal/message.html", {
            "title": "正在处理",
            "text": "您的申请正在处理中，请勿重复提交，稍后可在“我的申请”中查看结果。",
        }, status=409)
    except PayloadMismatch:
        return render_page(request, "portal/message.html", {
            "title": "提交内容不一致",
            "text": "该表单已经提交过，且与本次提交的内容不同。如需再次申请，请重新打开申请页面填写。",
        }, status=422)
    return redirect(outcome.url)
