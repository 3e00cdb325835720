"""`sifa verify_audit_chain` and `sifa purge_audit` (SECURITY.md C2)."""

import io
import json
from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from sifa.core import audit, audit_guard
from sifa.core.models import AuditEvent, AuditSeal
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
    with transaction.atomic(), connection.cursor() as cursor, audit_guard.lifted(cursor):
        cursor.execute("UPDATE core_auditevent SET verb = %s WHERE id = %s", [verb, row_id])


def delete_rows(*ids):
    """Delete rows behind the application's back (lifting the triggers, as someone with database access can)."""
    with transaction.atomic(), connection.cursor() as cursor, audit_guard.lifted(cursor):
        for row_id in ids:
            cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [row_id])


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
    delete_rows(rows[2].id)
    code, _, err = run("verify_audit_chain")
    assert code == 1 and f"首个问题编号 {rows[3].id}" in err


def test_verify_catches_deleted_newest_rows(office_user):
    """Cutting rows off the end leaves a whole chain, shorter than the signed seal says."""
    rows = add_rows(office_user, 5)
    delete_rows(rows[3].id, rows[4].id)
    assert audit.verify_chain()[1] == []  # the links alone cannot see it
    code, _, err = run("verify_audit_chain")
    assert code == 1
    assert f"首个问题编号 {rows[3].id}" in err and "末尾记录被删除" in err and f"{rows[4].id}" in err


def test_verify_catches_a_forged_seal(office_user):
    rows = add_rows(office_user, 3)
    delete_rows(rows[2].id)
    with transaction.atomic(), connection.cursor() as cursor, audit_guard.lifted(cursor):
        # someone without the key re-points the seal at the row now newest
        cursor.execute("DELETE FROM core_auditseal")
        cursor.execute("INSERT INTO core_auditseal (event_id, event_hash, mac) VALUES (%s, %s, %s)",
                       [rows[1].id, rows[1].hash, "0" * 64])
    code, _, err = run("verify_audit_chain")
    assert code == 1 and "签名无效" in err


def test_tamper_cases_detected(office_user):
    """The figure issue #14 asks for: edit, middle delete and tail delete are each caught, naming the first
    bad id."""
    detected = 0
    cases = ("edit", "middle delete", "tail delete")
    for case in cases:
        rows = add_rows(office_user, 4)
        first_bad = {"edit": rows[1].id, "middle delete": rows[2].id, "tail delete": rows[3].id}[case]
        if case == "edit":
            tamper(rows[1].id, "操作l")
        elif case == "middle delete":
            delete_rows(rows[1].id)
        else:
            delete_rows(rows[3].id)
        code, _, err = run("verify_audit_chain")
        detected += code == 1 and f"首个问题编号 {first_bad}" in err
        with transaction.atomic(), connection.cursor() as cursor, audit_guard.lifted(cursor):
            cursor.execute("DELETE FROM core_auditevent")
            cursor.execute("DELETE FROM core_auditseal")
    print(f"tamper cases detected / tried: {detected}/{len(cases)} ({connection.vendor})")
    assert detected == len(cases)


@pytest.mark.parametrize("statement", ["UPDATE core_auditevent SET verb = 'x' WHERE id = %s",
                                       "DELETE FROM core_auditevent WHERE id = %s"])
def test_the_database_refuses_changing_audit_rows(office_user, statement):
    rows = add_rows(office_user, 2)
    with pytest.raises(DatabaseError, match="只能追加"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [rows[0].id])
    assert AuditEvent.objects.get(id=rows[0].id).verb == rows[0].verb


def test_the_database_refuses_removing_the_current_seal(office_user):
    add_rows(office_user, 2)
    with pytest.raises(DatabaseError, match="只能追加"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditseal")
    assert AuditSeal.objects.count() == 1


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
