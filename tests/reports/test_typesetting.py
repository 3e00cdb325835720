"""The report reads like a 公文: the PDF read back (pypdf) and the .docx obey the text rules — no line starts with
“，”“；”“。”, no space inside a line of Chinese, full-width （一） heads, no sentence whose figures are all 0 or
undefined, no statement contradicted by a 0 beside it — and the PDF embeds its faces."""

import datetime as dt
import io
import re
from types import SimpleNamespace

import pytest
from docx import Document
from pypdf import PdfReader

from sifa.indicators.results import MISSING_DISPLAY
from sifa.reports import actions, document, export_docx, export_pdf, fonts, sentences, typeset
from sifa.reports.templating import Figure, Placeholder

from . import builders

NO_START = "，；。、：？！）》”"
CJK = r"[\u4e00-\u9fff，。；：、（）“”]"


@pytest.fixture
def report(tree, writer):
    """Mediation has the seed's records; every other line has none in the period (all its figures 0 or —)."""
    builders.seed_000_mediation(tree["office_a"])
    actions.save_report(writer, org="341321", period="2021H1", version=0, signed_on=dt.date(2021, 8, 13),
                        problems="(一)基层调查研究开展不深入。" + "对新情况新问题调研不足，" * 90 + "。",  # over a page
                        plans="（一）全力维护社会和谐稳定。一是加大矛盾纠纷排查调处力度。")
    return document.build("341321", "2021H1")


def _pdf_lines(report) -> list[str]:
    reader = PdfReader(io.BytesIO(export_pdf.render(report)))
    return [line.strip() for page in reader.pages for line in page.extract_text().splitlines() if line.strip()]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"[。！？]", text) if s]


def _all_zero(sentence: str) -> bool:
    numbers = re.findall(r"(?<!注)\d+(?:\.\d+)?", sentence)
    return bool(numbers) and all(float(n) == 0 for n in numbers)


def test_pdf_lines_never_start_with_closing_punctuation_nor_hold_stray_spaces(report):
    lines = _pdf_lines(report)
    assert len(lines) > 15
    for line in lines:
        assert line[0] not in NO_START, line
        assert not re.search(CJK + r"\s+" + CJK, line), line


def test_pdf_and_docx_heads_are_full_width_and_no_sentence_says_nothing(report):
    pdf_text = "".join(_pdf_lines(report))
    docx_text = "\n".join(p.text for p in Document(io.BytesIO(export_docx.render(report))).paragraphs)
    for text in (pdf_text, docx_text):
        assert "（一）基层调查研究开展不深入。" in text and "(一)" not in text
        assert "调处纠纷640件" in text
        for sentence in _sentences(text):
            assert not _all_zero(sentence), sentence
        assert MISSING_DISPLAY + "%" not in text and "阳性率" not in text   # the wellbeing line has no records
    chapter_heads = [ch.number for ch in report.chapters]
    assert chapter_heads and all(re.fullmatch(r"（[一二三四五六七八九十]+）", head) for head in chapter_heads)


def test_a_paragraph_with_nothing_to_say_is_listed_not_printed(report):
    left_out = {p.key: reason for p, reason in report.waiting}
    assert "本期各项数值均为0或无法计算" in left_out["wellbeing.psychology"]
    printed = [item.paragraph.key for ch in report.chapters for item in ch.items]
    assert "wellbeing.psychology" not in printed and "mediation.disputes" in printed
    assert not report.notes  # the 附注 of a figure left out goes with it


def test_the_pdf_embeds_its_faces():
    if not fonts.fonts().embedded:
        pytest.skip("the Debian font packages are not installed (tools/install_fonts.sh)")
    doc = document.ReportDocument(org=None, period=SimpleNamespace(label="2021年上半年"), title="砀山县司法局工作总结",
                                  work_heading="一、工作推进情况", chapters=[],
                                  problems=document.FreeSection("二、存在问题", "（一）问题。内容。"),
                                  plans=document.FreeSection("三、下步工作打算", ""), signer="砀山县司法局",
                                  signed_on=dt.date(2021, 8, 13))
    reader = PdfReader(io.BytesIO(export_pdf.render(doc)))
    faces = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            faces[str(font["/BaseFont"]).split("+")[-1]] = bool(descriptor and "/FontFile2" in descriptor.get_object())
    assert faces.get("BousungEG-Light-GB") and faces.get("WenQuanYiZenHei-0") and faces.get("GBZenKai-Medium"), faces


