"""法治督察 in headless Chromium: the bureau's staff plan a 督察 of a township, begin it, record a finding, give the
feedback, then on the finding's page record the rectification and a 回头看 that finds it not done — the finding
goes back to 待整改 with a new deadline."""

import datetime as dt

import pytest
from django.utils import timezone

from sifa.core.models import Role
from sifa.inspection.models import Finding, FindingStatus, Inspection, InspectionStatus
from tests import factories

from .conftest import LAPTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _step(page, step, fields=None, selects=None):
    page.click(f"#step-{step} summary")
    for selector, value in (selects or {}).items():
        page.select_option(f"#step-{step} {selector}", label=value)
    for selector, value in (fields or {}).items():
        page.fill(f"#step-{step} {selector}", value)
    page.click(f"#step-{step} button[type=submit]")
    page.wait_for_load_state()


def test_an_inspection_from_plan_to_a_recheck(live_server, launch, screenshot_dir):
    tree = factories.county_tree()
    factories.user(tree["bureau"], role=Role.SECTION_STAFF, username="ducha_clerk", password_changed_at=timezone.now())
    today = dt.date.today()
    page = launch(LAPTOP).new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "ducha_clerk")
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("#main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/inspection/inspections/new/")
    page.select_option("select[name=kind]", label="党委巡察结合督")
    page.select_option("select[name=subject_kind]", label="乡镇（街道）")
    page.select_option("select[name=township]", label="砀城镇")
    page.fill("input[name=topic]", "法治建设第一责任人职责落实情况")
    page.fill("input[name=planned_on]", (today - dt.timedelta(days=20)).isoformat())
    page.click("#main button[type=submit]")
    page.wait_for_url("**/inspection/inspections/*/")
    _step(page, "start", {"input[name=started_on]": (today - dt.timedelta(days=15)).isoformat()})
    _step(page, "finding", {"textarea[name=description]": "镇政府重大行政决策未经合法性审查",
                            "input[name=found_on]": (today - dt.timedelta(days=14)).isoformat()},
          {"select[name=category]": "依法决策"})
    _step(page, "feedback", {"input[name=ended_on]": (today - dt.timedelta(days=12)).isoformat(),
                             "input[name=feedback_on]": (today - dt.timedelta(days=10)).isoformat()})
    assert Inspection.objects.get().status == InspectionStatus.RECTIFYING
    page.click("[data-testid=findings] a")
    page.wait_for_url("**/inspection/findings/*/")
    _step(page, "rectify", {"input[name=rectified_on]": (today - dt.timedelta(days=5)).isoformat(),
                            "textarea[name=result]": "已修订议事规则"})
    _step(page, "recheck", {"textarea[name=note]": "议事规则修订后未执行"}, {"select[name=result]": "整改未到位"})
    page.screenshot(path=str(screenshot_dir / "inspection-finding.png"), full_page=True)

    finding = Finding.objects.get()
    assert finding.status == FindingStatus.PENDING and finding.due_on > today
    assert "议事规则修订后未执行" in page.locator("[data-testid=rechecks]").inner_text()
