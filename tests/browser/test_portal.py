"""The public portal on a phone: SMS sign-in with the code from the (logging) SMS backend, 我的申请, and the
tracking-code lookup."""

import re

import pytest

from sifa.core.notify import LoggingSMSBackend
from sifa.portal import tracking
from tests import factories

from .conftest import LAPTOP, PHONE, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOBILE = "13956781234"


def test_portal_sign_in_and_lookup_on_a_phone(live_server, launch, screenshot_dir):
    application = factories.county_tree()["office_a"]  # stands in for a line's application record
    issued = tracking.issue_tracking_code(application, "demo", MOBILE)
    page = launch(PHONE, phone=True).new_page()
    page.goto(f"{live_server.url}/portal/")
    assert "个人信息保护告知" in page.content()
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshot_dir / "portal-phone.png"), full_page=True)

    page.click("a.p-tile[href='/portal/mine/']")
    page.wait_for_url("**/portal/login/**")
    page.fill("input[name=mobile]", MOBILE)
    page.click("button:has-text('获取验证码')")
    assert "请先阅读并同意" in page.content()  # consent is required
    page.check("input[name=consent]")
    page.click("button:has-text('获取验证码')")
    page.wait_for_selector("input[name=code]")
    assert "139****1234" in page.content()
    code = re.search(r"验证码为(\d{6})", LoggingSMSBackend.last_text_to(MOBILE)).group(1)
    page.fill("input[name=code]", code)
    page.click("button:has-text('登录')")
    page.wait_for_url("**/portal/mine/")
    assert issued.code in page.locator(".p-list").inner_text()
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshot_dir / "portal-mine-phone.png"), full_page=True)

    page.click(".p-footer >> text=办理进度查询")
    page.fill("input[name=code]", issued.code.lower())
    page.fill("input[name=last4]", "0000")
    page.click("button:has-text('查询')")
    assert "未查到该事项" in page.content()
    page.fill("input[name=last4]", "1234")
    page.click("button:has-text('查询')")
    result = page.locator(".p-result").inner_text()
    assert issued.code in result and "已受理" in result
    assert application.name not in page.content()


def test_portal_on_a_laptop(live_server, launch, screenshot_dir):
    page = launch(LAPTOP).new_page()
    page.goto(f"{live_server.url}/portal/")
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshot_dir / "portal-laptop.png"), full_page=True)
