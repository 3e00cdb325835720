"""Headless Chromium (Debian's package) driven by Playwright against pytest-django's live server.

Set SIFA_CHROMIUM to the browser binary (tools/run_tests.py does when `chromium` is on PATH); without it every
test here is skipped with the reason. SIFA_SCREENSHOT_DIR keeps the screenshots somewhere to look at."""

import os
import tempfile
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM calls from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("SIFA_CHROMIUM", "")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HERE = Path(__file__).resolve().parent
LAPTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(reason="未设置 SIFA_CHROMIUM（Chromium 可执行文件路径），跳过浏览器测试；"
                                   "SIFA_CHROMIUM is not set: browser tests skipped")
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def playwright_driver():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture
def launch(playwright_driver, tmp_path):
    """launch(viewport=LAPTOP, phone=False) → a browser context with a fresh user-data directory. A page that
    breaks the Content Security Policy (an inline script, a script or style from elsewhere) fails the test."""
    contexts, violations = [], []

    def _launch(viewport=LAPTOP, phone: bool = False):
        profile = tmp_path / f"profile-{len(contexts)}"
        context = playwright_driver.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, locale="zh-CN",
            timezone_id="Asia/Shanghai", viewport=viewport, is_mobile=phone, has_touch=phone,
            device_scale_factor=2 if phone else 1)
        # Generous: on a busy shared machine a first page (templates compiled, static files served by the live
        # server's threads) took over 10 s; a test that waits for something that never comes still fails.
        context.set_default_timeout(30_000)
        context.set_default_navigation_timeout(60_000)
        context.on("console", lambda message: violations.append(message.text)
                   if "Content Security Policy" in message.text else None)
        contexts.append(context)
        return context

    yield _launch
    for context in contexts:
        context.close()
    assert violations == [], "违反内容安全策略（CSP）：" + "；".join(violations)


@pytest.fixture(scope="session")
def screenshot_dir():
    path = Path(os.environ.get("SIFA_SCREENSHOT_DIR") or tempfile.mkdtemp(prefix="sifa-screens-"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    from sifa.core.notify import LoggingSMSBackend

    cache.clear()
    LoggingSMSBackend.sent.clear()
    yield
    cache.clear()


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def portal_sign_in(page, mobile: str) -> None:
    """On the portal's sign-in page: ask for the code, read it from the SMS backend, sign in."""
    import re

    from sifa.core.notify import LoggingSMSBackend

    page.fill("input[name=mobile]", mobile)
    page.check("input[name=consent]")
    page.click("button:has-text('获取验证码')")
    page.wait_for_selector("input[name=code]")
    page.fill("input[name=code]", re.search(r"验证码为(\d{6})", LoggingSMSBackend.last_text_to(mobile)).group(1))
    page.click("button:has-text('登录')")
