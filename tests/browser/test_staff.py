"""Staff in a real browser: first login with forced password change, the home page, a list with search and
paging; laptop and phone widths."""

import pytest

from sifa.core.models import OrgKind, OrgUnit, Role
from tests import factories

from .conftest import LAPTOP, PHONE, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Qingshui-Hexie#2026"


def log_in(page, base_url, username, password=factories.PASSWORD):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("#main button[type=submit]")


def test_first_login_forces_password_change_then_home(live_server, launch, screenshot_dir):
    tree = factories.county_tree()
    factories.user(tree["office_a"], username="zhang_san", full_name="张三", must_change_password=True)
    page = launch(LAPTOP).new_page()
    log_in(page, live_server.url, "zhang_san")
    page.wait_for_url("**/accounts/password/")
    assert "首次登录或密码已到期" in page.content()
    page.goto(f"{live_server.url}/orgs/")  # nothing else opens before the change
    page.wait_for_url("**/accounts/password/")
    page.fill("input[name=old_password]", factories.PASSWORD)
    page.fill("input[name=new_password1]", "short")
    page.fill("input[name=new_password2]", "short")
    page.click("#main button[type=submit]")
    assert page.locator(".errorlist").count() >= 1
    page.fill("input[name=old_password]", factories.PASSWORD)
    page.fill("input[name=new_password1]", NEW_PASSWORD)
    page.fill("input[name=new_password2]", NEW_PASSWORD)
    page.click("#main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").first.inner_text() == "工作台"
    userbar = page.locator(".userbar").inner_text()
    assert "砀城司法所" in userbar and "张三" in userbar and "司法所工作人员" in userbar
    assert page.locator(".sidenav").is_visible()
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshot_dir / "home-laptop.png"), full_page=True)

    # the same session on a phone-sized window: the side navigation folds behind the 菜单 button
    page.set_viewport_size(PHONE)
    page.reload()
    assert not page.locator(".sidenav").is_visible()
    page.click("label.menu-button")
    assert page.locator(".sidenav").is_visible()
    assert page.locator(".sidenav-user").inner_text().startswith("张三")
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshot_dir / "home-phone-menu.png"), full_page=True)


def test_list_search_and_paging(live_server, launch, screenshot_dir):
    tree = factories.county_tree()
    factories.user(tree["bureau"], role=Role.SECTION_STAFF, username="ke_yuan")
    for i in range(25):
        OrgUnit.objects.create(code=f"TW{i:03}", name=f"第{i + 1:02}调解委员会", kind=OrgKind.MEDIATION_COMMITTEE,
                               division=tree["town_a"], parent=tree["office_a"])
    page = launch(LAPTOP).new_page()
    log_in(page, live_server.url, "ke_yuan")
    page.wait_for_url(f"{live_server.url}/")
    page.click(".sidenav >> text=机构")
    page.wait_for_url("**/orgs/")
    assert "共 28 条" in page.locator(".list-summary").inner_text()
    assert page.locator("table.records tbody tr").count() == 20
    page.click(".pagination >> text=下一页")
    page.wait_for_url("**page=2")
    assert "第 2 / 2 页" in page.locator(".pagination").inner_text()
    assert page.locator("table.records tbody tr").count() == 8
    page.fill("input[name=q]", "周寨")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**q=*")
    rows = page.locator("table.records tbody tr")
    assert rows.count() == 1 and "周寨司法所" in rows.first.inner_text()
    page.screenshot(path=str(screenshot_dir / "list-laptop.png"))
    page.click("table.records >> text=周寨司法所")
    page.wait_for_url("**/orgs/*/")
    assert "基本信息" in page.content() and "操作记录" in page.content()
    page.screenshot(path=str(screenshot_dir / "detail-laptop.png"))
    # a background job from the list page, its progress page and the result file
    page.goto(f"{live_server.url}/orgs/")
    page.click("text=生成机构名录（后台任务）")
    page.wait_for_url("**/jobs/*/")
    page.wait_for_selector("text=下载结果文件")
    assert "已完成" in page.locator("#job-progress").inner_text()
    with page.expect_download() as download:
        page.click("text=下载结果文件")
    assert download.value.suggested_filename.endswith(".xlsx")
    page.screenshot(path=str(screenshot_dir / "job-laptop.png"))
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/orgs/")
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshot_dir / "list-phone.png"))


def test_job_page_follows_progress_without_reload(live_server, launch):
    from sifa.core.models import Job
    from sifa.core.models.jobs import JobStatus

    tree = factories.county_tree()
    owner = factories.user(tree["office_a"], username="li_si")
    job = Job.objects.create(name="年度报表生成", task="x", user=owner, status=JobStatus.RUNNING, progress=20,
                             message="正在汇总")
    page = launch(LAPTOP).new_page()
    log_in(page, live_server.url, "li_si")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/jobs/{job.pk}/")
    assert "正在汇总" in page.locator("#job-progress").inner_text()
    page.evaluate("window.__marker = 1")  # survives only if the page is not reloaded
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, progress=100, message="已生成")
    page.wait_for_selector("#job-progress >> text=已完成", timeout=8000)
    assert page.evaluate("window.__marker") == 1
    assert page.locator("#job-progress progress").get_attribute("value") == "100"
