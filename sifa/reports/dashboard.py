"""The dashboard (驾驶舱) of one org unit and period: key figures by line, monthly trends over the year, the
split by township (a county) or by sub-unit (a city, a 司法所), the map coloured by a chosen indicator, and the
work that is overdue. The level follows the org: a 司法所, a 县（区）局, a 市局 (or above).

Everything but the overdue list is computed from indicators and cached as one block under the versions of every
model it reads, so a warm page costs two cache reads; any record change moves a version and the next view
recomputes. Every number carries the link to its drill-down.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import timezone

from sifa.indicators import engine, versions
from sifa.indicators import registry as indicator_registry
from sifa.indicators.errors import UnknownIndicator
from sifa.indicators.orgscope import CACHE_SECONDS, check_scope, org_scope, resolve_org, townships_under
from sifa.indicators.periods import Period, month_period, parse_period

from . import boundaries, registry
from .document import LEVEL_NAMES, org_level
from .templating import Figure, Placeholder

KEY_PER_LINE_DEFAULT = 4
OVERDUE_SHOWN = 15
CACHE_VERSION = 1


def _indicators(codes) -> list:
    found = []
    for code in codes:
        try:
            found.append(indicator_registry.get(code))
        except UnknownIndicator:
            continue
    return found


@dataclass
class LineSpec:
    line: str
    key: list
    trend: list
    distribution: list
    map: list


_SHAPE: dict = {}


def _shape() -> tuple[list[LineSpec], set[str], str]:
    """(line specs, models they read, a text of their shape), memoised until either registry changes: a warm
    dashboard page should not walk every indicator's declaration on each view."""
    key = (indicator_registry.generation(), registry.generation())
    found = _SHAPE.get(key)
    if found is None:
        specs = line_specs()
        shape = "|".join(f"{s.line}:{[i.code for i in s.key]}:{[i.code for i in s.trend]}:"
                         f"{[i.code for i in s.distribution]}:{[i.fingerprint for i in s.key]}" for s in specs)
        found = (specs, _models_read(specs), shape)
        _SHAPE.clear()
        _SHAPE[key] = found
    return found


def line_specs() -> list[LineSpec]:
    """Each line's dashboard figures: its registered Dashboard, else its first indicators in declared order."""
    specs, seen = [], set()
    for spec in registry.dashboards():
        key = _indicators(spec.key)
        if not key:
            continue
        seen.add(spec.line)
        specs.append(LineSpec(spec.line, key, _indicators(spec.trend), _indicators(spec.distribution),
                              _indicators(spec.map)))
    for line in indicator_registry.lines():
        if line in seen:
            continue
        items = indicator_registry.all_indicators(line)
        additive = [i for i in items if i.additive]
        specs.append(LineSpec(line, items[:KEY_PER_LINE_DEFAULT], additive[:2], additive[:2], additive[:2]))
    return specs


def split_dimension(level: str) -> str:
    """A county splits by township; a city (or province) by its sub-units; a 司法所 by its committees."""
    return "township" if level == "county" else "org"


def trend_months(period: Period, today: dt.date | None = None) -> list[Period]:
    """The months of the period's year, January through the month of the period's end — or of today, when the
    period runs on past it (no zero points for months that have not come yet)."""
    today = today or timezone.localdate()
    last = period.end if period.end < today else today
    if last.year < period.year:
        return []
    return [month_period(period.year, m) for m in range(1, last.month + 1)]


def _figure(result) -> dict:
    f = Figure(Placeholder(raw=result.code, code=result.code), result, result.display, result.display)
    return {"code": result.code, "name": result.name, "value": result.json_value(), "display": result.display,
            "unit": result.unit, "url": f.url, "reason": result.reason, "note": result.note}


def _models_read(specs: list[LineSpec]) -> set[str]:
    labels = {"core.orgunit", "core.division", "core.population", "reports.boundary", "indicators.baseline"}
    for spec in specs:
        for indicator in {*spec.key, *spec.trend, *spec.distribution, *spec.map}:
            labels |= indicator.model_labels()
    return labels


@dataclass
class DashboardData:
    org_code: str
    org_name: str
    period_key: str
    period_label: str
    level: str
    level_name: str
    split_label: str
    lines: list = field(default_factory=list)         # [{line, figures: [figure + yoy]}]
    trends: list = field(default_factory=list)        # [{line, months, series: [{code, name, unit, values, urls}]}]
    split: dict = field(default_factory=dict)         # {labels, keys, series: [{code, name, unit, values, urls}]}
    map: dict = field(default_factory=dict)           # {available, by_subdivision, source, note, options, values}
    computed_at: str = ""
    key: str = ""                                     # the cache key it is kept under ("" when computed live)


