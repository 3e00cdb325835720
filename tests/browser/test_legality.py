"""合法性审查 end to end in headless Chromium: a township's 司法所 submits a draft with its file; the machine check
lists its problems; the reviewer accepts or dismisses each, issues the opinion from the editable template and
downloads the 意见书; the adoption and the final text are recorded; the bureau registers the document under
三统一 and records its 报备; the public sees it in the portal's list of valid documents."""

import io

import pytest
from django.utils import timezone
from docx import Document

from sifa.core.models import Role
from sifa.legality.models import Finding, ItemStatus, NormativeDoc, ReviewItem
from tests import factories
from tests.legality import builders

from .conftest import LAPTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, url, username):
    page.set_default_timeout(60_000)
    page.goto(f"{url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("#main button[type=submit]")
    page.wait_for_url(f"{url}/")


def _step(page, step, fields=None, url_glob=""):
    page.click(f"#step-{step} summary")
    for selector, value in (fields or {}).items():
        if selector.startswith("select"):
            page.select_option(f"#step-{step} {selector}", label=value)
        elif selector.startswith("file:"):
            page.set_input_files(f"#step-{step} {selector[5:]}", value)
        else:
            page.fill(f"#step-{step} {selector}", value)
    page.click(f"#step-{step} button[type=submit]")
    page.wait_for_url(url_glob)


def test_township_submission_to_filing(live_server, launch, tmp_path):
    tree = factories.county_tree()
    now = timezone.now()
    factories.user(tree["office_a"], role=Role.OFFICE_STAFF, username="sfs_clerk", password_changed_at=now)
    factories.user(tree["bureau"], role=Role.SECTION_STAFF, username="fzg_clerk", password_changed_at=now)
    draft = tmp_path / "农村建房管理办法.txt"
    draft.write_text(builders.DRAFT, encoding="utf-8")
    today = timezone.localdate().isoformat()

    page = launch(LAPTOP).new_page()
    _login(page, live_server.url, "sfs_clerk")
    page.goto(f"{live_server.url}/legality/items/new/")
    page.fill("input[name=title]", "砀城镇农村建房管理办法")
    page.select_option("select[name=item_type]", label="乡镇事项")
    page.fill("input[name=submitted_on]", today)
    page.set_input_files("input[name=draft]", str(draft))
    page.click("#main button[type=submit]")
    page.wait_for_url("**/legality/items/*/")
    item = ReviewItem.objects.get()
    detail = f"**/legality/items/{item.pk}/"
    findings = page.locator("table.findings tbody tr")
    kinds = {row.get_attribute("data-kind") for row in findings.all()}
    assert {"no_basis_license", "no_basis_penalty", "competition", "form"} <= kinds
    assert "行政处罚法第十六条" in page.locator("#findings").inner_text()

    _step(page, "accept", url_glob=detail)
    first = page.locator("table.findings tbody tr").first
    first.locator("input[name=note]").fill("上位法已有规定，属于重述")
    first.locator("button[value=dismiss]").click()
    page.wait_for_url(detail + "*")
    while page.locator("table.findings button[value=accept]").count():
        page.locator("table.findings button[value=accept]").first.click()
        page.wait_for_load_state()
    assert not Finding.objects.filter(status="open").exists()
    assert Finding.objects.filter(status="dismissed").count() == 1

    page.goto(f"{live_server.url}/legality/items/{item.pk}/")
    page.screenshot(path=str(tmp_path / "item.png"), full_page=True)
    page.click("#step-opinion summary")
    template = page.locator("#step-opinion textarea[name=reasons]").input_value()
    assert "建议删除或修改" in template
    page.click("#step-opinion summary")  # closed again: the step below opens it
    _step(page, "opinion", {"select[name=opinion]": "修改后合法", "input[name=opinion_on]": today}, detail)
    with page.expect_download() as download:
        page.click("text=合法性审查意见书（.docx）")
    download.value.save_as(tmp_path / "opinion.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(open(download.value.path(), "rb").read())).paragraphs)
    item.refresh_from_db()
    assert item.opinion_number in text and "修改后合法" in text

    final = tmp_path / "定稿.txt"
    final.write_text("第一条 村民建房应当符合国土空间规划。\n第二条 本办法自印发之日起施行，有效期3年。", encoding="utf-8")
    _step(page, "adoption", {"select[name=adoption]": "采纳", "input[name=adoption_on]": today,
                             "file:input[name=final]": str(final)}, detail)
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED and item.drafts.filter(kind="final").exists()

    bureau = launch(LAPTOP).new_page()
    _login(bureau, live_server.url, "fzg_clerk")
    bureau.goto(f"{live_server.url}/legality/documents/new/")
    bureau.select_option("select[name=kind]", label="政府规范性文件")
    bureau.fill("input[name=title]", "砀城镇农村建房管理办法")
    bureau.fill("input[name=issuer]", "砀城镇人民政府")
    bureau.fill("input[name=registration_number]", "砀城规2024-1")
    bureau.fill("input[name=published_on]", today)
    bureau.click("#main button[type=submit]")
    refused = bureau.locator("#main").inner_text()
    assert "不符合本省统一登记格式" in refused and not NormativeDoc.objects.exists()
    bureau.fill("input[name=registration_number]", "砀城规〔2024〕1号")
    bureau.click("#main button[type=submit]")
    bureau.wait_for_url("**/legality/documents/*/")
    doc = NormativeDoc.objects.get()
    _step(bureau, "file", {"input[name=filed_on]": today}, f"**/legality/documents/{doc.pk}/")
    assert "已于" in bureau.locator("#main").inner_text()

    public = launch(PHONE, phone=True).new_page()
    public.goto(f"{live_server.url}/portal/legality/")
    assert "砀城规〔2024〕1号" in public.locator("body").inner_text()
