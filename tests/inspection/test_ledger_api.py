"""督察问题整改台账 and 述法台账 (all or nothing, through the actions, exported back), and /api/v1/inspection/ (read,
the one write, and another office's 404)."""

import io

import pytest
from openpyxl import load_workbook

from sifa.inspection.models import DutyReport, Finding, FindingStatus
from sifa.ledger import registry
from sifa.ledger.exporter import export_kind
from sifa.ledger.importer import import_file
from tests.api.conftest import ApiClient, issue
from tests.inspection.builders import days_ago, finding, started
from tests.ledger.helpers import filled_template


def _import(code, rows, org, user):
    kind = registry.get(code)
    return import_file(kind, filled_template(kind, rows), org=org, user=user)


def _exported(code, user, org) -> list[list]:
    buffer = io.BytesIO()
    export_kind(registry.get(code), user, org, buffer)
    buffer.seek(0)
    return [[c.value for c in row] for row in load_workbook(buffer).active.iter_rows()]


def test_findings_import_through_the_actions_and_export(tree, bureau_user):
    inspection = started(bureau_user, tree["bureau"], township=tree["town_a"], on=days_ago(60))
    rows = [[inspection.number, "学法制度未落实", "第一责任人职责履行", days_ago(50).isoformat(), days_ago(20).isoformat(),
             days_ago(25).isoformat(), "已建立学法制度", ""],
            [inspection.number, "重大决策未经合法性审查", "依法决策", days_ago(50).isoformat(), "", "", "", ""]]
    result = _import("inspection_findings", rows, tree["bureau"], bureau_user)
    assert result.ok, [e.reason for e in result.errors]
    assert dict(Finding.objects.values_list("description", "status")) == {
        "学法制度未落实": FindingStatus.RECTIFIED, "重大决策未经合法性审查": FindingStatus.PENDING}
    exported = _exported("inspection_findings", bureau_user, tree["bureau"])
    assert [r[1] for r in exported[1:]] == ["学法制度未落实", "重大决策未经合法性审查"]
    assert exported[1][2] == "第一责任人职责履行" and exported[1][7] == "已整改"


def test_a_bad_row_writes_nothing(tree, bureau_user):
    inspection = started(bureau_user, tree["bureau"], township=tree["town_a"], on=days_ago(60))
    rows = [[inspection.number, "问题一", "其他", days_ago(50).isoformat(), "", "", "", ""],
            [inspection.number, "问题二", "其他", days_ago(50).isoformat(), "", days_ago(55).isoformat(), "整改", ""],
            ["（2020）砀法督字第99号", "问题三", "其他", days_ago(50).isoformat(), "", "", "", ""]]
    result = _import("inspection_findings", rows, tree["bureau"], bureau_user)
    assert not result.ok
    reasons = " ".join(e.reason for e in result.errors)
    assert "整改完成日期" in reasons and "不能早于发现日期" in reasons
    assert not Finding.objects.exists()


def test_duty_reports_import(tree, bureau_user, agencies):
    rows = [["述法专题会议", days_ago(10).isoformat(), "刘德明", "党委（党组）书记", "乡镇（街道）", "砀城镇", "好", ""],
            ["述法专题会议", days_ago(10).isoformat(), "孙立新", "政府（行政）主要负责人", "县直部门", "砀山县市场监督管理局",
             "较好", "要点"]]
    result = _import("inspection_duty_reports", rows, tree["bureau"], bureau_user)
    assert result.ok, [e.reason for e in result.errors]
    assert DutyReport.objects.filter(meeting__name="述法专题会议").count() == 2
    bad = _import("inspection_duty_reports", [["另一会议", days_ago(5).isoformat(), "某某", "党委（党组）书记",
                                                "乡镇（街道）", "不存在镇", "好", ""]], tree["bureau"], bureau_user)
    assert not bad.ok and "不是本县（区）的乡镇（街道）" in bad.errors[0].reason
    assert DutyReport.objects.count() == 2


@pytest.fixture
def api(client, office_user):
    return ApiClient(client, issue(office_user))


def test_the_api(api, client, tree, office_user, other_office_user):
    inspection = started(office_user, tree["office_a"], township=tree["town_a"])
    item = finding(office_user, inspection, days_ago(20))
    listed = api.get("inspection/inspections").json()
    assert [i["number"] for i in listed["items"]] == [inspection.number]
    assert listed["items"][0]["subject"] == "砀城镇"
    detail = api.get(f"inspection/findings/{item.pk}").json()
    assert {s["step"] for s in detail["steps"]} == {"rectify"}
    bad = api.post(f"inspection/findings/{item.pk}/rectify", {"rectified_on": days_ago(30).isoformat(), "result": "x"})
    assert bad.status_code == 422 and "不能早于发现日期" in bad.json()["message"]
    done = api.post(f"inspection/findings/{item.pk}/rectify", {"rectified_on": days_ago(1).isoformat(),
                                                                "result": "已整改"})
    assert done.status_code == 200 and done.json()["status"] == "rectified"
    other = ApiClient(client, issue(other_office_user))
    assert other.get(f"inspection/inspections/{inspection.pk}").status_code == 404
    assert other.get("inspection/findings").json()["items"] == []
