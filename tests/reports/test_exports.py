"""The .docx (GB/T 9704-2012 layout) and the PDF, read back: page geometry, fonts including the East Asian
slot, the page-number field on odd and even pages, and the figures in the text."""

import datetime as dt
import io
import re

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from pypdf import PdfReader

from sifa.reports import actions, document, export_docx, export_pdf

from . import builders


@pytest.fixture
def report(tree, writer):
    builders.seed_000_mediation(tree["office_a"])
    actions.save_report(writer, org="341321", period="2021H1", version=0, signed_on=dt.date(2021, 8, 13),
                        problems="(一)基层调查研究开展不深入。对新情况新问题调研不足。\n(二)队伍建设不到位。",
                        plans="(一)全力维护社会和谐稳定。一是加大矛盾纠纷排查调处力度。")
    actions.save_sentence(writer, org="341321", period="2021H1", key="mediation.disputes:sweep",
                          text="上半年全县各级人民调解组织共开展矛盾纠纷排查{mediation.screenings=530}次，"
                               "调处纠纷{mediation.accepted}件，调解成功率{mediation.success_rate}%。")
    return document.build("341321", "2021H1")


def _fonts(run) -> dict:
    rfonts = run._element.rPr.find(qn("w:rFonts"))
    return {slot: rfonts.get(qn(f"w:{slot}")) for slot in ("ascii", "eastAsia")}


def test_docx_page_geometry_and_grid(report):
    doc = Document(io.BytesIO(export_docx.render(report)))
    section = doc.sections[0]
    measures = {name: getattr(section, name).mm for name in
                ("page_width", "page_height", "top_margin", "bottom_margin", "left_margin", "right_margin")}
    expected = {"page_width": 210, "page_height": 297, "top_margin": 37, "bottom_margin": 35, "left_margin": 28,
                "right_margin": 26}
    assert all(abs(measures[k] - v) < 0.05 for k, v in expected.items()), measures  # stored in twips
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    line_pitch_pt = int(grid.get(qn("w:linePitch"))) / 20
    assert 22 * line_pitch_pt <= Mm(225).pt < 23 * line_pitch_pt                 # 22 lines per page
    char_pitch = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert 28 * char_pitch <= Mm(156).pt + 1 and 29 * char_pitch > Mm(156).pt   # 28 characters per line


def test_docx_fonts_per_gbt_9704(report):
    doc = Document(io.BytesIO(export_docx.render(report)))
    paragraphs = [p for p in doc.paragraphs if p.text]
    title = paragraphs[0]
    assert title.text == "砀山县司法局2021年上半年工作总结"
    assert _fonts(title.runs[0]) == {"ascii": "方正小标宋简体", "eastAsia": "方正小标宋简体"}
    assert title.runs[0].font.size == Pt(22)
    by_text = {p.text: p for p in paragraphs}
    head1 = by_text["一、2021年上半年工作推进情况"]
    assert _fonts(head1.runs[0])["eastAsia"] == "黑体" and head1.runs[0].font.size == Pt(16)
    head2 = next(p for p in paragraphs if p.text.startswith("（") and p.text.endswith("）推进社会治理法治化工作"))
    assert _fonts(head2.runs[0])["eastAsia"] == "楷体_GB2312"
    body = next(p for p in paragraphs if p.text.startswith("大力排查化解矛盾纠纷"))  # the chapter's only paragraph
    assert {_fonts(r)["eastAsia"] for r in body.runs} == {"仿宋_GB2312"}
    assert {r.font.size for r in body.runs} == {Pt(16)}
    assert body.paragraph_format.first_line_indent == Pt(32)
    normal = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"
    free = next(p for p in paragraphs if p.text.startswith("（一）基层调查研究开展不深入。"))
    assert _fonts(free.runs[0])["eastAsia"] == "楷体_GB2312" and _fonts(free.runs[1])["eastAsia"] == "仿宋_GB2312"


def test_docx_page_numbers_odd_right_even_left(report):
    doc = Document(io.BytesIO(export_docx.render(report)))
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer, alignment in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer.paragraphs[0]
        xml = p._element.xml
        assert "PAGE" in "".join(t.text for t in p._element.iter(qn("w:instrText")))
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert p.text.startswith("— ") and p.text.endswith(" —")
        assert p.alignment is not None and p.alignment.name.lower() == alignment
        assert {_fonts(r)["eastAsia"] for r in p.runs if r.text.strip() or r._element.find(qn("w:fldChar")) is None} \
            == {"宋体"}
        assert {r.font.size for r in p.runs} == {Pt(14)}


def test_docx_text_figures_override_marker_and_signature(report):
    doc = Document(io.BytesIO(export_docx.render(report)))
    text = "\n".join(p.text for p in doc.paragraphs)
    n = report.overrides[0].note_number
    assert f"排查530注{n}次" in text and "调处纠纷640件" in text and "调解成功率98%" in text
    marker = next(r for p in doc.paragraphs for r in p.runs if r.text == f"注{n}")
    assert marker.font.superscript
    assert "（附注：本报告数据按2021年上半年" in text and "；注1. " in text and f"注{n}. 人工修改：矛盾纠纷排查次数系统计算值为528次，报告中改为530" in text
    assert "砀山县司法局\n2021年8月13日" in text
    assert doc.core_properties.title == "砀山县司法局2021年上半年工作总结"


def test_pdf_text_contains_the_figures(report):
    reader = PdfReader(io.BytesIO(export_pdf.render(report)))
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))  # wraps add breaks
    for phrase in ("砀山县司法局2021年上半年工作总结", "一、2021年上半年工作推进情况", "调处纠纷640件",
                   "调解成功率98%", f"530注{report.overrides[0].note_number}", "人工修改", "二、存在问题", "基层调查研究开展不深入",
                   "三、下半年工作打算", "2021年8月13日"):
        assert phrase in text, phrase
    assert "— 1 —" in reader.pages[0].extract_text()
    assert "2021年8月13日" in text and "附注" in text
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    assert reader.metadata.title == "砀山县司法局2021年上半年工作总结"


def test_pdf_even_pages_number_on_the_left(tree, writer):
    actions.save_report(writer, org="341321", period="2021H1", version=0,
                        problems="\n".join(f"(一)问题{i}。" + "内容" * 60 for i in range(30)))
    reader = PdfReader(io.BytesIO(export_pdf.render(document.build("341321", "2021H1"))))
    assert len(reader.pages) >= 2
    positions = {}

    def visitor(text, cm, tm, font, size):
        if text.startswith("— "):
            positions.setdefault(page_no, tm[4])

    for page_no in (0, 1):
        reader.pages[page_no].extract_text(visitor_text=visitor)
    assert positions[0] > 300 > positions[1]   # page 1 right, page 2 left
