"""Imports: template round trip, all-or-nothing behaviour, and every kind of malformed file writing nothing."""

import io
import os
import tempfile
import time
import zipfile

import pytest
from openpyxl import load_workbook

from sifa.core.models import AuditEvent, OrgUnit, Population
from sifa.core.models.audit import AuditEventType
from sifa.ledger import registry
from sifa.ledger.error_report import write_error_report
from sifa.ledger.importer import import_file
from sifa.ledger.models import ImportRun, ImportStatus
from sifa.ledger.template import EXAMPLE_MARK, INSTRUCTIONS_SHEET, build_template

from .helpers import edit, filled_template, inline_row, raw_xlsx

ORG_HEADERS = ["机构代码", "机构名称", "机构类型", "所在区划代码", "上级机构代码", "统一社会信用代码", "地址", "联系电话"]
GOOD_ORGS = [
    ["341321100-TWH", "砀城镇人民调解委员会", "人民调解委员会", "341321100", "341321100-SFS", None, "人民路1号", "0557-8021234"],
    ["341321101-GFZ", "周寨镇公共法律服务工作站", "公共法律服务工作站", "341321101", None, "91340000MA2N0Y9H0X", None, None],
    ["341321101-TWH", "周寨镇人民调解委员会", "人民调解委员会", "341321101", "341321101-GFZ", None, None, None],
]


@pytest.fixture
def orgs():
    return registry.get("orgs")


def org_count():
    return OrgUnit.objects.count()


def reasons(result):
    return [e.reason for e in result.errors]


# --- the template -------------------------------------------------------------------------------


def test_template_has_headers_dropdowns_example_and_instructions(orgs):
    buffer = io.BytesIO()
    build_template(orgs, buffer)
    buffer.seek(0)
    wb = load_workbook(buffer)
    assert wb.sheetnames[:2] == ["机构", INSTRUCTIONS_SHEET]
    ws = wb["机构"]
    assert [c.value for c in ws[1]][:8] == ORG_HEADERS
    assert ws["C2"].value == "人民调解委员会" and ws["I2"].value == EXAMPLE_MARK
    kind_list = [dv for dv in ws.data_validations.dataValidation if "C2" in str(dv.sqref)]
    assert kind_list and "司法所" in kind_list[0].formula1 and "人民调解委员会" in kind_list[0].formula1
    assert ws.column_dimensions["D"].number_format == "@"     # 区划代码 stays text in Excel
    rules = [row[0] for row in wb[INSTRUCTIONS_SHEET].iter_rows(values_only=True)]
    for header in ORG_HEADERS:
        assert header in rules


def test_round_trip_template_fill_import(orgs, tree, sysadmin):
    before = org_count()
    result = import_file(orgs, filled_template(orgs, GOOD_ORGS), org=tree["bureau"], user=sysadmin,
                         filename="机构.xlsx")
    assert result.ok, result.errors
    assert result.rows == result.imported == 3
    assert org_count() == before + 3
    twh = OrgUnit.objects.get(code="341321101-TWH")
    assert twh.parent.code == "341321101-GFZ" and twh.path.startswith(tree["bureau"].path)
    assert OrgUnit.objects.get(code="341321101-GFZ").parent == tree["bureau"]   # blank parent → target unit
    assert AuditEvent.objects.filter(verb="新建机构").count() == 3                # through create_org_unit
    assert AuditEvent.objects.filter(event=AuditEventType.IMPORT, outcome="success").count() == 1
    assert result.run.status == ImportStatus.IMPORTED and "导入成功" in result.summary()


def test_population_goes_through_set_population(tree, sysadmin):
    kind = registry.get("population")
    rows = [["341321", 2023, 780000, "统计公报"], ["341321100", 2023, "85,000", "统计公报"]]
    result = import_file(kind, filled_template(kind, rows, keep_example=False), org=tree["bureau"], user=sysadmin)
    assert result.ok, result.errors
    assert Population.objects.get(division_id="341321100", year=2023).residents == 85000
    assert AuditEvent.objects.filter(event=AuditEventType.CONFIG, verb="设置常住人口").count() == 2


def test_dry_run_validates_and_writes_nothing(orgs, tree, sysadmin):
    before = org_count()
    result = import_file(orgs, filled_template(orgs, GOOD_ORGS), org=tree["bureau"], user=sysadmin, dry_run=True)
    assert result.ok and result.rows == 3
    assert org_count() == before
    assert result.run.status == ImportStatus.VALIDATED and "没有写入" in result.summary()


