"""Documents (文书) as .docx from docxtpl templates, shared by the business lines.

A line ships default templates built with `official_document` (A4, GB/T 9704 margins, 仿宋 body and 小标宋
title) and `lines`, and renders them with `render`: the template runs in a Jinja sandbox over plain dicts and
strings only, with XML escaping, so a template edited by a bureau can neither reach Python objects nor break
the document with a stray "<". `cn_date` writes dates as documents do (2024年3月5日).
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BODY_FONT, TITLE_FONT = "仿宋_GB2312", "方正小标宋简体"


def cn_date(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _environment(strict: bool = False) -> SandboxedEnvironment:
    env = SandboxedEnvironment(autoescape=False)
    if strict:
        env.undefined = StrictUndefined
    return env


def render(template_bytes: bytes, context: dict, strict: bool = False) -> bytes:
    """The template filled with `context` (plain values only); `strict` fails on an unknown field."""
    doc = DocxTemplate(io.BytesIO(template_bytes))
    doc.render(context, jinja_env=_environment(strict), autoescape=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def official_document(title: str) -> Document:
    """An empty A4 document in the 公文 layout with its centred title."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    style = doc.styles["Normal"]
    style.font.name = BODY_FONT
    style.font.size = Pt(16)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.font.size = Pt(22)
    run.font.name = TITLE_FONT
    run._element.rPr.rFonts.set(qn("w:eastAsia"), TITLE_FONT)
    return doc


def lines(doc: Document, *texts: str, align=None) -> None:
    for text in texts:
        paragraph = doc.add_paragraph(text)
        if align is not None:
            paragraph.alignment = align
