"""A person in headless Chromium logs in, opens 台账导入导出 and uploads a filled template."""

import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from sifa.core.models import OrgUnit, Role
from sifa.ledger import registry

from .. import factories
from .helpers import filled_template

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.environ.get("SIFA_CHROMIUM"), reason="SIFA_CHROMIUM is not set (no Chromium)"),
]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def in_browser_thread(steps):
    """Run `steps(page)` in a thread of its own: Playwright's sync API allows one driver per thread, and
    other browser tests keep a session-wide driver open in the main thread. Database checks stay here."""

    def run():
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=os.environ["SIFA_CHROMIUM"], args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
                page.set_default_timeout(15_000)
                return steps(page)
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def test_upload_on_the_import_page(transactional_db, live_server, tmp_path):
    tree = factories.county_tree()
    factories.user(tree["bureau"], role=Role.SYSTEM_ADMIN, username="sysadmin_web")
    rows = [["341321100-TWH", "砀城镇人民调解委员会", "人民调解委员会", "341321100", "341321100-SFS", None, None, None]]
    source = tmp_path / "机构.xlsx"
    source.write_bytes(filled_template(registry.get("orgs"), rows).getvalue())

    def steps(page):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", "sysadmin_web")
        page.fill("input[name=password]", factories.PASSWORD)
        page.click("button[type=submit]")
        page.click("text=台账导入导出")
        assert page.url.endswith("/ledger/")
        section = page.locator("#kind-orgs")
        section.locator("input[type=file]").set_input_files(str(source))
        section.locator("select[name=orgs-org]").select_option(tree["bureau"].code)
        section.locator("button", has_text="上传并导入").click()
        page.wait_for_selector("#import-summary")
        page.screenshot(path=str(tmp_path / "ledger_result.png"), full_page=True)
        return page.inner_text("#import-summary")

    assert "导入成功：共导入1行机构" in in_browser_thread(steps)
    assert OrgUnit.objects.get(code="341321100-TWH").parent.code == "341321100-SFS"