def test_failure_in_an_action_rolls_every_row_back(orgs, tree, sysadmin, monkeypatch):
    """Crash injection: the third row's action fails after two rows were written; none stay."""
    from sifa.core import actions

    real, calls = actions.create_org_unit, []

    def flaky(*args, **kwargs):
        calls.append(kwargs["code"])
        if len(calls) == 3:
            raise RuntimeError("磁盘已满")
        return real(*args, **kwargs)

    monkeypatch.setattr(actions, "create_org_unit", flaky)
    before, audits = org_count(), AuditEvent.objects.filter(verb="新建机构").count()
    with pytest.raises(RuntimeError):
        import_file(orgs, filled_template(orgs, GOOD_ORGS), org=tree["bureau"], user=sysadmin)
    assert len(calls) == 3
    assert org_count() == before
    assert AuditEvent.objects.filter(verb="新建机构").count() == audits


def test_business_rule_error_names_the_row(people_kind, tree, office_user):
    kind, store = people_kind
    rows = [["李四", "11010519491231002X", None, None, None, None], ["触发错误", "110105198001010016", None, None, None, None]]
    result = import_file(kind, filled_template(kind, rows), org=tree["office_a"], user=office_user)
    assert not result.ok
    assert (result.errors[0].row, result.errors[0].column, result.errors[0].reason) == (4, "姓名", "业务规则不允许。")


# --- malformed files: each writes nothing and says where --------------------------------------------


def assert_rejected(result, *, row=None, column=None, contains=""):
    assert not result.ok
    assert result.run.status == ImportStatus.REJECTED and result.run.imported == 0
    matching = [e for e in result.errors
                if (row is None or e.row == row) and (column is None or e.column == column) and contains in e.reason]
    assert matching, [(e.row, e.column, e.reason) for e in result.errors]
    return matching[0]


