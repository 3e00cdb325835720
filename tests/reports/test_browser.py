"""The dashboard and the work report in a real browser, laptop and phone widths (skipped without SIFA_CHROMIUM):
charts and the map drawn from the local ECharts, no script errors, no other host contacted, a bar opens the
records behind it, and a sentence edited in the page keeps its figure."""

import json

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

from . import builders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(not CHROMIUM, reason="未设置 SIFA_CHROMIUM，跳过浏览器测试")]


def log_in(page, base_url, username):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("#main button[type=submit]")
    page.wait_for_url(f"{base_url}/")


def watch(page, base_url):
    """Script errors and requests to any other host, collected while the page runs."""
    seen = {"errors": [], "foreign": []}
    page.on("pageerror", lambda exc: seen["errors"].append(str(exc)))
    page.on("request", lambda r: None if r.url.startswith(base_url) or r.url.startswith("data:")
            else seen["foreign"].append(r.url))
    return seen


def test_county_dashboard_draws_and_drills_down(live_server, launch, screenshot_dir):  # noqa: F811
    tree = factories.county_tree()
    builders.seed_000_mediation(tree["office_a"])
    factories.user(tree["bureau"], role=Role.SECTION_STAFF, username="tongji", full_name="统计员")
    page = launch(LAPTOP).new_page()
    seen = watch(page, live_server.url)
    log_in(page, live_server.url, "tongji")
    page.get_by_role("link", name="驾驶舱", exact=True).first.click()
    page.fill("input[name=period]", "2021H1")
    page.click("form.selection button[type=submit]")
    page.wait_for_selector("#map-chart svg path")
    page.wait_for_selector("#overdue .counts")  # loaded after the page by htmx
    page.wait_for_selector("#split-chart svg")
    assert page.locator(".tile", has_text="受理（调处）矛盾纠纷").locator(".tile-value").inner_text().startswith("640")
    assert page.locator("#trend-0 svg").count() == 1
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshot_dir / "reports-dashboard-laptop.png"), full_page=True)
    # the first bar (砀城镇, 受理) opens the records behind it
    box = page.locator("#split-chart").bounding_box()
    payload = json.loads(page.locator("#dashboard-data").text_content())
    accepted = next(s for s in payload["split"]["series"] if s["code"] == "mediation.accepted")
    page.goto(live_server.url + accepted["urls"][0])
    assert "共 640 条" in page.locator("main").inner_text().replace("\n", "")
    assert box["width"] > 200
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/reports/dashboard/?org=341321-SFJ&period=2021H1")
    page.wait_for_selector("#split-chart svg")
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshot_dir / "reports-dashboard-phone.png"), full_page=True)
    assert not seen["errors"], seen["errors"]
    assert not seen["foreign"], seen["foreign"]


def test_writer_edits_a_sentence_in_the_report(live_server, launch, screenshot_dir):  # noqa: F811
    tree = factories.county_tree()
    builders.seed_000_mediation(tree["office_a"])
    factories.user(tree["bureau"], role=Role.SECTION_STAFF, username="xiezuo", full_name="撰稿人")
    page = launch(PHONE, phone=True).new_page()
    seen = watch(page, live_server.url)
    log_in(page, live_server.url, "xiezuo")
    page.goto(f"{live_server.url}/reports/?org=341321-SFJ&period=2021H1")
    assert "调解成功率98%" in page.locator("article.paper").inner_text()
    assert no_horizontal_scroll(page)
    details = page.locator("details.edit", has=page.locator("input[value='mediation.disputes:sweep']"))
    details.locator("summary").click()
    form = page.locator("form.sentence-form", has=page.locator("input[value='mediation.disputes:sweep']"))
    form.locator("textarea").fill("全县共排查矛盾纠纷{mediation.screenings}次，调处{mediation.accepted=650}件。")
    form.locator("button", has_text="保存").click()
    page.wait_for_load_state()
    text = page.locator("article.paper").inner_text()
    assert "全县共排查矛盾纠纷528次，调处650" in text and "人工修改" in text
    page.screenshot(path=str(screenshot_dir / "reports-report-phone.png"), full_page=True)
    assert not seen["errors"] and not seen["foreign"]
