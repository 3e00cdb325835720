"""法搜 on a phone: a citizen asks plain questions on the portal and sees the articles that answer them
(searched over the whole national corpus shipped with Sifa), opens one, and finds the services that fit."""

import pytest

from .conftest import PHONE, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTIONS = [
    ("老板拖欠工资三个月不给怎么办", "《劳动合同法》第三十条"),
    ("醉酒开车构成什么罪", "《刑法》第一百三十三条之一"),
    ("离婚后孩子跟谁", "《民法典》第一千零八十四条"),
    ("买到假货商家要赔多少", "《消费者权益保护法》第五十五条"),
]


def test_citizen_asks_plain_questions_on_a_phone(live_server, launch, screenshot_dir):
    page = launch(PHONE, phone=True).new_page()
    page.goto(f"{live_server.url}/portal/")
    page.click("a.p-tile:has-text('查法条')")
    page.wait_for_url("**/portal/laws/")
    for question, article in QUESTIONS:
        page.fill("input[name=q]", question)
        page.click("button:has-text('搜索')")
        page.wait_for_selector(".ls-hit", timeout=60_000)  # the first search may build the index
        titles = page.locator(".ls-title").all_inner_texts()
        assert article in titles[:5], (question, titles)
        assert page.locator(".ls-passage mark").count() > 0
        assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshot_dir / "lawsearch-phone.png"), full_page=True)

    page.fill("input[name=q]", "劳动合同法第四十七条")
    page.click("button:has-text('搜索')")
    page.locator(".ls-title").first.click()
    page.wait_for_url("**/portal/laws/article/**")
    assert "经济补偿按劳动者在本单位工作的年限" in page.content()
    assert page.locator(".ls-services a:has-text('申请法律援助')").count() == 1
    assert no_horizontal_scroll(page)

    page.goto(f"{live_server.url}/portal/laws/")
    page.fill("input[name=q]", "？？？")
    page.click("button:has-text('搜索')")
    assert "只有标点或符号" in page.locator(".p-error").inner_text()