@pytest.mark.parametrize("payload, message", [
    (b"code,name\n1,2\n", "不是Excel工作簿"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版Excel"),
    (b"", "空的"),
])
def test_not_an_xlsx(orgs, tree, sysadmin, payload, message):
    before = org_count()
    assert_rejected(import_file(orgs, io.BytesIO(payload), org=tree["bureau"], user=sysadmin), contains=message)
    assert org_count() == before


def test_truncated_zip(orgs, tree, sysadmin):
    data = filled_template(orgs, GOOD_ORGS).getvalue()
    before = org_count()
    assert_rejected(import_file(orgs, io.BytesIO(data[: len(data) // 2]), org=tree["bureau"], user=sysadmin),
                    contains="损坏")
    assert org_count() == before


def test_zip_that_is_not_a_workbook(orgs, tree, sysadmin):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    assert_rejected(import_file(orgs, out, org=tree["bureau"], user=sysadmin), contains="不是Excel工作簿")


def test_wrong_sheet(orgs, tree, sysadmin):
    def rename(wb):
        wb["机构"].title = "人员"
        wb.create_sheet("其他")

    bad = edit(filled_template(orgs, GOOD_ORGS), rename)
    error = assert_rejected(import_file(orgs, bad, org=tree["bureau"], user=sysadmin), contains="没有找到名为“机构”的工作表")
    assert "人员" in error.reason
    assert not OrgUnit.objects.filter(code="341321100-TWH").exists()


def test_missing_and_unknown_headers(orgs, tree, sysadmin):
    def break_header(wb):
        wb["机构"]["B1"] = "单位名称"
        wb["机构"]["H1"] = None

    result = import_file(orgs, edit(filled_template(orgs, GOOD_ORGS), break_header), org=tree["bureau"], user=sysadmin)
    assert_rejected(result, row=1, column="B列", contains="“单位名称”不是本模板的列")
    assert_rejected(result, row=1, contains="缺少列：“机构名称”、“联系电话”")
    assert not OrgUnit.objects.filter(code="341321100-TWH").exists()


def test_merged_header_cells(orgs, tree, sysadmin):
    result = import_file(orgs, edit(filled_template(orgs, GOOD_ORGS), lambda wb: wb["机构"].merge_cells("G1:H1")),
                         org=tree["bureau"], user=sysadmin)
    assert_rejected(result, row=1, contains="表头不能合并单元格（G1:H1）")
    assert not OrgUnit.objects.filter(code="341321100-TWH").exists()


def test_merged_data_cells(orgs, tree, sysadmin):
    result = import_file(orgs, edit(filled_template(orgs, GOOD_ORGS), lambda wb: wb["机构"].merge_cells("G3:H4")),
                         org=tree["bureau"], user=sysadmin)
    assert_rejected(result, row=3, contains="数据区不能合并单元格（G3:H4）")


def test_formula_in_a_data_cell(orgs, tree, sysadmin):
    rows = [list(GOOD_ORGS[0]), list(GOOD_ORGS[1])]
    rows[1][1] = '=CONCAT("周寨","工作站")'
    error = assert_rejected(import_file(orgs, filled_template(orgs, rows), org=tree["bureau"], user=sysadmin),
                            row=4, column="机构名称", contains="不能使用公式")
    assert error.value.startswith("=CONCAT")
    assert not OrgUnit.objects.filter(code="341321100-TWH").exists()


def test_duplicate_rows(orgs, tree, sysadmin):
    rows = [GOOD_ORGS[0], GOOD_ORGS[1], GOOD_ORGS[0]]
    assert_rejected(import_file(orgs, filled_template(orgs, rows), org=tree["bureau"], user=sysadmin),
                    row=5, contains="与第3行重复（机构代码相同）")
    assert not OrgUnit.objects.filter(code="341321100-TWH").exists()


def test_invalid_id_numbers_are_named_and_shown_back_as_typed(people_kind, tree, office_user):
    kind, store = people_kind
    rows = [["李四", "11010519491231002X", "13800138000", "2024-03-01", "是", None]] * 0 + [
        ["李四", "11010519491231002X", "13800138000", "2024-03-01", "是", None],
        ["王五", "110105194912310021", None, None, None, None],          # wrong check digit
        ["赵六", 110105194912310029, None, None, None, None],            # typed as a number by Excel
        ["钱七", "11010519491231", None, None, None, None],                # too short
    ]
    result = import_file(kind, filled_template(kind, rows), org=tree["office_a"], user=office_user)
    checksum = assert_rejected(result, row=4, column="公民身份号码", contains="校验位不正确")
    assert checksum.value == "110105194912310021"           # the report shows back what the clerk typed
    assert_rejected(result, row=5, column="公民身份号码", contains="存成了数字")
    assert_rejected(result, row=6, column="公民身份号码", contains="18位")
    assert store.calls == 0 and store.saved == []


def test_many_cell_errors_are_all_reported(people_kind, tree, office_user):
    kind, store = people_kind
    rows = [["", "bad", "12345", "2024-02-30", "也许", "x" * 201]]
    result = import_file(kind, filled_template(kind, rows), org=tree["office_a"], user=office_user)
    by_column = {e.column: e.reason for e in result.errors if e.row == 3}
    assert by_column["姓名"] == "必填项，不能为空。"
    assert "18位" in by_column["公民身份号码"]
    assert "手机号码" in by_column["手机号码"]
    assert "不存在" in by_column["登记日期"]
    assert by_column["是否重点"] == "应填“是”或“否”。"
    assert "超过上限200个字" in by_column["备注"]
    assert store.calls == 0


def test_unknown_codes_in_cells(orgs, tree, sysadmin):
    rows = [list(GOOD_ORGS[0])]
    rows[0][3] = "341321999"
    rows.append(["341321101-X", "某站", "公共法律服务工作站", "341321101", "999999-NOPE", None, None, None])
    result = import_file(orgs, filled_template(orgs, rows), org=tree["bureau"], user=sysadmin)
    assert_rejected(result, row=3, column="所在区划代码", contains="区划代码“341321999”在系统中不存在")
    assert_rejected(result, row=4, column="上级机构代码", contains="不存在")


def test_existing_code_and_parent_outside_the_target(orgs, tree, office_admin):
    rows = [["341321100-SFS", "重复", "司法所", "341321100", None, None, None, None],
            ["341321101-NEW", "越权", "其他", "341321101", "341321101-SFS", None, None, None]]
    result = import_file(orgs, filled_template(orgs, rows), org=tree["office_a"], user=office_admin)
    assert_rejected(result, row=3, column="机构代码", contains="已存在")
    assert_rejected(result, row=4, column="上级机构代码", contains="不在导入目标机构“砀城司法所”的范围内")


def test_example_only_file_has_no_rows(orgs, tree, sysadmin):
    assert_rejected(import_file(orgs, filled_template(orgs, []), org=tree["bureau"], user=sysadmin),
                    contains="没有可导入的数据行")


def test_million_empty_rows_stop_early(orgs, tree, sysadmin):
    """A sheet with a million blank (styled) rows after the data: reading stops after the blank run."""
    header = inline_row(1, ORG_HEADERS)
    data = inline_row(2, GOOD_ORGS[1])
    blank = '<row><c s="0"/></row>' * 1_000_000      # rows without numbers: the reader counts them
    f = raw_xlsx(header + data, extra_rows=[blank])
    assert len(f.getvalue()) < 5_000_000
    started = time.monotonic()
    result = import_file(registry.get("orgs"), f, org=tree["bureau"], user=sysadmin)
    assert time.monotonic() - started < 10
    assert result.ok, result.errors
    assert OrgUnit.objects.filter(code="341321101-GFZ").exists()


def test_data_after_a_long_gap_is_reported(orgs, tree, sysadmin):
    f = raw_xlsx(inline_row(1, ORG_HEADERS) + inline_row(2, GOOD_ORGS[1]) + inline_row(50_000, GOOD_ORGS[0]))
    assert_rejected(import_file(orgs, f, org=tree["bureau"], user=sysadmin), row=50_000, contains="空行")
    assert not OrgUnit.objects.filter(code="341321101-GFZ").exists()


def test_row_cap(orgs, tree, sysadmin, settings):
    settings.SIFA_LEDGER_MAX_ROWS = 2
    assert_rejected(import_file(orgs, filled_template(orgs, GOOD_ORGS), org=tree["bureau"], user=sysadmin),
                    row=5, contains="超过2行的上限")
    assert not OrgUnit.objects.filter(code="341321100-TWH").exists()


def test_size_cap(orgs, tree, sysadmin, settings):
    settings.SIFA_UPLOAD_MAX_BYTES = 1000
    assert_rejected(import_file(orgs, filled_template(orgs, GOOD_ORGS), org=tree["bureau"], user=sysadmin),
                    contains="超过上限")


def test_zip_bomb(orgs, tree, sysadmin, settings):
    settings.SIFA_LEDGER_MAX_UNCOMPRESSED_BYTES = 200_000
    blank = (f'<row r="{n}"><c r="A{n}" s="0"/></row>' for n in range(2, 20_000))
    f = raw_xlsx(inline_row(1, ORG_HEADERS), extra_rows=blank)
    assert_rejected(import_file(orgs, f, org=tree["bureau"], user=sysadmin), contains="压缩炸弹")


def test_excel_style_shared_strings_are_read(orgs, tree, sysadmin):
    """Excel and WPS store text in a shared-strings table, not inline."""
    strings = ORG_HEADERS + ["341321101-GFZ", "周寨镇公共法律服务工作站", "公共法律服务工作站", "341321101"]
    header = '<row r="1">' + "".join(f'<c r="{chr(65 + i)}1" t="s"><v>{i}</v></c>' for i in range(8)) + "</row>"
    data = '<row r="2">' + "".join(f'<c r="{chr(65 + i)}2" t="s"><v>{8 + i}</v></c>' for i in range(4)) + "</row>"
    result = import_file(orgs, raw_xlsx(header + data, shared_strings=strings), org=tree["bureau"], user=sysadmin)
    assert result.ok, result.errors
    assert OrgUnit.objects.get(code="341321101-GFZ").name == "周寨镇公共法律服务工作站"


def test_inactive_target_org(orgs, tree, sysadmin):
    OrgUnit.objects.filter(pk=tree["office_b"].pk).update(active=False)
    tree["office_b"].refresh_from_db()
    assert_rejected(import_file(orgs, filled_template(orgs, GOOD_ORGS), org=tree["office_b"], user=sysadmin),
                    contains="已停用")


def test_temporary_files_are_removed(orgs, tree, sysadmin, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    import_file(orgs, filled_template(orgs, GOOD_ORGS), org=tree["bureau"], user=sysadmin)
    import_file(orgs, filled_template(orgs, GOOD_ORGS + [GOOD_ORGS[0]]), org=tree["bureau"], user=sysadmin)
    assert os.listdir(tmp_path) == []


# --- the error report ---------------------------------------------------------------------------


def test_error_report_xlsx(people_kind, tree, office_user):
    kind, _ = people_kind
    rows = [["王五", "110105194912310021", "=HYPERLINK(\"http://x\")", None, None, None]]
    result = import_file(kind, filled_template(kind, rows), org=tree["office_a"], user=office_user)
    out = io.BytesIO()
    write_error_report(result.run.errors, out)
    out.seek(0)
    ws = load_workbook(out)["错误报告"]
    values = list(ws.iter_rows(values_only=True))
    assert values[0] == ("行号", "列", "填写内容", "错误原因")
    assert (values[1][0], values[1][1], values[1][2]) == (3, "公民身份号码", "110105194912310021")
    assert "校验位" in values[1][3]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert ImportRun.objects.get(pk=result.run.pk).error_count == len(values) - 1


def test_database_constraint_is_the_last_line(tree, sysadmin):
    """A kind whose checks miss a conflict: the database refuses it and the whole file is rolled back."""
    from sifa.ledger.registry import Column, RecordKind

    def create(rows, ctx):
        for row in rows:
            OrgUnit.objects.create(code=row.values["code"], name="x", kind="other", division=tree["county"])

    kind = RecordKind(code="conflict_test", name="冲突", columns=(Column("代码", "code", required=True),),
                      row_to_action=create, import_capability="manage_orgs")
    f = filled_template(kind, [["NEW-1"], [tree["office_b"].code]], keep_example=False)
    before = org_count()
    assert_rejected(import_file(kind, f, org=tree["bureau"], user=sysadmin), contains="与系统中已有记录冲突")
    assert org_count() == before
