"""`sifa verify_audit_chain` and `sifa purge_audit` (SECURITY.md C2)."""

import io
import json
from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from sifa.core import audit
from sifa.core.models import AuditEvent
from sifa.security.models import AuditArchive


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def tamper(row_id, verb="篡改"):
    """Change a row behind the application's back, as someone with database access would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("UPDATE core_auditevent SET verb = %s WHERE id = %s", [verb, row_id])
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")


def add_rows(user, n, days_ago=0):
    with time_machine.travel(timezone.now() - timedelta(days=days_ago), tick=False):
        return [audit.action(user, f"操作{i}", None) for i in range(n)]


def test_verify_reports_rows_checked(office_user):
    add_rows(office_user, 3)
    code, out, _ = run("verify_audit_chain")
    assert code == 0
    assert f"审计记录 {AuditEvent.objects.count()} 条" in out and "哈希链完整" in out


def test_verify_catches_a_flipped_byte_and_exits_1(office_user):
    rows = add_rows(office_user, 4)
    tamper(rows[1].id, "操作l")  # one character changed
    code, out, err = run("verify_audit_chain")
    assert code == 1
    assert "校验失败" in err and str(rows[1].id) in err


def test_verify_catches_a_deleted_row(office_user):
    rows = add_rows(office_user, 4)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [rows[2].id])
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")
    code, _, err = run("verify_audit_chain")
    assert code == 1 and str(rows[3].id) in err


@pytest.mark.parametrize("days", [0, 100, 179])
def test_purge_of_rows_younger_than_180_days_is_refused(office_user, tmp_path, days):
    add_rows(office_user, 2, days_ago=400)
    before = (timezone.localdate() - timedelta(days=days)).isoformat()
    count = AuditEvent.objects.count()
    with pytest.raises(CommandError, match="至少保存180天"):
        call_command("purge_audit", "--before", before, "--archive", str(tmp_path / "a.jsonl"))
    assert AuditEvent.objects.count() == count
    assert not (tmp_path / "a.jsonl").exists()


def test_purge_without_archive_only_previews(office_user):
    add_rows(office_user, 3, days_ago=400)
    before = (timezone.localdate() - timedelta(days=180)).isoformat()
    code, out, _ = run("purge_audit", "--before", before)
    assert code == 0 and "3 条" in out and "仅预览" in out
    assert AuditEvent.objects.count() == 3


def test_purge_archives_old_rows_and_the_chain_still_verifies(office_user, tmp_path):
    old = add_rows(office_user, 3, days_ago=400)
    recent = add_rows(office_user, 2, days_ago=10)
    archive = tmp_path / "audit-2025.jsonl"
    before = (timezone.localdate() - timedelta(days=180)).isoformat()

    code, out, _ = run("purge_audit", "--before", before, "--archive", str(archive))
    assert code == 0 and "已归档 3 条" in out
    remaining = list(AuditEvent.objects.order_by("id"))
    assert [r.id for r in remaining[:2]] == [r.id for r in recent]
    purge_row = remaining[-1]
    assert purge_row.verb == "归档并清理审计日志" and purge_row.after["rows"] == 3
    anchor = AuditArchive.objects.get()
    assert (anchor.first_id, anchor.last_id, anchor.row_count) == (old[0].id, old[-1].id, 3)
    assert oct(archive.stat().st_mode & 0o777) == "0o600"

    lines = archive.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines[1:-1]] == [r.id for r in old]
    assert run("verify_audit_chain")[0] == 0
    code, out, _ = run("verify_audit_chain", "--archive", str(archive))
    assert code == 0 and "3 条" in out

    # a second purge with nothing older left does nothing
    code, out, _ = run("purge_audit", "--before", before, "--archive", str(tmp_path / "again.jsonl"))
    assert code == 0 and "没有早于" in out

    # an edited archive no longer verifies
    edited = lines[:]
    edited[2] = edited[2].replace("操作1", "操作X")
    archive.write_text("\n".join(edited) + "\n", encoding="utf-8")
    assert run("verify_audit_chain", "--archive", str(archive))[0] == 1


def test_purge_stops_at_the_first_young_row(office_user, tmp_path):
    """Only a prefix of the chain is removed: an old-dated row written after a recent one stays."""
    first_old = add_rows(office_user, 1, days_ago=400)
    add_rows(office_user, 1, days_ago=1)
    late_old = add_rows(office_user, 1, days_ago=400)
    before = (timezone.localdate() - timedelta(days=180)).isoformat()
    call_command("purge_audit", "--before", before, "--archive", str(tmp_path / "a.jsonl"), stdout=io.StringIO())
    assert not AuditEvent.objects.filter(id=first_old[0].id).exists()
    assert AuditEvent.objects.filter(id=late_old[0].id).exists()


def test_purge_refuses_a_tampered_chain_and_an_existing_file(office_user, tmp_path):
    rows = add_rows(office_user, 3, days_ago=400)
    before = (timezone.localdate() - timedelta(days=180)).isoformat()
    existing = tmp_path / "exists.jsonl"
    existing.write_text("keep")
    with pytest.raises(CommandError, match="已存在"):
        call_command("purge_audit", "--before", before, "--archive", str(existing))
    assert existing.read_text() == "keep"
    tamper(rows[0].id)
    with pytest.raises(CommandError, match="哈希链校验失败"):
        call_command("purge_audit", "--before", before, "--archive", str(tmp_path / "b.jsonl"))
    assert AuditEvent.objects.count() == 3


def test_bad_date_is_refused(db):
    with pytest.raises(CommandError, match="格式不正确"):
        call_command("purge_audit", "--before", "2025/01/01")
