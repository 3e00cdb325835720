"""The work report as .docx in the 党政机关公文格式 (GB/T 9704-2012), with python-docx.

- A4 (210 × 297 mm); margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm: a 156 × 225 mm 版心.
- 22 lines of 28 characters: exact line spacing of 28.9 pt (22 × 28.9 pt ≤ 225 mm) and a document grid whose
  character pitch is 156 mm ÷ 28 (the 3号 font, 16 pt, narrowed by the grid's charSpace).
- Title 2号 (22 pt) 方正小标宋简体, centred, a blank line below; body 3号 (16 pt) 仿宋_GB2312 with a
  two-character first-line indent; first-level heads (一、) 3号黑体; second-level heads ((一)) 3号楷体_GB2312.
- Page numbers 4号 (14 pt) 宋体 “— 1 —” under the 版心: odd pages right, even pages left, one character in.
- 落款: the signer centred over the date, the date two characters from the right (7.3.5.2); 附注 in brackets,
  two characters in, on the line below the date. A figure overridden by hand, or without a value, carries a
  superscript note number explained there (“人工修改：…系统计算值为…”).
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .document import FreeSection, ReportDocument, cn_date
from .templating import Figure

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEAD1_FONT = "黑体"
HEAD2_FONT = "楷体_GB2312"
PAGE_FONT = "宋体"
TITLE_SIZE, BODY_SIZE, PAGE_SIZE = Pt(22), Pt(16), Pt(14)
LINE_PITCH = Pt(28.9)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
CHARS_PER_LINE, LINES_PER_PAGE = 28, 22
INDENT = Pt(32)  # two characters of 3号


def _fonts(run, name: str, size, *, superscript: bool = False) -> None:
    """Set a run's font for Latin and East Asian text alike (Word picks the East Asian slot for 汉字)."""
    run.font.name = name
    run.font.size = size
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), name)
    if superscript:
        run.font.superscript = True


def _paragraph(doc, *, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_indent=INDENT, left=None, right=None):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = align
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = first_indent
    if left is not None:
        fmt.left_indent = left
    if right is not None:
        fmt.right_indent = right
    return p


def _text(p, text: str, font: str = BODY_FONT, size=BODY_SIZE):
    if text:
        _fonts(p.add_run(text), font, size)


def _figure(p, figure: Figure) -> None:
    _text(p, figure.text)
    if figure.note_number:
        _fonts(p.add_run(f"注{figure.note_number}"), BODY_FONT, BODY_SIZE, superscript=True)


def _piece(p, piece, *, lead: bool = False) -> None:
    items = list(piece.items)
    if lead:
        text = "".join(i if isinstance(i, str) else i.text for i in items).strip()
        if text and not text.endswith(("。", "！", "？", "：")):
            items.append("。")
    for item in items:
        if isinstance(item, Figure):
            _figure(p, item)
        else:
            _text(p, item)


def _page_number_footer(footer, align, *, left=None, right=None) -> None:
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.paragraph_format.alignment = align
    if left is not None:
        p.paragraph_format.left_indent = left
    if right is not None:
        p.paragraph_format.right_indent = right
    _fonts(p.add_run("— "), PAGE_FONT, PAGE_SIZE)
    run = p.add_run()
    _fonts(run, PAGE_FONT, PAGE_SIZE)
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._element.append(el)
    _fonts(p.add_run(" —"), PAGE_FONT, PAGE_SIZE)


def _setup(doc: Document, report: ReportDocument) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = Mm(15)
    section.footer_distance = Mm(23)  # the page number's line sits about 7 mm below the 版心
    # The document grid: 22 lines × 28 characters (GB/T 9704-2012 5.2.2).
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(int(LINE_PITCH.pt * 20)))
    text_width_pt = Mm(210 - MARGINS_MM["left"] - MARGINS_MM["right"]).pt
    grid.set(qn("w:charSpace"), str(round((text_width_pt / CHARS_PER_LINE - BODY_SIZE.pt) * 4096)))
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, BODY_SIZE
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), BODY_FONT)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number_footer(section.footer, WD_ALIGN_PARAGRAPH.RIGHT, right=PAGE_SIZE)
    _page_number_footer(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, left=PAGE_SIZE)
    props = doc.core_properties
    props.title, props.author, props.subject = report.title, report.signer, report.period.label
    props.comments = "由 Sifa 根据业务记录生成；数字均由统计指标计算，人工修改处见附注。"


def _text_width(text: str) -> float:
    """Width in characters of 3号: 汉字 1, digits and Latin ½."""
    return sum(0.5 if ord(ch) < 128 else 1 for ch in text)


def render(report: ReportDocument) -> bytes:
    doc = Document()
    _setup(doc, report)
    title = _paragraph(doc, align=WD_ALIGN_PARAGRAPH.CENTER, first_indent=Pt(0))
    title.paragraph_format.line_spacing = Pt(35)
    _text(title, report.title, TITLE_FONT, TITLE_SIZE)
    _paragraph(doc)  # GB/T 9704: a blank line between the title and the body

    if report.salutation:  # 主送机关: flush left, no indent (GB/T 9704 7.2.4)
        _text(_paragraph(doc, first_indent=Pt(0)), report.salutation)
    if report.preface:
        _text(_paragraph(doc), report.preface)
    for section in report.body:
        _text(_paragraph(doc), section.heading, HEAD1_FONT)
        if isinstance(section, FreeSection):
            for head, rest in section.paragraphs or [("", "（待填写）")]:
                p = _paragraph(doc)
                _text(p, head, HEAD2_FONT)
                _text(p, rest)
            continue
        for chapter in section.chapters:
            _text(_paragraph(doc), chapter.number + chapter.title, HEAD2_FONT)
            for line in (chapter.text.splitlines() if chapter.text else []):
                if line.strip():
                    _text(_paragraph(doc), line.strip())
            if not chapter.items:
                continue
            body = _paragraph(doc)
            for item in chapter.items:
                _text(body, item.ordinal)
                _piece(body, item.lead, lead=True)
                for sentence in item.sentences:
                    _piece(body, sentence)
        if not section.chapters:
            _text(_paragraph(doc), "（本期各业务条线均无统计数据。）")

    # 落款 (7.3.5.2): the date two characters in from the right, the signer centred over it.
    date = cn_date(report.signed_on)
    _paragraph(doc)
    date_width, signer_width = _text_width(date), _text_width(report.signer)
    signer_right = 2 + max(0.0, (date_width - signer_width) / 2)
    date_right = 2 + max(0.0, (signer_width - date_width) / 2)
    _text(_paragraph(doc, align=WD_ALIGN_PARAGRAPH.RIGHT, first_indent=Pt(0), right=Pt(16 * signer_right)),
          report.signer)
    _text(_paragraph(doc, align=WD_ALIGN_PARAGRAPH.RIGHT, first_indent=Pt(0), right=Pt(16 * date_right)), date)
    if report.appendix:
        _text(_paragraph(doc), report.appendix)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
