"""Idempotent portal submissions (SECURITY.md G3).

Each portal form carries a one-time token (`new_form_token()`, rendered as a hidden field). `submit_once` runs the
line's handler at most once per (citizen, token): the token row is inserted in the same transaction as the
handler's writes, so

* a repeated POST (double click, reload, network retry) returns the first result instead of a second record;
* a concurrent duplicate waits on the token's unique index until the first commits, then returns its result;
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
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import redirect

from .models import PortalSubmission
from .pages import render_page

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class PayloadMismatch(Exception):
    """The token was used before with different content."""


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
            with transaction.atomic():
                record = PortalSubmission.objects.create(payload_hash=digest, **key)
        except IntegrityError:
            # a concurrent duplicate committed first: answer with its result
            return _replay(PortalSubmission.objects.get(**key), digest)
        url = handler()
        record.result_url = url
        record.save(update_fields=["result_url"])
    return Outcome(url=url, replayed=False)


def respond(request, token: str, payload: dict, handler: Callable[[], str]):
    """The view side of `submit_once`: redirect to the result, or a Chinese 422 page for a changed replay.
    A ValidationError from the handler propagates so the view can re-display the form with the reason."""
    try:
        outcome = submit_once(request.citizen, token, payload, handler)
    except PayloadMismatch:
        return render_page(request, "portal/message.html", {
            "title": "提交内容不一致",
            "text": "该表单已经提交过，且与本次提交的内容不同。如需再次申请，请重新打开申请页面填写。",
        }, status=422)
    return redirect(outcome.url)
