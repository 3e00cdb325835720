"""Malware scanning of every uploaded file (SECURITY.md F3), before anything of it is stored.

    settings.SIFA_UPLOAD_SCANNER = "builtin"   # default: EICAR, executables by magic bytes, content ≠ extension
                                 = "clamd"     # a ClamAV daemon over its socket (INSTREAM), fail closed
    settings.SIFA_CLAMD_SOCKET = "/run/clamav/clamd.ctl"   or   SIFA_CLAMD_HOST / SIFA_CLAMD_PORT (TCP)

Every file of every request passes `ScanningUploadHandler` (first in FILE_UPLOAD_HANDLERS) while the request is
read, before any view or action runs: a refused file is replaced by an empty `RefusedUpload` that carries the
reason, and the refusal is audited then — outside any transaction, so the audit row survives the rollback of
the action that would have stored the file. Code that stores a file calls `ensure_clean(uploaded)` (the shared
`sifa.core.uploads.store` does), which raises "文件未通过安全检查：…" for a refused file, and scans a file that
did not come through a request (an import run from the command line, a test).
"""

from __future__ import annotations

import io
import logging
import socket
import struct
from collections.abc import Iterable

import filetype
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler

log = logging.getLogger("sifa.uploads")

PREFIX = "文件未通过安全检查："
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
DEFAULT_SCAN_BYTES = 64 * 1024 * 1024
CHUNK = 64 * 1024

# Magic numbers of programs that no business record needs (Windows PE, ELF, Mach-O, Java class, scripts).
EXECUTABLE_MAGIC = (
    (b"MZ", "Windows可执行程序"),
    (b"\x7fELF", "Linux可执行程序"),
    (b"\xfe\xed\xfa\xce", "macOS可执行程序"), (b"\xfe\xed\xfa\xcf", "macOS可执行程序"),
    (b"\xce\xfa\xed\xfe", "macOS可执行程序"), (b"\xcf\xfa\xed\xfe", "macOS可执行程序"),
    (b"\xca\xfe\xba\xbe", "Java或macOS程序"),
    (b"#!", "脚本程序"),
)
EXECUTABLE_KINDS = {"exe", "elf", "dex", "wasm", "crx", "swf", "deb", "rpm", "msi", "cab"}
# Extensions whose files start with a known signature, and the kinds `filetype` may report for them.
EXPECTED_KINDS = {
    "pdf": {"pdf"}, "jpg": {"jpg"}, "jpeg": {"jpg"}, "png": {"png", "apng"}, "gif": {"gif"}, "bmp": {"bmp"},
    "webp": {"webp"}, "tif": {"tif"}, "tiff": {"tif"}, "heic": {"heic"},
    "xlsx": {"xlsx", "zip"}, "docx": {"docx", "zip"}, "pptx": {"pptx", "zip"}, "zip": {"zip"},
    "doc": {"doc", "xls", "ppt", "msi"}, "xls": {"xls", "doc", "ppt", "msi"},
    "ods": {"ods", "zip"}, "odt": {"odt", "zip"}, "rtf": {"rtf"}, "ofd": {"zip"},
    "mp3": {"mp3"}, "mp4": {"mp4", "m4v", "mov"}, "wav": {"wav"}, "amr": {"amr"},
}
# Extensions of plain text: any recognised binary format inside one is a mismatch.
TEXT_EXTENSIONS = {"txt", "csv", "json", "xml", "md"}


class UploadRefused(ValidationError):
    """A file the scanner refused. Its message is shown to the user as it is."""

    def __init__(self, reason: str):
        super().__init__(PREFIX + reason, code="upload_refused")
        self.reason = reason


class RefusedUpload(SimpleUploadedFile):
    """What a request holds in place of a refused file: no content, the reason, and the size it had (so a form
    reaches its own check, `ensure_clean`, rather than calling the file empty)."""

    def __init__(self, name: str, content_type: str, reason: str, size: int = 1):
        super().__init__(name, b"", content_type or "application/octet-stream")
        self.size = max(int(size or 0), 1)
        self.scan_refusal = reason


# --- scanners ---------------------------------------------------------------------------------------------------


def _extension(name: str) -> str:
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def builtin_scan(data: bytes, name: str = "") -> str | None:
    """The reason a file is refused, or None. Knows the EICAR test file, programs by their magic bytes, and
    files whose content is not what their extension says."""
    if EICAR in data:
        return "检出病毒测试文件（EICAR-Test-File）。"
    head = data[:8192]
    for magic, label in EXECUTABLE_MAGIC:
        if head.startswith(magic):
            return f"文件是{label}，不能上传。"
    kind = filetype.guess(head) if head else None
    if kind is not None and kind.extension in EXECUTABLE_KINDS:
        return f"文件是可执行程序（{kind.extension}），不能上传。"
    extension = _extension(name)
    if extension in EXPECTED_KINDS and (kind is None or kind.extension not in EXPECTED_KINDS[extension]):
        found = f"实际为{kind.extension.upper()}格式" if kind is not None else "内容与该格式不符"
        return f"文件扩展名为“.{extension}”，{found}。"
    if extension in TEXT_EXTENSIONS and kind is not None:
        return f"文件扩展名为“.{extension}”，实际为{kind.extension.upper()}格式。"
    return None


