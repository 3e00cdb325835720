"""The public application in headless Chromium on a phone: SMS sign-in, a bad ID refused, a double submission
making one application, the receipt's tracking code, and the status on the public lookup page."""

import os
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from sifa.core.models import Notification
from sifa.core.notify import LoggingSMSBackend
from sifa.mediation.models import Dispute
from tests import factories

from . import builders

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("SIFA_CHROMIUM"), reason="未设置 SIFA_CHROMIUM，跳过浏览器测试"),
]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
MOBILE = "13956785678"
PHONE = {"width": 390, "height": 844}


def in_browser(steps):
    """Run `steps(page)` in a thread of its own (Playwright's sync API wants one driver per thread)."""

    def run():
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=os.environ["SIFA_CHROMIUM"], args=CHROMIUM_ARGS)
            try:
                context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
                page = context.new_page()
                # the shared browser kit's limits (tests/browser/conftest.py): a loaded machine is slow, not broken
                page.set_default_timeout(30_000)
                page.set_default_navigation_timeout(60_000)
                return steps(page)
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def test_citizen_applies_for_mediation_on_a_phone(live_server, settings):
    tree = factories.county_tree()
    staff = factories.user(tree["office_a"], username="office_clerk")
    good_id, respondent_id = builders.resident_id(seq=501), builders.resident_id(seq=502)

    def steps(page):
        page.goto(f"{live_server.url}/portal/")
        page.click("text=申请人民调解")
        page.wait_for_url("**/portal/login/**")
        page.fill("input[name=mobile]", MOBILE)
        page.check("input[name=consent]")
        page.click("button:has-text('获取验证码')")
        page.wait_for_selector("input[name=code]")
        code = re.search(r"验证码为(\d{6})", LoggingSMSBackend.last_text_to(MOBILE)).group(1)
        page.fill("input[name=code]", code)
        page.click("button:has-text('登录')")
        page.wait_for_url("**/portal/mediation/apply/")

        page.select_option("select[name=org]", label="砀城司法所")
        page.select_option("select[name=dispute_type]", label="邻里纠纷")
        page.fill("textarea[name=summary]", "邻居长期在我家门前堆放杂物，影响通行，多次协商未果。")
        page.fill("input[name=applicant_name]", "张三")
        page.fill("input[name=applicant_id]", good_id[:-1] + ("0" if good_id[-1] != "0" else "1"))
        page.fill("input[name=respondent_name]", "李四")
        page.fill("input[name=respondent_id]", respondent_id)
        page.check("input[name=voluntary]")
        page.click("button:has-text('提交申请')")
        refused = page.locator(".p-error").first.inner_text()
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")

        page.fill("input[name=applicant_id]", good_id)
        # a double submission: the same form sent twice — at once on PostgreSQL; one after the other on the
        # in-memory SQLite test database, whose shared cache refuses concurrent writers instead of waiting
        statuses = page.evaluate("""async (together) => {
            const form = document.querySelector('#mediation-apply');
            const send = () => fetch(location.href, {method: 'POST', body: new FormData(form), redirect: 'manual'});
            if (together) return (await Promise.all([send(), send()])).map(a => a.status);
            const first = await send();
            const second = await send();
            return [first.status, second.status];
        }""", connection.vendor == "postgresql")
        page.click("button:has-text('提交申请')")  # and once more by hand: the receipt of the same application
        page.wait_for_url("**/portal/mediation/receipt/**")
        receipt = page.locator(".p-result").inner_text()
        tracking = page.locator("#tracking-code").inner_text()

        page.goto(f"{live_server.url}/portal/lookup/")
        page.fill("input[name=code]", tracking)
        page.fill("input[name=last4]", MOBILE[-4:])
        page.click("button:has-text('查询')")
        lookup = page.locator(".p-result").inner_text()
        return refused, overflow, statuses, receipt, tracking, lookup

    refused, overflow, statuses, receipt, tracking, lookup = in_browser(steps)
    assert "身份证号码校验位不正确" in refused
    assert not overflow, "the form must fit a phone's width"
    assert all(s in (0, 302) for s in statuses), statuses  # 0: an opaque redirect under redirect: 'manual'
    assert Dispute.objects.count() == 1
    dispute = Dispute.objects.get()
    assert dispute.tracking_code == tracking and "已提交，等待受理" in receipt and "已提交，等待受理" in lookup
    assert Notification.objects.filter(user=staff, title="新的人民调解申请").count() == 1
