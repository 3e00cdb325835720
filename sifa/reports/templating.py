"""Sentence templates of the work report: placeholders bound to indicator instances, and how a figure is printed.

A template is ordinary Chinese text with placeholders in braces::

    截至目前全{地域}各级人民调解组织共开展矛盾纠纷排查{mediation.screenings}次，…调解成功率{mediation.success_rate}%。

Placeholder forms (see README.md):

    {mediation.accepted}                       the indicator at the report's org and period
    {corrections.registered[category=缓刑]}     …filtered by dimensions (value or its Chinese label), comma-separated
    {legalaid.consultations:余}                 printed as an approximation: 500余 / 70多 / 近3万 (DOMAIN §0: 余/多/近
                                               come only from the template, the exact value stays stored)
    {mediation.success_rate:2}                 with 2 decimals (half-up) instead of the default
    {mediation.accepted=530}                   a figure overridden by a writer: printed as 530, marked 人工修改,
                                               still bound to its indicator (the computed value is shown beside it)
    {地域} {机构} {期间} {期内} {年度}             words of the report's org and period (县, 砀山县司法局, 2021年上半年, …)

`{{` and `}}` stand for literal braces. Parsing is pure (no database); `bind` evaluates the figures.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from sifa.indicators.results import MISSING_DISPLAY, round_half_up

APPROXIMATIONS = ("余", "多", "近")
YOY = "同比"   # {mediation.accepted:同比} → 增长12.5% / 下降3% / 持平; “—” (its clause left out) without a basis
MAX_TEMPLATE_LENGTH = 1000
CODE_PATTERN = r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+"
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_INDICATOR = re.compile(rf"^(?P<code>{CODE_PATTERN})(?:\[(?P<dims>[^\[\]]*)\])?(?::(?P<fmt>[^=]*))?"
                        rf"(?:=(?P<override>.*))?$")
_NUMBER = re.compile(r"^\d{1,15}(?:\.\d{1,6})?$")
# Digits in the running text (outside placeholders): Arabic and full-width.
_TEXT_NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class TemplateError(ValueError):
    """A template or an edited sentence that cannot be used; the message is Chinese, fit to show as is."""


# ------------------------------------------------------------------------------------------------ words

def area_word(division_name: str, code_length: int) -> str:
    """The one-word name of an area as reports write it: 全{县}, 全{区}, 全{市}, 全{镇}…"""
    for suffix in ("街道", "县", "区", "市", "旗", "镇", "乡", "省"):
        if division_name.endswith(suffix):
            return suffix
    return {2: "省", 4: "市", 6: "县", 9: "镇"}.get(code_length, "县")


def period_phrase(period) -> str:
    """How a sentence opens for the period: 截至目前, 上半年, 全年, 第一季度, 5月份, or the date range."""
    s = period.start
    if period.kind == "ytd":
        return "截至目前"
    if period.kind == "year":
        return "全年"
    if period.kind == "half":
        return "上半年" if s.month == 1 else "下半年"
    if period.kind == "quarter":
        return period.label[len(f"{s.year}年"):]
    if period.kind == "month":
        return f"{s.month}月份"
    return f"{period.label}期间"


def context_words(org, period) -> dict[str, str]:
    division = getattr(org, "division", None)
    division_name = getattr(division, "name", "") or org.name
    return {
        "地域": area_word(division_name, len(org.division_id or "")),
        "机构": org.name,
        "期间": period.label,
        "期内": period_phrase(period),
        "年度": f"{period.year}年",
    }


CONTEXT_WORDS = ("地域", "机构", "期间", "期内", "年度")


# ------------------------------------------------------------------------------------------------ parsing

@dataclass(frozen=True)
class Placeholder:
    raw: str                       # the text between the braces
    code: str = ""                 # indicator code; empty for a context word
    dims: tuple = ()               # ((name, value), …) as written
    fmt: str = ""                  # "", a digit (decimals) or 余/多/近
    override: str = ""             # the number a writer put in place of the computed one
    word: str = ""                 # a context word (地域…)

    @property
    def is_figure(self) -> bool:
        return bool(self.code)

    @property
    def binding(self) -> str:
        """The placeholder without its override: what the figure is bound to."""
        text = self.code
        if self.dims:
            text += "[" + ",".join(f"{k}={v}" for k, v in self.dims) + "]"
        if self.fmt:
            text += ":" + self.fmt
        return text

    def with_override(self, value: str) -> str:
        return "{" + self.binding + (f"={value}" if value else "") + "}"


def _parse_placeholder(raw: str) -> Placeholder:
    text = raw.strip()
    if text in CONTEXT_WORDS:
        return Placeholder(raw=raw, word=text)
    m = _INDICATOR.match(text)
    if not m:
        if text and "." not in text:
            raise TemplateError(f"占位符“{{{text}}}”不认识：可用的词语有{'、'.join(CONTEXT_WORDS)}，"
                                f"指标写作指标代码，如 {{mediation.accepted}}。")
        raise TemplateError(f"占位符“{{{text}}}”格式不正确：应为 {{指标代码}}、{{指标代码[维度=取值]}}、"
                            f"{{指标代码:余}} 或 {{指标代码=数值}}。")
    dims = []
    for part in (m.group("dims") or "").split(","):
        if not part.strip():
            continue
        name, sep, value = part.partition("=")
        if not sep or not name.strip():
            raise TemplateError(f"占位符“{{{text}}}”的维度“{part}”应写作“维度=取值”，如 category=缓刑。")
        dims.append((name.strip(), value.strip()))
    fmt = (m.group("fmt") or "").strip()
    if fmt and fmt not in APPROXIMATIONS + (YOY,) and not (fmt.isdigit() and len(fmt) == 1 and int(fmt) <= 6):
        raise TemplateError(f"占位符“{{{text}}}”的格式“{fmt}”不正确：可写小数位数 0–6，或 余、多、近、同比。")
    if fmt == YOY and m.group("override") is not None:
        raise TemplateError(f"占位符“{{{text}}}”：同比不能人工修改，请修改指标数值本身。")
    override = m.group("override")
    if override is not None:
        override = override.strip()
        if not _NUMBER.match(override):
            raise TemplateError(f"占位符“{{{text}}}”中人工修改的数值“{override}”不是有效数字（如 530 或 97.5）。")
    return Placeholder(raw=raw, code=m.group("code"), dims=tuple(dims), fmt=fmt, override=override or "")


def parse(template: str) -> list:
    """The template as a list of str (text) and Placeholder items. Raises TemplateError (Chinese)."""
    if len(template) > MAX_TEMPLATE_LENGTH:
        raise TemplateError(f"句子过长（{len(template)}字），不能超过{MAX_TEMPLATE_LENGTH}字。")
    if _CONTROL.search(template):
        raise TemplateError("句子中含有不可见的控制字符，请删除后再保存。")
    items: list = []
    pos = 0
    buf = []
    for m in _PLACEHOLDER.finditer(template):
        buf.append(template[pos:m.start()])
        token = m.group(0)
        if token in ("{{", "}}"):
            buf.append(token[0])
        elif token in ("{", "}"):
            raise TemplateError(f"花括号不配对（第{m.start() + 1}个字附近）：占位符应写作 {{指标代码}}，"
                                f"原样的花括号请写作 {{{{ 或 }}}}。")
        else:
            if buf:
                items.append("".join(buf))
                buf = []
            items.append(_parse_placeholder(m.group(1)))
        pos = m.end()
    buf.append(template[pos:])
    if "".join(buf):
        items.append("".join(buf))
    return [i for i in items if i != ""]


def placeholders(template: str) -> list[Placeholder]:
    return [i for i in parse(template) if isinstance(i, Placeholder)]


def text_numbers(template: str) -> list[str]:
    """Numbers written in the running text of a template (outside placeholders), normalised to ASCII."""
    found = []
    for item in parse(template):
        if isinstance(item, str):
            for n in _TEXT_NUMBER.findall(item):
                found.append(n.translate(str.maketrans("０１２３４５６７８９．", "0123456789.")))
    return found


def check_edit(edited: str, original: str) -> list:
    """Validate a writer's version of a sentence against the registered template; returns the parsed items.

    Every figure must stay a placeholder: a number typed into the running text that the template does not
    itself contain (a year, 12348) would be a figure nobody computed, so it is refused with the way to do it."""
    edited = (edited or "").strip()
    if not edited:
        raise TemplateError("句子不能为空；如要恢复系统生成的句子，请点“恢复原句”。")
    items = parse(edited)
    allowed = set(text_numbers(original))
    for number in text_numbers(edited):
        if number not in allowed:
            raise TemplateError(f"句中的数字“{number}”没有绑定指标：数字须写成占位符（如 {{mediation.accepted}}）；"
                                f"确需改数时写作 {{指标代码=数值}}，报告中将标注“人工修改”。")
    return items


# ------------------------------------------------------------------------------------------------ numbers

def _plain(value) -> str:
    d = Decimal(value)
    return format(d.normalize(), "f") if d == d.to_integral_value() else format(d, "f")


def _big(value: int) -> str:
    """5000 → 5000, 40000 → 4万, 120000 → 12万."""
    if value >= 10000 and value % 1000 == 0:
        wan = Fraction(value, 10000)
        return (str(wan.numerator) if wan.denominator == 1 else f"{float(wan):g}") + "万"
    return str(value)


def approximate(exact, mode: str) -> str:
    """余/多 round down, 近 rounds up, to one significant digit (two when it leads with 1): 523 → 500余,
    73 → 70多, 1543 → 1500余, 43210 → 4万余, 29500 → 近3万. A value that is already round, or under 10, is
    printed exactly: a template never claims "500余" of exactly 500."""
    value = Fraction(exact)
    if value < 0:
        raise TemplateError("负数不能用“余/多/近”表述。")
    whole = math.ceil(value) if mode == "近" else math.floor(value)
    if whole < 10:
        return _plain(round_half_up(value, 2))
    digits = len(str(whole))
    unit = 10 ** (digits - (2 if str(whole)[0] == "1" else 1))
    if mode == "近":
        base = math.ceil(value / unit) * unit
        return _plain(round_half_up(value, 2)) if base == value else f"近{_big(base)}"
    base = (whole // unit) * unit
    return _plain(round_half_up(value, 2)) if base == value else f"{_big(base)}{mode}"


def percent_decimals(result, preferred: int) -> int:
    """A percentage prints with the report's decimals (seed [000] writes 627/640 as “98%”), unless rounding would
    make it read 100% or 0% when it is not: then with the indicator's own decimals (748/749 → 99.87%)."""
    exact = result.exact
    if exact is None or preferred >= result.decimals:
        return preferred
    shown = round_half_up(exact, preferred)
    if (shown >= 100 > exact) or (shown == 0 < exact):
        return max(result.decimals, preferred)
    return preferred


