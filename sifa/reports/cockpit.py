"""The county's rule-of-law cockpit (法治驾驶舱): one page for the leader with every line's key figures for a
period, each against the same period last year (同比: Δ and arrow) and against the bureau's own target (met or not),
each figure linking to the records behind it; and the same as the leader's one-page brief (cockpit_docx.py).

The figures are the lines' registered dashboard key figures (dashboard.line_specs), plus any indicator the bureau
set a target for that is not among them. Targets are data (models.Target, written by actions.set_target): the
target of an indicator for a period is the one set for the period's year by the unit itself or, failing that, by the
nearest unit above it (a city's target holds for its counties until a county sets its own).

A figure is held against its target exactly (748/749 = 99.866…% does not meet “= 100%”, whatever the rounding).
Nothing here writes; every figure comes from the indicator engine (cached per county until a record changes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.utils import timezone

from sifa.indicators import engine
from sifa.indicators import registry as indicator_registry
from sifa.indicators.errors import IndicatorError
from sifa.indicators.orgscope import check_scope, org_scope, resolve_org
from sifa.indicators.periods import Period, parse_period
from sifa.indicators.results import MISSING_DISPLAY, format_number, round_half_up

from . import dashboard
from .models import Target, TargetComparison
from .templating import Figure, Placeholder


@dataclass(frozen=True)
class DefaultTarget:
    """A target the bureau may load with one click (actions.load_default_targets), with where it comes from."""

    code: str
    comparison: str
    value: str
    label: str
    note: str


# The county's usual targets, from the seeds and DOMAIN.md.
DEFAULT_TARGETS: tuple[DefaultTarget, ...] = (
    DefaultTarget("lawyers.per_10k", TargetComparison.AT_LEAST, "2.9", "律师万人比≥2.9",
                  "省委社建委对县（市、区）考核重点指标：律师万人比达到2.9（东阳2021年法治政府建设报告）"),
    DefaultTarget("litigation.head_rate", TargetComparison.EQUAL, "100", "行政机关负责人出庭应诉率100%",
                  "确保行政机关负责人出庭应诉率达到100%（环翠区2022年工作总结及2023年计划）"),
    DefaultTarget("litigation.loss_rate", TargetComparison.BELOW, "10", "行政诉讼败诉率<10%",
                  "行政诉讼败诉率控制在10%以下（东阳2021年法治政府建设报告）"),
    DefaultTarget("litigation.withdrawal_rate", TargetComparison.AT_LEAST, "30", "协调撤诉率≥30%",
                  "行政诉讼协调撤诉率不低于30%（东阳2021年法治政府建设报告）"),
    DefaultTarget("mediation.success_rate", TargetComparison.AT_LEAST, "98", "人民调解成功率≥98%",
                  "人民调解成功率保持在98%以上（砀山2021年上半年实绩98%）"),
    DefaultTarget("lawyers.public_coverage", TargetComparison.AT_LEAST, "50", "公职律师工作覆盖率≥50%",
                  "年底前党政机关公职律师工作覆盖率达到50%以上（东阳2021年法治政府建设报告）"),
    DefaultTarget("legality.review_rate", TargetComparison.EQUAL, "100", "规范性文件合法性审核率100%",
                  "行政规范性文件合法性审核率100%（环翠区2022年工作总结）"),
    DefaultTarget("publicity.understander_target_rate", TargetComparison.AT_LEAST, "100", "法律明白人每村≥3名",
                  "到2025年每个村（社区）法律明白人不少于3名（DOMAIN §8，《乡村“法律明白人”培养工作规范（试行）》），"
                  "即达标村（社区）占100%"),
)

MET, UNMET, UNKNOWN = "met", "unmet", "unknown"
STATUS_LABELS = {MET: "达成", UNMET: "未达成", UNKNOWN: "无法判断"}
GOOD, BAD = "good", "bad"


@dataclass
class TargetCheck:
    pk: int
    text: str                  # “≥2.9人/万人”
    status: str                # met | unmet | unknown
    gap: str = ""              # “差0.45人/万人”, “超2.30个百分点”, or why it cannot be judged
    note: str = ""             # the bureau's reason for the target
    set_at: str = ""           # the unit that set it, when it is a unit above the one viewed

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class CockpitFigure:
    code: str
    name: str                  # with its dimensions: “执业律师（专职律师）”
    line: str
    unit: str
    value: object              # number for charts / JSON, or None
    display: str               # “98.00”, “—”
    url: str                   # the drill-down to the records (a rate: the indicator page with its parts)
    reason: str = ""           # why there is no value
    previous_display: str = MISSING_DISPLAY
    previous_url: str = ""
    previous_note: str = ""    # “历史基数：2020年工作总结”
    delta: str = ""            # “+12件”, “-1.50个百分点”, “持平”
    rate: str = ""             # “+12.50%” (counts only)
    arrow: str = ""            # ↑ ↓ → or ""
    yoy_reason: str = ""       # why there is no 同比 (“无上期数据”…)
    yoy_summary: str = ""
    tone: str = ""             # good | bad | "" (the change read against the target's direction)
    target: TargetCheck | None = None

    @property
    def display_with_unit(self) -> str:
        return self.display if self.value is None else f"{self.display}{self.unit}"

    @property
    def status(self) -> str:
        return self.target.status if self.target else ""


@dataclass
class CockpitData:
    org_code: str
    org_name: str
    period_key: str
    period_label: str
    year: int
    lines: list = field(default_factory=list)     # [{"line": str, "figures": [CockpitFigure]}]
    computed_at: str = ""

    @property
    def figures(self) -> list[CockpitFigure]:
        return [f for block in self.lines for f in block["figures"]]

    @property
    def targeted(self) -> list[CockpitFigure]:
        return [f for f in self.figures if f.target is not None]

    @property
    def unmet(self) -> list[CockpitFigure]:
        return [f for f in self.figures if f.status == UNMET]

    @property
    def counts(self) -> dict:
        found = {MET: 0, UNMET: 0, UNKNOWN: 0}
        for f in self.targeted:
            found[f.status] += 1
        return {**found, "targets": len(self.targeted), "figures": len(self.figures)}


# ------------------------------------------------------------------------------------------------ targets

def comparison_symbol(comparison: str) -> str:
    return dict(TargetComparison.choices).get(comparison, comparison)


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


def target_text(target: Target, unit: str) -> str:
    return f"{comparison_symbol(target.comparison)}{target.value_display}{unit}"


def targets_for(org, year: int) -> dict[tuple[str, str], Target]:
    """{(indicator code, dims key): Target} holding for `org` in `year`: its own, else the nearest unit above's."""
    codes = [c for c in org.path.split("/") if c]
    found: dict[tuple[str, str], Target] = {}
    rows = Target.objects.filter(org__code__in=codes, year=year).select_related("org").order_by("org_path")
    for target in rows:  # shallowest first: a deeper unit's target replaces its parent's
        found[(target.indicator_code, target.dims_key)] = target
    return found


