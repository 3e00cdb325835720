"""Small real files for upload tests: a PNG, a JPEG carrying EXIF (with a GPS tag) and an appended HTML tail,
a plain PDF, and hostile ones."""

import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(text_chunk: bool = True) -> bytes:
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    chunks = [_chunk(b"IHDR", header)]
    if text_chunk:
        chunks.append(_chunk(b"tEXt", b"GPS\x00N31.2 E116.3"))
    chunks.append(_chunk(b"IDAT", zlib.compress(b"\x00\x00")))
    chunks.append(_chunk(b"IEND", b""))
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunks) + b"<script>alert(1)</script>"


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def jpeg_with_exif() -> bytes:
    exif = b"Exif\x00\x00MM\x00*\x00\x00\x00\x08GPSLatitude=31.2;GPSLongitude=116.3"
    return (b"\xff\xd8" + _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
            + _segment(0xE1, exif) + _segment(0xFE, b"camera owner") + _segment(0xDB, bytes(65))
            + _segment(0xC0, b"\x08\x00\x01\x00\x01\x01\x01\x11\x00") + _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
            + b"\x12\x34\xff\x00\x56" + b"\xff\xd9" + b"<html><script>alert(1)</script></html>")


def pdf(body: bytes = b"1 0 obj << /Type /Catalog >> endobj") -> bytes:
    return b"%PDF-1.4\n" + body + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def upload(content: bytes, name: str = "材料.png", content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


HOSTILE = {
    "html_as_jpg": (b"<html><body><script>alert(1)</script></body></html>", "photo.jpg", "image/jpeg"),
    "svg_script": (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "a.svg", "image/svg+xml"),
    "eicar": (b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*", "eicar.pdf",
              "application/pdf"),
    "zip": (b"PK\x03\x04" + bytes(40), "bomb.zip", "application/zip"),
    "pdf_js": (pdf(b"1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj"), "a.pdf",
               "application/pdf"),
    "exe": (b"MZ\x90\x00" + bytes(60), "setup.pdf", "application/pdf"),
}
