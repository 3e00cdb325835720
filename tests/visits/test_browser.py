"""The public booking page in headless Chromium, on a phone: SMS sign-in, choosing a place and a free slot,
the receipt with its 查询码, and 已约满 when the last place went while the family was filling in the form."""

import datetime as dt
import re

import pytest

from sifa.core.models import Role
from sifa.core.notify import LoggingSMSBackend
from sifa.visits import actions
from sifa.visits.models import Booking
from tests import factories
from tests.browser.conftest import (  # noqa: F401  (fixtures)
    CHROMIUM,
    PHONE,
    fresh_cache,
    launch,
    no_horizontal_scroll,
    playwright_driver,
    screenshot_dir,
)

from .builders import family

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(not CHROMIUM, reason="未设置 SIFA_CHROMIUM，跳过浏览器测试")]
MOBILE = "13956785678"


@pytest.fixture
def open_slot(tree):
    clerk = factories.user(tree["office_a"], role=Role.OFFICE_STAFF, username="browser_clerk")
    room = actions.create_room(clerk, org=tree["office_a"], name="远程会见室", location="砀城司法所二楼", capacity=2)
    day = dt.date.today() + dt.timedelta(days=5)
    slot = actions.open_slots(clerk, room, first_day=day, last_day=day, weekdays=range(7),
                              times=[(dt.time(9), dt.time(9, 30))])[0]
    return clerk, slot


def _sign_in(page):
    page.fill("input[name=mobile]", MOBILE)
    page.check("input[name=consent]")
    page.click("button:has-text('获取验证码')")
    page.wait_for_selector("input[name=code]")
    code = re.search(r"验证码为(\d{6})", LoggingSMSBackend.last_text_to(MOBILE)).group(1)
    page.fill("input[name=code]", code)
    page.click("button:has-text('登录')")


def _fill(page, slot):
    page.check(f"input[name=slot][value='{slot.pk}']")
    page.fill("input[name=applicant_name]", "王秀兰")
    page.fill("input[name=applicant_id_number]", family()["applicant_id_number"])
    page.select_option("select[name=relation]", "parent")
    page.fill("input[name=prisoner_name]", "王小明")
    page.fill("input[name=prison]", "安徽省宿州监狱")
    page.fill("input[name=visitors]", "3")
    page.check("input[name=elderly]")
    page.check("#visit-book input[name=consent]")


def test_book_a_remote_visit_on_a_phone(live_server, launch, screenshot_dir, open_slot):  # noqa: F811
    clerk, slot = open_slot
    page = launch(PHONE, phone=True).new_page()
    page.goto(f"{live_server.url}/portal/")
    page.click("text=预约远程会见")
    page.wait_for_url("**/portal/login/**")
    _sign_in(page)
    page.wait_for_url("**/portal/visits/**")
    page.select_option("select[name=host]", str(slot.org_id))
    page.click("button:has-text('查看可约时段')")
    assert "余2" in page.locator(".v-slots").inner_text()
    _fill(page, slot)
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshot_dir / "visits-book-phone.png"), full_page=True)
    page.click("button:has-text('提交预约')")
    page.wait_for_url("**/portal/visits/receipt/**")
    result = page.locator(".p-result").inner_text()
    booking = Booking.objects.get()
    assert booking.tracking_code in result and "等待工作人员核实" in result and "3人" in result
    assert booking.special and booking.channel == "online"
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshot_dir / "visits-receipt-phone.png"), full_page=True)

    # the last place goes to a phone booking while the family fills in a second form: 已约满, nothing written
    page.goto(f"{live_server.url}/portal/visits/?host={slot.org_id}")
    _fill(page, slot)
    actions.book_by_staff(clerk, slot, **family())
    page.click("button:has-text('提交预约')")
    assert "该时段已约满" in page.locator(".v-slots").inner_text()
    assert Booking.objects.count() == 2
    assert f"value=\"{slot.pk}\"" not in page.content()
