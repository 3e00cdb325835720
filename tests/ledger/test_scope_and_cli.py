"""Data scope for imports and exports, and the `sifa ledger` command."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from sifa.core.models import AuditEvent, OrgUnit
from sifa.core.models.audit import AuditEventType
from sifa.ledger import registry
from sifa.ledger.importer import import_file

from .helpers import filled_template
from .test_import import GOOD_ORGS

OFFICE_A_ORG = [["341321100-TWH", "砀城镇人民调解委员会", "人民调解委员会", "341321100", None, None, None, None]]


def test_cannot_import_into_a_unit_outside_the_subtree(tree, office_admin):
    before = OrgUnit.objects.count()
    with pytest.raises(PermissionDenied, match="不在您的管理范围内"):
        import_file(registry.get("orgs"), filled_template(registry.get("orgs"), OFFICE_A_ORG),
                    org=tree["office_b"], user=office_admin)
    assert OrgUnit.objects.count() == before


def test_can_import_into_own_subtree(tree, office_admin):
    result = import_file(registry.get("orgs"), filled_template(registry.get("orgs"), OFFICE_A_ORG),
                         org=tree["office_a"], user=office_admin)
    assert result.ok, result.errors
    assert OrgUnit.objects.get(code="341321100-TWH").parent == tree["office_a"]


def test_role_without_the_capability_cannot_import(tree, office_user):
    with pytest.raises(PermissionDenied, match="没有导入“机构”的权限"):
        import_file(registry.get("orgs"), filled_template(registry.get("orgs"), OFFICE_A_ORG),
                    org=tree["office_a"], user=office_user)


# --- command line -------------------------------------------------------------------------------


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("ledger", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_cli_kinds_and_template(tmp_path, db):
    out, _ = run("kinds")
    assert "orgs\t机构" in out and "population\t常住人口" in out
    target = tmp_path / "机构模板.xlsx"
    run("template", "orgs", str(target))
    assert load_workbook(target)["机构"]["A1"].value == "机构代码"


def test_cli_import_and_export(tree, tmp_path):
    source = tmp_path / "orgs.xlsx"
    source.write_bytes(filled_template(registry.get("orgs"), GOOD_ORGS).getvalue())
    out, _ = run("import", "orgs", str(source), "--org", tree["bureau"].code, "--dry-run")
    assert "校验通过" in out and not OrgUnit.objects.filter(code="341321100-TWH").exists()
    out, _ = run("import", "orgs", str(source), "--org", tree["bureau"].code)
    assert "导入成功：共导入3行" in out
    event = AuditEvent.objects.filter(event=AuditEventType.IMPORT).latest("id")
    assert event.username == "命令行" and event.outcome == "success"
    exported = tmp_path / "out.xlsx"
    out, _ = run("export", "orgs", str(exported), "--org", tree["bureau"].code)
    assert "已导出6行" in out
    codes = [r[0] for r in load_workbook(exported)["机构"].iter_rows(min_row=2, values_only=True)]
    assert "341321101-TWH" in codes


def test_cli_import_errors_report(tree, tmp_path, sysadmin):
    rows = [GOOD_ORGS[0], GOOD_ORGS[0]]
    source, report = tmp_path / "orgs.xlsx", tmp_path / "errors.xlsx"
    source.write_bytes(filled_template(registry.get("orgs"), rows).getvalue())
    with pytest.raises(CommandError, match="整个文件未导入"):
        run("import", "orgs", str(source), "--org", tree["bureau"].code, "--user", "sysadmin",
            "--errors", str(report))
    rows = list(load_workbook(report)["错误报告"].iter_rows(values_only=True))
    assert rows[1][0] == 4 and "与第3行重复" in rows[1][3]
    assert not OrgUnit.objects.filter(code="341321100-TWH").exists()


@pytest.mark.parametrize("args, message", [
    (["import", "orgs", "missing.xlsx", "--org", "NOPE"], "机构代码“NOPE”不存在"),
    (["import", "nope", "x.xlsx", "--org", "341321-SFJ"], "没有名为“nope”的台账类型"),
    (["import", "orgs", "/nonexistent/x.xlsx", "--org", "341321-SFJ"], "无法打开文件"),
    (["import", "orgs", "x.xlsx", "--org", "341321-SFJ", "--user", "ghost"], "账号“ghost”不存在"),
    (["export", "orgs", "x.xlsx", "--org", "341321-SFJ", "--user", "office_admin"], "不在您的管理范围内"),
])
def test_cli_bad_arguments(tree, office_admin, args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert list(tmp_path.iterdir()) == []  # a refused command writes no file


def test_cli_user_scope_for_import(tree, tmp_path, office_admin):
    source = tmp_path / "orgs.xlsx"
    source.write_bytes(filled_template(registry.get("orgs"), OFFICE_A_ORG).getvalue())
    with pytest.raises(CommandError, match="不在您的管理范围内"):
        run("import", "orgs", str(source), "--org", tree["office_b"].code, "--user", "office_admin")
    assert not OrgUnit.objects.filter(code="341321100-TWH").exists()
