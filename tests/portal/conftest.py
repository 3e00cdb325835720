import re

import pytest
from django.core.cache import cache

from sifa.core.notify import LoggingSMSBackend

MOBILE = "13912345678"


@pytest.fixture(autouse=True)
def fresh_limits():
    """Rate-limit counters live in the cache; every test starts with none."""
    cache.clear()
    LoggingSMSBackend.sent.clear()
    yield
    cache.clear()


def sent_code(mobile: str = MOBILE) -> str:
    text = LoggingSMSBackend.last_text_to(mobile)
    assert text, f"no SMS was sent to {mobile}"
    return re.search(r"验证码为(\d{6})", text).group(1)


def portal_login(client, mobile: str = MOBILE):
    response = client.post("/portal/login/", {"action": "send", "mobile": mobile, "consent": "on"})
    assert response.status_code == 200, response.content.decode()
    return client.post("/portal/login/", {"action": "verify", "mobile": mobile, "code": sent_code(mobile)})


@pytest.fixture
def citizen_client(client, db):
    response = portal_login(client)
    assert response.status_code == 302
    return client
