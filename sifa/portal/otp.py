"""One-time SMS codes for the public portal.

6 digits, valid 5 minutes, stored only as an HMAC, at most 5 tries per code; sending is limited per mobile
(1 a minute, 5 an hour) and per IP (20 an hour), checking per IP (30 per 10 minutes). Limits live in the cache and
fail closed. Errors are `OtpError`s with a Chinese message for the citizen."""

import hashlib
import hmac
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sifa.core import audit, notify
from sifa.core.identifiers import validate_mobile
from sifa.core.models.audit import AuditEventType

from . import ratelimit
from .citizens import mobile_digest
from .models import PhoneChallenge

log = logging.getLogger("sifa.portal")

CODE_DIGITS = 6
CODE_TTL = timedelta(minutes=5)
MAX_ATTEMPTS = 5
SEND_LIMITS_PER_MOBILE = ((1, 60), (5, 3600))
SEND_LIMIT_PER_IP = (20, 3600)
VERIFY_LIMIT_PER_IP = (30, 600)
BUSY = "服务繁忙，请稍后再试。"


class OtpError(Exception):
    """A refusal to show the citizen as is."""


def _code_key() -> bytes:
    return hashlib.sha256(("sifa-portal-otp:" + settings.SECRET_KEY).encode()).digest()


def _hash(salt: str, mobile: str, code: str) -> str:
    return hmac.new(_code_key(), f"{salt}:{mobile}:{code}".encode(), hashlib.sha256).hexdigest()


def _masked(mobile: str) -> str:
    return mobile[:3] + "****" + mobile[-4:]


def _within(scope: str, ident: str, limit: int, window: int) -> bool:
    try:
        return ratelimit.hit(scope, ident, limit, window)
    except ratelimit.RateLimitUnavailable:
        log.error("限流计数不可用（%s），拒绝请求", scope)
        raise OtpError(BUSY)


def clean_mobile(raw: str) -> str:
    try:
        return validate_mobile(raw)
    except ValidationError as exc:
        raise OtpError(exc.messages[0])


def send_code(raw_mobile: str, ip: str | None) -> str:
    """Create and text a new code; returns the compact mobile number."""
    mobile = clean_mobile(raw_mobile)
    if not _within("otp-send-ip", ip or "-", *SEND_LIMIT_PER_IP):
        raise OtpError("当前网络获取验证码过于频繁，请1小时后再试。")
    minute, hour = SEND_LIMITS_PER_MOBILE
    if not _within("otp-send-mobile-1m", mobile, *minute):
        raise OtpError("验证码已发送，请1分钟后再重新获取。")
    if not _within("otp-send-mobile-1h", mobile, *hour):
        raise OtpError("该手机号获取验证码次数过多，请1小时后再试。")
    code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    salt = secrets.token_hex(16)
    digest = mobile_digest(mobile)
    now = timezone.now()
    with transaction.atomic():
        PhoneChallenge.objects.filter(mobile_digest=digest, used_at__isnull=True).update(used_at=now)
        challenge = PhoneChallenge.objects.create(mobile_digest=digest, salt=salt, code_hash=_hash(salt, mobile, code),
                                                  expires_at=now + CODE_TTL)
    try:
        notify.send_sms(mobile, f"{notify.SMS_SIGNATURE}您的验证码为{code}，5分钟内有效。工作人员不会向您索要验证码，请勿告知他人。")
    except Exception:
        log.exception("验证码短信发送失败")
        PhoneChallenge.objects.filter(pk=challenge.pk).update(used_at=timezone.now())
        raise OtpError("短信发送失败，请稍后再试。")
    return mobile


def verify_code(raw_mobile: str, code: str, ip: str | None) -> str:
    """Check the code; returns the compact mobile number, or raises OtpError (and audits the failure)."""
    mobile = clean_mobile(raw_mobile)
    if not _within("otp-verify-ip", ip or "-", *VERIFY_LIMIT_PER_IP):
        raise OtpError("尝试次数过多，请10分钟后再试。")
    code = (code or "").strip()
    if not (code.isdigit() and len(code) == CODE_DIGITS):
        raise OtpError("请输入短信中的6位数字验证码。")
    digest = mobile_digest(mobile)
    with transaction.atomic():
        challenge = (PhoneChallenge.objects.select_for_update()
                     .filter(mobile_digest=digest, used_at__isnull=True, expires_at__gt=timezone.now())
                     .order_by("-id").first())
        if challenge is None:
            error = "验证码已失效，请重新获取。"
        elif challenge.attempts >= MAX_ATTEMPTS:
            error = "验证码错误次数过多，请重新获取。"
        else:
            challenge.attempts += 1
            matched = hmac.compare_digest(challenge.code_hash, _hash(challenge.salt, mobile, code))
            if matched:
                challenge.used_at = timezone.now()
            challenge.save(update_fields=["attempts", "used_at"])
            left = MAX_ATTEMPTS - challenge.attempts
            error = "" if matched else (f"验证码不正确，还可尝试{left}次。" if left else "验证码错误次数过多，请重新获取。")
    username = f"公众:{_masked(mobile)}"
    if error:
        audit.record(AuditEventType.LOGIN_FAIL, username=username, outcome="failure", reason="公众服务短信验证码未通过")
        raise OtpError(error)
    audit.record(AuditEventType.LOGIN_OK, username=username, reason="公众服务短信验证码登录")
    return mobile
