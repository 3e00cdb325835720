"""The /ledger/ pages through Django's test client, as a clerk would use them."""

import io

import pytest
from openpyxl import load_workbook

from sifa.core.models import AuditEvent, OrgUnit
from sifa.core.models.audit import AuditEventType
from sifa.ledger import registry
from sifa.ledger.models import ImportRun

from .helpers import filled_template
from .test_import import GOOD_ORGS


@pytest.fixture
def admin_client(client, sysadmin):
    client.force_login(sysadmin)
    return client


def upload(client, kind_code, data: bytes, org_code, *, name="台账.xlsx", dry_run=False):
    payload = {f"{kind_code}-org": org_code, f"{kind_code}-file": _named(data, name)}
    if dry_run:
        payload[f"{kind_code}-dry_run"] = "on"
    return client.post(f"/ledger/{kind_code}/import/", payload)


def _named(data, name):
    f = io.BytesIO(data)
    f.name = name
    return f


def test_index_lists_kinds_with_template_and_upload(admin_client):
    page = admin_client.get("/ledger/").content.decode()
    assert "台账导入导出" in page and "下载《机构》导入模板" in page and "下载《常住人口》导入模板" in page
    assert 'name="orgs-file"' in page and 'name="orgs-dry_run"' in page and "砀城司法所" in page


def test_nav_entry(admin_client):
    assert 'href="/ledger/"' in admin_client.get("/").content.decode()


def test_template_download(admin_client):
    response = admin_client.get("/ledger/orgs/template.xlsx")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert wb.sheetnames[:2] == ["机构", "填表说明"]


def test_upload_imports_and_shows_result(admin_client, tree):
    response = upload(admin_client, "orgs", filled_template(registry.get("orgs"), GOOD_ORGS).getvalue(),
                      tree["bureau"].code)
    assert response.status_code == 302
    page = admin_client.get(response.url).content.decode()
    assert "导入成功：共导入3行机构到“砀山县司法局”" in page
    assert OrgUnit.objects.filter(code__in=[r[0] for r in GOOD_ORGS]).count() == 3


def test_upload_with_errors_shows_table_and_report(admin_client, tree):
    rows = [GOOD_ORGS[0], ["341321101-X", "<script>alert(1)</script>", "不存在的类型", "341321101", None, None, None, None]]
    response = upload(admin_client, "orgs", filled_template(registry.get("orgs"), rows).getvalue(),
                      tree["bureau"].code)
    page = admin_client.get(response.url).content.decode()
    assert "整个文件未导入" in page and "第4行" in page and "“不存在的类型”不是可选值" in page
    assert "<script>alert(1)</script>" not in page
    assert not OrgUnit.objects.filter(code="341321100-TWH").exists()
    run = ImportRun.objects.latest("id")
    report = admin_client.get(f"/ledger/runs/{run.pk}/errors.xlsx")
    rows = list(load_workbook(io.BytesIO(b"".join(report.streaming_content)))["错误报告"].iter_rows(values_only=True))
    assert rows[1][:2] == (4, "机构类型")


def test_upload_of_a_non_spreadsheet(admin_client, tree):
    # content that is not what its extension says stops at the upload scanner (SECURITY.md F3)
    response = upload(admin_client, "orgs", b"<html>not a workbook</html>", tree["bureau"].code)
    assert response.status_code == 400 and "文件未通过安全检查" in response.content.decode()
    assert not ImportRun.objects.exists()
    # a zip archive that is no workbook gets as far as the reader
    response = upload(admin_client, "orgs", b"PK\x03\x04" + bytes(40), tree["bureau"].code)
    assert "无法作为.xlsx打开" in admin_client.get(response.url).content.decode()


def test_upload_form_errors(admin_client, tree, settings):
    response = admin_client.post("/ledger/orgs/import/", {"orgs-org": tree["bureau"].code})
    assert response.status_code == 400 and "请选择要上传的Excel文件" in response.content.decode()
    response = upload(admin_client, "orgs", b"x", tree["bureau"].code, name="机构.csv")
    assert response.status_code == 400 and "只能上传.xlsx" in response.content.decode()
    settings.SIFA_UPLOAD_MAX_BYTES = 10
    response = upload(admin_client, "orgs", b"x" * 11, tree["bureau"].code)
    assert response.status_code == 400 and "超过上限" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_upload_into_unit_outside_scope_is_refused(client, tree, office_admin):
    client.force_login(office_admin)
    rows = [["341321101-TWH", "周寨镇人民调解委员会", "人民调解委员会", "341321101", None, None, None, None]]
    response = upload(client, "orgs", filled_template(registry.get("orgs"), rows).getvalue(), tree["office_b"].code)
    assert response.status_code == 400 and "不在您的管理范围内" in response.content.decode()
    assert not OrgUnit.objects.filter(code="341321101-TWH").exists()


def test_export_outside_scope_is_404_and_audited(client, tree, office_admin):
    client.force_login(office_admin)
    assert client.get(f"/ledger/orgs/export.xlsx?org={tree['office_b'].code}").status_code == 404
    assert AuditEvent.objects.filter(event=AuditEventType.DENIED, username="office_admin").exists()
    response = client.get(f"/ledger/orgs/export.xlsx?org={tree['office_a'].code}")
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(b"".join(response.streaming_content)))["机构"].max_row == 2


def test_someone_elses_run_is_404(client, admin_client, tree, office_admin):
    upload(admin_client, "orgs", b"PK\x03\x04" + bytes(40), tree["bureau"].code)
    run = ImportRun.objects.latest("id")
    client.force_login(office_admin)
    assert client.get(f"/ledger/runs/{run.pk}/").status_code == 404
    assert client.get(f"/ledger/runs/{run.pk}/errors.xlsx").status_code == 404


def test_clerk_without_kinds_is_refused_and_kinds_are_per_capability(client, office_user, people_kind):
    client.force_login(office_user)
    page = client.get("/ledger/").content.decode()
    assert "人员名册" in page and "《机构》" not in page
    assert client.get("/ledger/orgs/template.xlsx").status_code == 403
    assert client.post("/ledger/orgs/import/", {}).status_code == 403


def test_leader_has_no_ledger(client, tree):
    from sifa.core.models import Role

    from .. import factories

    client.force_login(factories.user(tree["bureau"], role=Role.LEADER))
    assert client.get("/ledger/").status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    assert client.get("/ledger/").status_code == 302


def test_uploaded_temporary_file_is_removed(admin_client, tree, settings, tmp_path, monkeypatch):
    import tempfile

    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0          # every upload goes to a temporary file on disk
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    response = upload(admin_client, "orgs", filled_template(registry.get("orgs"), GOOD_ORGS).getvalue(),
                      tree["bureau"].code)
    assert response.status_code == 302
    assert list(tmp_path.iterdir()) == []


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_list_page_that_offers_an_export_names_a_registered_ledger():
    from django.urls import get_resolver  # noqa: F401 - imports every line's views through the URLconf

    from sifa.core.listing import RecordListView

    get_resolver().url_patterns  # noqa: B018
    unknown = sorted(f"{view.__module__}.{view.__qualname__} → {view.ledger_kind}"
                     for view in _subclasses(RecordListView)
                     if view.ledger_kind and view.ledger_kind not in {k.code for k in registry.kinds()})
    assert not unknown, "这些列表页的导出指向未登记的台账类型：" + "、".join(unknown)
