"""行政复议 end to end in headless Chromium: a citizen files an application on the portal (SMS sign-in, a
respondent chosen from the county's agencies), gets a tracking code and the review deadline; the bureau's staff
accept it, decide it and record its service through the case page's steps; the citizen then sees the outcome
and downloads the served 行政复议决定书."""

import io
import re

import pytest
from django.utils import timezone
from docx import Document

from sifa.core.models import Notification, Role
from sifa.core.notify import LoggingSMSBackend
from sifa.reconsideration.models import Case, CaseStatus
from tests import factories
from tests.reconsideration import builders

from .conftest import LAPTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOBILE = "13956781234"


def test_portal_application_to_served_decision(live_server, launch, settings):
    tree = factories.county_tree()
    staff = factories.user(tree["bureau"], role=Role.SECTION_STAFF, username="fuyi_clerk",
                           password_changed_at=timezone.now())
    builders.agencies(tree["bureau"], staff)
    applicant_id = factories.resident_id(seq=701)

    citizen = launch(PHONE, phone=True).new_page()
    citizen.set_default_timeout(60_000)  # a shared, loaded test machine: the first pages may be slow
    citizen.goto(f"{live_server.url}/portal/")
    citizen.click("text=申请行政复议")
    citizen.wait_for_url("**/portal/login/**")
    citizen.fill("input[name=mobile]", MOBILE)
    citizen.check("input[name=consent]")
    citizen.click("button:has-text('获取验证码')")
    citizen.wait_for_selector("input[name=code]")
    citizen.fill("input[name=code]", re.search(r"验证码为(\d{6})", LoggingSMSBackend.last_text_to(MOBILE)).group(1))
    citizen.click("button:has-text('登录')")
    citizen.wait_for_url("**/portal/reconsideration/apply/")
    citizen.select_option("select[name=respondent]", label="砀山县市场监督管理局")
    citizen.fill("input[name=applicant_name]", "张建国")
    citizen.fill("input[name=applicant_id_number]", applicant_id[:-1] + ("0" if applicant_id[-1] != "0" else "1"))
    citizen.select_option("select[name=act_type]", label="行政处罚")
    citizen.fill("textarea[name=act_description]", "砀市监罚〔2026〕15号行政处罚决定书，罚款五千元")
    citizen.fill("textarea[name=request]", "撤销该行政处罚决定。理由：事实认定不清。")
    citizen.check("input[name=agree]")
    citizen.click("button:has-text('提交申请')")
    refused = citizen.locator(".p-error").first.inner_text()
    citizen.fill("input[name=applicant_id_number]", applicant_id)
    citizen.click("button:has-text('提交申请')")
    citizen.wait_for_url("**/portal/reconsideration/receipt/**")
    receipt_url = citizen.url
    received = citizen.locator(".p-result").inner_text()

    assert "申请人证件号码" in refused and "校验位不正确" in refused
    case = Case.objects.get()
    assert case.tracking_code in received and "已收到，正在进行受理审查" in received and "视为受理" in received
    assert Notification.objects.filter(user=staff, title__startswith="新的网上行政复议申请").count() == 1

    page = launch(LAPTOP).new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "fuyi_clerk")
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("#main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/reconsideration/cases/{case.pk}/")
    for step, fields in (("accept", {}), ("decide", {"select[name=outcome]": "撤销",
                                                      "textarea[name=summary]": "被申请人认定事实不清，撤销原处罚决定。"}),
                         ("serve", {})):
        page.click(f"#step-{step} summary")
        for selector, value in fields.items():
            if selector.startswith("select"):
                page.select_option(f"#step-{step} {selector}", label=value)
            else:
                page.fill(f"#step-{step} {selector}", value)
        page.click(f"#step-{step} button[type=submit]")
        page.wait_for_url(f"**/reconsideration/cases/{case.pk}/")
    case.refresh_from_db()
    assert case.status == CaseStatus.SERVED and case.number.startswith("砀复〔")

    citizen.goto(receipt_url)
    status = citizen.locator("#case-status").inner_text()
    link = citizen.locator("#documents a", has_text="行政复议决定书")
    with citizen.expect_download() as download:
        link.click()
    text = "\n".join(p.text for p in Document(io.BytesIO(open(download.value.path(), "rb").read())).paragraphs)
    assert "已送达" in status and "撤销" in status
    assert case.number in text and "本机关决定：撤销" in text
    assert "已撤销结案，文书已送达" in LoggingSMSBackend.last_text_to(MOBILE)
