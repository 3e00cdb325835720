"""Verifying the HMAC-SM3 chain of the audit log, in the database and in archive files (SECURITY.md C2).

The chain itself is written by `sifa.core.audit`; this module only re-walks it. Walking catches an edited row
and a row deleted from the middle (the next row's link breaks); the signed seal (`AuditSeal`) catches rows
deleted from the end, which leave a chain that is whole but shorter than the seal says. After `purge_audit` moved the
oldest rows to an archive file, the rows left in the database start from the last archived hash, which the
AuditArchive record keeps; the archive file carries the same chain and can be checked on its own.
"""

import hmac
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives import hashes

from sifa.core import audit
from sifa.core.models.audit import AuditEvent, AuditSeal

from .models import AuditArchive

ARCHIVE_FORMAT = "sifa-audit-archive/1"
ROW_FIELDS = ("id", "at", "event", "user_id", "username", "role", "org_path", "ip", "request_id", "object_type",
              "object_id", "object_repr", "verb", "before", "after", "outcome", "reason", "prev_hash", "hash")


@dataclass
class ChainReport:
    checked: int = 0
    broken: list[int] = field(default_factory=list)
    last_hash: str = audit.GENESIS
    last_id: int | None = None
    problems: list[str] = field(default_factory=list)   # Chinese sentences for what is not a single bad row

    @property
    def ok(self) -> bool:
        return not self.broken


def walk(rows, prev_hash: str = audit.GENESIS) -> ChainReport:
    """Check each row's link to its predecessor and its own HMAC-SM3. `rows` in insertion (id) order."""
    report = ChainReport(last_hash=prev_hash)
    for row in rows:
        report.checked += 1
        expected = audit._hmac_sm3(audit._canonical(row))
        if row.prev_hash != report.last_hash or not hmac.compare_digest(row.hash, expected):
            report.broken.append(row.id)
        report.last_hash = row.hash
        report.last_id = row.id
    return report


def latest_archive() -> AuditArchive | None:
    return AuditArchive.objects.order_by("-last_id").first()


def verify_database() -> ChainReport:
    """Walk the rows still in the database, starting after the last archive (or at the genesis hash)."""
    anchor = latest_archive()
    rows = AuditEvent.objects.order_by("id")
    if anchor is not None:
        rows = rows.filter(id__gt=anchor.last_id)
    report = walk(rows.iterator(chunk_size=2000), anchor.last_hash if anchor else audit.GENESIS)
    check_seal(report)
    return report


def check_seal(report: ChainReport) -> None:
    """Compare the walked chain's end with the signed seal; add what is wrong to `report`.

    The first bad id named for a cut-off tail is the one after the newest row left (ids are issued in order)."""
    seals = list(AuditSeal.objects.order_by("-event_id")[:2])
    seal = seals[0] if seals else None
    if len(seals) > 1:
        report.problems.append("存在多个审计链头签名（应只有一个），链头被人为添加。")
    if seal is None:
        if report.checked:
            report.broken.append(report.last_id)
            report.problems.append("缺少审计链头签名，无法确认末尾记录未被删除。")
        return
    if not hmac.compare_digest(seal.mac, audit.seal_mac(seal.event_id, seal.event_hash)):
        report.broken.append(seal.event_id)
        report.problems.append(f"审计链头签名无效（指向编号 {seal.event_id}），链头被伪造或篡改。")
    elif report.last_id is None or report.last_id < seal.event_id:
        first_missing = (report.last_id or 0) + 1
        report.broken.append(first_missing)
        report.problems.append(f"末尾记录被删除：链头签名指向编号 {seal.event_id}，"
                               f"数据库中最新的记录为编号 {report.last_id or '无'}，"
                               f"缺失编号 {first_missing}–{seal.event_id}。")
    elif report.last_id > seal.event_id:
        report.broken.append(seal.event_id + 1)
        report.problems.append(f"编号 {seal.event_id} 之后的记录不在链头签名之内（绕过应用写入）。")
    elif report.last_hash != seal.event_hash:
        report.broken.append(seal.event_id)
        report.problems.append(f"编号 {seal.event_id} 的哈希与链头签名不符。")


def row_to_json(row: AuditEvent) -> str:
    data = {name: getattr(row, name) for name in ROW_FIELDS}
    data["at"] = row.at.isoformat()
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def row_from_json(line: str) -> AuditEvent:
    data = json.loads(line)
    data["at"] = datetime.fromisoformat(data["at"])
    return AuditEvent(**data)


def read_archive(path: Path) -> tuple[dict, list[AuditEvent], dict]:
    """(header, rows, footer) of an archive file; raises ValueError if it is not one."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    if len(lines) < 2:
        raise ValueError("归档文件不完整。")
    header, footer = json.loads(lines[0]), json.loads(lines[-1])
    if header.get("format") != ARCHIVE_FORMAT or "rows" not in footer:
        raise ValueError("不是审计日志归档文件，或文件已截断。")
    return header, [row_from_json(line) for line in lines[1:-1]], footer


def verify_archive(path: Path) -> ChainReport:
    header, rows, footer = read_archive(path)
    report = walk(rows, header["prev_hash"])
    if footer["rows"] != report.checked or footer.get("last_hash") != report.last_hash:
        report.broken.append(rows[-1].id if rows else 0)
    return report


def sm3_file(path: Path) -> str:
    digest = hashes.Hash(hashes.SM3())
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.finalize().hex()
