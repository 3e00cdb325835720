"""Trust in the existing lines, in a real browser (issue 13, items 2–5): a clerk's home page and the dashboard say
the same 超期/临期 figures and the home page folds the old items; a mediator sees only their tools and meets 403 on
the others; the 操作记录 panel reads in words; a ledger import reports every bad row of a file at once."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from sifa.core import audit, deadlines
from sifa.core.models import Role
from sifa.ledger import registry
from tests import factories
from tests.ledger.helpers import filled_template

from .conftest import LAPTOP
from .test_staff import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def old_and_new_work():
    """Work of 砀城司法所 in a line of its own: 4 items overdue for months, 2 newly overdue, 1 due today, 1 near."""
    today = timezone.localdate()
    dues = [today - dt.timedelta(days=d) for d in (400, 380, 200, 120, 3, 2, 0, -1)]
    made = {}

    def source(user):
        org = made.get("org")
        if org is None or user.org_id is None or not org.path.startswith(user.org.path):
            return []
        return [deadlines.DueItem.make(title=f"演示事项{d:%Y%m%d}", url="/orgs/", due=d, org=org, kind="演示条线",
                                       today=today) for d in dues]

    deadlines.register_source(source)
    yield made
    deadlines.unregister_source(source)


def test_home_dashboard_and_api_agree_and_old_items_fold(live_server, launch, screenshot_dir, old_and_new_work):
    tree = factories.county_tree()
    old_and_new_work["org"] = tree["office_a"]
    factories.user(tree["office_a"], Role.OFFICE_STAFF, username="due_clerk", full_name="孙文书")
    page = launch(LAPTOP).new_page()
    log_in(page, live_server.url, "due_clerk")
    page.wait_for_url(f"{live_server.url}/")

    stats = page.locator(".stat-row").inner_text()
    assert "6\n超期事项" in stats and "2\n临期事项" in stats
    first = page.locator("#due-first").inner_text()
    assert "今日到期" in first and "演示条线" in first and first.count("演示事项") == 3   # today + two new ones
    due = page.locator("#due").inner_text()
    assert "演示条线 超期 6 · 临期 2" in due
    assert "另有 4 件已超期90日以上" in page.locator("#long-overdue").inner_text()
    page.screenshot(path=str(screenshot_dir / "trust-home.png"), full_page=True)

    page.click("#long-overdue a")
    page.wait_for_url("**/due/?long=1")
    assert page.locator("#due-items tbody tr").count() == 4

    page.goto(live_server.url + reverse("reports:overdue"))
    counts = page.locator("h2", has_text="超期与临期工作").inner_text()
    assert "超期 6" in counts and "临期 2" in counts
    api = page.request.get(live_server.url + "/api/v1/due").json()
    assert (api["overdue"], api["near"]) == (6, 2)


def test_a_mediator_sees_only_their_tools(live_server, launch, screenshot_dir):
    tree = factories.county_tree()
    factories.user(tree["office_a"], Role.MEDIATOR, username="tiaojie", full_name="柏调解员")
    page = launch(LAPTOP).new_page()
    log_in(page, live_server.url, "tiaojie")
    page.wait_for_url(f"{live_server.url}/")
    nav = page.locator(".sidenav").inner_text()
    assert "纠纷台账" in nav
    for hidden in ("矛盾纠纷排查", "公证事项办理", "补贴与经济困难标准", "法律援助案件"):
        assert hidden not in nav, hidden
    headings = page.locator(".sidenav summary").all_inner_texts()
    assert len(headings) == len(set(headings)), headings
    page.screenshot(path=str(screenshot_dir / "trust-mediator-nav.png"), full_page=True)
    for name in ("notary:matter_list", "mediation:screening_list", "legalaid:settings"):
        response = page.goto(live_server.url + reverse(name))
        assert response.status == 403, name
        assert "无权访问" in page.content()


def test_the_history_panel_reads_in_words(live_server, launch, screenshot_dir):
    from sifa.mediation import actions

    tree = factories.county_tree()
    clerk = factories.user(tree["office_a"], Role.OFFICE_STAFF, username="hist_web", full_name="钱书记员")
    screening = actions.record_screening(clerk, org=tree["office_a"], held_on=dt.date(2021, 3, 1), scope="全村")
    audit.action(clerk, "更正排查", screening, before={"held_on": "2021-03-01", "org": tree["office_b"].pk},
                 after={"held_on": "2021-03-02", "org": tree["office_a"].pk})
    page = launch(LAPTOP).new_page()
    log_in(page, live_server.url, "hist_web")
    page.wait_for_url(f"{live_server.url}/")
    assert "全村" in page.locator("#recent").inner_text() or page.locator("#recent a").count() == 1
    page.goto(live_server.url + screening.get_absolute_url())
    panel = page.locator("#history").inner_text()
    assert "排查日期：2021年3月1日 → 2021年3月2日" in panel
    assert "所属机构：周寨司法所 → 砀城司法所" in panel
    assert "钱书记员（hist_web）" in panel
    assert "2021-03-0" not in panel and f"：{tree['office_b'].pk} →" not in panel
    page.locator("#history").screenshot(path=str(screenshot_dir / "trust-history.png"))


def test_an_import_reports_every_bad_row_at_once(live_server, launch, screenshot_dir, tmp_path):
    from tests.mediation import builders
    from tests.mediation.test_ledger import _dispute_row

    tree = factories.county_tree()
    builders.county(tree)
    factories.user(tree["office_a"], Role.OFFICE_STAFF, username="ledger_web")
    typed_id = "341321198001010000"
    rows = [_dispute_row(), _dispute_row(applicant_id=typed_id), _dispute_row(mediators="查无此人"),
            _dispute_row(closed="2021-02-01")]
    source = tmp_path / "矛盾纠纷.xlsx"
    source.write_bytes(filled_template(registry.get("mediation_disputes"), rows).getvalue())
    page = launch(LAPTOP).new_page()
    log_in(page, live_server.url, "ledger_web")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(live_server.url + reverse("ledger:index"))
    section = page.locator("#kind-mediation_disputes")
    section.locator("input[type=file]").set_input_files(str(source))
    section.locator("button", has_text="上传并导入").click()
    page.wait_for_selector("#import-errors")
    assert "共3处" in page.locator("h2", has_text="错误明细").inner_text()
    table = page.locator("#import-errors").inner_text()
    assert "第4行" in table and "第5行" in table and "第6行" in table
    assert typed_id in table                                  # the clerk's own value, shown back unmasked
    page.screenshot(path=str(screenshot_dir / "trust-import-errors.png"), full_page=True)
    from sifa.mediation.models import Dispute

    assert Dispute.objects.count() == 0
