"""Report kinds as data: each kind is a template of first-level parts (一、二、…); one part holds the lines'
registered chapters and paragraphs (sifa.reports.registry, as the 工作总结 does), the others are free text the
bureau writes. Per org, period and kind the bureau may reorder, drop or add chapters (a stored layout,
`KindReport.layout`, written by actions.save_layout) and reword sentences (SentenceEdit, shared with the 工作总结 of
the same org and period): figures stay computed.

| key                   | kind                     | period  | structure                                               |
| --------------------- | ------------------------ | ------- | ------------------------------------------------------- |
| `half-year`           | 半年工作总结              | 2021H1  | seed [000]: 一、工作推进情况 二、存在问题 三、下半年工作打算    |
| `annual`              | 年度工作总结              | 2021    | seeds [001]/[002]: 主送县委、县政府, 导语, 完成情况/问题/思路 |
| `annual-rule-of-law`  | 法治政府建设年度报告      | 2021    | 厅字〔2019〕28号第24条: five parts, 报送/公开 by 1 April     |
| `litigation-quarterly`| 行政应诉季度通报          | 2021Q1  | the 复议/应诉 paragraph, problems, requirements           |

Heading and title words: {机构} {县} (the county's name, 砀山县) {上级} (the county's parent, 宿州市) {主体} (the
report's subject: a government or department, default the org) {期间} (2021年上半年) {年度} (2021年) {下年} (2022年)
{下期} (下半年 / 2022年 / 下季度).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sifa.indicators.errors import IndicatorError
from sifa.indicators.orgscope import resolve_org
from sifa.indicators.periods import parse_period

from . import document
from .document import Chapter, FreeSection, Section, cn_number

CUSTOM_PREFIX = "custom-"
ANNUAL_RULE_OF_LAW = "annual-rule-of-law"
RULE_OF_LAW_BASIS = "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）第二十四条"


@dataclass(frozen=True)
class Part:
    key: str            # "work" (the line chapters) or the key of its free text ("problems", "plans", "duty"…)
    heading: str        # without its number: “存在问题”; numbered 一、二、… in order
    lines: bool = False
    hint: str = ""      # for the writer, shown beside the text box


@dataclass(frozen=True)
class Kind:
    key: str
    name: str
    periods: tuple          # period kinds it is written for: "half", "year", "quarter"
    title: str
    parts: tuple
    salutation: str = ""
    preface: str = ""       # the default opening paragraph (a writer may replace it)
    paragraphs: tuple = ()  # paragraph key prefixes it pulls (empty: every registered paragraph)
    signer: str = "{机构}"
    deadline: str = ""      # for the writer: when it is due
    compare: bool = False   # add “同比增长x%” after each paragraph's first count where last year has a basis

    @property
    def free_parts(self) -> list[Part]:
        return [p for p in self.parts if not p.lines]


_kinds: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    if sum(1 for p in kind.parts if p.lines) != 1:
        raise ValueError(f"报告类型“{kind.key}”须有且只有一个由业务条线生成的部分。")
    _kinds[kind.key] = kind
    return kind


def get(key) -> Kind:
    if isinstance(key, Kind):
        return key
    try:
        return _kinds[key]
    except KeyError:
        raise IndicatorError(f"报告类型“{str(key)[:40]}”不存在。可选：" + "、".join(
            f"{k.key}（{k.name}）" for k in _kinds.values()))


def kinds() -> list[Kind]:
    return list(_kinds.values())


register(Kind(
    "half-year", "半年工作总结", ("half",), "{机构}{期间}工作总结",
    (Part("work", "{期间}工作推进情况", lines=True),
     Part("problems", "存在问题", hint="每段一行；以“(一)”开头的段落，第一句作为小标题。"),
     Part("plans", "{下期}工作打算")),
))
register(Kind(
    "annual", "年度工作总结", ("year",), "{机构}{年度}工作总结",
    (Part("work", "{年度}重点工作完成情况", lines=True),
     Part("problems", "存在问题"),
     Part("plans", "{下年}工作思路")),
    salutation="中共{县}委、{县}人民政府：",
    preface="{年度}，{机构}在{县}委、{县}政府的正确领导下，坚持以习近平法治思想为指导，认真履行司法行政各项职能，"
            "各项工作取得新进展。现将有关工作情况报告如下：",
    compare=True,
))
register(Kind(
    ANNUAL_RULE_OF_LAW, "法治政府建设年度报告", ("year",), "{主体}关于{年度}度法治政府建设情况的报告",
    (Part("work", "{年度}度推进法治政府建设的主要举措和成效", lines=True),
     Part("problems", "{年度}度推进法治政府建设存在的不足和原因"),
     Part("duty", "{年度}度党政主要负责人履行推进法治建设第一责任人职责情况",
          hint="主要负责人研究部署法治建设、带头尊法学法守法用法、述法等情况。"),
     Part("plans", "{下年}度推进法治政府建设的主要安排"),
     Part("other", "其他需要报告的事项", hint="没有其他事项的，可写“无”。")),
    salutation="中共{上级主送}委、{上级主送}人民政府：",
    preface="{年度}，{主体}在{上级主送}委、{上级主送}政府的坚强领导下，深入学习贯彻习近平法治思想，"
            "全面推进法治政府建设。根据" + RULE_OF_LAW_BASIS + "，现将{年度}度法治政府建设情况报告如下：",
    signer="{主体}",
    compare=True,
    deadline="每年4月1日前向社会公开（" + RULE_OF_LAW_BASIS + "）",
))
register(Kind(
    "litigation-quarterly", "行政应诉季度通报", ("quarter",), "{县}{期间}行政复议和应诉工作情况通报",
    (Part("work", "基本情况", lines=True),
     Part("problems", "存在的问题"),
     Part("plans", "下步工作要求")),
    paragraphs=("litigation.", "reconsideration."),
))


# ------------------------------------------------------------------------------------------------ words

def _county(division):
    """The county-level division above (or at) `division` (a 乡镇 → its 县)."""
    while division is not None and len(division.code) > 6:
        division = division.parent
    return division


def words(kind: Kind, org, period, subject: str = "") -> dict[str, str]:
    county = _county(getattr(org, "division", None))
    county_name = county.name if county else org.name
    parent = county.parent if county is not None and len(county.code) == 6 else None
    parent_name = parent.name if parent is not None else county_name
    subject = subject or org.name
    # A government reports to the level above it; a department (the bureau) to its own county's 党委和政府.
    addressee = parent_name if subject.endswith("人民政府") else county_name
    y = period.start.year
    if period.kind == "half":
        next_part = "下半年" if period.start.month == 1 else f"{y + 1}年"
    elif period.kind == "quarter":
        next_part = "下季度"
    else:
        next_part = f"{y + 1}年"
    return {"机构": org.name, "县": county_name, "上级": parent_name, "上级主送": addressee, "主体": subject,
            "期间": document.period_title(period), "年度": f"{y}年", "下年": f"{y + 1}年", "下期": next_part}


_WORD = re.compile(r"\{([^{}]+)\}")


def fill(text: str, w: dict) -> str:
    return _WORD.sub(lambda m: w.get(m.group(1), m.group(0)), text)


# ------------------------------------------------------------------------------------------------ stored

def stored(kind: Kind, org, period):
    from .models import KindReport

    return KindReport.objects.filter(org=org, kind=kind.key, period_key=period.key).first()


def check_period(kind: Kind, period) -> None:
    if period.kind not in kind.periods:
        names = {"half": "半年（如 2021H1）", "year": "年度（如 2021）", "quarter": "季度（如 2021Q1）"}
        raise IndicatorError(f"{kind.name}的统计期间应为" + "或".join(names[p] for p in kind.periods)
                             + f"，而不是“{period.label}”。")


def free_text(kind: Kind, part_key: str, row, work_report) -> str:
    """A free part's text: the kind's own, or (problems/plans) the 工作总结's of the same org and period."""
    if row is not None and part_key in (row.texts or {}):
        return row.texts[part_key]
    if work_report is not None and part_key in ("problems", "plans"):
        return getattr(work_report, part_key)
    return ""