def format_value(result, fmt: str = "", *, percent_places: int | None = None) -> str:
    """The figure as printed in the report text; "—" when it has no value (the reason is shown apart)."""
    if result.value is None:
        return MISSING_DISPLAY
    if fmt in APPROXIMATIONS:
        return approximate(result.exact, fmt)
    if fmt:
        return _fixed(result.exact, int(fmt))
    if result.unit == "%" and percent_places is not None:
        return _fixed(result.exact, percent_decimals(result, percent_places))
    return result.display


def _fixed(exact, decimals: int) -> str:
    value = round_half_up(exact, decimals)
    return str(int(value)) if decimals == 0 else f"{value:.{decimals}f}"


def yoy_text(comparison) -> str:
    """A 同比 as a report says it after “同比”: 增长12.5%, 下降3%, 持平, or for a percentage 提高2.1个百分点;
    “—” when there is no basis (no records and no baseline last year, or last year's value was 0)."""
    if comparison.delta is None:
        return MISSING_DISPLAY
    if comparison.delta == 0:
        return "持平"
    if comparison.current.unit == "%":
        change = "提高" if comparison.delta > 0 else "降低"
        return f"{change}{_plain(round_half_up(abs(Fraction(comparison.delta)), 1))}个百分点"
    if comparison.rate is None:
        return MISSING_DISPLAY
    change = "增长" if comparison.rate > 0 else "下降"
    return f"{change}{_plain(round_half_up(abs(Fraction(comparison.rate)), 1))}%"


