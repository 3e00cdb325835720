"""Which figures of the five seed reports Sifa computes, which wait for a line or an indicator not yet built, and
which are not figures a bureau's records hold. The lists are data (seed000.json … seed004.json): each figure with
its sentence, value, unit and the indicator code that covers it, or “待建” (records could hold it: the note names
the record or indicator it waits for), or “非记录” (a target, a plan, an honour, an outside statistic).

`sifa report --coverage` prints the counts per seed, `--seed 001` one seed's list; the acceptance test evaluates
every covered figure of seed [000] on the demo county's records and checks it against the seed (seeds 001–004
have no fixture county yet: their figures are marked demo=false)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

WAITING = "待建"
NARRATIVE = "非记录"
SEEDS = ("000", "001", "002", "003", "004")
DEFAULT_SEED = "000"


class UnknownSeed(ValueError):
    pass


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
    demo: bool = True          # False: the indicator exists, no (demo or fixture) county holds records for this figure
    note: str = ""
    seed: str = DEFAULT_SEED

    @property
    def covered(self) -> bool:
        return self.indicator not in (WAITING, NARRATIVE)

    @property
    def waiting(self) -> bool:
        return self.indicator == WAITING

    @property
    def narrative(self) -> bool:
        """Not a figure from records: a target, a plan, an honour, an outside statistic."""
        return self.indicator == NARRATIVE

    def period_for(self, report_period: str, as_of) -> str:
        """The period the seed counts this figure over, in a report of `report_period` as of `as_of`."""
        if self.period:
            return self.period
        return f"截至{as_of:%Y-%m-%d}" if self.to_date else report_period

    @property
    def decimals(self) -> int | None:
        return int(self.format) if self.format.isdigit() else None


def _check(seed: str) -> str:
    seed = str(seed).zfill(3)
    if seed not in SEEDS:
        raise UnknownSeed(f"没有种子报告“{seed}”：可选 " + "、".join(SEEDS) + "。")
    return seed


@lru_cache(maxsize=len(SEEDS))
def seed_document(seed: str = DEFAULT_SEED) -> dict:
    seed = _check(seed)
    return json.loads((resources.files("sifa.reports") / f"seed{seed}.json").read_text(encoding="utf-8"))


def seed_as_of(seed: str = DEFAULT_SEED) -> dt.date:
    """The date the seed was written as of (seed [000]: its 落款, 2021-08-13): where its 截至目前 figures stop."""
    return dt.date.fromisoformat(seed_document(seed)["as_of"])


def figures(seed: str = DEFAULT_SEED) -> list[SeedFigure]:
    seed = _check(seed)
    return [SeedFigure(**{"dims": {}, **row, "seed": seed}) for row in seed_document(seed)["figures"]]


@dataclass(frozen=True)
class Seed:
    """One seed report's list: what it is (title, org, period, as of) and its figures."""

    seed: str
    title: str
    org: str
    period: str
    as_of: dt.date
    figures: tuple

    @property
    def produced(self) -> list[SeedFigure]:
        return [f for f in self.figures if f.covered]

    @property
    def waiting(self) -> list[SeedFigure]:
        return [f for f in self.figures if f.waiting]

    @property
    def narrative(self) -> list[SeedFigure]:
        return [f for f in self.figures if f.narrative]

    def counts(self) -> dict:
        return {"total": len(self.figures), "produced": len(self.produced), "waiting": len(self.waiting),
                "narrative": len(self.narrative), "without_records": sum(1 for f in self.produced if not f.demo)}


def load(seed: str = DEFAULT_SEED) -> Seed:
    doc = seed_document(seed)
    return Seed(seed=_check(seed), title=doc["title"], org=doc["org"], period=doc["period"],
                as_of=dt.date.fromisoformat(doc["as_of"]), figures=tuple(figures(seed)))


def load_all() -> list[Seed]:
    return [load(seed) for seed in SEEDS]


@dataclass
class LineCoverage:
    line: str
    covered: list
    waiting: list
    narrative: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.covered) + len(self.waiting) + len(self.narrative)


def by_line(seed: str = DEFAULT_SEED) -> list[LineCoverage]:
    lines: dict[str, LineCoverage] = {}
    for f in figures(seed):
        entry = lines.setdefault(f.line, LineCoverage(f.line, [], []))
        (entry.covered if f.covered else entry.narrative if f.narrative else entry.waiting).append(f)
    return list(lines.values())


def unregistered(seed: str | None = DEFAULT_SEED) -> list[SeedFigure]:
    """Covered figures whose indicator is not in the registry: the list and the code disagree. `seed=None`: all
    seeds."""
    from sifa.indicators import registry
    from sifa.indicators.errors import UnknownIndicator

    missing = []
    for s in (SEEDS if seed is None else (seed,)):
        for f in figures(s):
            if f.covered:
                try:
                    registry.get(f.indicator)
                except UnknownIndicator:
                    missing.append(f)
    return missing


def summary(seed: str = DEFAULT_SEED) -> str:
    s = load(seed)
    c = s.counts()
    return (f"种子报告[{s.seed}]共{c['total']}个数字：已由指标覆盖{c['produced']}个（其中{c['without_records']}个"
            f"{'演示数据' if s.seed == DEFAULT_SEED else '夹具数据'}未含），待建{c['waiting']}个"
            + (f"，不来自记录{c['narrative']}个" if c["narrative"] else "") + "。")