# ------------------------------------------------------------------------------------------------ layout

def default_layout(chapters) -> list[dict]:
    return [{"key": ch.key, "title": ch.title} for ch in chapters]


def arrange(chapters, layout: list) -> list[Chapter]:
    """The line chapters in the stored layout's order, dropped ones left out, titles as the bureau wrote them and
    its own chapters (custom-n: title and text) in place. A chapter the layout does not name (a line landed after
    the layout was saved) comes at the end; a named chapter with nothing this period is skipped."""
    by_key = {ch.key: ch for ch in chapters}
    out, named = [], set()
    for entry in layout or []:
        key = entry.get("key", "")
        named.add(key)
        if entry.get("dropped"):
            continue
        if key.startswith(CUSTOM_PREFIX):
            out.append(Chapter("", entry.get("title", ""), [], text=entry.get("text", ""), key=key))
        elif key in by_key:
            ch = by_key[key]
            out.append(Chapter("", entry.get("title") or ch.title, ch.items, key=key))
    out += [Chapter("", ch.title, ch.items, key=ch.key) for ch in chapters if ch.key not in named]
    for number, ch in enumerate(out, start=1):
        ch.number = f"（{cn_number(number)}）"
    return out


def _pick(chapters, prefixes: tuple) -> list[Chapter]:
    if not prefixes:
        return chapters
    out = []
    for ch in chapters:
        items = [i for i in ch.items if i.paragraph.key.startswith(prefixes)]
        if items:
            for n, item in enumerate(items, start=1):
                item.ordinal = f"{cn_number(n)}是" if len(items) > 1 else ""
            out.append(Chapter(ch.number, ch.title, items, key=ch.key))
    return out


