"""Reading a draft's text from .docx (accepted text: insertions kept, deletions and moved-from text dropped),
.pdf (its text layer, by pypdf) and .txt (UTF-8 or GB18030). Refusals are Chinese and name what to do."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

MAX_BYTES = 20 * 1024 * 1024
MAX_PAGES = 200
MAX_CHARS = 200_000  # about 150 pages of a 公文: beyond it the check would not finish in a bounded time
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SKIPPED = {W + "del", W + "moveFrom", W + "delText", W + "instrText", W + "pPrChange", W + "rPrChange"}


class DraftUnreadable(ValueError):
    """A draft that cannot be read; the message is for the user."""


def read_bytes(data: bytes, name: str) -> str:
    if not data:
        raise DraftUnreadable("文件为空，请重新选择。")
    if len(data) > MAX_BYTES:
        raise DraftUnreadable(f"文件超过{MAX_BYTES // 1024 // 1024}MB，请拆分后分别送审。")
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if data[:4] == b"PK\x03\x04" and suffix in ("docx", ""):
        text = _docx(data)
    elif data[:5] == b"%PDF-":
        text = _pdf(data)
    elif suffix in ("txt", "") and b"\x00" not in data[:4096]:
        text = _txt(data)
    elif suffix == "doc" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise DraftUnreadable("不支持旧版Word（.doc）文件，请另存为.docx或PDF后上传。")
    else:
        raise DraftUnreadable("只能读取.docx、.pdf和.txt格式的送审稿（按文件内容判断）。")
    text = text.strip()
    if len(text) > MAX_CHARS:
        raise DraftUnreadable(f"送审稿超过{MAX_CHARS // 10000}万字（约150页），超出机审范围，请分册送审或人工审查。")
    return text


def _txt(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DraftUnreadable("文本文件的编码无法识别，请另存为UTF-8编码。")


def _paragraph_text(paragraph) -> str:
    parts: list[str] = []

    def walk(node):
        for child in node:
            if child.tag in SKIPPED:
                continue
            if child.tag == W + "t":
                parts.append(child.text or "")
            elif child.tag == W + "tab":
                parts.append("\t")
            elif child.tag in (W + "br", W + "cr"):
                parts.append("\n")
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _docx(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names:
                raise DraftUnreadable("文件不是有效的Word（.docx）文档。")
            if any(n.endswith("vbaProject.bin") for n in names):
                raise DraftUnreadable("文档含有宏，请另存为不含宏的.docx后上传。")
            info = archive.getinfo("word/document.xml")
            if info.file_size > 100 * 1024 * 1024:
                raise DraftUnreadable("文档内容过大，超出机审范围。")
            xml = archive.read("word/document.xml")
    except zipfile.BadZipFile:
        raise DraftUnreadable("文件已损坏，无法读取，请重新导出后上传。")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        raise DraftUnreadable("文档内容已损坏，无法读取。")
    body = root.find(W + "body")
    paragraphs = [_paragraph_text(p) for p in body.iter(W + "p")] if body is not None else []
    return "\n".join(p for p in paragraphs if p.strip())


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DraftUnreadable("PDF文件已加密，请解除密码后上传。")
        if len(reader.pages) > MAX_PAGES:
            raise DraftUnreadable(f"PDF超过{MAX_PAGES}页，超出机审范围，请分册送审或人工审查。")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DraftUnreadable:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError):
        raise DraftUnreadable("PDF文件已损坏，无法读取。")
    text = "\n".join(pages)
    if len("".join(text.split())) < 20:
        raise DraftUnreadable("PDF没有可读取的文字层（可能是扫描件），请上传带文字层的PDF或Word文件，"
                              "或先进行文字识别（OCR）。")
    return text
