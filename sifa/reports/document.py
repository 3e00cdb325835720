"""Assemble a work report (工作总结) for one org unit and period, in the structure of seed [000]:

    标题            砀山县司法局2021年上半年工作总结
    一、工作情况     (一)…(六) chapters; inside each, 一是…二是… paragraphs of the lines, sentences with figures
    二、存在问题     free text written by staff (kept per org and period)
    三、下步打算     free text written by staff
    落款            org name and date; then 附注 for figures overridden by hand or without a value

Every figure is an indicator evaluated on records (sifa.indicators); a writer's wording of a sentence keeps its
placeholders, so its figures stay computed. The HTML preview, the .docx and the PDF all render this one
structure (`build`), so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils import timezone

from sifa.indicators import registry as indicator_registry
from sifa.indicators.errors import IndicatorError
from sifa.indicators.orgscope import check_scope, org_scope, resolve_org
from sifa.indicators.periods import Period, parse_period, ytd_period
from sifa.indicators.results import MISSING_DISPLAY

from . import registry, sentences, templating
from .templating import Figure, Placeholder, TemplateError

CN_NUMBERS = "一二三四五六七八九十"
FREE_HEAD = re.compile(r"^\s*[（(]([一二三四五六七八九十]{1,3})[）)]\s*")


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (up to 99)."""
    if n <= 10:
        return CN_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_NUMBERS[tens - 1]) + "十" + (CN_NUMBERS[ones - 1] if ones else "")