# ------------------------------------------------------------------------------------------------ 同比

CLAUSE_BREAKS = ("，", "；", "。")


def _comparable(figure) -> bool:
    p, r = figure.placeholder, figure.result
    return (not p.dims and not p.fmt and not figure.overridden and r.value not in (None, 0)
            and getattr(r.indicator, "additive", False) and r.unit != "%")


def add_comparisons(chapters, org, period) -> None:
    """After each paragraph's first count (an additive figure printed as computed), “，同比增长12.5%” up to the end of
    its clause — only where last year has a basis (Sifa's records or a baseline from an old report) and the change
    can be stated: a paragraph without one reads as before (item 5 of issue 21)."""
    from sifa.indicators.orgscope import org_scope

    from .templating import MISSING_DISPLAY, Placeholder

    binder = document._Binder(org_scope(org), period, {}, 0)
    for chapter in chapters:
        for item in chapter.items:
            for piece in item.sentences:
                figure = next((f for f in piece.figures if _comparable(f)), None)
                if figure is None:
                    continue
                p = figure.placeholder
                yoy = binder.yoy(Placeholder(raw=f"{p.code}:同比", code=p.code, fmt="同比"), figure.result.period)
                if yoy.text != MISSING_DISPLAY:
                    _insert_after_clause(piece.items, piece.items.index(figure), ["，同比", yoy])
                break


def _insert_after_clause(items: list, start: int, new: list) -> None:
    for i in range(start + 1, len(items)):
        text = items[i]
        if isinstance(text, str):
            cut = min((text.find(b) for b in CLAUSE_BREAKS if b in text), default=-1)
            if cut != -1:
                items[i:i + 1] = [text[:cut], *new, text[cut:]]
                return
    items.extend(new)


# ------------------------------------------------------------------------------------------------ build

def build(kind, org, period, *, user=None, today: dt.date | None = None, as_of: dt.date | None = None):
    """The report of `kind` for `org` and `period` (a ReportDocument whose `body` holds the kind's parts).
    Bad input (unknown kind, a period the kind is not written for) raises IndicatorError in Chinese."""
    kind = get(kind)
    org = resolve_org(org)
    period = parse_period(period, today=today)
    check_period(kind, period)
    doc = document.build(org, period, user=user, today=today, as_of=as_of)
    row = stored(kind, org, period)
    w = words(kind, org, period, row.subject if row else "")
    texts = (row.texts or {}) if row else {}
    chapters = arrange(_pick(doc.chapters, kind.paragraphs), row.layout if row else [])
    if kind.paragraphs:
        doc.waiting = [(p, r) for p, r in doc.waiting if p.key.startswith(kind.paragraphs)]
    if kind.compare:
        add_comparisons(chapters, org, period)
    doc.kind = kind
    doc.chapters = chapters
    doc.title = texts.get("title") or fill(kind.title, w)
    doc.signer = texts.get("signer") or fill(kind.signer, w)
    doc.salutation = fill(kind.salutation, w)
    doc.preface = texts["preface"] if "preface" in texts else fill(kind.preface, w)
    doc.work_heading = "一、" + fill(kind.parts[0].heading, w)
    doc.sections = []
    for n, part in enumerate(kind.parts, start=1):
        heading = f"{cn_number(n)}、" + fill(part.heading, w)
        if part.lines:
            doc.sections.append(Section(heading, chapters))
        else:
            doc.sections.append(FreeSection(heading, free_text(kind, part.key, row, doc.stored)))
    by_key = {p.key: s for p, s in zip(kind.parts, doc.sections, strict=True)}
    doc.problems = by_key.get("problems", FreeSection("", ""))
    doc.plans = by_key.get("plans", FreeSection("", ""))
    # 附注: numbered again in reading order over what is printed (a dropped chapter's figures are not).
    for figure in doc.notes:
        figure.note_number = 0
    doc.notes = []
    for figure in doc.figures:
        if figure.overridden or figure.missing:
            doc.notes.append(figure)
            figure.note_number = len(doc.notes)
    doc.warnings = [w for piece in doc.pieces for w in piece.warnings]
    doc.kind_row = row
    return doc


