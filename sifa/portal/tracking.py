"""查询码 (tracking codes): lines call `issue_tracking_code(record, kind, mobile)` inside the action that accepts
a public application and give the code to the citizen; anyone holding the code and the mobile's last four digits
can see the application's status on the public lookup page, nothing more.

Lines name their kinds and, optionally, how to word a record's status for the public::

    tracking.register_kind("legalaid", "法律援助申请", status=lambda app: app.get_status_display())

Without a status function the record's `portal_status()` or `get_status_display()` is used. Never `str(record)`:
it may name people.
"""

import hmac
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from sifa.core.identifiers import validate_mobile
from sifa.core.notify import text_citizen

from .citizens import mobile_digest
from .models import TrackingCode

# No 0/O, 1/I/L: codes are read aloud and typed from paper notices.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


@dataclass(frozen=True)
class TrackingKind:
    code: str
    label: str
    status: Callable | None = None


_kinds: dict[str, TrackingKind] = {}


def register_kind(code: str, label: str, status: Callable | None = None) -> None:
    _kinds[code] = TrackingKind(code, label, status)


def kind_label(code: str) -> str:
    kind = _kinds.get(code)
    return kind.label if kind else code


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise(raw: str) -> str:
    """What a citizen typed → the stored form: upper case, without spaces or hyphens."""
    return re.sub(r"[\s\-]", "", raw or "").upper()


def issue_tracking_code(obj, kind: str, mobile: str) -> TrackingCode:
    """A new tracking code linking `obj` (saved) to the applicant's mobile. Call inside the accepting action.

    The code is also texted to that mobile once the action commits, as the portal's pages promise (查询码以短信或
    回执告知): a citizen who closes the receipt page still has it."""
    if obj.pk is None:
        raise ValueError("记录尚未保存，不能生成查询码。")
    mobile = validate_mobile(mobile)
    content_type = ContentType.objects.get_for_model(obj)
    for _ in range(8):
        try:
            with transaction.atomic():
                code = TrackingCode.objects.create(
                    code=new_code(), kind=kind[:40], content_type=content_type, object_id=str(obj.pk),
                    mobile_digest=mobile_digest(mobile), mobile_last4=mobile[-4:])
        except IntegrityError:
            continue  # a collision in 31**10 codes: draw again
        text_citizen(mobile, receipt_text(code))
        return code
    raise RuntimeError("无法生成唯一的查询码。")


def receipt_text(code: TrackingCode) -> str:
    """The SMS sent with a new code: what was received and how to follow it; it names no one."""
    return (f"您的{kind_label(code.kind)}已提交，查询码{code.code}。凭查询码和手机号码后4位可在司法行政公众服务"
            f"“办理进度查询”中查看进度。")


def codes_for(obj):
    return TrackingCode.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


def lookup(raw_code: str, last4: str) -> TrackingCode | None:
    """The tracking code if the code and the mobile's last 4 digits both match; None otherwise (no hint which)."""
    code = normalise(raw_code)
    if len(code) != CODE_LENGTH or any(c not in ALPHABET for c in code):
        return None
    found = TrackingCode.objects.filter(code=code).first()
    if found is None or not hmac.compare_digest(found.mobile_last4, (last4 or "").strip()):
        return None
    return found


def status_text(tracking: TrackingCode) -> str:
    """The application's status worded for the public."""
    obj = tracking.target
    if obj is None:
        return "该事项记录已不存在，请联系办理窗口。"
    kind = _kinds.get(tracking.kind)
    if kind and kind.status:
        return str(kind.status(obj))
    if callable(getattr(obj, "portal_status", None)):
        return str(obj.portal_status())
    if callable(getattr(obj, "get_status_display", None)):
        return str(obj.get_status_display())
    return "已受理"


def public_view(tracking: TrackingCode) -> dict:
    """Everything the public pages show about an application."""
    return {"code": tracking.code, "kind": kind_label(tracking.kind), "status": status_text(tracking),
            "submitted": tracking.created_at, "last4": tracking.mobile_last4}
