"""The 2027 calendar in a real browser: a notary matter accepted at the end of 2026 shows a due date estimated on
Monday–Friday, marked 节假日安排未发布，按工作日推算; the 系统管理员 enters 2027's 放假 days on 节假日安排 (a bad
date is refused in Chinese first); the clerk's page then shows the due date on the entered days, unmarked."""

import datetime as dt

import pytest
import time_machine

from sifa.core import actions as core_actions
from sifa.core import workdays
from sifa.core.models import OrgKind, Role
from sifa.notary import actions as notary_actions
from tests import factories
from tests.mediation.builders import resident_id

from .conftest import LAPTOP
from .test_staff import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEXT = next(y for y in range(2020, 2200) if not workdays.is_bundled(y))


def _cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def test_admin_enters_the_new_years_days_and_a_deadline_into_it_uses_them(live_server, launch, screenshot_dir):
    tree = factories.county_tree()
    unit = core_actions.create_org_unit(None, code="341321-GZC", name="砀山县公证处", kind=OrgKind.NOTARY_OFFICE,
                                        division=tree["county"], parent=tree["bureau"])
    clerk = factories.user(unit, role=Role.SECTION_STAFF, username="gz_clerk", full_name="公证员")
    factories.user(tree["bureau"], role=Role.SYSTEM_ADMIN, username="sysadmin", full_name="孙浩")
    item = notary_actions.create_item(clerk, org=unit, name="出生公证", category="personal", base_fee="80",
                                      effective_from=dt.date(2020, 1, 1))
    accepted = dt.date(NEXT - 1, 12, 28)
    with time_machine.travel(dt.datetime(NEXT - 1, 12, 28, 9, 0), tick=False):
        matter = notary_actions.register_matter(clerk, org=unit, item=item, accepted_on=accepted, notary="李明",
                                                applicant_name="王芳", applicant_id=resident_id())
    estimated = matter.due_on
    assert estimated.year == NEXT

    clerk_page = launch(LAPTOP).new_page()
    clerk_page.set_default_timeout(60_000)  # two sessions side by side on a busy machine
    log_in(clerk_page, live_server.url, "gz_clerk")
    clerk_page.wait_for_url(f"{live_server.url}/")
    clerk_page.goto(f"{live_server.url}/notary/matters/{matter.pk}/")
    notice = clerk_page.locator("p.msg", has_text="出证期限").inner_text()
    assert _cn(estimated) in notice and "节假日安排未发布，按工作日推算" in notice

    admin = launch(LAPTOP).new_page()
    admin.set_default_timeout(60_000)
    log_in(admin, live_server.url, "sysadmin")
    admin.wait_for_url(f"{live_server.url}/")
    admin.click("text=节假日安排")
    admin.wait_for_url("**/admin/holidays/")
    assert "未发布：期限按周一至周五推算" in admin.locator("#holiday-years").inner_text()
    admin.fill("input[name=year]", str(NEXT))
    admin.fill("input[name=source]", "国务院办公厅关于2027年部分节假日安排的通知")
    admin.fill("textarea[name=holidays_text]", "1月1日至1月3日\n2月30日")
    admin.click("#holiday-form button[type=submit]")
    assert "“2月30日”不是有效日期" in admin.locator("#holiday-form").inner_text()
    admin.fill("textarea[name=holidays_text]", "1月1日至1月3日")
    admin.click("#holiday-form button[type=submit]")
    admin.wait_for_url("**/admin/holidays/")
    assert f"已保存{NEXT}年节假日安排：放假3天" in admin.content()
    assert "已录入" in admin.locator("#holiday-years").inner_text()
    admin.screenshot(path=str(screenshot_dir / "holiday-schedule.png"), full_page=True)

    exact = workdays.add_working_days(accepted, 15)   # now on the entered days: 1月1日 is off
    assert exact != estimated
    clerk_page.reload()
    notice = clerk_page.locator("p.msg", has_text="出证期限").inner_text()
    assert _cn(exact) in notice and "节假日安排未发布" not in notice