@dataclass
class Figure:
    """One bound placeholder of a rendered sentence."""

    placeholder: Placeholder
    result: object                      # sifa.indicators.results.Result
    text: str                           # what the reader sees
    computed: str                       # the computed figure as it would print
    overridden: bool = False
    note_number: int = 0                # its 附注 number, when it needs one (override or no value)
    warnings: list = field(default_factory=list)

    @property
    def missing(self) -> bool:
        return self.result.value is None and not self.overridden

    @property
    def reason(self) -> str:
        return self.result.reason

    @property
    def url(self) -> str:
        """Where the figure drills to: its records, or (for a ratio) the indicator page with its parts."""
        from urllib.parse import urlencode

        from django.urls import reverse

        r = self.result
        if r.model is not None:
            return r.drill_url()
        params = [("org", r.org.code), ("period", r.period.key)]
        params += [("dim", f"{k}:{v}") for k, v in sorted(r.dims.items())]
        return reverse("indicators:detail", args=[r.code]) + "?" + urlencode(params)

    @property
    def note(self) -> str:
        """The 附注 text: why there is no value, or what a writer changed."""
        r = self.result
        label = r.name + ("（" + "，".join(f"{v}" for _, v in self.placeholder.dims) + "）" if self.placeholder.dims
                          else "")
        if self.overridden:
            return (f"人工修改：{label}系统计算值为{self.computed}{'' if self.computed == MISSING_DISPLAY else r.unit}"
                    f"，报告中改为{self.text}（指标 {r.code}）。")
        return f"{label}无法计算：{r.reason}"
