"""Archiving and removing audit rows older than the retention period (SECURITY.md C2).

What it does, honestly:
- Rows younger than 180 days are never touched: a `before` date later than today − 180 days is refused.
- The rows to remove are a prefix of the chain (every row before the first one dated on/after `before`). They
  are verified first (a broken chain is refused: archiving would launder tampering), written to a JSON-lines
  archive file (header, rows, footer with the last hash; mode 0600), and the file's SM3 digest is recorded in
  an AuditArchive row that anchors the chain of the rows that remain.
- The log is append-only, so removal needs a privileged path (`sifa.core.audit_guard.lifted`). On PostgreSQL the
  trigger refuses DELETE; the command sets `session_replication_role = replica` for its own transaction, which
  only a superuser (or a role granted SET on that parameter) may do. The application's own database role
  (INSERT/SELECT only) therefore cannot purge: run the command with a privileged DATABASE_URL. On SQLite the
  triggers are dropped and re-created inside the purge's transaction.
- The purge itself is recorded as a CONFIG audit row. If any step fails, nothing is deleted.
"""

import getpass
import json
import os
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from sifa.core import audit, audit_guard
from sifa.core.models.audit import AuditChainHead, AuditEvent, AuditEventType

from . import chain
from .models import AuditArchive

RETENTION_DAYS = 180


class PurgeRefused(Exception):
    """The purge may not run; the message says why, in Chinese."""


@dataclass
class PurgePlan:
    before: date
    first_id: int
    last_id: int
    count: int
    prev_hash: str


def earliest_allowed_before(today: date | None = None) -> date:
    return (today or timezone.localdate()) - timedelta(days=RETENTION_DAYS)


def plan(before: date) -> PurgePlan | None:
    """The rows a purge up to `before` would remove, or None if there are none. Raises PurgeRefused."""
    limit = earliest_allowed_before()
    if before > limit:
        raise PurgeRefused(
            f"拒绝清理：审计日志至少保存{RETENTION_DAYS}天，--before 不得晚于 {limit:%Y-%m-%d}。")
    anchor = chain.latest_archive()
    start = anchor.last_id if anchor else 0
    boundary = timezone.make_aware(datetime.combine(before, time.min))
    first_kept = AuditEvent.objects.filter(id__gt=start, at__gte=boundary).order_by("id").values_list(
        "id", flat=True).first()
    candidates = AuditEvent.objects.filter(id__gt=start)
    if first_kept is not None:
        candidates = candidates.filter(id__lt=first_kept)
    else:
        candidates = candidates.filter(at__lt=boundary)
    ids = candidates.order_by("id").values_list("id", flat=True)
    first, last = ids.first(), ids.last()
    if first is None:
        return None
    return PurgePlan(before=before, first_id=first, last_id=last, count=candidates.count(),
                     prev_hash=anchor.last_hash if anchor else audit.GENESIS)


def _rows(p: PurgePlan):
    return AuditEvent.objects.filter(id__gte=p.first_id, id__lte=p.last_id).order_by("id")


def write_archive(p: PurgePlan, path: Path) -> chain.ChainReport:
    """Verify the rows and write them to `path` (which must not exist). Raises PurgeRefused."""
    report = chain.walk(_rows(p).iterator(chunk_size=2000), p.prev_hash)
    if not report.ok:
        raise PurgeRefused(f"拒绝归档：待归档记录的哈希链校验失败（编号 {', '.join(map(str, report.broken[:20]))}），"
                           "请先调查篡改。")
    if path.exists():
        raise PurgeRefused(f"归档文件“{path}”已存在，不会覆盖。")

    tmp = path.with_name(path.name + ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"format": chain.ARCHIVE_FORMAT, "before": p.before.isoformat(),
                             "prev_hash": p.prev_hash}) + "\n")
        for row in _rows(p).iterator(chunk_size=2000):
            fh.write(chain.row_to_json(row) + "\n")
        fh.write(json.dumps({"rows": report.checked, "last_hash": report.last_hash}) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return report


def _privileged_delete(p: PurgePlan) -> int:
    if connection.vendor not in ("postgresql", "sqlite"):
        raise PurgeRefused(f"不支持在 {connection.vendor} 数据库上清理审计日志。")
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:
        try:
            with audit_guard.lifted(cursor):
                cursor.execute(f"DELETE FROM {table} WHERE id >= %s AND id <= %s", [p.first_id, p.last_id])
                return cursor.rowcount
        except DatabaseError:
            if connection.vendor != "postgresql":
                raise
            raise PurgeRefused(
                "当前数据库账号无权绕过审计日志的只追加保护（需要设置 session_replication_role 的权限）。"
                "审计日志按设计不能由应用账号删除；请数据库管理员以特权账号设置 DATABASE_URL 后重新执行。")


def purge(before: date, archive_path: Path) -> tuple[PurgePlan | None, str]:
    """Archive and remove rows older than `before`. Returns (plan, archive SM3) — (None, "") if nothing to do."""
    p = plan(before)
    if p is None:
        return None, ""
    archive_path = Path(archive_path)
    report = write_archive(p, archive_path)
    digest = chain.sm3_file(archive_path)
    operator = f"cli:{getpass.getuser()}"
    try:
        with transaction.atomic():
            AuditArchive.objects.create(before=before, first_id=p.first_id, last_id=p.last_id, row_count=p.count,
                                        last_hash=report.last_hash, archive_name=archive_path.name,
                                        archive_sm3=digest, performed_by=operator)
            deleted = _privileged_delete(p)
            if deleted != p.count:
                raise PurgeRefused(f"删除条数（{deleted}）与计划（{p.count}）不符，已回滚。")
            # should no row be left, the next one continues the chain from the last row archived
            AuditChainHead.objects.filter(pk=1).update(last_hash=report.last_hash)
            audit.record(AuditEventType.CONFIG, username=operator, verb="归档并清理审计日志",
                         object_type=AuditEvent._meta.label_lower, object_id=f"{p.first_id}-{p.last_id}",
                         reason=f"超过{RETENTION_DAYS}天保存期，已归档至 {archive_path.name}",
                         after={"before": before.isoformat(), "rows": p.count, "archive_sm3": digest})
    except PurgeRefused:
        raise
    except DatabaseError as exc:
        raise PurgeRefused(f"数据库拒绝删除审计记录（{exc.__class__.__name__}），已回滚；归档文件保留。")
    return p, digest