def _unit_word(unit: str) -> str:
    return "个百分点" if unit == "%" else unit


def check_target(result, target: Target, org=None) -> TargetCheck:
    """Whether the figure meets the target, compared exactly; with the gap when it does not."""
    unit = result.unit
    check = TargetCheck(pk=target.pk, text=target_text(target, unit), status=UNKNOWN, note=target.note,
                        set_at=target.org.name if org is not None and target.org_id != org.pk else "")
    if result.value is None:
        check.gap = result.reason or "本期无数值"
        return check
    actual = Fraction(result.exact) if result.exact is not None else Fraction(result.value)
    goal = Fraction(target.value)
    met = {
        TargetComparison.AT_LEAST: actual >= goal, TargetComparison.ABOVE: actual > goal,
        TargetComparison.AT_MOST: actual <= goal, TargetComparison.BELOW: actual < goal,
        TargetComparison.EQUAL: actual == goal,
    }[target.comparison]
    check.status = MET if met else UNMET
    if not met:
        diff = goal - actual
        word = "差" if diff > 0 else "超"
        if diff == 0:  # “<10” with exactly 10, “>50” with exactly 50
            check.gap = "恰为目标值"
        else:
            shown = round_half_up(abs(diff), result.decimals)
            amount = format_number(shown, result.decimals) if shown else f"不足{Decimal(1).scaleb(-result.decimals)}"
            check.gap = f"{word}{amount}{_unit_word(unit)}"
    return check