class ClamdError(Exception):
    pass


def _clamd_connection() -> socket.socket:
    timeout = float(getattr(settings, "SIFA_CLAMD_TIMEOUT", 30))
    path = getattr(settings, "SIFA_CLAMD_SOCKET", "")
    if path:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        sock.connect(path)
        return sock
    host = getattr(settings, "SIFA_CLAMD_HOST", "127.0.0.1")
    port = int(getattr(settings, "SIFA_CLAMD_PORT", 3310))
    return socket.create_connection((host, port), timeout=timeout)


def clamd_instream(chunks: Iterable[bytes]) -> str:
    """Send a stream to clamd (``zINSTREAM``: 4-byte big-endian length + data, ended by a zero length) and
    return its one-line answer, e.g. ``stream: OK`` or ``stream: Eicar-Signature FOUND``."""
    try:
        with _clamd_connection() as sock:
            sock.sendall(b"zINSTREAM\0")
            for chunk in chunks:
                for start in range(0, len(chunk), CHUNK):
                    part = chunk[start:start + CHUNK]
                    sock.sendall(struct.pack("!L", len(part)) + part)
            sock.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                received = sock.recv(4096)
                if not received:
                    break
                reply += received
    except OSError as exc:
        raise ClamdError(str(exc)) from exc
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()


def clamd_scan(data: bytes, name: str = "") -> str | None:
    """Fail closed: a daemon that cannot be reached, or answers anything but OK or FOUND, refuses the file."""
    try:
        reply = clamd_instream([data])
    except ClamdError as exc:
        log.error("病毒扫描服务不可用：%s", exc)
        return "病毒扫描服务暂不可用，请稍后重试。"
    if reply.endswith(" OK"):
        return None
    if reply.endswith(" FOUND"):
        signature = reply.split(":", 1)[-1].removesuffix(" FOUND").strip()
        return f"检出病毒或恶意代码（{signature[:100]}）。"
    log.error("病毒扫描服务返回异常：%s", reply[:200])
    return "病毒扫描未能完成，请稍后重试。"


SCANNERS = {"builtin": builtin_scan, "clamd": clamd_scan}


def scanner():
    name = getattr(settings, "SIFA_UPLOAD_SCANNER", "builtin")
    if name not in SCANNERS:
        raise ImproperlyConfigured(f"SIFA_UPLOAD_SCANNER 应为 {'、'.join(SCANNERS)} 之一，而不是“{name}”。")
    return SCANNERS[name]


def scan(data: bytes, name: str = "") -> str | None:
    """The configured scanner's reason to refuse `data`, or None when it is clean."""
    return scanner()(data, name)


# --- the refusal ------------------------------------------------------------------------------------------------


def record_refusal(name: str, reason: str) -> None:
    """An audit row for a refused upload: the file's extension and size class, never its content or name."""
    from sifa.core import audit
    from sifa.core.models.audit import AuditEventType

    audit.record(AuditEventType.DENIED, object_type="upload", verb="上传文件未通过安全检查", outcome="refused",
                 reason=f"{reason}（扩展名：.{_extension(name) or '无'}）")


def _read(uploaded) -> bytes:
    if hasattr(uploaded, "seek"):
        uploaded.seek(0)
    data = b"".join(uploaded.chunks()) if hasattr(uploaded, "chunks") else uploaded.read()
    if hasattr(uploaded, "seek"):
        uploaded.seek(0)
    return data


def ensure_clean(uploaded, data: bytes | None = None) -> None:
    """Raise UploadRefused for a file the scanner refuses (audited once: at the request, or here)."""
    reason = getattr(uploaded, "scan_refusal", None)
    if reason:
        raise UploadRefused(reason)
    if getattr(uploaded, "scan_passed", False):
        return
    name = getattr(uploaded, "name", "") or ""
    reason = scan(_read(uploaded) if data is None else data, name)
    if reason:
        record_refusal(name, reason)
        raise UploadRefused(reason)


class ScanningUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: passes each file's data on to the handlers that store it while keeping a
    copy (up to SIFA_UPLOAD_SCAN_BYTES), scans the whole file when it is complete, and replaces a refused file
    by a `RefusedUpload`. The refusal is audited now, while no transaction is open."""

    def new_file(self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        self._buffer = io.BytesIO()
        self._overflow = False

    def receive_data_chunk(self, raw_data, start):
        limit = int(getattr(settings, "SIFA_UPLOAD_SCAN_BYTES", DEFAULT_SCAN_BYTES))
        if not self._overflow:
            if self._buffer.tell() + len(raw_data) > limit:
                self._overflow = True
            else:
                self._buffer.write(raw_data)
        return raw_data

    def file_complete(self, file_size):
        if self._overflow:
            reason = "文件过大，无法完成安全检查。"
        else:
            reason = scan(self._buffer.getvalue(), self.file_name or "")
        self._buffer = io.BytesIO()
        if reason is None:
            return None  # the next handler builds the file as usual
        record_refusal(self.file_name or "", reason)
        return RefusedUpload(self.file_name or "文件", self.content_type, reason, file_size)
