"""Notifications: the in-app inbox (站内信) plus optional SMS and e-mail through pluggable backends.

    notify(user, "调解案件已指派给您", body="…", link="/mediation/cases/12/", category="指派", sms=True)
    notify_users(case_people, "…", link=…, category="人民调解")   # several users, each once

The inbox row is written in the caller's transaction; SMS and e-mail leave only after it commits, so a rolled-back
action never texts anyone. The SMS backend is a class path in settings.SIFA_SMS_BACKEND: the default one only
logs, with the number masked and every one-time code blanked (a server log is read by more people than the
citizen the code is for); `HttpGatewaySMSBackend` posts to a 政务短信 gateway. Only the demo (`sifa demo`, which
sets SIFA_SMS_CONSOLE) also prints the whole text on its own console, so a tester can sign in on the portal.
"""

import json
import logging
import re
import sys
import urllib.request
from collections import deque

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from .masking import mask_mobile
from .models.notifications import Notification

log = logging.getLogger("sifa.notify")

SMS_SIGNATURE = "【司法行政】"


class SMSBackend:
    """Interface of an SMS provider: `send` delivers one text or raises."""

    def send(self, mobile: str, text: str) -> None:
        raise NotImplementedError


CODE_DIGITS = re.compile(r"\d{4,8}")


def redact_codes(text: str) -> str:
    """The text with every run of 4–8 digits (one-time codes, tracking numbers) blanked."""
    return CODE_DIGITS.sub(lambda m: "*" * len(m.group()), text)


class LoggingSMSBackend(SMSBackend):
    """For demos and tests: texts go to `sent` (the most recent 200, in memory) and, redacted, to the log; in the
    demo (settings.SIFA_SMS_CONSOLE) the whole text is also printed on the console that runs the server."""

    sent: deque = deque(maxlen=200)

    def send(self, mobile: str, text: str) -> None:
        self.sent.append((mobile, text))
        log.info("SMS to %s: %s", mask_mobile(mobile), redact_codes(text))
        if getattr(settings, "SIFA_SMS_CONSOLE", False):
            print(f"[演示短信，仅显示在本控制台] {mobile}：{text}", file=sys.stderr, flush=True)

    @classmethod
    def last_text_to(cls, mobile: str) -> str | None:
        for to, text in reversed(cls.sent):
            if to == mobile:
                return text
        return None


class HttpGatewaySMSBackend(SMSBackend):
    """POSTs {"mobile", "text"} as JSON to settings.SIFA_SMS_GATEWAY_URL with a bearer token
    (SIFA_SMS_GATEWAY_TOKEN). Any non-2xx answer is an error."""

    timeout = 5

    def send(self, mobile: str, text: str) -> None:
        url = getattr(settings, "SIFA_SMS_GATEWAY_URL", "")
        if not url:
            raise RuntimeError("未配置短信网关地址 SIFA_SMS_GATEWAY_URL。")
        request = urllib.request.Request(
            url, data=json.dumps({"mobile": mobile, "text": text}, ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json",
                     "Authorization": f"Bearer {getattr(settings, 'SIFA_SMS_GATEWAY_TOKEN', '')}"},
            method="POST")
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (configured URL)
            if not 200 <= response.status < 300:
                raise RuntimeError(f"短信网关返回 {response.status}")


def sms_backend() -> SMSBackend:
    return import_string(settings.SIFA_SMS_BACKEND)()


def send_sms(mobile: str, text: str) -> None:
    """Send now; raises when the provider fails (callers that must not fail use `notify`)."""
    sms_backend().send(mobile, text)


def _send_sms_quietly(mobile: str, text: str) -> None:
    try:
        send_sms(mobile, text)
    except Exception:
        log.exception("短信发送失败：%s", mobile)


def text_citizen(mobile: str, text: str) -> None:
    """Text a member of the public once the current transaction commits (never for a rolled-back action); a
    failing provider is logged, not raised: the citizen's submission stands and the page shows the same words."""
    message = text if text.startswith(SMS_SIGNATURE) else SMS_SIGNATURE + text
    transaction.on_commit(lambda: _send_sms_quietly(mobile, message))


def _send_mail_quietly(address: str, subject: str, body: str) -> None:
    try:
        send_mail(subject, body, None, [address])
    except Exception:
        log.exception("邮件发送失败")


def record_link(url_name: str, pk) -> str:
    """A record's staff page, for notification links; empty where the staff pages are not mounted (a bare API
    deployment), so a notification is still written."""
    try:
        return reverse(url_name, args=[pk])
    except NoReverseMatch:
        return ""


def _check_link(link: str) -> str:
    """Inbox links are in-site paths only, so a notification can never send a user elsewhere."""
    if link and (not link.startswith("/") or link.startswith("//") or "\\" in link):
        raise ValueError("通知链接必须是站内路径（以“/”开头）。")
    return link


def notify(user, title: str, body: str = "", link: str = "", category: str = "", *, sms: bool = False,
           email: bool = False) -> Notification:
    """Put a message in the user's inbox; with sms/email also text or mail it once the transaction commits.
    Texts and mails carry the title only: details stay behind the login."""
    note = Notification.objects.create(user=user, title=title[:200], body=body, link=_check_link(link),
                                       category=category[:30])
    if sms and user.mobile:
        text = f"{SMS_SIGNATURE}{title[:60]}。请登录平台查看。"
        transaction.on_commit(lambda: _send_sms_quietly(user.mobile, text))
    if email and user.email:
        transaction.on_commit(lambda: _send_mail_quietly(user.email, title[:200], "请登录司法行政综合业务平台查看详情。"))
    return note


def notify_users(users, title: str, body: str = "", link: str = "", category: str = "", **channels) -> int:
    """`notify` each of `users` once: None, inactive accounts and repeats are skipped (a case's mediators and
    the office's staff often overlap). Returns how many were told."""
    seen = set()
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        notify(user, title, body, link, category, **channels)
    return len(seen)


def inbox_for(user):
    return Notification.objects.filter(user=user)


def unread_count(user) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return inbox_for(user).filter(read_at__isnull=True).count()


def mark_read(user, notification: Notification) -> None:
    if notification.user_id != user.pk:
        raise PermissionError("只能处理本人的消息。")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def mark_all_read(user) -> int:
    return inbox_for(user).filter(read_at__isnull=True).update(read_at=timezone.now())
