"""普法 in headless Chromium: a 司法所 clerk records an event on a phone at the event (a village outside their
township is not even offered; an absurd attendance is refused on the page), the county's leaders open the 精准普法
needs page (map and ranked topics from the consultations and disputes on record), and a citizen takes a timed
quiz on the portal and sees the score with each answer's law article."""

import datetime as dt

import pytest
from django.utils import timezone

from sifa.core.models import Role
from sifa.legalaid import actions as legalaid
from sifa.publicity import actions
from sifa.publicity.models import Activity, Attempt
from tests import factories
from tests.lawsearch.conftest import small_engine, use_small_engine  # noqa: F401  (the quiz bank cites it)
from tests.publicity.builders import QUIZ_BANK

from .conftest import LAPTOP, PHONE, no_horizontal_scroll, portal_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOBILE = "13956785678"


def _sign_in(page, url, username):
    page.goto(f"{url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("#main button[type=submit]")
    page.wait_for_url(f"{url}/")


@pytest.mark.usefixtures("use_small_engine")
def test_clerk_event_on_a_phone_the_needs_page_and_a_citizens_quiz(live_server, launch, screenshot_dir):
    tree = factories.county_tree()
    factories.division("341321100200", "杨庙村委会", tree["town_a"])
    factories.division("341321101200", "周寨社区村委会", tree["town_b"])
    clerk = factories.user(tree["office_a"], username="pufa_clerk", password_changed_at=timezone.now())
    factories.user(tree["bureau"], role=Role.LEADER, username="pufa_leader",
                   password_changed_at=timezone.now())
    today = timezone.localdate()
    for n in range(3):
        legalaid.record_consultation(clerk, org=tree["office_a"], channel="hotline", asked_on=today - dt.timedelta(n),
                                     topic="wages", question="讨要工资", persons=2, is_migrant_worker=True)

    # a clerk at the event, on a phone
    phone = launch(PHONE, phone=True).new_page()
    phone.set_default_timeout(60_000)
    _sign_in(phone, live_server.url, "pufa_clerk")
    phone.goto(f"{live_server.url}/publicity/activities/new/")
    offered = phone.locator("select[name=village] option").all_inner_texts()
    phone.fill("input[name=title]", "讨薪维权法律知识进村")
    phone.select_option("select[name=form]", label="送法下乡")
    phone.select_option("select[name=topic]", label="劳动就业与欠薪维权")
    phone.select_option("select[name=village]", value="341321100200")
    phone.fill("input[name=attendance]", "1000000")
    phone.fill("input[name=materials]", "150")
    phone.fill("input[name=consultations]", "12")
    phone.click("#activity-form button[type=submit]")
    refused = phone.locator(".errorlist, .msg-error").first.inner_text()
    phone.fill("input[name=attendance]", "180")
    phone.click("#activity-form button[type=submit]")
    phone.wait_for_url("**/publicity/activities/*/")
    fits = no_horizontal_scroll(phone)
    phone.screenshot(path=str(screenshot_dir / "publicity-phone-event.png"), full_page=True)

    assert any("杨庙村委会" in o for o in offered) and not any("周寨" in o for o in offered)
    assert "不应超过5000" in refused
    event = Activity.objects.get()
    assert (event.attendance, event.materials, event.org_id) == (180, 150, tree["office_a"].pk)
    assert fits

    # the leaders' needs page
    page = launch(LAPTOP).new_page()
    page.set_default_timeout(60_000)
    _sign_in(page, live_server.url, "pufa_leader")
    page.goto(f"{live_server.url}/publicity/needs/")
    page.wait_for_selector("#needs-topics canvas")
    page.wait_for_selector("#needs-map canvas")
    towns = page.locator("#town-needs").inner_text()
    page.screenshot(path=str(screenshot_dir / "publicity-needs.png"), full_page=True)
    assert "砀城镇" in towns and "劳动就业与欠薪维权" in towns and "农民工6人次" in towns and "匹配率100.0%" in towns

    # a citizen's timed quiz on the portal
    actions.import_bank(clerk, org=tree["office_a"], data=QUIZ_BANK)
    citizen = launch(PHONE, phone=True).new_page()
    citizen.set_default_timeout(60_000)
    citizen.goto(f"{live_server.url}/portal/publicity/quiz/")
    citizen.wait_for_url("**/portal/login/**")
    portal_sign_in(citizen, MOBILE)
    citizen.wait_for_url("**/portal/publicity/quiz/")
    citizen.click("text=测试题库")
    citizen.select_option("select[name=township]", label="砀城镇")
    citizen.click("button:has-text('开始答题')")
    citizen.wait_for_selector("#quiz-timer")
    timer = citizen.locator("#quiz-timer").inner_text()
    for radio in citizen.locator("input[type=radio][value=A]").all():
        radio.check()
    citizen.click("button:has-text('交卷')")
    citizen.wait_for_selector("#quiz-result")
    result = citizen.locator("#quiz-result").inner_text()
    citizen.screenshot(path=str(screenshot_dir / "publicity-quiz.png"), full_page=True)

    assert "剩余时间" in timer
    assert "得分：100分" in result and "合格" in result
    attempt = Attempt.objects.get()
    assert (attempt.score, attempt.unit_name) == (100, "砀城镇")
    assert "民法典第五百七十七条" in citizen.content()
