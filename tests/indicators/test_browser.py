"""The indicator pages in a real browser, laptop and phone widths (skipped without SIFA_CHROMIUM)."""

import datetime as dt

import pytest

from sifa.core.models import Role
from tests import factories
from tests.browser.conftest import (  # noqa: F401  fixtures
    CHROMIUM,
    LAPTOP,
    PHONE,
    launch,
    no_horizontal_scroll,
    playwright_driver,
    screenshot_dir,
)

from .builders import make_cases

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(not CHROMIUM, reason="未设置 SIFA_CHROMIUM，跳过浏览器测试")]


def log_in(page, base_url, username):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("#main button[type=submit]")
    page.wait_for_url(f"{base_url}/")


def test_browse_a_figure_down_to_its_records(live_server, launch, screenshot_dir):  # noqa: F811
    tree = factories.county_tree()
    factories.user(tree["bureau"], role=Role.SECTION_STAFF, username="tongji", full_name="统计员")
    make_cases(tree["office_a"], 627, closure=dt.date(2021, 5, 1), outcome="success", case_type="land")
    make_cases(tree["office_b"], 13, closure=dt.date(2021, 5, 1), outcome="failed")
    page = launch(LAPTOP).new_page()
    log_in(page, live_server.url, "tongji")
    page.click("text=指标查询")
    page.fill("input[name=period]", "2021H1")
    page.click("form.selection button[type=submit]")
    row = page.locator("tr", has=page.locator("text=调解成功率（取整）"))
    assert row.locator("td.value").inner_text().strip() == "98"
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshot_dir / "indicators-browser-laptop.png"), full_page=True)

    page.click("text=调解成功率（取整）")
    assert "分子：调解成功 627件" in page.content()
    page.screenshot(path=str(screenshot_dir / "indicators-detail-laptop.png"), full_page=True)
    page.click("text=记录 >> nth=1")  # the denominator's records
    assert "共 640 条" in page.locator("main").inner_text().replace("\n", "")

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/indicators/itest.intake/?org=341321-SFJ&period=2021H1")
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshot_dir / "indicators-detail-phone.png"), full_page=True)