# ------------------------------------------------------------------------------------------------ figures

def _url(result) -> str:
    return Figure(Placeholder(raw=result.code, code=result.code), result, result.display, result.display).url


def _signed(value, decimals: int) -> str:
    text = format_number(abs(value), decimals)
    return ("+" if value > 0 else "-") + text


def _tone(comparison, delta, current, previous, goal) -> str:
    """Whether the change since last year moves toward the target (good) or away from it (bad)."""
    if delta is None or delta == 0 or comparison is None:
        return ""
    if comparison in (TargetComparison.AT_LEAST, TargetComparison.ABOVE):
        return GOOD if delta > 0 else BAD
    if comparison in (TargetComparison.AT_MOST, TargetComparison.BELOW):
        return GOOD if delta < 0 else BAD
    return GOOD if abs(Fraction(current) - goal) < abs(Fraction(previous) - goal) else BAD


def figure_for(indicator, scope, period: Period, dims: dict, target: Target | None = None) -> CockpitFigure:
    result = indicator.evaluate(scope, period, dims)
    comparison = engine.compare_prepared(indicator, scope, period, dims, engine.YOY, result)
    name = indicator.name
    if dims:
        name += "（" + "，".join(indicator.dimension(k).label_for(v, scope) for k, v in sorted(dims.items())) + "）"
    fig = CockpitFigure(code=indicator.code, name=name, line=indicator.line or "其他", unit=indicator.unit,
                        value=result.json_value(), display=result.display, url=_url(result), reason=result.reason,
                        yoy_summary=comparison.summary)
    previous = comparison.previous
    if previous is not None and previous.value is not None:
        fig.previous_display = previous.display
        if previous.is_baseline:
            fig.previous_note = f"历史基数：{previous.baseline.source}"
        else:
            fig.previous_url = _url(previous)
    if comparison.delta is None:
        fig.yoy_reason = comparison.brief or (MISSING_DISPLAY if result.value is None else "")
    elif comparison.delta == 0:
        fig.delta, fig.arrow = "持平", "→"
    else:
        fig.arrow = "↑" if comparison.delta > 0 else "↓"
        fig.delta = _signed(comparison.delta, result.decimals) + _unit_word(indicator.unit)
        if comparison.rate is not None:
            fig.rate = _signed(comparison.rate, 2) + "%"
    if target is not None:
        fig.target = check_target(result, target, scope.org)
        if comparison.delta is not None:
            fig.tone = _tone(target.comparison, comparison.delta, result.exact if result.exact is not None
                             else result.value, previous.exact if previous.exact is not None else previous.value,
                             Fraction(target.value))
    return fig


def compute(org, period: Period) -> CockpitData:
    scope = org_scope(org)
    year = period.year
    targets = targets_for(org, year)
    data = CockpitData(org.code, org.name, period.key, period.label, year,
                       computed_at=timezone.localtime().strftime("%Y-%m-%d %H:%M"))
    blocks: dict[str, list] = {}
    shown: set[tuple[str, str]] = set()
    for spec in dashboard._shape()[0]:  # the lines' key figures, memoised until a registry changes
        figures = blocks.setdefault(spec.line, [])
        for indicator in spec.key:
            figures.append(figure_for(indicator, scope, period, {}, targets.get((indicator.code, ""))))
            shown.add((indicator.code, ""))
    for (code, dims_key), target in sorted(targets.items()):
        if (code, dims_key) in shown:
            continue
        try:
            indicator = indicator_registry.get(code)
            dims = indicator.clean_dims(target.dims, scope)
        except IndicatorError:  # an indicator withdrawn, or a dimension value no longer valid here
            continue
        blocks.setdefault(indicator.line or "其他", []).append(figure_for(indicator, scope, period, dims, target))
    data.lines = [{"line": line, "figures": figures} for line, figures in blocks.items() if figures]
    return data


def data_for(org, period, *, user=None, today=None) -> CockpitData:
    """The cockpit of `org` × `period`, scope-checked for `user` (OutOfScope outside their subtree)."""
    org = resolve_org(org)
    check_scope(user, org)
    return compute(org, parse_period(period, today=today))
