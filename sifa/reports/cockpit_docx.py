"""The cockpit as the leader's one-page brief (.docx): title, period, the targets not met listed first, then the
figures table (two figures a row: 本期, 同比, 目标 with its status), grouped by line.

Page setup, fonts and page numbers are the work report's (export_docx: A4, GB/T 9704 margins, 仿宋/黑体/楷体, the
title in 小标宋). The body and the table are set smaller than the report's 3号 and off the report's 28.9 pt line grid
(snapToGrid off), so that a county's whole set of key figures can stand on one page.

One page is kept by layout, not hoped for: `plan` estimates the height of every block from the fonts' sizes, the
exact line spacings and the column widths (汉字 one em, digits and Latin half an em, lines wrapped at the cell's
width) and, while the estimate exceeds the 版心 (less a safety margin), leaves out the least telling figures —
first those that are zero or empty this year and last year, then those without a value now, then others, always
from the line that still has the most — never a figure with a target. What is left out is counted in the note
under the table (“另有N项……详见法治驾驶舱”).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from types import SimpleNamespace

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from . import export_docx
from .cockpit import MET, UNKNOWN, UNMET, CockpitData, CockpitFigure
from .export_docx import BODY_FONT, HEAD1_FONT, HEAD2_FONT, MARGINS_MM, TITLE_FONT, TITLE_SIZE, _fonts

# --- geometry (points) ---
TEXT_WIDTH = Mm(210 - MARGINS_MM["left"] - MARGINS_MM["right"]).pt      # 442.2
TEXT_HEIGHT = Mm(297 - MARGINS_MM["top"] - MARGINS_MM["bottom"]).pt     # 637.8
SAFETY = 0.95                  # the estimate must leave 5 % of the 版心 free (font metrics, borders)
TITLE_PITCH = 35.0
SUB_SIZE, SUB_PITCH = 14.0, 24.0            # 4号 楷体: the period
HEAD_SIZE, HEAD_PITCH = 12.0, 20.0            # 小四 黑体: 一、二、 heads
BODY_SMALL, BODY_PITCH = 10.5, 16.0          # 五号 仿宋: the summary and the unmet targets
CELL_SIZE, CELL_PITCH = 9.0, 11.0            # 小五 仿宋: the table
NOTE_SIZE, NOTE_PITCH = 9.0, 11.0
ROW_EXTRA = 1.0                               # borders and rounding per table row
CELL_PAD = 1.5                                # left and right cell margins
LINE_COL = 40.0                               # four 汉字: most lines' names on one line
GROUP_COLS = (90.0, 40.0, 36.0, 35.0)        # 指标, 本期, 同比, 目标 — two groups a row (442 pt in all)
PER_ROW = 2

RED, GREEN, GREY = RGBColor(0xB4, 0x23, 0x18), RGBColor(0x1F, 0x7A, 0x3A), RGBColor(0x6B, 0x70, 0x78)
MARKS = {MET: "√", UNMET: "×", UNKNOWN: "？"}
MARK_COLOURS = {MET: GREEN, UNMET: RED, UNKNOWN: GREY}


def title(data: CockpitData) -> str:
    return f"{data.org_name}法治建设主要指标简报"


def subtitle(data: CockpitData) -> str:
    return f"（{data.period_label}　同比为与上年同期相比　对照{data.year}年目标）"


# ------------------------------------------------------------------------------------------------ measuring

def text_em(text: str) -> float:
    """Width in ems: 汉字 and full-width marks one, digits, Latin and ASCII marks half."""
    return sum(0.5 if ord(ch) < 128 else 1.0 for ch in text)


def line_count(text: str, size: float, width: float, first_indent: float = 0.0) -> int:
    """Lines `text` takes at `size` pt in `width` pt (a slight over-estimate: no kerning, breaks anywhere)."""
    if not text:
        return 1
    per_line = width / size
    em = text_em(text) + first_indent / size
    return max(1, math.ceil(em / per_line - 1e-9))


def _cell_lines(text: str, width: float) -> int:
    return line_count(text, CELL_SIZE, width - 2 * CELL_PAD)


def yoy_text(f: CockpitFigure) -> str:
    """同比 in a few characters: ↑12.5% (↑6300% from 100% up) for counts, ↓0.12 (percentage points) for rates,
    持平, or —."""
    if not f.arrow:
        return "—"
    if f.arrow == "→":
        return "持平"
    if f.rate:
        rate = float(f.rate.strip("+-%"))
        return f.arrow + (f"{rate:.0f}%" if rate >= 100 else f"{rate:.1f}%")  # ↑6300% fits the column, ↑6300.0% not
    amount = f.delta.lstrip("+-")
    for unit in ("个百分点", f.unit):
        if unit and amount.endswith(unit):
            amount = amount[: -len(unit)]
            break
    return f.arrow + amount


def target_text(f: CockpitFigure) -> str:
    if f.target is None:
        return ""
    text = f.target.text
    if f.unit and f.unit != "%" and text.endswith(f.unit):
        text = text[: -len(f.unit)]
    return text.rstrip("%") + MARKS[f.target.status]


@dataclass
class Cell:
    name: str
    value: str
    yoy: str
    target: str
    status: str = ""

    def lines(self) -> int:
        widths = GROUP_COLS
        return max(_cell_lines(self.name, widths[0]), _cell_lines(self.value, widths[1]),
                   _cell_lines(self.yoy, widths[2]), _cell_lines(self.target, widths[3]))


def cell_for(f: CockpitFigure) -> Cell:
    """The unit goes with the number when it fits there (640件, 98.00%), else after the name (律师万人比（人/万人）)."""
    name, value = f.name, f.display
    if f.value is not None and f.unit:
        if _cell_lines(value + f.unit, GROUP_COLS[1]) == 1:
            value += f.unit
        else:
            name += f"（{f.unit}）"
    return Cell(name, value, yoy_text(f), target_text(f), f.target.status if f.target else "")


@dataclass
class Block:
    line: str
    cells: list[Cell]

    @property
    def rows(self) -> list[list[Cell]]:
        return [self.cells[i:i + PER_ROW] for i in range(0, len(self.cells), PER_ROW)]

    def height(self) -> float:
        rows = [max(c.lines() for c in row) * CELL_PITCH + ROW_EXTRA for row in self.rows]
        line_cell = _cell_lines(self.line, LINE_COL) * CELL_PITCH + ROW_EXTRA
        return max(sum(rows), line_cell)


@dataclass
class Plan:
    blocks: list[Block]
    unmet: list[str]
    summary: str
    note: str
    left_out: int = 0
    height: float = 0.0
    parts: dict = field(default_factory=dict)

    @property
    def fits(self) -> bool:
        return self.height <= TEXT_HEIGHT * SAFETY


def unmet_sentence(index: int, f: CockpitFigure) -> str:
    """One line each: “（1）调解成功率（人民调解）97.97%，目标≥98%，差0.03个百分点。” (同比 is in the table)."""
    return f"（{index}）{f.name}（{f.line}）{f.display_with_unit}，目标{f.target.text}，{f.target.gap}。"


def _summary(data: CockpitData, shown: int) -> str:
    c = data.counts
    text = f"本简报列示指标{shown}项（驾驶舱共{c['figures']}项）"
    if c["targets"]:
        text += f"，设定目标{c['targets']}项：达成{c['met']}项，未达成{c['unmet']}项"
        if c["unknown"]:
            text += f"，无法判断{c['unknown']}项"
    else:
        text += f"，{data.year}年尚未设定目标"
    return text + "。"


def _note(data: CockpitData, left_out: int) -> str:
    text = ("注：目标栏√为达成、×为未达成、？为无法判断（本期无数值）；率类指标的同比为增减百分点。数值由Sifa根据业务记录"
            f"计算（{data.computed_at}）")
    if left_out:
        text += f"；限于篇幅，另有{left_out}项指标（本期和上年同期均为零或无数值者优先略去）未列入，详见法治驾驶舱"
    return text + "。"


def _measure(data: CockpitData, blocks: list[Block], left_out: int) -> Plan:
    unmet = [unmet_sentence(i, f) for i, f in enumerate(data.unmet, 1)] or ["本期设定的目标均已达成或尚无法判断。"
                                                                           if data.counts["targets"]
                                                                           else "本年度尚未设定目标值。"]
    shown = sum(len(b.cells) for b in blocks)
    plan = Plan(blocks, unmet, _summary(data, shown), _note(data, left_out), left_out)
    parts = {
        "title": line_count(title(data), TITLE_SIZE.pt, TEXT_WIDTH) * TITLE_PITCH,
        "subtitle": line_count(subtitle(data), SUB_SIZE, TEXT_WIDTH) * SUB_PITCH,
        "summary": line_count(plan.summary, BODY_SMALL, TEXT_WIDTH, 2 * BODY_SMALL) * BODY_PITCH,
        "heads": 2 * HEAD_PITCH,
        "unmet": sum(line_count(t, BODY_SMALL, TEXT_WIDTH, 2 * BODY_SMALL) * BODY_PITCH for t in unmet),
        "table": CELL_PITCH + ROW_EXTRA + sum(b.height() for b in blocks),
        "note": line_count(plan.note, NOTE_SIZE, TEXT_WIDTH) * NOTE_PITCH,
    }
    plan.parts, plan.height = parts, sum(parts.values())
    return plan


def _tier(f: CockpitFigure) -> int:
    """0 = leave out first: zero or no value now and last year; 1 = no value now; 2 = the rest."""
    empty_now = f.value in (None, 0)
    empty_before = f.previous_display in ("—", "0")
    if empty_now and empty_before:
        return 0
    if empty_now:
        return 1
    return 2


def plan(data: CockpitData) -> Plan:
    """What the page holds, and its estimated height; figures left out until it fits (targets never).

    Each step leaves out one figure of the lowest tier still present (see _tier), choosing the one whose removal
    shortens the table most (a line with an odd number of figures gives up a whole row; a wrapped name frees a
    line), then from the line that still has the most figures, then the later figure of that line; a line's
    first figure, its headline, only when no other is left."""
    kept = {block["line"]: list(block["figures"]) for block in data.lines}
    cells = {id(f): cell_for(f) for figures in kept.values() for f in figures}
    left_out = 0

    def block(line, figures) -> Block:
        return Block(line, [cells[id(f)] for f in figures])

    def build():
        return _measure(data, [block(line, figures) for line, figures in kept.items() if figures], left_out)

    current = build()
    while not current.fits:
        droppable = [(line, i, f) for line, figures in kept.items() for i, f in enumerate(figures)
                     if f.target is None]
        if not droppable:
            break
        tier = min(_tier(f) for _line, _i, f in droppable)
        best, best_key = None, None
        for line, i, f in droppable:
            if _tier(f) != tier:
                continue
            figures = kept[line]
            rest = figures[:i] + figures[i + 1:]
            before = block(line, figures).height()
            after = block(line, rest).height() if rest else 0.0
            key = (i > 0, before - after, len(figures), i)  # a line's first (headline) figure goes last
            if best_key is None or key > best_key:
                best, best_key = (line, i), key
        line, i = best
        kept[line].pop(i)
        left_out += 1
        current = build()
    return current


# ------------------------------------------------------------------------------------------------ writing

def _off_grid(p, *, size: float, pitch: float, align=WD_ALIGN_PARAGRAPH.LEFT, first_indent: float = 0.0):
    """A paragraph off the document grid, with an exact line pitch."""
    fmt = p.paragraph_format
    fmt.alignment = align
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(pitch)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(first_indent)
    ppr = p._p.get_or_add_pPr()
    if ppr.find(qn("w:snapToGrid")) is not None:
        return p
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.insert_element_before(snap, "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                              "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
                              "w:sectPr", "w:pPrChange")
    return p


def _run(p, text: str, font: str = BODY_FONT, size: float = BODY_SMALL, *, bold=False, colour=None):
    if not text:
        return None
    run = p.add_run(text)
    _fonts(run, font, Pt(size))
    run.font.snap_to_grid = False
    if bold:
        run.bold = True
    if colour is not None:
        run.font.color.rgb = colour
    return run


def _cell_text(cell, text: str, *, align=WD_ALIGN_PARAGRAPH.LEFT, font=BODY_FONT, bold=False, colour=None):
    p = cell.paragraphs[0]
    _off_grid(p, size=CELL_SIZE, pitch=CELL_PITCH, align=align)
    _run(p, text, font, CELL_SIZE, bold=bold, colour=colour)


def _table_setup(table, widths: list[float]) -> None:
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # w:tblLayout fixed: the columns keep the widths the plan measured
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side, value in (("top", 0), ("left", CELL_PAD), ("bottom", 0), ("right", CELL_PAD)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(int(value * 20)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Pt(width)
    for row in table.rows:
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        row.height = Pt(CELL_PITCH)
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Pt(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _write_table(doc, blocks: list[Block]) -> None:
    widths = [LINE_COL, *GROUP_COLS * PER_ROW]
    rows = sum(len(b.rows) for b in blocks)
    table = doc.add_table(rows=1 + rows, cols=len(widths))
    table.style = doc.styles["Table Grid"]
    _table_setup(table, widths)
    for tc in table._tbl.iter(qn("w:tc")):  # every cell, the merged-away ones too, off the grid at the table's pitch
        for p in tc.iter(qn("w:p")):
            _off_grid(Paragraph(p, table), size=CELL_SIZE, pitch=CELL_PITCH)
    heads = ["条线", *("指标", "本期", "同比", "目标") * PER_ROW]
    for cell, head in zip(table.rows[0].cells, heads, strict=True):
        _cell_text(cell, head, align=WD_ALIGN_PARAGRAPH.CENTER, font=HEAD1_FONT)
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    header.append(repeat)
    index = 1
    for block in blocks:
        first = index
        for row_cells in block.rows:
            cells = table.rows[index].cells
            for g, cell in enumerate(row_cells):
                base = 1 + g * len(GROUP_COLS)
                _cell_text(cells[base], cell.name)
                _cell_text(cells[base + 1], cell.value, align=WD_ALIGN_PARAGRAPH.RIGHT)
                _cell_text(cells[base + 2], cell.yoy, align=WD_ALIGN_PARAGRAPH.RIGHT)
                _cell_text(cells[base + 3], cell.target, align=WD_ALIGN_PARAGRAPH.CENTER,
                           bold=cell.status == UNMET, colour=MARK_COLOURS.get(cell.status))
            index += 1
        line_cell = table.cell(first, 0)
        if index - 1 > first:
            line_cell = line_cell.merge(table.cell(index - 1, 0))
        for p in line_cell.paragraphs[1:]:  # a merge leaves the merged cells' empty paragraphs behind
            p._p.getparent().remove(p._p)
        _cell_text(line_cell, block.line, align=WD_ALIGN_PARAGRAPH.CENTER, font=HEAD1_FONT)


def render(data: CockpitData) -> bytes:
    layout = plan(data)
    doc = Document()
    export_docx._setup(doc, SimpleNamespace(title=title(data), signer=data.org_name,
                                            period=SimpleNamespace(label=data.period_label)))
    doc.core_properties.comments = "由 Sifa 根据业务记录生成；数字均由统计指标计算，目标为本局设定的年度目标。"

    p = _off_grid(doc.add_paragraph(), size=TITLE_SIZE.pt, pitch=TITLE_PITCH, align=WD_ALIGN_PARAGRAPH.CENTER)
    _run(p, title(data), TITLE_FONT, TITLE_SIZE.pt)
    p = _off_grid(doc.add_paragraph(), size=SUB_SIZE, pitch=SUB_PITCH, align=WD_ALIGN_PARAGRAPH.CENTER)
    _run(p, subtitle(data), HEAD2_FONT, SUB_SIZE)
    p = _off_grid(doc.add_paragraph(), size=BODY_SMALL, pitch=BODY_PITCH, first_indent=2 * BODY_SMALL,
                  align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _run(p, layout.summary, BODY_FONT, BODY_SMALL)

    p = _off_grid(doc.add_paragraph(), size=HEAD_SIZE, pitch=HEAD_PITCH, first_indent=2 * HEAD_SIZE)
    _run(p, "一、未达成的目标", HEAD1_FONT, HEAD_SIZE)
    for sentence in layout.unmet:
        p = _off_grid(doc.add_paragraph(), size=BODY_SMALL, pitch=BODY_PITCH, first_indent=2 * BODY_SMALL,
                      align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        _run(p, sentence, BODY_FONT, BODY_SMALL, colour=RED if data.unmet else None)

    p = _off_grid(doc.add_paragraph(), size=HEAD_SIZE, pitch=HEAD_PITCH, first_indent=2 * HEAD_SIZE)
    _run(p, "二、主要指标", HEAD1_FONT, HEAD_SIZE)
    _write_table(doc, layout.blocks)
    p = _off_grid(doc.add_paragraph(), size=NOTE_SIZE, pitch=NOTE_PITCH, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _run(p, layout.note, BODY_FONT, NOTE_SIZE)

    # python-docx's default document opens with no paragraph; nothing else may spill onto a second page
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
