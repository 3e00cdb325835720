"""SMS sign-in of citizens: hashed, expiring, limited codes; a session of its own."""

import datetime as dt

import pytest
import time_machine
from django.test import override_settings

from sifa.core.models import AuditEvent
from sifa.core.models.audit import AuditEventType
from sifa.portal.citizens import COOKIE_NAME
from sifa.portal.models import PhoneChallenge

from .conftest import MOBILE, portal_login, sent_code


def send(client, mobile=MOBILE, **extra):
    return client.post("/portal/login/", {"action": "send", "mobile": mobile, "consent": "on"}, **extra)


def verify(client, code, mobile=MOBILE):
    return client.post("/portal/login/", {"action": "verify", "mobile": mobile, "code": code})


def test_login_page_is_public_and_has_the_notice(client, db):
    response = client.get("/portal/login/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "个人信息保护告知" in html and "获取验证码" in html
    assert response["Cache-Control"] == "no-store"


def test_sign_in_with_code_then_see_my_applications(client, db):
    response = portal_login(client)
    assert response.status_code == 302 and response.url == "/portal/mine/"
    assert COOKIE_NAME in response.cookies
    assert response.cookies[COOKIE_NAME]["httponly"] and response.cookies[COOKIE_NAME]["path"] == "/portal/"
    page = client.get("/portal/mine/")
    assert page.status_code == 200
    assert "139****5678" in page.content.decode()
    assert AuditEvent.objects.filter(event=AuditEventType.LOGIN_OK, username="公众:139****5678").exists()


def test_code_is_stored_only_as_a_hash(client, db):
    send(client)
    code = sent_code()
    row = PhoneChallenge.objects.get()
    assert code not in (row.code_hash, row.salt) and len(row.code_hash) == 64
    assert MOBILE not in row.mobile_digest


def test_consent_and_mobile_are_required(client, db):
    html = client.post("/portal/login/", {"action": "send", "mobile": MOBILE}).content.decode()
    assert "请先阅读并同意《个人信息保护告知》" in html
    html = send(client, mobile="1234").content.decode()
    assert "手机号码应为以1开头的11位数字" in html
    assert not PhoneChallenge.objects.exists()


def test_wrong_codes_are_limited_per_code(client, db):
    send(client)
    right = sent_code()
    wrong = "000000" if right != "000000" else "111111"
    html = verify(client, wrong).content.decode()
    assert "验证码不正确，还可尝试4次" in html
    for _ in range(4):
        verify(client, wrong)
    html = verify(client, right).content.decode()
    assert "验证码错误次数过多" in html
    assert COOKIE_NAME not in client.cookies or not client.cookies[COOKIE_NAME].value
    assert AuditEvent.objects.filter(event=AuditEventType.LOGIN_FAIL, username="公众:139****5678").count() == 6


def test_code_expires_after_five_minutes(client, db):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        send(client)
    code = sent_code()
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 5, 1, tzinfo=dt.UTC), tick=False):
        html = verify(client, code).content.decode()
    assert "验证码已失效" in html


def test_a_new_code_replaces_the_old_one(client, db):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        send(client)
        first = sent_code()
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 1, 30, tzinfo=dt.UTC), tick=False):
        send(client)
        second = sent_code()
        if first != second:
            assert "验证码不正确" in verify(client, first).content.decode()
        assert verify(client, second).status_code == 302


def test_sending_is_limited_per_mobile_and_per_ip(client, db):
    send(client)
    html = send(client).content.decode()
    assert "请1分钟后再重新获取" in html
    assert PhoneChallenge.objects.count() == 1
    # every attempt from the address counts, the refused one above included: 20 in all, then refused
    for i in range(18):
        send(client, mobile=f"1380000{i:04}")
    html = send(client, mobile="13999999999").content.decode()
    assert "当前网络获取验证码过于频繁" in html
    assert PhoneChallenge.objects.count() == 19


@override_settings(CACHES={"default": {"BACKEND": "django_redis.cache.RedisCache",
                                       "LOCATION": "redis://127.0.0.1:1/0",
                                       "OPTIONS": {"IGNORE_EXCEPTIONS": True,
                                                   "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2}}})
def test_limits_fail_closed_when_the_cache_is_down(client, db):
    html = send(client).content.decode()
    assert "服务繁忙，请稍后再试" in html
    assert not PhoneChallenge.objects.exists()


def test_logout_ends_the_portal_session(citizen_client):
    response = citizen_client.post("/portal/logout/")
    assert response.status_code == 302
    assert citizen_client.get("/portal/mine/").status_code == 302


def test_idle_timeout(client, db):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        portal_login(client)
        assert client.get("/portal/mine/").status_code == 200
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 31, tzinfo=dt.UTC), tick=False):
        response = client.get("/portal/mine/")
    assert response.status_code == 302 and response.url.startswith("/portal/login/")


def test_portal_and_staff_sessions_are_separate(client, office_user):
    portal_login(client)
    # the citizen session opens no staff page
    assert client.get("/").status_code == 302
    # a staff login grants nothing on the portal, and the portal never shows staff context
    other = type(client)()
    other.force_login(office_user)
    assert other.get("/portal/mine/").status_code == 302
    html = other.get("/portal/").content.decode()
    assert office_user.username not in html and office_user.org.name not in html


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/accounts/login/"])
def test_next_parameter_stays_on_the_portal(client, db, target):
    send(client)
    response = client.post("/portal/login/", {"action": "verify", "mobile": MOBILE, "code": sent_code(),
                                              "next": target})
    assert response.status_code == 302 and response.url == "/portal/mine/"