def cn_date(day: dt.date) -> str:
    """GB/T 9704-2012 7.3.5.1: 成文日期 in Arabic numerals, 年月日 written out, no leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"


def org_level(org) -> str:
    n = len(org.division_id or "")
    return "office" if n >= 9 else "county" if n == 6 else "city"


LEVEL_NAMES = {"office": "司法所", "county": "县（区）司法局", "city": "市（州）司法局"}


# ------------------------------------------------------------------------------------------------ structure

@dataclass
class Piece:
    """A lead or a sentence: the text as written (registered template or a writer's edit), rendered."""

    key: str                       # "<paragraph key>:<sentence key>"
    template: str                  # the registered template
    source: str                    # what was rendered: the edit, or the template
    items: list                    # str | Figure
    edited: bool = False
    stale: bool = False            # the registered template changed after the edit
    warnings: list = field(default_factory=list)
    omitted: list = field(default_factory=list)   # clauses left out: every figure 0 or undefined (sentences.py)
    to_date: bool = False          # written 截至目前/至今/目前: counted from the year's start to the as-of date

    @property
    def text(self) -> str:
        return "".join(i if isinstance(i, str) else i.text for i in self.items)

    @property
    def figures(self) -> list[Figure]:
        return [i for i in self.items if isinstance(i, Figure)]


@dataclass
class Item:
    paragraph: object              # registry.Paragraph
    lead: Piece
    sentences: list
    ordinal: str = ""              # "一是", "二是"… ("" when the chapter has one paragraph)

    @property
    def pieces(self) -> list[Piece]:
        return [self.lead, *self.sentences]


@dataclass
class Chapter:
    number: str                    # "（一）": full-width, as GB/T 9704 writes second-level heads
    title: str
    items: list
    text: str = ""                 # a chapter the bureau added to a report kind's layout: its free text
    key: str = ""                  # the registered chapter's key, or "custom-n" (kinds.py)


@dataclass
class FreeSection:
    heading: str                   # "二、存在问题"
    text: str
    free = True                    # (not a field) staff-written, as opposed to a Section of line chapters

    @property
    def paragraphs(self) -> list[tuple[str, str]]:
        """(head, rest) per paragraph: a paragraph opening “(一)…。” (or “（一）”) has that sentence as its 楷体 head,
        printed with full-width brackets whichever the writer typed."""
        result = []
        for line in self.text.splitlines():
            line = line.strip()
            if not line:
                continue
            m = FREE_HEAD.match(line)
            if m:
                end = line.find("。", m.end())
                head_end = end + 1 if end != -1 else len(line)
                result.append((f"（{m.group(1)}）" + line[m.end():head_end], line[head_end:]))
            else:
                result.append(("", line))
        return result

    @property
    def empty(self) -> bool:
        return not self.paragraphs


@dataclass
class Section:
    """A first-level part (“一、…”) holding line chapters (a report kind's parts, sifa.reports.kinds)."""

    heading: str
    chapters: list
    free = False


@dataclass
class ReportDocument:
    org: object
    period: Period
    title: str
    work_heading: str
    chapters: list
    problems: FreeSection
    plans: FreeSection
    signer: str
    signed_on: dt.date
    notes: list = field(default_factory=list)           # Figures needing a 附注, numbered in reading order
    waiting: list = field(default_factory=list)         # (paragraph, reason): left out, 待建
    warnings: list = field(default_factory=list)        # for the writer, never printed in the document
    stored: object = None                               # the WorkReport row, if any
    generated_at: dt.datetime | None = None
    as_of: dt.date | None = None                        # the date “截至目前/至今/目前” sentences count up to
    to_date: Period | None = None                       # the year's start to `as_of` (their period)
    kind: object = None                                 # the report kind (kinds.Kind), None for the 工作总结
    salutation: str = ""                                # 主送机关 (“中共砀山县委、砀山县人民政府：”)
    preface: str = ""                                   # the opening paragraph (“…现将有关工作情况报告如下：”)
    sections: list | None = None                        # Section | FreeSection in order (kinds); None: the seed layout

    @property
    def body(self) -> list:
        """The first-level parts in order: Section (line chapters) or FreeSection (staff-written)."""
        if self.sections is not None:
            return self.sections
        return [Section(self.work_heading, self.chapters), self.problems, self.plans]

    @property
    def basis(self) -> str:
        """The dates the figures count, as the report states them (the 附注's first item)."""
        return basis_text(self)

    @property
    def appendix(self) -> str:
        """The 附注 as printed after the date: the dates the figures count, then each figure's note."""
        notes = [self.basis.rstrip("。")] if self.basis else []
        notes += [f"注{f.note_number}. {f.note.rstrip('。')}" for f in self.notes]
        return f"（附注：{'；'.join(notes)}。）" if notes else ""

    @property
    def figures(self) -> list[Figure]:
        return [f for piece in self.pieces for f in piece.figures]

    @property
    def pieces(self) -> list[Piece]:
        return [piece for ch in self.chapters for item in ch.items for piece in item.pieces]

    @property
    def free_sections(self) -> list[FreeSection]:
        return [self.problems, self.plans]

    @property
    def overrides(self) -> list[Figure]:
        return [f for f in self.figures if f.overridden]

    def plain_text(self) -> str:
        """The report as plain text (seed layout): for the CLI, tests and search."""
        lines = [self.title] + [t for t in (self.salutation, self.preface) if t]
        for section in self.body:
            lines.append(section.heading)
            if isinstance(section, FreeSection):
                lines += [head + rest for head, rest in section.paragraphs] or ["（待填写）"]
                continue
            for ch in section.chapters:
                lines += [ch.number + ch.title, paragraph_text(ch)]
        lines += [self.signer, cn_date(self.signed_on)]
        if self.basis or self.notes:
            lines.append("附注：")
            lines += [self.basis] if self.basis else []
            lines += [f"{f.note_number}. {f.note}" for f in self.notes]
        return "\n".join(lines)


def paragraph_text(chapter: Chapter) -> str:
    """A chapter's body as one run of text: “一是<lead>。<sentences>二是…”."""
    out = [chapter.text] if chapter.text else []
    for item in chapter.items:
        out.append(item.ordinal + _lead_text(item.lead.text) + "".join(s.text for s in item.sentences))
    return "".join(out)


def _lead_text(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith(("。", "！", "？", "：")) else text + "。"


# ------------------------------------------------------------------------------------------------ titles

def period_title(period: Period) -> str:
    """The period as a report title says it: 2021年上半年, 2021年, 2021年第三季度, 2021年5月."""
    if period.kind == "ytd":
        return f"{period.year}年"
    return period.label


def default_title(org, period: Period) -> str:
    title = f"{org.name}{period_title(period)}工作总结"
    if period.kind == "ytd":
        title += f"（截至{period.end.month}月{period.end.day}日）"
    return title


def work_heading(period: Period) -> str:
    return f"一、{period_title(period)}工作推进情况"


def plans_heading(period: Period) -> str:
    s = period.start
    if period.kind == "half" and s.month == 1:
        return "三、下半年工作打算"
    if period.kind in ("year",) or (period.kind == "half" and s.month == 7):
        return f"三、{period.year + 1}年工作打算"
    if period.kind == "quarter":
        return "三、下季度工作打算"
    if period.kind == "month":
        return "三、下月工作打算"
    return "三、下步工作打算"


# ------------------------------------------------------------------------------------------------ as-of date

#: Words that make a sentence count from the year's start to the report's as-of date (seed [000]: “截至目前法律援助
#: 共受理办理案件892件”, “至今共办理公证1657件”, “目前全县在册社区服刑人员401人”, all as of its date, 2021-08-13).
#: A sentence without them counts the report's period (“上半年…”, “全年…”, or no time word at all).
TO_DATE_WORDS = ("截至目前", "至今", "目前", "今年以来")


def counts_to_date(text: str) -> bool:
    """Whether a sentence (its template or a writer's wording) is written 截至目前/至今/目前/今年以来."""
    return any(word in text for word in TO_DATE_WORDS)


def as_of_date(period: Period, *, as_of: dt.date | None = None, today: dt.date | None = None) -> dt.date:
    """The report's as-of date. A period “截至…” is its own cutoff. Otherwise the date given (the 成文日期 a writer
    saved, or one asked for) — within the period's year and not before the period starts — or, when none is
    given, the period's last day (today, while the period is still running)."""
    if period.kind == "ytd":
        return period.end
    if as_of is None:
        return min(today or timezone.localdate(), period.end)
    return max(period.start, min(as_of, dt.date(period.year, 12, 31)))


def basis_text(doc) -> str:
    """What the figures count, in one sentence: the as-of date, and the period of the other sentences."""
    if doc.as_of is None:
        return ""
    span = f"{cn_date(doc.period.start)}至{cn_date(doc.period.end)}"
    same = doc.to_date is None or (doc.to_date.start, doc.to_date.end) == (doc.period.start, doc.period.end)
    if doc.period.kind == "ytd" or (same and doc.as_of == doc.period.end):
        return f"本报告数据截至{cn_date(doc.as_of)}（{span}）。"
    if not any(piece.to_date for piece in doc.pieces):
        return f"本报告数据按{period_title(doc.period)}（{span}）统计，数据截至{cn_date(doc.as_of)}。"
    return (f"本报告数据截至{cn_date(doc.as_of)}：写作“截至目前”“至今”“目前”的数字自{doc.as_of.year}年1月1日"
            f"统计至{cn_date(doc.as_of)}，其余数字按{period_title(doc.period)}（{span}）统计。")


# ------------------------------------------------------------------------------------------------ binding

class _Binder:
    """Evaluates each placeholder once per report (org, period, dims) and numbers the 附注."""

    def __init__(self, scope, period, words: dict, percent_places: int):
        self.scope, self.period, self.words, self.percent_places = scope, period, words, percent_places
        self._results: dict = {}
        self.to_date = period

    def result(self, p: Placeholder, period=None):
        period = period or self.period
        indicator = indicator_registry.get(p.code)
        dims = indicator.clean_dims(dict(p.dims), self.scope)
        key = (p.code, tuple(sorted(dims.items())), period.key)
        if key not in self._results:
            self._results[key] = indicator.evaluate(self.scope, period, dims)
        return self._results[key]

    def yoy(self, p: Placeholder, period=None) -> Figure:
        """{code:同比}: the change against the same period last year (Sifa's records, or a baseline entered from
        an old report); without a basis it prints “—” and sentences.elide leaves its clause out."""
        import dataclasses

        from sifa.indicators.engine import compare_prepared

        current = self.result(p, period)
        comparison = compare_prepared(current.indicator, self.scope, current.period, dict(current.dims), "同比",
                                      current=current)
        text = templating.yoy_text(comparison)
        shown = current if text != MISSING_DISPLAY else dataclasses.replace(
            current, value=None, exact=None, reason=comparison.reason or "上年同期无可比数据")
        return Figure(p, shown, text, text)

    def bind(self, template: str, period=None) -> list:
        """The template's items with figures evaluated (on `period`, default the report's); raises TemplateError /
        IndicatorError (Chinese)."""
        items = []
        for item in templating.parse(template):
            if isinstance(item, str):
                items.append(item)
            elif item.word:
                items.append(self.words[item.word])
            elif item.fmt == templating.YOY:
                items.append(self.yoy(item, period))
            else:
                result = self.result(item, period)
                computed = templating.format_value(result, item.fmt, percent_places=self.percent_places)
                if item.override:
                    items.append(Figure(item, result, item.override, computed, overridden=True))
                else:
                    items.append(Figure(item, result, computed, computed))
        return items


def _sum_check(items: list, declared: tuple = ()) -> list[str]:
    """DOMAIN §16: a breakdown must sum to its total. In one paragraph, a total ({x}) and parts of one dimension
    ({x[d=a]}, {x[d=b]}…) of an additive indicator must add up, as must a total and the parts the paragraph
    declares in `sums` — on the figures as printed, overrides included."""
    figures = [i for i in items if isinstance(i, Figure) and i.text != MISSING_DISPLAY]
    plain = {f.placeholder.code: f for f in figures if not f.placeholder.dims}
    groups = []
    for total in plain.values():
        if getattr(total.result.indicator, "additive", False):
            parts = [f for f in figures if f.placeholder.code == total.placeholder.code and len(f.placeholder.dims) == 1]
            if len(parts) >= 2 and len({f.placeholder.dims[0][0] for f in parts}) == 1:
                groups.append((total, parts))
    for total_code, part_codes in declared:
        if total_code in plain and all(code in plain for code in part_codes):
            groups.append((plain[total_code], [plain[code] for code in part_codes]))
    warnings = []
    for total, parts in groups:
        shown = sum(_number(f.text) for f in parts)
        if shown != _number(total.text):
            warnings.append(f"“{total.result.name}”的分项之和（{_fmt(shown)}）与合计（{total.text}）不一致：请补全分项"
                            f"或核对人工修改的数值。")
    return warnings


def _number(text: str):
    from decimal import Decimal, InvalidOperation

    try:
        return Decimal(text)
    except InvalidOperation:
        return Decimal(0)


def _fmt(value) -> str:
    return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)


# ------------------------------------------------------------------------------------------------ build

def stored_report(org, period: Period):
    from .models import WorkReport

    return WorkReport.objects.filter(org=org, period_key=period.key).first()


def build(org, period, *, user=None, today: dt.date | None = None, as_of: dt.date | None = None) -> ReportDocument:
    """The work report of `org` (an OrgUnit, its code or a division code) for `period` (a Period or a string).

    `as_of`: the report's as-of date (see as_of_date); by default the 成文日期 saved with the report. Sentences
    written 截至目前/至今/目前 count from the year's start to it, the others count the period.

    Pass `user` when it is shown to someone: an org outside their subtree raises OutOfScope. Bad input raises
    IndicatorError (PeriodError, UnknownOrg…) with a Chinese message; nothing is written."""
    org = resolve_org(org)
    check_scope(user, org)
    period = parse_period(period, today=today)
    scope = org_scope(org)
    stored = stored_report(org, period)
    edits = {e.key: e for e in stored.edits.all()} if stored else {}
    words = templating.context_words(org, period)
    binder = _Binder(scope, period, words, stored.percent_decimals if stored else 0)
    as_of = as_of_date(period, as_of=as_of or (stored.signed_on if stored else None), today=today)
    to_date = ytd_period(as_of)
    binder.to_date = period if (to_date.start, to_date.end) == (period.start, period.end) else to_date
    level = org_level(org)
    doc = ReportDocument(
        org=org, period=period, title=(stored.title if stored and stored.title else default_title(org, period)),
        work_heading=work_heading(period), chapters=[],
        problems=FreeSection("二、存在问题", stored.problems if stored else ""),
        plans=FreeSection(plans_heading(period), stored.plans if stored else ""),
        signer=(stored.signer if stored and stored.signer else org.name),
        signed_on=(stored.signed_on if stored and stored.signed_on else (today or timezone.localdate())),
        stored=stored, generated_at=timezone.now(), as_of=as_of, to_date=binder.to_date)

    coverage = registry.coverage()
    missing = {p.key: codes for p, codes in coverage.waiting}
    by_chapter: dict[str, tuple] = {}
    for paragraph in registry.paragraphs():
        if level not in paragraph.levels:
            continue
        if paragraph.key in missing:
            doc.waiting.append((paragraph, "指标待建：" + "、".join(missing[paragraph.key])))
            continue
        try:
            item = _build_item(paragraph, binder, edits, level)
        except (TemplateError, IndicatorError) as exc:
            doc.waiting.append((paragraph, f"句式有误：{exc}"))
            continue
        chapter = paragraph.chapter_obj
        by_chapter.setdefault(chapter.key, (chapter, []))[1].append(item)

    for chapter_key, (chapter, items) in list(by_chapter.items()):
        kept = []
        for item in items:
            if sentences.has_content(item):
                kept.append(item)
            else:
                doc.waiting.append((item.paragraph, "本期各项数值均为0或无法计算，未写入报告"))
        if kept:
            by_chapter[chapter_key] = (chapter, kept)
        else:
            del by_chapter[chapter_key]
    for number, (chapter, items) in enumerate(by_chapter.values(), start=1):
        if len(items) > 1:
            for i, item in enumerate(items, start=1):
                item.ordinal = f"{cn_number(i)}是"
        title = "".join(i if isinstance(i, str) else words.get(i.word, "") for i in templating.parse(chapter.title))
        doc.chapters.append(Chapter(f"（{cn_number(number)}）", title, items, key=chapter.key))

    for figure in doc.figures:
        if figure.overridden or figure.missing:
            doc.notes.append(figure)
            figure.note_number = len(doc.notes)
    for piece in doc.pieces:
        doc.warnings += piece.warnings
    return doc


def _build_item(paragraph, binder: _Binder, edits: dict, level: str) -> Item:
    pieces = {}
    for key, template in paragraph.templates(level).items():
        full_key = f"{paragraph.key}:{key}"
        edit = edits.get(full_key)
        piece = None
        if edit is not None:
            try:
                piece = Piece(full_key, template, edit.text, binder.bind(edit.text, _sense(binder, edit.text)),
                              edited=True, stale=edit.template != template, to_date=counts_to_date(edit.text))
                if piece.stale:
                    piece.warnings.append(f"“{paragraph.lead}”中有一句在修改后，系统句式已更新：请核对。")
            except (TemplateError, IndicatorError) as exc:
                piece = Piece(full_key, template, template, binder.bind(template, _sense(binder, template)),
                              to_date=counts_to_date(template), warnings=[f"“{paragraph.lead}”中修改过的一句已无法使用（{exc}），暂用系统句式。"])
        if piece is None:
            piece = Piece(full_key, template, template, binder.bind(template, _sense(binder, template)),
                          to_date=counts_to_date(template))
        pieces[key] = piece
    lead = pieces.pop("lead")
    totals = sentences.printed_totals([f for piece in pieces.values() for f in piece.figures], paragraph.sums)
    for piece in pieces.values():
        piece.items, piece.omitted = sentences.elide(piece.items, totals)
        if piece.omitted:
            piece.warnings.append(f"“{paragraph.lead}”中数值均为0或无法计算的内容未写入报告：" + "；".join(piece.omitted))
    item = Item(paragraph, lead, list(pieces.values()))
    lead.warnings += _sum_check([i for piece in item.pieces for i in piece.items], paragraph.sums)
    return item


def _sense(binder: _Binder, text: str):
    """The period a sentence counts: the year to the as-of date when it is written 截至目前/至今/目前."""
    return binder.to_date if counts_to_date(text) else binder.period


def anchor(key: str) -> str:
    """The HTML id of a piece in the preview ("mediation.disputes:sweep" → "p-mediation_disputes-sweep")."""
    return "p-" + key.replace(":", "-").replace(".", "_")


def find_piece(doc: ReportDocument, key: str) -> Piece | None:
    return next((piece for piece in doc.pieces if piece.key == key), None)
