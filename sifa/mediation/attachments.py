"""Checks on uploaded files (SECURITY.md F3): a size cap, the type taken from the file's own bytes (never from its
name or the browser), a name that matches that type, and photographs re-encoded without their EXIF/GPS data."""

from __future__ import annotations

import io
import re
import unicodedata

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError

MAX_BYTES = 10 * 1024 * 1024
# detected type → (extensions a name may carry, content type served)
ALLOWED = {
    "pdf": ({"pdf"}, "application/pdf"),
    "jpg": ({"jpg", "jpeg"}, "image/jpeg"),
    "png": ({"png"}, "image/png"),
    "docx": ({"docx"}, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


def max_bytes() -> int:
    return min(MAX_BYTES, getattr(settings, "SIFA_UPLOAD_MAX_BYTES", MAX_BYTES))


def clean_name(filename: str) -> str:
    """The name as shown and offered for download: no path, no control characters, at most 120 characters."""
    name = unicodedata.normalize("NFKC", filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f\x7f<>:\"|?*]", "", name).strip(" .")
    stem, dot, ext = name.rpartition(".")
    if not (stem.strip() and dot and ext):
        raise ValidationError("文件名无效：应有文件名和扩展名，如“现场照片.jpg”。")
    return stem[: 120 - len(ext) - 1] + "." + ext


MAX_PIXELS = 40_000_000


def _without_metadata(content: bytes, kind: str) -> bytes:
    """Re-encode a photograph from its pixels alone, so no EXIF, GPS position or camera serial is kept."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError("图片尺寸过大，请压缩后上传。")
            image.load()
            clean = Image.frombytes(image.mode, image.size, image.tobytes())
            if image.mode == "P" and image.getpalette():
                clean.putpalette(image.getpalette())
            out = io.BytesIO()
            clean.save(out, format="JPEG" if kind == "jpg" else "PNG", quality=90)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError("图片文件已损坏，无法读取。")


def validate(filename: str, content: bytes) -> tuple[str, str, bytes]:
    """(clean name, content type, content to store) or a ValidationError with the reason in Chinese."""
    if not content:
        raise ValidationError("文件是空的。")
    if len(content) > max_bytes():
        raise ValidationError(f"文件不能超过{max_bytes() // 1024 // 1024}MB。")
    name = clean_name(filename)
    kind = filetype.guess(content)
    if kind is None or kind.extension not in ALLOWED:
        raise ValidationError("只能上传PDF、JPG、PNG图片或Word（.docx）文件。")
    extensions, content_type = ALLOWED[kind.extension]
    if name.rpartition(".")[2].lower() not in extensions:
        raise ValidationError(f"文件名的扩展名与文件内容（{kind.extension.upper()}）不符。")
    if kind.extension in ("jpg", "png"):
        content = _without_metadata(content, kind.extension)
    return name, content_type, content
