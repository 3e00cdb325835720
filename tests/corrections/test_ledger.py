"""Corrections ledgers: all-or-nothing imports through the actions, masked exports, corrections officers only."""

import io
import re

import pytest
from openpyxl import load_workbook

from sifa.corrections.models import FieldVisit, Investigation, ReleasedPerson, Report, Subject
from sifa.ledger import registry
from sifa.ledger.exporter import export_to_file
from sifa.ledger.importer import import_file
from tests.ledger.helpers import filled_template

from . import builders

pytestmark = pytest.mark.django_db
KINDS = ("corrections_subjects", "corrections_events", "corrections_investigations", "corrections_released")


def kind(code):
    return registry.get(code)


def _subject_row(id_number=None, reported="2021-03-08", office=""):
    return ["", "孙某", id_number or builders.resident_id(), "缓刑", "", "盗窃罪", "有期徒刑一年，缓刑二年", "", "",
            "人民法院", "砀山县人民法院", "2021-03-01", 2, 0, 0, 0, office, reported, "普管", "城关网格",
            "13800000000", "砀城镇", "", ""]


def test_import_subjects_and_events_then_export_masked(cor, tree):
    office = tree["office_a"]
    sheet = filled_template(kind("corrections_subjects"), [_subject_row(), _subject_row(reported="")],
                            keep_example=False)
    result = import_file(kind("corrections_subjects"), sheet, org=office, user=cor["a"])
    assert result.ok, [e.reason for e in result.errors]
    assert Subject.objects.filter(status="active").count() == 1 and Subject.objects.filter(status="pending").count() == 1
    number = Subject.objects.get(status="active").number
    events = filled_template(kind("corrections_events"), [
        [number, "定期报告", "2021-03-20", "电话报告", "", "近况良好", None, ""],
        [number, "走访", "2021-04-02", "购买服务社会工作者", "律格社工", "在家务农", None, ""],
        [number, "公益活动", "2021-04-10", "", "", "清扫街道", 3, ""],
    ], keep_example=False)
    assert import_file(kind("corrections_events"), events, org=office, user=cor["a"]).ok
    assert Report.objects.count() == 1 and FieldVisit.objects.get().visitor_kind == "contracted"

    out = io.BytesIO()
    rows = export_to_file(kind("corrections_subjects"), Subject.objects.for_user(cor["a"]), cor["a"], out, org=office)
    assert rows == 2
    out.seek(0)
    text = " ".join(str(c.value) for row in load_workbook(out).active.iter_rows() for c in row if c.value)
    assert not re.search(r"\d{17}[\dX]", text) and "盗窃罪" not in text and "（已隐藏）" in text


def test_one_bad_row_writes_nothing(cor, tree):
    sheet = filled_template(kind("corrections_subjects"), [
        _subject_row(), _subject_row(id_number="341321199001010000")], keep_example=False)
    result = import_file(kind("corrections_subjects"), sheet, org=tree["office_a"], user=cor["a"])
    assert not result.ok and Subject.objects.count() == 0
    assert any("校验位" in e.reason for e in result.errors)
    events = filled_template(kind("corrections_events"), [["（2021）砀矫字第99号", "走访", "2021-04-02", "", "甲",
                                                           "在家", None, ""]], keep_example=False)
    result = import_file(kind("corrections_events"), events, org=tree["office_a"], user=cor["a"])
    assert not result.ok and "不存在" in result.errors[0].reason


def test_duplicate_of_another_county_in_a_sheet(cor, tree):
    from tests import factories

    other = factories.county_tree("330783", "东阳市")
    person = builders.resident_id()
    builders.subject(builders.staff(other)["a"], other["office_a"], id_number=person)
    sheet = filled_template(kind("corrections_subjects"), [_subject_row(id_number=person)], keep_example=False)
    result = import_file(kind("corrections_subjects"), sheet, org=tree["office_a"], user=cor["a"])
    assert not result.ok and "其他县" in result.errors[0].reason and "东阳" not in result.errors[0].reason


def test_investigations_and_released(cor, tree):
    invs = filled_template(kind("corrections_investigations"), [
        ["", "", "人民法院", "砀山县人民法院", "2021-03-01", "否", "王某", builders.resident_id(), "缓刑", "适宜社区矫正",
         "2021-03-10", "甲、乙", "家庭稳定"],
        ["", "", "人民法院", "砀山县人民法院", "2021-03-01", "是", "李某", builders.resident_id(), "缓刑", "", "", "", ""],
    ], keep_example=False)
    assert import_file(kind("corrections_investigations"), invs, org=tree["office_a"], user=cor["a"]).ok
    assert Investigation.objects.filter(status="done").count() == 1
    released = filled_template(kind("corrections_released"), [
        ["赵某", builders.resident_id(), "盗窃罪", "宿州监狱", "2021-03-10", "2021-02-08", "是", "", "", "", "2021-03-11"],
    ], keep_example=False)
    result = import_file(kind("corrections_released"), released, org=tree["office_a"], user=cor["a"])
    assert not result.ok and "必接必送" in result.errors[0].reason and not ReleasedPerson.objects.exists()


def test_only_corrections_officers_import_or_export(tree, office_user, cor):
    for code in KINDS:
        assert not kind(code).can_import(office_user) and not kind(code).can_export(office_user)
        assert not kind(code).can_export(cor["head"])
        assert kind(code).can_import(cor["a"]) and kind(code).can_export(cor["a"])
