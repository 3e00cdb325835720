"""Verifying the HMAC-SM3 chain of the audit log, in the database and in archive files (SECURITY.md C2).

The chain itself is written by `sifa.core.audit`; this module only re-walks it. After `purge_audit` moved the
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
from sifa.core.models.audit import AuditEvent

from .models import AuditArchive

ARCHIVE_FORMAT = "sifa-audit-archive/1"
ROW_FIELDS = ("id", "at", "event", "user_id", "username", "role", "org_path", "ip", "request_id", "object_type",
              "object_id", "object_repr", "verb", "before", "after", "outcome", "reason", "prev_hash", "hash")


@dataclass
class ChainReport:
    checked: int = 0
    broken: list[int] = field(default_factory=list)
    last_hash: str = audit.GENESIS

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
    return report


def latest_archive() -> AuditArchive | None:
    return AuditArchive.objects.order_by("-last_id").first()


def verify_database() -> ChainReport:
    """Walk the rows still in the database, starting after the last archive (or at the genesis hash)."""
    anchor = latest_archive()
    rows = AuditEvent.objects.order_by("id")
    if anchor is not None:
        rows = rows.filter(id__gt=anchor.last_id)
    return walk(rows.iterator(chunk_size=2000), anchor.last_hash if anchor else audit.GENESIS)


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
