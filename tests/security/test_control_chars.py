"""Control characters at the input boundary (issue #14): staff forms lose them, ledger cells are refused, and
the audit export writes a valid workbook even from a row stored before the boundary existed."""

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from sifa.core.models import AuditEvent
from sifa.ledger.columns import CellInvalid, Column, ColumnType
from sifa.security.models import UnmaskGrant

REASON = "核对当事人\x08身份\x00以办理报到"


def test_a_staff_form_stores_the_text_without_control_characters(client, record_a, corrections_a):
    client.force_login(corrections_a)
    response = client.post(f"/sensitive/{record_a._meta.label_lower}/{record_a.pk}/id_number/", {"reason": REASON})
    assert response.status_code == 302
    assert UnmaskGrant.objects.get().reason == "核对当事人身份以办理报到"
    assert AuditEvent.objects.filter(reason="核对当事人身份以办理报到").exists()


def test_query_strings_lose_them_too(client, audit_admin):
    client.force_login(audit_admin)
    response = client.get("/audit/", {"username": "a\x08b"})
    assert response.status_code == 200
    assert response.context["form"].data["username"] == "ab"


@pytest.mark.parametrize("raw", ["张\x08三", "\x00", "a\x1bb"])
def test_a_ledger_cell_with_a_control_character_is_refused(raw):
    column = Column("姓名", "name", ColumnType.TEXT)
    with pytest.raises(CellInvalid, match="控制字符"):
        column.parse(raw)


def test_the_audit_export_survives_a_stored_control_character(client, audit_admin):
    # a row written before the boundary existed (save() bypasses the cleaning in audit.record)
    AuditEvent(at=timezone.now(), event="action", username="旧数据", verb="修改", reason="事由\x08含退格",
               prev_hash="0" * 64, hash="f" * 64).save()
    client.force_login(audit_admin)
    response = client.get("/audit/export/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    reasons = [row[13].value for row in sheet.iter_rows(min_row=2)]
    assert "事由含退格" in reasons