# ------------------------------------------------------------------------------------------------ 1 April rule

def publication_due(year: int) -> dt.date:
    """The last day to publish the year's 法治政府建设年度报告: before 1 April of the next year."""
    return dt.date(year + 1, 3, 31)


def filing_state(row) -> str:
    if row is None or (row.submitted_on is None and row.published_on is None):
        return "未报送、未公开"
    if row.submitted_on is None:
        return "未报送"
    if row.published_on is None:
        return "未公开"
    late = row.published_on > publication_due(row.period_start.year)
    return "已报送、已公开" + ("（逾期公开）" if late else "")


DUE_KIND = "法治政府建设年度报告"
MAX_DUE_ITEMS = 200


def due_items(user, today: dt.date | None = None):
    """The home page's item per county or city bureau in the viewer's subtree whose last year's 法治政府建设年度报告
    is not yet both 报送 and 公开: due 31 March (公开 before 1 April, 厅字〔2019〕28号 第24条).

    A bureau is tracked once it keeps its 法治政府建设年度报告 in Sifa: from the first report (of that year or an
    earlier one) it saved or whose 报送/公开 it recorded; a bureau that never did is not reminded."""
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.http import urlencode

    from sifa.core.access import orgs_within_reach
    from sifa.core.deadlines import DueItem
    from sifa.core.models import OrgKind

    from .models import KindReport
    from .permissions import can_view_report

    if not can_view_report(user):
        return []
    today = today or timezone.localdate()
    year = today.year - 1
    tracked = KindReport.objects.filter(kind=ANNUAL_RULE_OF_LAW, period_start__year__lte=year).values("org_id")
    orgs = list(orgs_within_reach(user).filter(kind__in=(OrgKind.COUNTY_BUREAU, OrgKind.CITY_BUREAU),
                                               pk__in=tracked)[:MAX_DUE_ITEMS])
    done = set(KindReport.objects.filter(kind=ANNUAL_RULE_OF_LAW, period_key=str(year), org__in=orgs,
                                         submitted_on__isnull=False, published_on__isnull=False)
               .values_list("org_id", flat=True))
    rows = {r.org_id: r for r in KindReport.objects.filter(kind=ANNUAL_RULE_OF_LAW, period_key=str(year),
                                                           org__in=orgs)}
    url = reverse("reports:kind")
    items = []
    for org in orgs:
        if org.pk in done:
            continue
        state = filing_state(rows.get(org.pk))
        items.append(DueItem.make(
            title=f"{org.name}{year}年度法治政府建设年度报告{state}（4月1日前向社会公开）",
            url=url + "?" + urlencode({"kind": ANNUAL_RULE_OF_LAW, "org": org.code, "period": str(year)}),
            due=publication_due(year), org=org, kind=DUE_KIND, today=today))
    return items


def layout_rows(doc) -> list[dict]:
    """The rows of the layout form: every chapter of the report as shown, then the dropped ones, each
    {key, title, text, dropped, custom}."""
    from .chapters import get_chapter
    from .templating import context_words

    row = getattr(doc, "kind_row", None)
    shown = {ch.key: ch for ch in doc.chapters}
    rows = [{"key": ch.key, "title": ch.title, "text": ch.text, "dropped": False,
             "custom": ch.key.startswith(CUSTOM_PREFIX)} for ch in doc.chapters]
    context = context_words(doc.org, doc.period)
    for entry in (row.layout if row and row.layout else []):
        if entry.get("dropped") and entry["key"] not in shown:
            title = entry.get("title", "")
            if not title and not entry["key"].startswith(CUSTOM_PREFIX):
                title = fill(get_chapter(entry["key"]).title, context)
            rows.append({"key": entry["key"], "title": title, "text": entry.get("text", ""), "dropped": True,
                         "custom": entry["key"].startswith(CUSTOM_PREFIX)})
    return rows
