"""A figure that is other figures added up or taken away: `Total`.

    Total("mediation.unhandled_found", "排查发现未调处纠纷", plus=["mediation.screening_found"],
          minus=["mediation.screening_accepted"], floor=0, unit="件", note="…")
    Total("mediation.to_handle", "应调处纠纷", plus=["mediation.accepted", "mediation.unhandled_found"], …)

Each part is evaluated on the same org, period and dimensions; a part without a value leaves the total without
one, with the reason. `floor` keeps a difference from going below a bound (排查发现 in one period may be taken up
in the next, so the found-but-not-yet-handled figure never goes negative). A total is additive over a breakdown
only when it has no floor and no subtracted part that could break it; breakdowns are combined row by row.
"""

from __future__ import annotations

from fractions import Fraction

from .declarations import _Derived, _missing_part_reason
from .results import Breakdown, BreakdownRow, round_half_up


class Total(_Derived):
    """Σ plus − Σ minus, optionally not below `floor`."""

    kind = "total"

    def __init__(self, code, name, *, plus, minus=(), floor=None, unit: str = "件", decimals: int = 0, **kwargs):
        super().__init__(code, name, unit=unit, decimals=decimals, **kwargs)
        if not plus:
            raise ValueError(f"指标“{code}”须至少有一个相加的分项（plus=）。")
        self._plus, self._minus, self.floor = tuple(plus), tuple(minus), floor
        self.additive = floor is None

    @property
    def plus(self) -> list:
        return [self._part(ref) for ref in self._plus]

    @property
    def minus(self) -> list:
        return [self._part(ref) for ref in self._minus]

    def parts(self):
        return [*self.plus, *self.minus]

    def describe(self):
        plus = ",".join(p.describe() for p in self.plus)
        minus = ",".join(p.describe() for p in self.minus)
        return f"{super().describe()}|+{plus}|-{minus}|floor={self.floor}"

    def combine(self, scope, period, dims, plus: list, minus: list):
        for part in (*plus, *minus):
            if part.value is None:
                return self._result(scope, period, dims, reason=_missing_part_reason(part))
        exact = sum((Fraction(p.exact) for p in plus), Fraction(0)) - sum((Fraction(p.exact) for p in minus),
                                                                          Fraction(0))
        if self.floor is not None and exact < self.floor:
            exact = Fraction(self.floor)
        value = round_half_up(exact, self.decimals)
        return self._result(scope, period, dims, value=int(value) if self.decimals == 0 else value, exact=exact)

    def evaluate(self, scope, period, dims):
        return self.combine(scope, period, dims, [p.evaluate(scope, period, dims) for p in self.plus],
                            [p.evaluate(scope, period, dims) for p in self.minus])

    def series(self, scope, periods):
        plus = [p.series(scope, periods) for p in self.plus]
        minus = [p.series(scope, periods) for p in self.minus]
        return [self.combine(scope, period, {}, [s[i] for s in plus], [s[i] for s in minus])
                for i, period in enumerate(periods)]

    def breakdown(self, scope, period, by, dims):
        plus = [p.breakdown(scope, period, by, dims) for p in self.plus]
        minus = [{row.key: row.result for row in p.breakdown(scope, period, by, dims).rows} for p in self.minus]
        rows = []
        for row in plus[0].rows:
            row_plus = [row.result] + [{r.key: r.result for r in b.rows}[row.key] for b in plus[1:]]
            rows.append(BreakdownRow(row.key, row.label, self.combine(scope, period, row.result.dims, row_plus,
                                                                      [m[row.key] for m in minus])))
        return Breakdown(total=self.evaluate(scope, period, dims), dimension=plus[0].dimension, rows=rows,
                         additive=self.additive)
