"""The staff second sign-in step in a real browser (SECURITY.md A4): a system administrator's first sign-in
enrols a phone from the locally drawn QR code, then signs in again with a recovery code."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sifa.core.models import Role
from tests import factories

from .conftest import LAPTOP
from .test_staff import log_in

pytestmark = [pytest.mark.browser, pytest.mark.mfa, pytest.mark.django_db(transaction=True)]


def current_code(secret_text: str) -> str:
    from base64 import b32decode

    key = b32decode(secret_text.replace(" ", "") + "=" * (-len(secret_text.replace(" ", "")) % 8))
    device = TOTPDevice.objects.get(confirmed=False)
    assert device.bin_key == key  # the page shows the secret of the device being enrolled
    return f"{totp(key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_mfa_enrolment_then_sign_in_with_a_recovery_code(live_server, launch, screenshot_dir):
    tree = factories.county_tree()
    factories.user(tree["bureau"], role=Role.SYSTEM_ADMIN, username="sys_admin", full_name="孙浩")
    page = launch(LAPTOP).new_page()
    page.set_default_timeout(60_000)  # a loaded CI machine: the first page can take longer than the default
    external = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(live_server.url) else None)

    log_in(page, live_server.url, "sys_admin")
    page.wait_for_url("**/accounts/mfa/enrol/**")
    assert page.locator("#mfa-qr svg path").count() >= 1  # the QR code, drawn by the server
    page.screenshot(path=str(screenshot_dir / "mfa-enrol.png"), full_page=True)
    page.goto(f"{live_server.url}/admin/")  # nothing else opens before the second step
    page.wait_for_url("**/accounts/mfa/**")
    page.goto(f"{live_server.url}/accounts/mfa/enrol/")
    page.fill("input[name=code]", "123456" if current_code(page.inner_text("#mfa-secret")) != "123456" else "654321")
    page.click("#main button[type=submit]")
    assert "动态口令不正确" in page.content()
    page.fill("input[name=code]", current_code(page.inner_text("#mfa-secret")))
    page.click("#main button[type=submit]")
    codes = re.findall(r"\d{8}", page.inner_text("#recovery-codes"))
    assert len(codes) == 10
    page.click("#mfa-continue")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").first.inner_text() == "工作台"

    page.locator("form.desktop-only[action$='/accounts/logout/'] button").click()
    log_in(page, live_server.url, "sys_admin")
    page.wait_for_url("**/accounts/mfa/**")
    page.fill("input[name=code]", codes[0])
    page.click("#main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").first.inner_text() == "工作台"
    assert external == []