def compute(org, period: Period) -> DashboardData:
    scope = org_scope(org)
    level = org_level(org)
    by = split_dimension(level)
    specs = _shape()[0]
    data = DashboardData(org.code, org.name, period.key, period.label, level, LEVEL_NAMES[level],
                         "乡镇（街道）" if by == "township" else "下级机构",
                         computed_at=timezone.localtime().strftime("%Y-%m-%d %H:%M"))
    months = trend_months(period)
    split_rows: dict = {}
    split_series = []
    for spec in specs:
        figures = []
        for indicator in spec.key:
            result = indicator.evaluate(scope, period, {})
            yoy = engine.compare_prepared(indicator, scope, period, {}, engine.YOY, result)
            figures.append({**_figure(result), "yoy": yoy.summary})
        data.lines.append({"line": spec.line, "figures": figures})
        series = []
        for indicator in spec.trend:
            points = indicator.series(scope, months)
            series.append({"code": indicator.code, "name": indicator.name, "unit": indicator.unit,
                           "values": [p.json_value() for p in points], "urls": [_figure(p)["url"] for p in points]})
        if series:
            data.trends.append({"line": spec.line, "months": [f"{m.start.month}月" for m in months],
                                "series": series})
        for indicator in {i.code: i for i in [*spec.distribution, *spec.map]}.values():
            if by not in indicator.dimension_names():
                continue
            table = indicator.breakdown(scope, period, by, {})
            for row in table.rows:
                split_rows.setdefault(row.key, row.label)
            split_series.append({
                "code": indicator.code, "name": indicator.name, "unit": indicator.unit, "line": spec.line,
                "distribution": indicator in spec.distribution, "map": indicator in spec.map,
                "values": {row.key: row.result.json_value() for row in table.rows},
                "urls": {row.key: _figure(row.result)["url"] for row in table.rows},
                "total": table.total.json_value(), "sums_to_total": table.sums_to_total or not table.additive,
            })
    keys = [k for k in split_rows if k] + ([""] if "" in split_rows else [])
    data.split = {"keys": keys, "labels": [split_rows[k] for k in keys], "series": [
        {**s, "values": [s["values"].get(k) for k in keys], "urls": [s["urls"].get(k, "") for k in keys]}
        for s in split_series]}
    data.map = _map_block(org, scope, by, keys, split_rows)
    return data


def child_codes(org) -> list[str]:
    """The division codes the map of `org` is split by: a county's townships, other units' direct sub-units."""
    if org_level(org) == "county":
        return [code for code, _ in townships_under(org.division_id)]
    return sorted({u.division_id for u in org_scope(org).children()})


def _map_block(org, scope, by: str, keys: list[str], labels: dict) -> dict:
    """The division code of each split key (a township code already; a sub-unit's division otherwise)."""
    if by == "township":
        codes = {k: k for k in keys if k}
    else:
        units = {u.code: u for u in scope.units}
        codes = {k: units[k].division_id for k in keys if k in units}
    shape = boundaries.map_for(org, child_codes(org))
    return {"available": shape.available, "by_subdivision": shape.by_subdivision, "source": shape.source,
            "note": shape.note, "codes": [codes.get(k, "") for k in keys], "area": org.division_id,
            "name": org.name}


def split_table(data: DashboardData) -> list[dict]:
    """The split as table rows (for pages without scripts, and phones): label, then a linked cell per indicator."""
    from sifa.indicators.results import MISSING_DISPLAY

    series = [s for s in data.split.get("series", []) if s["distribution"]]
    rows = []
    for index, label in enumerate(data.split.get("labels", [])):
        cells = [{"display": MISSING_DISPLAY if s["values"][index] is None else s["values"][index],
                  "url": s["urls"][index]} for s in series]
        rows.append({"label": label, "cells": cells})
    return rows


def _cache_key(org, period: Period) -> str:
    _specs, labels, shape = _shape()
    # today's date: the trend stops at the current month, and 同比 of a running period moves with it
    raw = f"{CACHE_VERSION}|{org.pk}|{period.key}|{timezone.localdate()}|{shape}|{versions.versions(labels)}"
    return "sifa:reports:dashboard:" + hashlib.sha1(raw.encode()).hexdigest()


def data_for(org, period, *, user=None, today: dt.date | None = None) -> DashboardData:
    """The dashboard block of `org` × `period` (scope-checked for `user`), from the cache when nothing changed."""
    org = resolve_org(org)
    check_scope(user, org)
    period = parse_period(period, today=today)
    _specs, labels, _text = _shape()
    if labels & versions.dirty_labels():
        return compute(org, period)
    key = _cache_key(org, period)
    found = cache.get(key)
    if found is None:
        found = compute(org, period)
        found.key = key
        cache.set(key, found, CACHE_SECONDS)
    return found


OVERDUE_CACHE_SECONDS = 60


def overdue_for(user, org, limit: int = OVERDUE_SHOWN) -> dict:
    """超期 and 临期 items of `org`'s subtree among the viewer's own (each line scopes its items to the viewer).

    The lines' sources are live queries over open work; the block is kept for a minute per viewer and unit, so a
    dashboard left open and refreshed does not re-run them on every view (a state changes by the day)."""
    key = f"sifa:reports:overdue:{user.pk}:{org.pk}:{timezone.localdate()}:{limit}"
    found = cache.get(key)
    if found is None:
        found = _overdue(user, org, limit)
        cache.set(key, found, OVERDUE_CACHE_SECONDS)
    return found


def _overdue(user, org, limit: int) -> dict:
    """The most urgent items and the exact totals, from the one function every page uses
    (core.deadlines.summary_for). The viewer's own unit is their whole scope — as on their home page — and a
    unit they pick below it narrows to its subtree."""
    from sifa.core import deadlines

    own = org.pk == getattr(user, "org_id", None)
    summary = deadlines.summary_for(user, "" if own else org.path)
    items = summary.items
    return {"overdue": summary.overdue, "near": summary.near, "items": items[:limit],
            "by_kind": sorted(summary.by_kind.items()),
            "more": max(0, summary.overdue + summary.near - min(limit, len(items)))}
