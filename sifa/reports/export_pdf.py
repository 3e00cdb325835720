"""The work report as PDF, with reportlab and its built-in CID font STSong-Light (Adobe-GB1; no font file is
needed or embedded, readers supply a Song face). Same structure and page geometry as the .docx: A4, GB/T 9704
margins, 3号 text on a 28.9 pt line pitch, page numbers “— 1 —” in 4号 under the text block, odd pages right and
even pages left. One face only, so heads differ by position, not by typeface."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from .document import ReportDocument, cn_date
from .export_docx import LINE_PITCH, MARGINS_MM
from .templating import Figure

FONT = "STSong-Light"
BODY, TITLE, PAGE = 16, 22, 14


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _styles() -> dict:
    font = _font()
    base = dict(fontName=font, fontSize=BODY, leading=LINE_PITCH.pt, wordWrap="CJK", alignment=TA_JUSTIFY,
                firstLineIndent=2 * BODY)
    return {
        "title": ParagraphStyle("title", **{**base, "fontSize": TITLE, "leading": 35, "alignment": TA_CENTER,
                                            "firstLineIndent": 0, "spaceAfter": LINE_PITCH.pt}),
        "body": ParagraphStyle("body", **base),
        "right": ParagraphStyle("right", **{**base, "alignment": TA_RIGHT, "firstLineIndent": 0}),
    }


def _markup(items) -> str:
    out = []
    for item in items:
        if isinstance(item, Figure):
            out.append(escape(item.text))
            if item.note_number:
                out.append(f"<super>注{item.note_number}</super>")
        else:
            out.append(escape(item))
    return "".join(out)


def _lead(piece) -> str:
    text = _markup(piece.items).strip()
    return text if not text or text.endswith(("。", "！", "？", "：")) else text + "。"


def _width(text: str) -> float:
    return sum(0.5 if ord(ch) < 128 else 1 for ch in text)


def render(report: ReportDocument) -> bytes:
    styles = _styles()
    body, right = styles["body"], styles["right"]
    story = [Paragraph(escape(report.title), styles["title"]), Paragraph(escape(report.work_heading), body)]
    for chapter in report.chapters:
        story.append(Paragraph(escape(chapter.number + chapter.title), body))
        text = "".join(escape(item.ordinal) + _lead(item.lead) + "".join(_markup(s.items) for s in item.sentences)
                       for item in chapter.items)
        story.append(Paragraph(text, body))
    if not report.chapters:
        story.append(Paragraph("（尚无已建业务条线的统计数据。）", body))
    for section in (report.problems, report.plans):
        story.append(Paragraph(escape(section.heading), body))
        for head, rest in section.paragraphs or [("", "（待填写）")]:
            story.append(Paragraph(escape(head + rest), body))
    date = cn_date(report.signed_on)
    story.append(Spacer(1, LINE_PITCH.pt))
    signer_right = 2 + max(0.0, (_width(date) - _width(report.signer)) / 2)
    date_right = 2 + max(0.0, (_width(report.signer) - _width(date)) / 2)
    story.append(Paragraph(escape(report.signer), ParagraphStyle("signer", parent=right, rightIndent=BODY * signer_right)))
    story.append(Paragraph(escape(date), ParagraphStyle("date", parent=right, rightIndent=BODY * date_right)))
    if report.notes:
        notes = "；".join(f"注{f.note_number}. {f.note.rstrip('。')}" for f in report.notes)
        story.append(Paragraph(escape(f"（附注：{notes}。）"), body))

    out = io.BytesIO()
    page_w, page_h = A4
    doc = SimpleDocTemplate(out, pagesize=A4, topMargin=MARGINS_MM["top"] * mm,
                            bottomMargin=MARGINS_MM["bottom"] * mm, leftMargin=MARGINS_MM["left"] * mm,
                            rightMargin=MARGINS_MM["right"] * mm, title=report.title, author=report.signer,
                            subject=report.period.label, creator="Sifa")

    def page_number(canvas, document):
        n = document.page
        label = f"— {n} —"
        y = (MARGINS_MM["bottom"] - 7) * mm - PAGE
        canvas.saveState()
        canvas.setFont(FONT, PAGE)
        if n % 2:
            canvas.drawRightString(page_w - MARGINS_MM["right"] * mm - PAGE, y, label)
        else:
            canvas.drawString(MARGINS_MM["left"] * mm + PAGE, y, label)
        canvas.restoreState()

    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return out.getvalue()