# ------------------------------------------------------------------------------------------------ the rules alone

class _C(str):
    """A character as reportlab's CJK wrapping sees it: with its width and its fragment."""


def _line_breaks(text: str, measure: float) -> list[str]:
    chars = []
    for ch in text:
        c = _C(ch)
        c.width = 0.5 if ch.isascii() else 1.0
        c.frag = SimpleNamespace(rise=0)
        chars.append(c)
    return ["".join(chars[a:b]) for a, b in typeset.break_lines(chars, [measure])]


def test_a_closing_mark_takes_the_character_before_it_to_the_next_line():
    lines = _line_breaks("一二三四五，六七八九十。", 5)
    assert lines == ["一二三四", "五，六七八", "九十。"]


def test_an_opening_mark_never_ends_a_line_and_a_number_stays_whole():
    assert _line_breaks("一二三四“五六”七八", 5)[0] == "一二三四"
    lines = _line_breaks("一二三四47.80件", 6)
    assert lines[0] == "一二三四" and lines[1].startswith("47.80")


def _figure(code: str, text: str, dims=()) -> Figure:
    return Figure(Placeholder(raw=code, code=code, dims=dims), result=None, text=text, computed=text)


def test_zero_clauses_are_left_out_but_a_zero_part_of_a_printed_total_stays():
    items = ["上半年轨迹排查发现疑似私自外出", _figure("t.episodes", "50"), "段，经核查属实", _figure("t.ok", "0"),
             "条、排除", _figure("t.no", "0"), "条；与公安机关涉案人员名单比对，比中", _figure("t.hits", "0"), "人。"]
    kept, omitted = sentences.elide(items)
    assert "".join(i if isinstance(i, str) else i.text for i in kept) == "上半年轨迹排查发现疑似私自外出50段。"
    assert omitted == ["经核查属实0条、排除0条", "与公安机关涉案人员名单比对，比中0人"]
    breakdown = ["在册", _figure("c.reg", "401"), "人，其中缓刑", _figure("c.reg", "392", (("category", "缓刑"),)),
                 "人，管制", _figure("c.reg", "0", (("category", "管制"),)), "人。"]
    assert sentences.elide(breakdown) == (breakdown, [])


def test_a_sentence_whose_figures_are_all_zero_or_undefined_is_left_out_whole():
    items = ["对", _figure("w.n", "0"), "名对象开展测评", _figure("w.a", "0"), "人次，阳性率",
             _figure("w.rate", MISSING_DISPLAY), "%。"]
    assert sentences.elide(items)[0] == []


def test_the_report_page_opens_on_the_last_complete_half_year():
    from sifa.reports.views import default_report_period

    assert default_report_period(dt.date(2026, 12, 7)) == "2026H1"
    assert default_report_period(dt.date(2026, 6, 30)) == "2025H2"
    assert default_report_period(dt.date(2026, 7, 1)) == "2026H1"


def test_a_breakdown_keeps_its_zero_shares_but_not_an_undefined_rate():
    items = ["其中村社调处", _figure("m.village", "640"), "件，占比", _figure("m.share_v", "100"), "%；县级调处",
             _figure("m.county", "0"), "件，占比", _figure("m.share_c", "0"), "%；万人化解率为",
             _figure("m.per_10k", MISSING_DISPLAY), "件/万人。"]
    kept, omitted = sentences.elide(items, {"m.village", "m.county"})
    assert "".join(i if isinstance(i, str) else i.text for i in kept) == "其中村社调处640件，占比100%；县级调处0件，占比0%。"
    assert omitted == ["万人化解率为—件/万人"]
