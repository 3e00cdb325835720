"""Multi-factor sign-in for staff (SECURITY.md A4, issue #14 item 6): password, then a TOTP code (django-otp).

Who must: the three administrators (三员) always, and any role the bureau lists in settings.SIFA_MFA_ROLES.
Everyone else may enrol and is then asked for the code too. Only `sifa demo` sets SIFA_MFA_OPTIONAL_USERS (the
demo accounts), so the printed demo logins keep working without a phone; they may still enrol.

Enrolment happens at the first sign-in: a new TOTP secret is shown as a QR code drawn here (segno, inline SVG:
no external host) and as text; the first correct code confirms it, and ten one-time recovery codes are shown
once. Failures count as password failures do: every wrong code is a LOGIN_FAIL audit row, five within 30 minutes
lock the second step for 30 minutes (a LOCKOUT row); the count comes from the audit log itself, so it survives
a new session. A TOTP code is accepted once (django-otp keeps the last time step used).
"""

import secrets
from datetime import timedelta

import segno
from django.conf import settings
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sifa.core import audit
from sifa.core.models.accounts import Role
from sifa.core.models.audit import AuditEvent, AuditEventType

ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
LOCK_AFTER_FAILURES = 5
LOCK_MINUTES = 30
RECOVERY_CODES = 10
FAIL_VERB = "动态口令错误"
OK_VERB = "动态口令验证通过"


def required_roles() -> frozenset:
    return ADMIN_ROLES | frozenset(getattr(settings, "SIFA_MFA_ROLES", ()) or ())


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def required(user) -> bool:
    """Whether the user must pass the second step before any staff page."""
    if not getattr(settings, "SIFA_MFA_ENFORCED", True):
        return False
    if confirmed_device(user) is not None:
        return True
    optional = user.username in (getattr(settings, "SIFA_MFA_OPTIONAL_USERS", ()) or ())
    return user.role in required_roles() and not optional


def start_enrolment(user) -> TOTPDevice:
    """A fresh unconfirmed TOTP device (earlier unconfirmed ones are dropped)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="手机动态口令", confirmed=False)


def pending_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()


def qr_svg(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_inline(scale=5, title="动态口令二维码")


def secret_text(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for typing it in when the QR code cannot be scanned."""
    from base64 import b32encode

    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def new_recovery_codes(user) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(user=user, name="恢复码", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def failures_in_window(user) -> int:
    since = timezone.now() - timedelta(minutes=LOCK_MINUTES)
    last_ok = AuditEvent.objects.filter(user_id=user.pk, event=AuditEventType.LOGIN_OK, verb=OK_VERB,
                                        at__gte=since).order_by("-id").values_list("id", flat=True).first()
    failures = AuditEvent.objects.filter(user_id=user.pk, event=AuditEventType.LOGIN_FAIL, verb=FAIL_VERB,
                                         at__gte=since)
    if last_ok is not None:
        failures = failures.filter(id__gt=last_ok)
    return failures.count()


def locked(user) -> bool:
    return failures_in_window(user) >= LOCK_AFTER_FAILURES


def verify(request, code: str, *, device: TOTPDevice | None = None) -> bool:
    """Check a code (TOTP, or a recovery code when not confirming a new device); on success mark the session
    verified. Every outcome is audited; the fifth failure in the window also writes a LOCKOUT row."""
    user = request.user
    code = "".join(str(code or "").split())
    candidates = [device] if device is not None else [
        d for d in (confirmed_device(user), StaticDevice.objects.filter(user=user, confirmed=True).first()) if d]
    for candidate in candidates:
        if code and candidate.verify_token(code):
            if not candidate.confirmed:
                candidate.confirmed = True
                candidate.save(update_fields=["confirmed"])
            otp_login(request, candidate)
            kind = "恢复码" if isinstance(candidate, StaticDevice) else "动态口令"
            audit.record(AuditEventType.LOGIN_OK, user=user, verb=OK_VERB, reason=f"第二步验证：{kind}")
            return True
    audit.record(AuditEventType.LOGIN_FAIL, user=user, verb=FAIL_VERB, outcome="failure",
                 reason="第二步验证未通过")
    if failures_in_window(user) == LOCK_AFTER_FAILURES:
        audit.record(AuditEventType.LOCKOUT, user=user, verb="动态口令锁定", outcome="denied",
                     reason=f"连续{LOCK_AFTER_FAILURES}次动态口令错误，锁定{LOCK_MINUTES}分钟")
    return False


def enrolled(request, device: TOTPDevice) -> None:
    audit.record(AuditEventType.CONFIG, user=request.user, verb="启用多因素认证", obj=request.user,
                 reason="绑定手机动态口令并生成恢复码")
