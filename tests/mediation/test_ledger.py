"""Mediation ledgers: templates, all-or-nothing imports through the actions, masked exports."""

import io

import pytest
from openpyxl import load_workbook

from sifa.ledger import registry
from sifa.ledger.exporter import export_to_file
from sifa.ledger.importer import import_file
from sifa.mediation.models import (
    Dispute,
    DisputeStatus,
    MediationCommittee,
    Mediator,
    Party,
    Screening,
    Session,
)
from tests.ledger.helpers import filled_template

from . import builders


def kind(code):
    return registry.get(code)


def reasons(result):
    return [e.reason for e in result.errors]


def _dispute_row(committee="城关村人民调解委员会", applicant_id=None, result="调解成功", mediated="2021-03-05",
                 closed="2021-03-08", mediators="城关调解员1"):
    return [committee, "2021-03-01", "", "邻里纠纷", "当事人申请", "", "排水沟堵塞", 500, "张三",
            applicant_id or builders.resident_id(), "13800000001", "李四", builders.resident_id(), mediators,
            "否", "否", "否", mediated, result, closed, "书面协议", "疏通排水沟并赔偿500元", "已履行", ""]


def test_every_kind_is_registered_with_a_template():
    for code in ("mediation_committees", "mediation_mediators", "mediation_screenings", "mediation_disputes"):
        buffer = io.BytesIO()
        from sifa.ledger.template import build_template

        build_template(kind(code), buffer)
        buffer.seek(0)
        assert kind(code).sheet_name in load_workbook(buffer).sheetnames


def test_import_committees_and_mediators(tree, office_user):
    committees = filled_template(kind("mediation_committees"), [
        ["李庄村人民调解委员会", "村（居）民委员会", "", "", "", "", "", 5, "是", "李主任", "", "", "2016-05-01"],
        ["砀城镇医疗纠纷人民调解委员会", "行业性专业性", "", "", "", "", "医疗", 7, "是", "", "", "", ""],
    ])
    result = import_file(kind("mediation_committees"), committees, org=tree["office_a"], user=office_user)
    assert result.ok, reasons(result)
    village = MediationCommittee.objects.get(name="李庄村人民调解委员会")
    assert village.org.parent == tree["office_a"] and village.level == "village"
    assert MediationCommittee.objects.get(sector="医疗").level == "county"
    mediators = filled_template(kind("mediation_mediators"), [
        ["柏老", "李庄村人民调解委员会", "", builders.resident_id(male=False), "13900000000", "兼职", "主任",
         "婚姻家庭", "是", "2016-05-01", ""],
    ])
    result = import_file(kind("mediation_mediators"), mediators, org=tree["office_a"], user=office_user)
    assert result.ok, reasons(result)
    assert Mediator.objects.get(name="柏老").sex == "女"


def test_row_with_unknown_committee_writes_nothing(med, tree, office_user):
    file = filled_template(kind("mediation_disputes"), [_dispute_row(), _dispute_row(committee="不存在的调委会")])
    result = import_file(kind("mediation_disputes"), file, org=tree["office_a"], user=office_user)
    assert not result.ok
    assert any("调委会“不存在的调委会”不存在" in r for r in reasons(result))
    assert [e.row for e in result.errors] == [4]
    assert Dispute.objects.count() == 0 and Party.objects.count() == 0


def test_committee_of_another_office_is_unknown_here(med, tree, office_user):
    file = filled_template(kind("mediation_screenings"), [
        ["2021-03-01", "周寨镇人民调解委员会", "全镇", "", 1, 1, 3, ""]])
    result = import_file(kind("mediation_screenings"), file, org=tree["office_a"], user=office_user)
    assert not result.ok and "不在导入目标机构" in reasons(result)[0]
    assert Screening.objects.count() == 0


def test_import_cases_through_the_workflow(med, tree, office_user):
    rows = [_dispute_row(), _dispute_row(result="调解中", mediated="", closed="", mediators=""),
            _dispute_row(result="调解不成", closed="2021-03-09")]
    result = import_file(kind("mediation_disputes"), filled_template(kind("mediation_disputes"), rows),
                         org=tree["office_a"], user=office_user)
    assert result.ok, reasons(result)
    statuses = sorted(Dispute.objects.values_list("status", flat=True))
    assert statuses == sorted([DisputeStatus.SUCCEEDED, DisputeStatus.ACCEPTED, DisputeStatus.FAILED])
    success = Dispute.objects.get(status=DisputeStatus.SUCCEEDED)
    assert success.agreement.performance == "performed" and success.number.startswith("（2021）城关村调字第")
    assert Session.objects.count() == 2


@pytest.mark.parametrize("row, message", [
    (_dispute_row(applicant_id="341321198001010000"), "既不是有效的身份证号码"),
    (_dispute_row(mediated=""), "调解日期"),               # an outcome before any session
    (_dispute_row(closed=""), "结案日期"),
    (_dispute_row(mediators="查无此人"), "没有调解员“查无此人”"),
    (_dispute_row(closed="2021-02-01"), "不能早于"),
])
def test_bad_case_rows_write_nothing(med, tree, office_user, row, message):
    result = import_file(kind("mediation_disputes"), filled_template(kind("mediation_disputes"), [_dispute_row(), row]),
                         org=tree["office_a"], user=office_user)
    assert not result.ok
    assert any(message in r for r in reasons(result)), reasons(result)
    assert Dispute.objects.count() == 0 and Session.objects.count() == 0


def test_command_line_import_without_user_is_refused(med, tree):
    result = import_file(kind("mediation_screenings"),
                         filled_template(kind("mediation_screenings"), [["2021-03-01", "", "全镇", "", 1, 1, 3, ""]]),
                         org=tree["office_a"], user=None)
    assert not result.ok and "--user" in reasons(result)[0]
    assert Screening.objects.count() == 0


def test_export_masks_party_identifiers_and_round_trips(med, tree, office_user, open_dispute):
    out = io.BytesIO()
    count = export_to_file(kind("mediation_disputes"), kind("mediation_disputes").export_queryset(
        office_user, {"org": tree["office_a"]}), office_user, out, org=tree["office_a"])
    assert count == 1
    out.seek(0)
    ws = load_workbook(out)[kind("mediation_disputes").sheet_name]
    row = [c.value for c in ws[2]]
    party = open_dispute.parties.get(side="applicant")
    assert party.id_number not in row and any(str(v).startswith("3413") and "*" in str(v) for v in row if v)


def test_a_file_with_three_bad_rows_reports_all_three_in_one_pass(med, tree, office_user):
    """An import tells everything at once: every row the actions refuse is reported in one upload (with the
    value the clerk typed), and still nothing is written."""
    typed_id = "341321198001010000"
    rows = [_dispute_row(), _dispute_row(applicant_id=typed_id), _dispute_row(mediators="查无此人"),
            _dispute_row(closed="2021-02-01"), _dispute_row()]
    result = import_file(kind("mediation_disputes"), filled_template(kind("mediation_disputes"), rows),
                         org=tree["office_a"], user=office_user)
    assert not result.ok
    assert [e.row for e in result.errors] == [4, 5, 6], reasons(result)
    assert result.run.error_count == 3
    assert "既不是有效的身份证号码" in result.errors[0].reason and typed_id in result.errors[0].reason + result.errors[0].value
    assert "没有调解员“查无此人”" in result.errors[1].reason
    assert "不能早于" in result.errors[2].reason
    assert Dispute.objects.count() == 0 and Session.objects.count() == 0 and Party.objects.count() == 0
