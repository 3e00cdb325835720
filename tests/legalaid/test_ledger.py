"""Legal-aid and notary ledgers: imports through the actions, all or nothing (a refused economic review or a
suspended lawyer fails the whole file and names the row); masked exports."""

import io

import pytest
from openpyxl import load_workbook

from sifa.core import actions as core_actions
from sifa.core.models import OrgKind, Role
from sifa.ledger import registry
from sifa.ledger.exporter import export_to_file
from sifa.ledger.importer import import_file
from sifa.legalaid.models import Application, Consultation, LegalHelp, Provider
from sifa.notary.models import NotaryItem, NotaryMatter
from tests import factories
from tests.ledger.helpers import filled_template

from . import builders


def kind(code):
    return registry.get(code)


def reasons(result):
    return [e.reason for e in result.errors]


def _application(income="2400", exemption="", id_number=None, decision="给予法律援助", decided="2021-03-03"):
    return ["2021-03-01", "来访申请", "民事诉讼代理", "请求给付赡养费、抚养费、扶养费", "追索抚养费", "王桂兰",
            id_number or builders.resident_id(male=False), "13800000011", 1, "否", exemption, "个人诚信承诺", 3,
            income, decision, decided, "", ""]


def test_applications_import_all_or_nothing(la):
    good = filled_template(kind("legalaid_applications"), [_application(), _application(income="", exemption=
                           "申请支付劳动报酬或者请求工伤事故人身损害赔偿的进城务工人员（第四十二条第三项）")])
    result = import_file(kind("legalaid_applications"), good, org=la["centre"], user=la["clerk"])
    assert result.ok, reasons(result)
    assert Application.objects.filter(status="granted").count() == 2
    bad = filled_template(kind("legalaid_applications"), [_application(), _application(income="9000")])
    result = import_file(kind("legalaid_applications"), bad, org=la["centre"], user=la["clerk"])
    assert not result.ok and any("高于本地经济困难标准" in r for r in reasons(result))
    assert [e.row for e in result.errors] == [4]  # the second data row
    assert Application.objects.count() == 2


def test_consultations_providers_and_help_import(la):
    result = import_file(kind("legalaid_consultations"), filled_template(kind("legalaid_consultations"), [
        ["2021-03-01", "12348热线", "劳动报酬（讨薪）", "拖欠工资", "申请仲裁", 1, "是", "", ""],
        ["2021-03-01", "来访", "婚姻家庭继承", "离婚", "", 3, "否", "张某", ""]]), org=la["centre"], user=la["clerk"])
    assert result.ok, reasons(result)
    assert Consultation.objects.filter(status="waiting").count() == 1
    licence = builders.licence()
    result = import_file(kind("legalaid_providers"), filled_template(kind("legalaid_providers"), [
        ["安徽砀城律师事务所", "孙律师", "律师", licence, "停止执业", "2012-01-01", "刑事、民事", 5, ""]]),
        org=la["centre"], user=la["clerk"])
    assert result.ok, reasons(result)
    assert Provider.objects.get(licence_number=licence).licence_status == "suspended"
    from sifa.legalaid import actions

    actions.create_station(la["clerk"], org=la["centre"], name="检察院工作站", kind="procuratorate")
    help_rows = [["2021-03-02", "检察院工作站", la["senior"].licence_number, "认罪认罚具结书签署在场", 2, "砀检〔2021〕1号"],
                 ["2021-03-02", "检察院工作站", licence, "提供法律咨询", 1, ""]]
    result = import_file(kind("legalaid_helps"), filled_template(kind("legalaid_helps"), help_rows),
                         org=la["centre"], user=la["clerk"])
    assert not result.ok and any("停止执业" in r for r in reasons(result)) and LegalHelp.objects.count() == 0
    result = import_file(kind("legalaid_helps"), filled_template(kind("legalaid_helps"), help_rows[:1]),
                         org=la["centre"], user=la["clerk"])
    assert result.ok and LegalHelp.objects.get().is_plea


def test_exports_are_masked(la, tmp_path):
    builders.civil_application(la)
    path = tmp_path / "out.xlsx"
    k = kind("legalaid_applications")
    with path.open("wb") as out:
        export_to_file(k, k.export_queryset(la["clerk"], {"org": la["centre"]}), la["clerk"], out, org=la["centre"])
    text = " ".join(str(c.value) for row in load_workbook(path).active.iter_rows() for c in row if c.value)
    assert "王桂兰" in text and "3413**********" in text
    assert Application.objects.get().id_number not in text


def test_notary_ledgers(tree):
    bureau = tree["bureau"]
    office = core_actions.create_org_unit(None, code="341321-GZC", name="砀山县公证处", kind=OrgKind.NOTARY_OFFICE,
                                          division=tree["county"], parent=bureau)
    clerk = factories.user(office, role=Role.SECTION_STAFF)
    result = import_file(kind("notary_items"), filled_template(kind("notary_items"), [
        ["出生公证", "出生、生存、死亡、身份、经历、学历、学位、职务、职称、有无违法犯罪记录", "是", "是", 80, 20, "2020-01-01"]]),
        org=office, user=clerk)
    assert result.ok, reasons(result)
    assert NotaryItem.objects.get().one_visit
    rows = [["出生公证", "2021-03-01", "窗口受理", "李文静", "王芳", builders.resident_id(), 2, "", "否", "",
             "2021-03-10", "", ""],
            ["出生公证", "2021-03-01", "窗口受理", "李文静", "王芳", builders.resident_id(), 1, "", "否", "",
             "2021-03-30", "", ""]]
    result = import_file(kind("notary_matters"), filled_template(kind("notary_matters"), rows), org=office, user=clerk)
    assert not result.ok and any("逾期原因" in r for r in reasons(result)) and NotaryMatter.objects.count() == 0
    rows[1][11] = "外地核实"
    result = import_file(kind("notary_matters"), filled_template(kind("notary_matters"), rows), org=office, user=clerk)
    assert result.ok, reasons(result)
    assert NotaryMatter.objects.filter(on_time=True).count() == 1 and NotaryMatter.objects.get(copies=2).fee == 100


@pytest.mark.parametrize("code", ["legalaid_applications", "legalaid_consultations", "legalaid_providers",
                                  "legalaid_helps", "notary_items", "notary_matters"])
def test_every_kind_has_a_template(code):
    from sifa.ledger.template import build_template

    buffer = io.BytesIO()
    build_template(kind(code), buffer)
    buffer.seek(0)
    assert kind(code).sheet_name in load_workbook(buffer).sheetnames
