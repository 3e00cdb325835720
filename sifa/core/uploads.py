"""Uploaded files of business records (SECURITY.md F3), for staff pages and the public portal alike.

    stored = uploads.store(request.FILES["file"], folder="legalaid")    # or ValidationError (Chinese)
    Document.objects.create(..., stored_name=stored.name, original_name=stored.original_name, …)
    return uploads.download_response(doc.stored_name, doc.original_name, doc.content_type)

What it guarantees:
- a size cap (settings.SIFA_DOCUMENT_MAX_BYTES, 10 MB by default), checked before and while reading;
- the type is decided by the file's magic bytes (filetype), never by its name or the browser's header, and only
  PDF, JPEG and PNG are accepted — HTML, SVG, scripts, archives, office files with macros, EICAR-like text are not;
- PDFs that carry JavaScript, launch actions or embedded files are refused;
- JPEG and PNG lose their metadata (EXIF with GPS position, XMP, IPTC, comments, text chunks) and anything
  appended after the image's end marker, so a polyglot's tail is cut off;
- the file is stored in private storage (MEDIA_ROOT, never served directly) under a random name; the name the
  user gave is kept only as a label, cleaned of paths and control characters;
- it is served back only through a view that has checked who asks, as an attachment with `nosniff`.
- before anything is written, the file passes the configured malware scanner (`sifa.core.scanning`: ClamAV
  over its socket, or the built-in checks): a refused file answers "文件未通过安全检查：…" and is audited.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils import timezone

from . import scanning

ALLOWED = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
PDF_ACTIVE = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia", b"/XFA")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class StoredFile:
    name: str            # the storage name (random)
    original_name: str   # what the user called it, cleaned
    content_type: str
    size: int
    sha256: str


def max_bytes() -> int:
    return int(getattr(settings, "SIFA_DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def _human(n: int) -> str:
    return f"{n / 1024 / 1024:.0f}MB" if n >= 1024 * 1024 else f"{n // 1024}KB"


def clean_name(name: str, extension: str) -> str:
    """The user's file name as a label: no directories, no control characters, the real extension."""
    text = unicodedata.normalize("NFKC", str(name or ""))
    text = _CONTROL.sub("", text.replace("\\", "/").rsplit("/", 1)[-1]).strip().strip(".")
    stem = text.rsplit(".", 1)[0] if "." in text else text
    stem = stem[:150] or "文件"
    return f"{stem}.{extension}"


def _read_capped(uploaded, cap: int) -> bytes:
    size = getattr(uploaded, "size", None)
    if size is not None and size > cap:
        raise ValidationError(f"文件“{clean_name(uploaded.name, 'x')[:-2]}”超过{_human(cap)}，请压缩后再上传。")
    chunks, total = [], 0
    for chunk in uploaded.chunks():
        total += len(chunk)
        if total > cap:
            raise ValidationError(f"文件超过{_human(cap)}，请压缩后再上传。")
        chunks.append(chunk)
    return b"".join(chunks)


def strip_jpeg(data: bytes) -> bytes:
    """Drop APPn segments other than JFIF (APP0), ICC profiles (APP2) and Adobe colour info (APP14), drop
    comments, and cut everything after the end-of-image marker."""
    if data[:2] != b"\xff\xd8":
        raise ValidationError("JPEG图片已损坏，无法上传。")
    out, i = bytearray(b"\xff\xd8"), 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            raise ValidationError("JPEG图片已损坏，无法上传。")
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):
            out += data[i:i + 2]
            i += 2
            continue
        length = int.from_bytes(data[i + 2:i + 4], "big")
        if length < 2 or i + 2 + length > len(data):
            raise ValidationError("JPEG图片已损坏，无法上传。")
        segment = data[i:i + 2 + length]
        if marker == 0xDA:  # start of scan: the entropy-coded data runs to the end-of-image marker
            end = data.find(b"\xff\xd9", i + 2 + length)
            if end < 0:
                raise ValidationError("JPEG图片不完整，无法上传。")
            out += data[i:end + 2]
            return bytes(out)
        keep = not (0xE1 <= marker <= 0xEF or marker == 0xFE)
        if marker == 0xE2 and segment[4:16] == b"ICC_PROFILE\x00":
            keep = True
        if marker == 0xEE and segment[4:9] == b"Adobe":
            keep = True
        if keep:
            out += segment
        i += 2 + length
    raise ValidationError("JPEG图片不完整，无法上传。")


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_DROP = {b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"}


def strip_png(data: bytes) -> bytes:
    """Drop metadata chunks (EXIF, text, time) and whatever follows IEND."""
    if not data.startswith(PNG_SIGNATURE):
        raise ValidationError("PNG图片已损坏，无法上传。")
    out, i = bytearray(PNG_SIGNATURE), len(PNG_SIGNATURE)
    while i + 12 <= len(data):
        length = int.from_bytes(data[i:i + 4], "big")
        kind = data[i + 4:i + 8]
        end = i + 12 + length
        if end > len(data):
            raise ValidationError("PNG图片已损坏，无法上传。")
        if kind not in PNG_DROP:
            out += data[i:end]
        if kind == b"IEND":
            return bytes(out)
        i = end
    raise ValidationError("PNG图片不完整，无法上传。")


def check_pdf(data: bytes) -> bytes:
    if any(token in data for token in PDF_ACTIVE):
        raise ValidationError("PDF文件含有脚本、自动操作或嵌入文件，不能上传。请另存为普通PDF后再上传。")
    return data


CLEANERS = {"jpg": strip_jpeg, "png": strip_png, "pdf": check_pdf}


def inspect(data: bytes) -> str:
    """The extension of an allowed type, judged by magic bytes only; ValidationError otherwise."""
    kind = filetype.guess(data[:8192])
    if kind is None or kind.extension not in ALLOWED or kind.mime != ALLOWED[kind.extension]:
        raise ValidationError("只能上传PDF、JPG、PNG格式的文件（按文件内容判断，改扩展名无效）。")
    return kind.extension


def store(uploaded, *, folder: str) -> StoredFile:
    """Validate and store one uploaded file; ValidationError (Chinese) for anything unacceptable."""
    if uploaded is None:
        raise ValidationError("请选择要上传的文件。")
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,30}", folder):
        raise ValueError("folder must be a short identifier")
    data = _read_capped(uploaded, max_bytes())
    scanning.ensure_clean(uploaded, data)   # a file refused while the request was read is empty: say why
    if not data:
        raise ValidationError("文件为空，请重新选择。")
    extension = inspect(data)
    data = CLEANERS[extension](data)
    name = f"{folder}/{timezone.now():%Y%m}/{secrets.token_hex(16)}.{extension}"
    saved = default_storage.save(name, ContentFile(data))
    return StoredFile(name=saved, original_name=clean_name(uploaded.name, extension),
                      content_type=ALLOWED[extension], size=len(data), sha256=hashlib.sha256(data).hexdigest())


def delete(name: str) -> None:
    """Remove a stored file (when the transaction that recorded it rolls back, say)."""
    if name:
        default_storage.delete(name)


def download_response(name: str, original_name: str, content_type: str) -> FileResponse:
    """The stored file as an attachment that the browser will not sniff or render inline."""
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404("文件不存在。")
    response = FileResponse(handle, content_type=content_type, as_attachment=True)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(original_name)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
