"""Which figures of seed [000] (砀山县司法局2021年上半年工作总结) Sifa computes, and which wait for lines not yet
built. The list is data (seed000.json): each figure with its sentence, value, unit and the indicator code that
covers it, or “待建”. `sifa report --coverage` prints it; the acceptance test evaluates every covered figure
on the demo county's records and checks it against the seed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

WAITING = "待建"


@dataclass(frozen=True)
class SeedFigure:
    chapter: str
    line: str
    text: str
    shown: str                 # as the seed prints it: "528", "98", "500余", "近3万"
    value: int | float
    unit: str
    indicator: str
    dims: dict = field(default_factory=dict)
    period: str = ""           # when the seed counts it over another period than the report's (“2018年以来”)
    to_date: bool = False      # its sentence is written 截至目前/至今/目前: counted from 1 January to the report's date
    format: str = ""
    demo: bool = True          # False: the indicator exists, the demo county holds no records for this figure
    note: str = ""

    @property
    def covered(self) -> bool:
        return self.indicator != WAITING

    def period_for(self, report_period: str, as_of) -> str:
        """The period the seed counts this figure over, in a report of `report_period` as of `as_of`."""
        if self.period:
            return self.period
        return f"截至{as_of:%Y-%m-%d}" if self.to_date else report_period

    @property
    def decimals(self) -> int | None:
        return int(self.format) if self.format.isdigit() else None


@lru_cache(maxsize=1)
def seed_document() -> dict:
    return json.loads((resources.files("sifa.reports") / "seed000.json").read_text(encoding="utf-8"))


def seed_as_of():
    """The date seed [000] was written as of (its 落款, 2021-08-13): where its 截至目前 figures stop."""
    import datetime as dt

    return dt.date.fromisoformat(seed_document()["as_of"])


def figures() -> list[SeedFigure]:
    return [SeedFigure(**{"dims": {}, **row}) for row in seed_document()["figures"]]


@dataclass
class LineCoverage:
    line: str
    covered: list
    waiting: list

    @property
    def total(self) -> int:
        return len(self.covered) + len(self.waiting)


def by_line() -> list[LineCoverage]:
    lines: dict[str, LineCoverage] = {}
    for f in figures():
        entry = lines.setdefault(f.line, LineCoverage(f.line, [], []))
        (entry.covered if f.covered else entry.waiting).append(f)
    return list(lines.values())


def unregistered() -> list[SeedFigure]:
    """Covered figures whose indicator is not in the registry: the list and the code disagree."""
    from sifa.indicators import registry
    from sifa.indicators.errors import UnknownIndicator

    missing = []
    for f in figures():
        if f.covered:
            try:
                registry.get(f.indicator)
            except UnknownIndicator:
                missing.append(f)
    return missing


def summary() -> str:
    rows = figures()
    covered = [f for f in rows if f.covered]
    outside = sum(1 for f in covered if not f.demo)
    return (f"种子报告[000]共{len(rows)}个数字：已由指标覆盖{len(covered)}个（其中{outside}个演示数据未含），"
            f"待建{len(rows) - len(covered)}个。")
