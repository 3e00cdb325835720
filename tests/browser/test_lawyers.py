"""智选律师 and the lawyers register in headless Chromium. The citizen on a phone: the directory, the lawyer's
page opened from the link their QR code carries, SMS sign-in, a rating of the duty reception they really had
(once). The staff on a laptop: register a firm and a lawyer, sign an adviser contract, open a check-up campaign,
form a team, record a visit and download the enterprise's report."""

import datetime as dt
import io
import re

import pytest
from docx import Document

from sifa.core.models import Role
from sifa.core.notify import LoggingSMSBackend
from sifa.lawyers import actions
from sifa.lawyers.models import Rating
from tests import factories
from tests.lawyers import builders

from .conftest import LAPTOP, PHONE, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOBILE = "13956781234"


def test_citizen_finds_a_lawyer_by_qr_link_and_rates_a_real_service(live_server, launch, screenshot_dir):
    tree = factories.county_tree()
    staff = factories.user(tree["bureau"], role=Role.SECTION_STAFF, username="lw_staff")
    firm = builders.firm(staff, tree["bureau"])
    lawyer = builders.lawyer(staff, firm, name="周文涛")
    turn = actions.record_duty(staff, lawyer, on_date=dt.date.today() - dt.timedelta(days=3), visitors=1,
                               consultations=1, matters=1)
    actions.add_visitor(staff, turn, name="李建国", mobile=MOBILE, matter="拖欠工资")
    page = launch(PHONE, phone=True).new_page()
    page.goto(f"{live_server.url}/portal/")
    page.click("text=智选律师")
    page.wait_for_url("**/portal/lawyers/")
    assert "周文涛" in page.locator("#lawyer-list").inner_text()
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshot_dir / "lawyers-directory-phone.png"), full_page=True)
    # the QR code on the page carries the link a phone's camera opens
    page.goto(f"{live_server.url}/portal/lawyers/l/{lawyer.code}/")
    svg = page.request.get(f"{live_server.url}/portal/lawyers/l/{lawyer.code}/qr.svg")
    assert svg.ok and "<svg" in svg.text()
    assert "信访值班" in page.locator("#public-record").inner_text()
    page.screenshot(path=str(screenshot_dir / "lawyers-lawyer-phone.png"), full_page=True)
    page.click("#rate-link")
    page.wait_for_url("**/portal/login/**")
    page.fill("input[name=mobile]", MOBILE)
    page.check("input[name=consent]")
    page.click("button:has-text('获取验证码')")
    page.wait_for_selector("input[name=code]")
    code = re.search(r"验证码为(\d{6})", LoggingSMSBackend.last_text_to(MOBILE)).group(1)
    page.fill("input[name=code]", code)
    page.click("button:has-text('登录')")
    page.wait_for_url("**/rate/")
    page.check("input[name=service]")
    page.check("input[name=score][value='5']")
    page.fill("textarea[name=comment]", "讲解耐心，帮我理清了讨薪的办法")
    page.screenshot(path=str(screenshot_dir / "lawyers-rate-phone.png"), full_page=True)
    page.click("button:has-text('提交评价')")
    assert "已提交" in page.locator("#rated").inner_text()
    assert no_horizontal_scroll(page)
    page.goto(f"{live_server.url}/portal/lawyers/l/{lawyer.code}/rate/")
    assert "未找到您" in page.locator("#nothing-to-rate").inner_text()  # once per service
    assert Rating.objects.get().score == 5


def test_staff_register_adviser_contract_and_checkup_report(live_server, launch, screenshot_dir):
    tree = factories.county_tree()
    factories.user(tree["bureau"], role=Role.SECTION_STAFF, username="lw_clerk")
    page = launch(LAPTOP).new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "lw_clerk")
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("#main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/lawyers/firms/new/")
    page.fill("input[name=name]", "安徽砀山永正律师事务所")
    page.fill("input[name=credit_code]", builders.firm_code())
    page.select_option("select[name=form]", "general")
    page.fill("input[name=partners]", "3")
    page.fill("input[name=director]", "王永正")
    page.fill("input[name=address]", "砀山县人民路18号")
    page.click("#main button[type=submit]")
    page.wait_for_url("**/lawyers/firms/*/")
    page.goto(f"{live_server.url}/lawyers/new/")
    page.fill("input[name=name]", "李明")
    page.select_option("select[name=category]", "full_time")
    page.fill("input[name=licence_number]", "1341320152000001")  # 16 digits
    page.fill("input[name=licensed_on]", "2015-07-01")
    page.select_option("select[name=firm]", label="安徽砀山永正律师事务所")
    page.click("#main button[type=submit]")
    assert "应为17位数字" in page.content()
    page.fill("input[name=licence_number]", builders.licence())
    page.check("input[name=areas][value=labour]")
    page.click("#main button[type=submit]")
    page.wait_for_url("**/lawyers/*/")
    assert "诚信分" in page.content()
    page.goto(f"{live_server.url}/lawyers/counsel/new/")
    page.select_option("select[name=adviser]", label="李明")
    page.select_option("select[name=client_kind]", "enterprise")
    page.fill("input[name=client_name]", "砀山县梨园果业有限公司")
    page.fill("input[name=client_credit_code]", factories.credit_code("91"))
    page.fill("input[name=started_on]", "2024-01-01")
    page.fill("input[name=ended_on]", "2024-12-31")
    page.fill("input[name=fee]", "8000")
    page.click("#main button[type=submit]")
    page.wait_for_url("**/lawyers/counsel/*/")
    assert "砀山县梨园果业有限公司" in page.content()
    page.goto(f"{live_server.url}/lawyers/checkups/new/")
    page.fill("input[name=name]", "法治体检进企业")
    page.fill("input[name=started_on]", (dt.date.today() - dt.timedelta(days=30)).isoformat())
    page.fill("input[name=ended_on]", (dt.date.today() + dt.timedelta(days=60)).isoformat())
    page.click("#main button[type=submit]")
    page.wait_for_url("**/lawyers/checkups/*/")
    page.click("a.btn:has-text('组建走访团队')")
    page.fill("input[name=name]", "第一走访团队")
    page.select_option("select[name=firm]", label="安徽砀山永正律师事务所")
    page.select_option("select[name=lawyers]", label="李明")
    page.click("#main button[type=submit]")
    page.wait_for_url("**/lawyers/checkups/*/")
    page.click("a.btn:has-text('登记企业体检')")
    page.select_option("select[name=team]", label="第一走访团队")
    page.fill("input[name=enterprise]", "砀山县梨园果业有限公司")
    page.fill("input[name=credit_code]", factories.credit_code("91"))
    page.fill("input[name=consultations]", "4")
    page.fill("input[name=problems]", "2")
    page.fill("input[name=contracts]", "3")
    page.fill("input[name=opinions]", "5")
    page.fill("textarea[name=findings]", "部分岗位未签订书面劳动合同")
    page.click("#main button[type=submit]")
    page.wait_for_url("**/lawyers/checkups/*/")
    assert "解答法律咨询4次" in page.locator("#campaign-summary").inner_text()
    page.screenshot(path=str(screenshot_dir / "lawyers-campaign-laptop.png"), full_page=True)
    with page.expect_download() as download:
        page.click("text=体检报告（.docx）")
    text = "\n".join(p.text for p in Document(io.BytesIO(open(download.value.path(), "rb").read())).paragraphs)
    assert "部分岗位未签订书面劳动合同" in text and "李明" in text
