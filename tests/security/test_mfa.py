"""Multi-factor sign-in for staff (SECURITY.md A4, issue #14 item 6), through the Django client."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sifa.core.models import AuditEvent, Role
from sifa.core.models.audit import AuditEventType
from tests import factories

pytestmark = pytest.mark.mfa

ENROL, VERIFY = "/accounts/mfa/enrol/", "/accounts/mfa/"


def code_for(device, offset=0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def sign_in(client, user):
    response = client.post(reverse("core:login"), {"username": user.username, "password": factories.PASSWORD})
    assert response.status_code == 302
    return client.get("/", follow=False)


@pytest.fixture
def sysadmin(tree):
    return factories.user(tree["bureau"], role=Role.SYSTEM_ADMIN, username="sys_admin")


def enrol(client, user) -> tuple[list[str], str]:
    """Enrol the user's authenticator: (the recovery codes shown, the one-time code that confirmed it)."""
    assert client.get(ENROL).status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    confirming = code_for(device)
    response = client.post(ENROL, {"code": confirming, "next": "/"})
    assert response.status_code == 200 and "恢复码只显示这一次" in response.content.decode()
    return re.findall(r"<code>(\d{8})</code>", response.content.decode()), confirming


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN])
def test_the_three_administrators_must_enrol_before_any_page(client, tree, role):
    user = factories.user(tree["bureau"], role=role, username=f"admin_{role}")
    response = sign_in(client, user)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert client.get(response["Location"]).status_code == 302  # no device yet → enrolment
    page = client.get(ENROL).content.decode()
    assert "<svg" in page and "http" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]  # drawn here
    codes, _ = enrol(client, user)
    assert len(codes) == 10
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(event=AuditEventType.CONFIG, verb="启用多因素认证", user_id=user.pk).exists()


def test_ordinary_roles_are_not_asked_unless_the_bureau_lists_them(client, office_user, settings):
    assert sign_in(client, office_user).status_code == 200
    client.logout()
    settings.SIFA_MFA_ROLES = [Role.OFFICE_STAFF]
    assert sign_in(client, office_user)["Location"].startswith(VERIFY)


def test_demo_accounts_may_skip_enrolment(client, tree, settings):
    user = factories.user(tree["bureau"], role=Role.SYSTEM_ADMIN, username="demo_sysadmin")
    settings.SIFA_MFA_OPTIONAL_USERS = ["demo_sysadmin"]
    assert sign_in(client, user).status_code == 200


def test_code_replay_recovery_codes_and_lockout(client, sysadmin):
    sign_in(client, sysadmin)
    # the code that confirmed the device (computed again here, it could be the next 30-second step's, unused)
    codes, used = enrol(client, sysadmin)
    client.logout()

    sign_in(client, sysadmin)
    assert client.get("/").status_code == 302
    response = client.post(VERIFY, {"code": used})  # the code that confirmed the device: not again
    assert response.status_code == 400 and "不正确" in response.content.decode()
    assert client.post(VERIFY, {"code": codes[0], "next": "/"}).status_code == 302  # a recovery code
    assert client.get("/").status_code == 200
    client.logout()

    sign_in(client, sysadmin)
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 400  # each recovery code once
    for _ in range(3):
        client.post(VERIFY, {"code": "000000"})
    response = client.post(VERIFY, {"code": "111111"})  # the fifth failure
    assert response.status_code == 403 and "锁定30分钟" in response.content.decode()
    assert client.post(VERIFY, {"code": codes[1]}).status_code == 403  # even a right code, while locked
    assert client.get("/").status_code == 302
    fails = AuditEvent.objects.filter(event=AuditEventType.LOGIN_FAIL, user_id=sysadmin.pk, verb="动态口令错误")
    assert fails.count() == 6  # the replayed code, then five after the recovery code reset the count
    assert AuditEvent.objects.filter(event=AuditEventType.LOCKOUT, user_id=sysadmin.pk).count() == 1


def test_every_staff_page_needs_the_second_step(client, sysadmin):
    from django.urls import get_resolver

    sign_in(client, sysadmin)
    enrol(client, sysadmin)
    client.logout()
    sign_in(client, sysadmin)
    checked = 0
    for pattern in get_resolver().url_patterns:
        prefix = str(pattern.pattern)
        if prefix.startswith(("api/", "portal/", "static/", "health")) or "<" in prefix or "(" in prefix:
            continue
        response = client.get("/" + prefix)
        if response.status_code != 404:
            checked += 1
            assert response.status_code == 302 and response["Location"].startswith(VERIFY), prefix
    assert checked >= 5
