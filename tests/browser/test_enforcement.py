"""行政执法协调监督 in headless Chromium: the bureau's staff run a 案卷评查 campaign from sampling through scoring to
the 通报 .docx, and a 监督意见书 from issue to 销号 through the page's steps; the public 执法公示 site on a phone
shows an agency's officers, benchmarks and decisions with the parties masked and nothing scrolling sideways."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from docx import Document

from sifa.core.models import Role
from sifa.enforcement import actions
from sifa.enforcement.models import Campaign, CampaignStatus, Opinion, OpinionStatus
from tests import factories
from tests.enforcement import builders

from .conftest import LAPTOP, PHONE, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _county():
    tree = factories.county_tree()
    staff = factories.user(tree["bureau"], role=Role.SECTION_STAFF, username="zhifa_clerk",
                           password_changed_at=timezone.now())
    market = builders.bodies(tree["bureau"], staff)["market"]
    today = dt.date.today()
    officers = [builders.officer(staff, market, name, issued=today - dt.timedelta(days=400),
                                 until=today + dt.timedelta(days=1500)) for name in ("张执法", "李执法")]
    for n in range(3):
        builders.decision(staff, market, officers, f"砀市监罚〔2026〕{n + 1}号", today - dt.timedelta(days=20 - n),
                          party_name="王小明")
    return tree, staff, market, officers


def _sign_in(page, url):
    page.set_default_timeout(60_000)
    page.goto(f"{url}/accounts/login/")
    page.fill("input[name=username]", "zhifa_clerk")
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("#main button[type=submit]")
    page.wait_for_url(f"{url}/")


def _step(page, step, fields=None, selects=None):
    page.click(f"#step-{step} summary")
    for selector, value in (selects or {}).items():
        page.select_option(f"#step-{step} {selector}", label=value)
    for selector, value in (fields or {}).items():
        page.fill(f"#step-{step} {selector}", value)
    page.click(f"#step-{step} button[type=submit]")
    page.wait_for_load_state()


def test_campaign_from_sampling_to_notice_and_opinion_to_closing(live_server, launch, screenshot_dir):
    tree, staff, market, _ = _county()
    today = dt.date.today()
    campaign = actions.open_campaign(staff, org=tree["bureau"], title="2026年行政执法案卷评查",
                                     sheet=actions.standard_sheet(staff, tree["bureau"]),
                                     files_from=today - dt.timedelta(days=60), files_to=today, started_on=today)
    page = launch(LAPTOP).new_page()
    _sign_in(page, live_server.url)
    detail = f"{live_server.url}/enforcement/campaigns/{campaign.pk}/"
    page.goto(detail)
    _step(page, "sample", {"input[name=count]": "3"}, {"select[name=body]": market.name,
                                                       "select[name=category]": "行政处罚"})
    _step(page, "start")
    for n in range(3):
        page.goto(detail)
        page.locator("a:has-text('评分')").nth(n).click()
        page.wait_for_url("**/score/")
        if n:
            page.locator("input[name^=d_]").nth(1).fill("12")
        page.click("#main button[type=submit]")
        page.wait_for_url(detail)
    summary = page.locator("[data-testid=campaign-summary]").inner_text()
    _step(page, "notify", {"input[name=notice_number]": "砀司通〔2026〕3号",
                           "input[name=rectify_due]": (today + dt.timedelta(days=30)).isoformat()})
    page.screenshot(path=str(screenshot_dir / "enforcement-campaign.png"), full_page=True)
    with page.expect_download() as download:
        page.click("text=下载评查通报（.docx）")
    notice = "\n".join(p.text for p in Document(io.BytesIO(open(download.value.path(), "rb").read())).paragraphs)

    assert summary == "共评查行政处罚卷3卷，经评查，1份被推荐为优秀卷宗，其余均为合格卷宗。"
    assert Campaign.objects.get().status == CampaignStatus.NOTIFIED
    assert "砀司通〔2026〕3号" in notice and "完成2卷案卷的整改" in notice

    page.goto(f"{live_server.url}/enforcement/opinions/new/")
    page.fill("input[name=number]", "砀司执监〔2026〕1号")
    page.select_option("select[name=source]", label="投诉举报")
    page.select_option("select[name=body]", label=market.name)
    page.fill("input[name=subject]", "群众投诉执法人员未出示证件")
    page.fill("textarea[name=content]", "严格执行亮证执法制度，组织全员学习。")
    page.click("#main button[type=submit]")
    page.wait_for_url("**/enforcement/opinions/*/")
    opinion_url = page.url
    closing_offered_early = page.locator("#step-close").count()
    _step(page, "receive")
    _step(page, "reply", {"textarea[name=reply]": "已组织全员学习亮证执法规定，执法记录仪全程记录。"})
    _step(page, "recheck", {"textarea[name=note]": "抽查执法记录，整改到位。"}, {"select[name=passed]": "整改到位"})
    _step(page, "close")
    page.goto(opinion_url)
    page.screenshot(path=str(screenshot_dir / "enforcement-opinion.png"), full_page=True)

    assert closing_offered_early == 0
    assert Opinion.objects.get().status == OpinionStatus.CLOSED
    assert "已销号" in page.locator("#main").inner_text()


def test_public_site_on_a_phone(live_server, launch, screenshot_dir):
    tree, staff, market, officers = _county()
    actions.publish_benchmark(staff, body=market, title="市场监管行政处罚裁量基准", published_on=dt.date.today(), local=True,
                              items=[{"area": "食品安全", "matter": "销售过期食品", "tier": tier, "sanction": sanction}
                                     for tier, sanction in (("一般", "罚款五万元"), ("严重", "罚款十万元"))])
    page = launch(PHONE, phone=True).new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{live_server.url}/portal/")
    page.click("text=行政执法公示")
    page.wait_for_url("**/portal/enforcement/")
    home_fits = no_horizontal_scroll(page)
    page.click(f"#bodies a:has-text('{market.name}')")
    page.wait_for_url("**/portal/enforcement/bodies/*/")
    page.screenshot(path=str(screenshot_dir / "enforcement-public-phone.png"), full_page=True)
    text = page.locator("#main").inner_text()
    body_fits = no_horizontal_scroll(page)
    page.click("#decisions a >> nth=0")
    page.wait_for_url("**/portal/enforcement/decisions/*/")
    decision = page.locator("#main").inner_text()

    assert home_fits and body_fits
    assert officers[0].cert_number in text and "销售过期食品" in text and "罚款十万元" in text
    assert "王小明" not in text and "王小明" not in decision and "按时公示" in decision
