"""SMS and e-mail through pluggable backends. The default SMS backend only logs (masked)."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger("sifa.notify")


class LoggingSMSBackend:
    sent: list[tuple[str, str]] = []

    def send(self, mobile: str, text: str) -> None:
        self.sent.append((mobile, text))
        log.info("SMS to %s: %s", mobile, text)


def sms_backend():
    return import_string(settings.SIFA_SMS_BACKEND)()


def send_sms(mobile: str, text: str) -> None:
    sms_backend().send(mobile, text)
