"""The legal-aid public pages in headless Chromium on a phone: SMS sign-in, the application with a photo of the
ID card, the status page; the online question and its answer. Idempotency: a double-tapped submit makes one
record."""

import datetime as dt
import re
import struct
import zlib

import pytest

from sifa.core.notify import LoggingSMSBackend
from sifa.legalaid import actions
from sifa.legalaid.models import Application, Consultation
from tests import factories
from tests.legalaid import builders

from .conftest import LAPTOP, PHONE, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOBILE = "13956785678"


def _png(path):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))
    return path


def _sign_in(page, live_server, target):
    page.goto(f"{live_server.url}{target}")
    page.wait_for_url("**/portal/login/**")
    page.fill("input[name=mobile]", MOBILE)
    page.check("input[name=consent]")
    page.click("button:has-text('获取验证码')")
    page.wait_for_selector("input[name=code]")
    code = re.search(r"验证码为(\d{6})", LoggingSMSBackend.last_text_to(MOBILE)).group(1)
    page.fill("input[name=code]", code)
    page.click("button:has-text('登录')")
    page.wait_for_url(f"**{target}")


@pytest.fixture
def centre(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    return builders.centre_for(factories.county_tree())


def test_apply_for_legal_aid_on_a_phone(live_server, launch, screenshot_dir, centre, tmp_path):
    page = launch(PHONE, phone=True).new_page()
    _sign_in(page, live_server, "/portal/legalaid/apply/")
    assert no_horizontal_scroll(page)
    page.select_option("select[name=org]", label="砀山县法律援助中心")
    page.select_option("select[name=category]", "labour_arbitration")
    page.select_option("select[name=civil_matter]", "labour")
    page.fill("textarea[name=summary]", "在工地干了半年，包工头拖欠工资两万元")
    page.fill("input[name=name]", "李建国")
    page.fill("input[name=id_number]", builders.resident_id(seq=777))
    page.check("input[name=is_migrant_worker]")
    page.select_option("select[name=exemption]", "a42_3")
    page.set_input_files("input[name=identity]", str(_png(tmp_path / "身份证.png")))
    page.screenshot(path=str(screenshot_dir / "legalaid-apply-phone.png"), full_page=True)
    page.click("button:has-text('提交申请')")
    assert "请阅读并勾选个人诚信承诺" in page.content()  # the pledge box is required
    page.set_input_files("input[name=identity]", str(_png(tmp_path / "身份证.png")))
    page.check("input[name=pledge]")
    page.dblclick("button:has-text('提交申请')")  # a double tap
    page.wait_for_url("**/portal/legalaid/case/**")
    assert "法律援助中心审查中" in page.locator("#case-status").inner_text()
    assert "身份证.png" in page.content()
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshot_dir / "legalaid-case-phone.png"), full_page=True)
    assert Application.objects.count() == 1
    code = page.locator("#tracking-code").inner_text()
    assert Application.objects.get().tracking_code == code


def test_ask_a_question_and_read_the_answer(live_server, launch, screenshot_dir, centre):
    page = launch(PHONE, phone=True).new_page()
    _sign_in(page, live_server, "/portal/legalaid/ask/")
    page.select_option("select[name=org]", label="砀山县法律援助中心")
    page.select_option("select[name=topic]", "marriage")
    page.fill("textarea[name=question]", "离婚后孩子的抚养费怎么计算？")
    page.click("button:has-text('提交咨询')")
    page.wait_for_url("**/portal/legalaid/question/**")
    assert "尚未答复" in page.content()
    question = Consultation.objects.get()
    actions.answer_consultation(centre["clerk"], question, answer="一般为月总收入的百分之二十至三十。",
                                answered_on=dt.date.today())
    page.reload()
    assert "百分之二十至三十" in page.locator("#answer").inner_text()
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshot_dir / "legalaid-answer-phone.png"), full_page=True)
    laptop = launch(LAPTOP).new_page()
    laptop.goto(f"{live_server.url}/portal/")
    assert "申请法律援助" in laptop.content() and "网上法律咨询" in laptop.content()
    assert no_horizontal_scroll(laptop)
