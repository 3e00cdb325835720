"""What an evaluation returns: the value with its unit and rounding, the parts it was computed from, the reason
when there is no value, and the exact record filter behind it (for drill-down)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from math import floor
from urllib.parse import urlencode

from .orgscope import PopulationFigure, Unit
from .periods import Period

MISSING_DISPLAY = "—"


def round_half_up(value, decimals: int) -> Decimal:
    """Round half away from zero ([000] shows 627/640 = 97.97% as “98%”), exactly, from a Fraction or number."""
    fr = Fraction(value)
    scaled = abs(fr) * 10 ** decimals
    digits = floor(scaled + Fraction(1, 2))
    sign = -1 if fr < 0 else 1
    return (Decimal(sign * digits) / (Decimal(10) ** decimals)).quantize(Decimal(1).scaleb(-decimals))


def format_number(value, decimals: int = 0) -> str:
    if value is None:
        return MISSING_DISPLAY
    if decimals == 0:
        return str(int(value))
    return f"{Decimal(value):.{decimals}f}"


@dataclass
class Result:
    indicator: object                    # the Indicator declaration
    org: Unit
    period: Period
    dims: dict = field(default_factory=dict)
    value: Decimal | int | None = None   # rounded to the indicator's decimals; None = no value (see reason)
    exact: Fraction | None = None        # the unrounded value
    reason: str = ""                     # why there is no value, in Chinese
    note: str = ""                       # how it was computed, when that needs saying (population year…)
    numerator: Result | None = None
    denominator: Result | None = None
    population: PopulationFigure | None = None
    model: type | None = None            # records behind a record indicator's value…
    filter_factory: object = None        # …and how to build the exact Q that selects them (see `filter`)
    baseline: object = None              # set only on a comparison's previous value taken from a Baseline

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def name(self) -> str:
        return self.indicator.name

    @property
    def unit(self) -> str:
        return self.indicator.unit

    @property
    def decimals(self) -> int:
        return self.indicator.decimals

    @property
    def is_missing(self) -> bool:
        return self.value is None

    @property
    def display(self) -> str:
        """The number as printed in a report: "98", "99.76", or "—" when there is no value."""
        return format_number(self.value, self.decimals)

    @property
    def display_with_unit(self) -> str:
        return MISSING_DISPLAY if self.value is None else f"{self.display}{self.unit}"

    @property
    def filter(self):
        """The exact Q selecting the records behind the value (org × period × declared filter × dimensions);
        built on first use, since a breakdown's rows rarely all get drilled into."""
        if "_filter" not in self.__dict__:
            self.__dict__["_filter"] = self.filter_factory() if self.filter_factory else None
        return self.__dict__["_filter"]

    @property
    def is_baseline(self) -> bool:
        return self.baseline is not None

    def records(self, user=None):
        """The records behind the value (in `user`'s scope when given); None for derived indicators."""
        if self.model is None:
            return None
        manager = self.model._default_manager
        qs = manager.for_user(user) if user is not None else manager.all()
        return qs.filter(self.filter)

    def drill_url(self, part: str = "") -> str:
        from django.urls import reverse

        params = [("org", self.org.code), ("period", self.period.key)]
        params += [("dim", f"{name}:{value}") for name, value in sorted(self.dims.items())]
        if part:
            params.append(("part", part))
        return reverse("indicators:records", args=[self.code]) + "?" + urlencode(params)

    def json_value(self):
        if self.value is None:
            return None
        return int(self.value) if self.decimals == 0 else float(self.value)

    def as_dict(self) -> dict:
        """code, name, value, unit, plus extras that help a reader (display, note/reason, parts)."""
        data = {"code": self.code, "name": self.name, "value": self.json_value(), "unit": self.unit,
                "display": self.display_with_unit, "line": self.indicator.line}
        note = self.reason or self.note
        if note:
            data["note"] = note
        if self.numerator is not None:
            data["numerator"] = self.numerator.json_value()
        if self.denominator is not None:
            data["denominator"] = self.denominator.json_value()
        if self.population is not None:
            data["population"] = self.population.residents
        if self.baseline is not None:
            data["baseline_source"] = self.baseline.source
        return data


@dataclass
class BreakdownRow:
    key: str
    label: str
    result: Result


@dataclass
class Breakdown:
    total: Result
    dimension: object
    rows: list[BreakdownRow]
    additive: bool

    def sum(self):
        return sum((row.result.value or 0) for row in self.rows)

    @property
    def sums_to_total(self) -> bool:
        return self.additive and self.sum() == (self.total.value or 0)


@dataclass
class Comparison:
    kind: str                        # "同比" | "环比"
    current: Result
    previous: Result | None
    delta: Decimal | None = None     # current − previous, in the indicator's unit (percentage points for %)
    rate: Decimal | None = None      # (current − previous) ÷ previous × 100, for non-percentage indicators
    reason: str = ""
    brief: str = ""                  # the reason in a few characters, for tables ("无上期数据")

    @property
    def from_baseline(self) -> bool:
        return self.previous is not None and self.previous.is_baseline

    @property
    def delta_unit(self) -> str:
        return "个百分点" if self.current.unit == "%" else self.current.unit

    @property
    def summary(self) -> str:
        """One short Chinese phrase, e.g. "上升12.50%（上年同期 120件）" or "—（上年同期系统内无记录…）"."""
        if self.previous is None or self.previous.value is None or self.delta is None:
            return f"{MISSING_DISPLAY}（{self.reason}）" if self.reason else MISSING_DISPLAY
        where = "上年同期" if self.kind == "同比" else "上期"
        basis = f"{where} {self.previous.display_with_unit}"
        if self.from_baseline:
            basis += f"，历史基数：{self.previous.baseline.source}"
        if self.delta == 0:
            return f"持平（{basis}）"
        direction = "上升" if self.delta > 0 else "下降"
        if self.rate is not None:
            change = f"{direction}{format_number(abs(self.rate), 2)}%"
        else:
            change = f"{direction}{format_number(abs(self.delta), self.current.decimals)}{self.delta_unit}"
        return f"{change}（{basis}）"
