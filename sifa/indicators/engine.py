"""Evaluate indicators: any org unit (rolled up its subtree) × period × dimensions, 同比/环比, breakdowns.

    evaluate("mediation.success_rate", "341321", "2021H1")            → Result (value, unit, parts, reason, filter)
    breakdown("mediation.accepted", org, "2021", by="township")        → Breakdown (rows sum to the total)
    compare("mediation.accepted", org, "2021H1", "同比")                 → Comparison (baseline when no records)

Pass `user=` whenever the figure is shown to someone: an org outside their subtree (or a role that does not view
dashboards) raises OutOfScope, which pages turn into a 404. Every error raised here is an IndicatorError with a
Chinese message.
"""

from __future__ import annotations

from contextlib import contextmanager
from fractions import Fraction

from . import registry, rollups, versions
from .compute import bypass_cache
from .errors import IndicatorError
from .orgscope import check_scope, org_scope, resolve_org
from .periods import Period, parse_period
from .results import Breakdown, Comparison, Result, round_half_up

YOY, MOM = "同比", "环比"
_KIND_ALIASES = {"yoy": YOY, "同比": YOY, "mom": MOM, "环比": MOM}


@contextmanager
def uncached():
    """Compute figures from the records inside this block, neither reading nor filling the figure cache (to verify
    a cached figure, or to measure the queries themselves)."""
    token = bypass_cache.set(True)
    try:
        yield
    finally:
        bypass_cache.reset(token)


@contextmanager
def from_records():
    """Compute figures straight from the records inside this block, never from the stored roll-ups (rollups.py):
    to verify them, or to measure the direct queries."""
    token = rollups.mode.set("never")
    try:
        yield
    finally:
        rollups.mode.reset(token)


@contextmanager
def from_rollups():
    """Use the stored roll-ups inside this block wherever the indicator allows, whatever the org and period."""
    token = rollups.mode.set("always")
    try:
        yield
    finally:
        rollups.mode.reset(token)


def prepare(code: str, org, period, dims=None, user=None, today=None):
    """Resolve and validate every argument once: (indicator, scope, period, dims)."""
    indicator = registry.get(code)
    org = resolve_org(org)
    check_scope(user, org)
    period = parse_period(period, today=today)
    scope = org_scope(org)
    return indicator, scope, period, indicator.clean_dims(dims, scope)


def evaluate(code: str, org, period, dims=None, user=None, *, today=None) -> Result:
    indicator, scope, period, dims = prepare(code, org, period, dims, user, today)
    return indicator.evaluate(scope, period, dims)


def breakdown(code: str, org, period, by: str, dims=None, user=None, *, today=None) -> Breakdown:
    indicator, scope, period, dims = prepare(code, org, period, dims, user, today)
    if by not in indicator.dimension_names():
        indicator.clean_dims({by: ""}, scope)  # raises the Chinese "no such dimension" error
    if by in dims:
        raise IndicatorError(f"已按“{indicator.dimension(by).label}”筛选，不能再按它分组。")
    return indicator.breakdown(scope, period, by, dims)


def compare(code: str, org, period, kind: str = YOY, dims=None, user=None, *, today=None) -> Comparison:
    indicator, scope, period, dims = prepare(code, org, period, dims, user, today)
    return compare_prepared(indicator, scope, period, dims, kind)


def compare_prepared(indicator, scope, period: Period, dims: dict, kind: str,
                     current: Result | None = None) -> Comparison:
    kind = _KIND_ALIASES.get(kind)
    if kind is None:
        raise IndicatorError("比较方式应为“同比”或“环比”。")
    current = current or indicator.evaluate(scope, period, dims)
    previous_period = period.same_period_last_year() if kind == YOY else period.previous()
    if previous_period is None:
        return Comparison(kind, current, None, reason="“截至目前”类期间不计算环比", brief="不适用")
    previous = _previous_value(indicator, scope, previous_period, dims)
    if isinstance(previous, str):
        return Comparison(kind, current, None, reason=previous, brief="无上期数据")
    if current.value is None or previous.value is None:
        missing = current if current.value is None else previous
        return Comparison(kind, current, previous, reason=missing.reason, brief="无法计算")
    delta = round_half_up(Fraction(current.value) - Fraction(previous.value), current.decimals)
    rate, reason = None, ""
    if current.unit != "%":
        if previous.value == 0:
            reason = "上期为0，无法计算增减幅度"
        else:
            rate = round_half_up((Fraction(current.value) - Fraction(previous.value)) * 100
                                 / Fraction(previous.value), 2)
    return Comparison(kind, current, previous, delta=delta, rate=rate, reason=reason)


def _previous_value(indicator, scope, period: Period, dims: dict) -> Result | str:
    """The comparison basis: Sifa's own records when it holds any for that period; otherwise a baseline entered
    from an old report (labelled as such); otherwise the reason there is none. A baseline is never used for the
    period being reported, only as this basis."""
    if indicator.has_data(scope, period):
        return indicator.evaluate(scope, period, dims)
    if not dims:
        baseline = _baselines(scope.org.pk, period.key).get(indicator.code)
        if baseline is not None:
            exact = Fraction(baseline.value)
            return Result(indicator=indicator, org=scope.org, period=period, value=round_half_up(
                exact, indicator.decimals) if indicator.decimals else int(round_half_up(exact, 0)), exact=exact,
                baseline=baseline, note=f"历史基数：{baseline.source}")
    return f"{period.label}系统内无记录，且未录入历史基数"


def _baselines(org_id, period_key: str) -> dict:
    """{indicator code: Baseline} of one org and period: one query per page instead of one per indicator, cached
    until a baseline is written (its model version, tracking.ALWAYS_TRACKED)."""
    from django.core.cache import cache

    from .models import Baseline

    def read():
        return {b.indicator_code: b for b in Baseline.objects.filter(org_id=org_id, period_key=period_key)}

    if "indicators.baseline" in versions.dirty_labels():  # written and not yet committed: neither read nor fill
        return read()
    key = f"sifa:indicators:baselines:{org_id}:{period_key}:{versions.versions(['indicators.baseline'])[0]}"
    found = cache.get(key)
    if found is None:
        found = read()
        cache.set(key, found, 3600)
    return found


def evaluate_all(org, period, user=None, line: str = "", *, today=None) -> list[Result]:
    """Every registered indicator (or one line's) for one org and period, in registry order."""
    org = resolve_org(org)
    check_scope(user, org)
    period = parse_period(period, today=today)
    scope = org_scope(org)
    return [indicator.evaluate(scope, period, {}) for indicator in registry.all_indicators(line)]
