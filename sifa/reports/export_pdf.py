"""The work report as PDF (reportlab), typeset like the .docx in the 党政机关公文格式 (GB/T 9704-2012):

- A4; margins 37/35/28/26 mm: a 156 × 225 mm 版心 of 22 lines × 28 characters — the body's characters are
  set at the grid's pitch (156 mm ÷ 28, 3号 narrowed as Word's document grid does) on a 28.9 pt line pitch;
- title 2号 in a Song face drawn heavy (小标宋-style), centred, a blank line below; body 3号 Song (宋/仿宋-style);
  一、 heads 3号 黑体; （一） heads and the first sentence of a “（一）…。” paragraph 3号 楷体;
- lines broken by 避头尾 (sifa.reports.typeset): no line starts with “，”“；”“。”, no number is cut in two;
- page numbers 4号 “— 1 —” under the 版心, odd pages right, even pages left, one character in; 落款 and 附注 as
  in the .docx.

The faces come from Debian's font packages and are embedded (sifa.reports.fonts); a character a face lacks (a
生僻字 in a name) is set in AR PL UMing rather than dropped.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer

from .document import FreeSection, ReportDocument, cn_date
from .export_docx import CHARS_PER_LINE, LINE_PITCH, MARGINS_MM
from .fonts import FontSet, fonts
from .templating import Figure
from .typeset import ChineseParagraph, HeavyParagraph

TITLE, PAGE = 22, 14
TEXT_WIDTH = A4[0] - (MARGINS_MM["left"] + MARGINS_MM["right"]) * mm
BODY = TEXT_WIDTH / CHARS_PER_LINE   # 3号 (16 pt) on the 28-character grid: 15.79 pt
# AR PL KaitiM's glyphs fill less of their em than the Song's: set a tenth larger, its heads read as 3号 beside them.
KAI_SCALE = 1.1


class _Writer:
    """Markup for reportlab's mini-HTML in the report's faces."""

    def __init__(self, faces: FontSet):
        self.faces = faces

    def text(self, text: str, face: str | None = None) -> str:
        """`text` escaped, in `face` (the paragraph's own face when None); characters the face lacks go to the
        face for rare characters."""
        own = face or self.faces.body
        out, run, run_face = [], [], own
        for ch in text:
            ch_face = own if self.faces.rare is None or self.faces.covers(own, ch) else self.faces.rare
            if ch_face != run_face and run:
                out.append(self._font(run_face, "".join(run), own, face))
                run = []
            run_face = ch_face
            run.append(ch)
        if run:
            out.append(self._font(run_face, "".join(run), own, face))
        return "".join(out)

    def _font(self, face: str, text: str, own: str, asked: str | None) -> str:
        body = escape(text)
        if face == self.faces.kai and self.faces.embedded:  # an inline 楷体 head, at the Kai face's optical size
            return f'<font name="{face}" size="{BODY * KAI_SCALE:.2f}">{body}</font>'
        return body if face == own and asked is None else f'<font name="{face}">{body}</font>'

    def items(self, items) -> str:
        out = []
        for item in items:
            if isinstance(item, Figure):
                out.append(self.text(item.text))
                if item.note_number:
                    out.append(f"<super>{self.text(f'注{item.note_number}')}</super>")
            else:
                out.append(self.text(item))
        return "".join(out)

    def lead(self, piece) -> str:
        items = list(piece.items)
        text = "".join(i if isinstance(i, str) else i.text for i in items).strip()
        if text and not text.endswith(("。", "！", "？", "：")):
            items.append("。")
        return self.items(items)


def _styles(faces: FontSet) -> dict:
    base = dict(fontName=faces.body, fontSize=BODY, leading=LINE_PITCH.pt, wordWrap="CJK", alignment=TA_JUSTIFY,
                firstLineIndent=2 * BODY)
    return {
        "title": ParagraphStyle("title", **{**base, "fontName": faces.title, "fontSize": TITLE, "leading": 35,
                                            "alignment": TA_CENTER, "firstLineIndent": 0,
                                            "spaceAfter": LINE_PITCH.pt}),
        "body": ParagraphStyle("body", **base),
        "head1": ParagraphStyle("head1", **{**base, "fontName": faces.hei}),
        "head2": ParagraphStyle("head2", **{**base, "fontName": faces.kai,
                                            "fontSize": BODY * (KAI_SCALE if faces.embedded else 1)}),
        "right": ParagraphStyle("right", **{**base, "alignment": TA_RIGHT, "firstLineIndent": 0}),
    }


def _width(text: str) -> float:
    return sum(0.5 if ord(ch) < 128 else 1 for ch in text)


def render(report: ReportDocument) -> bytes:
    faces = fonts()
    write = _Writer(faces)
    styles = _styles(faces)
    body, right = styles["body"], styles["right"]
    story = [HeavyParagraph(write.text(report.title), styles["title"])]
    if report.salutation:
        story.append(ChineseParagraph(write.text(report.salutation),
                                      ParagraphStyle("salutation", parent=body, firstLineIndent=0)))
    if report.preface:
        story.append(ChineseParagraph(write.text(report.preface), body))
    for section in report.body:
        story.append(ChineseParagraph(write.text(section.heading), styles["head1"]))
        if isinstance(section, FreeSection):
            for head, rest in section.paragraphs or [("", "（待填写）")]:
                story.append(ChineseParagraph(write.text(head, faces.kai) + write.text(rest), body))
            continue
        for chapter in section.chapters:
            story.append(ChineseParagraph(write.text(chapter.number + chapter.title), styles["head2"]))
            for line in (chapter.text.splitlines() if chapter.text else []):
                if line.strip():
                    story.append(ChineseParagraph(write.text(line.strip()), body))
            if not chapter.items:
                continue
            text = "".join(write.text(item.ordinal) + write.lead(item.lead)
                           + "".join(write.items(s.items) for s in item.sentences) for item in chapter.items)
            story.append(ChineseParagraph(text, body))
        if not section.chapters:
            story.append(ChineseParagraph(write.text("（本期各业务条线均无统计数据。）"), body))
    date = cn_date(report.signed_on)
    story.append(Spacer(1, LINE_PITCH.pt))
    signer_right = 2 + max(0.0, (_width(date) - _width(report.signer)) / 2)
    date_right = 2 + max(0.0, (_width(report.signer) - _width(date)) / 2)
    story.append(ChineseParagraph(write.text(report.signer),
                                  ParagraphStyle("signer", parent=right, rightIndent=BODY * signer_right)))
    story.append(ChineseParagraph(write.text(date), ParagraphStyle("date", parent=right, rightIndent=BODY * date_right)))
    if report.appendix:
        story.append(ChineseParagraph(write.text(report.appendix), body))

    out = io.BytesIO()
    page_w, page_h = A4
    doc = BaseDocTemplate(out, pagesize=A4, title=report.title, author=report.signer, subject=report.period.label,
                          creator="Sifa")
    # The frame is the 版心 itself (no padding), so 28 characters fill a line and 22 lines a page.
    frame = Frame(MARGINS_MM["left"] * mm, MARGINS_MM["bottom"] * mm, TEXT_WIDTH,
                  page_h - (MARGINS_MM["top"] + MARGINS_MM["bottom"]) * mm + 2,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def page_number(canvas, document):
        n = document.page
        label = f"— {n} —"
        y = (MARGINS_MM["bottom"] - 7) * mm - PAGE
        canvas.saveState()
        canvas.setFont(faces.body, PAGE)
        if n % 2:
            canvas.drawRightString(page_w - MARGINS_MM["right"] * mm - PAGE, y, label)
        else:
            canvas.drawString(MARGINS_MM["left"] * mm + PAGE, y, label)
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate("page", [frame], onPage=page_number)])
    doc.build(story)
    return out.getvalue()
