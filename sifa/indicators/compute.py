"""Running record indicators' queries through the cache, rolled up by county partition.

An additive indicator (count, sum, stock) is computed as `{org_path: value}` (or `{(org_path, choice): value}`
for a breakdown by a choice field) by one GROUP BY query, and cached per county partition (see versions): a
county's figure is one cache entry, a province's is the roll-up of its counties' entries. A record saved in one
county invalidates that county's entry only, so the next province-wide figure costs one county query plus cache
reads; when many partitions are missing (a cold cache), they are fetched together by a single grouped query and
split into their entries. Totals and the by-township / by-unit breakdowns share the same entries.

Non-additive indicators (distinct people) and has-data checks are cached as single values keyed by the model's
version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Q

from . import rollups, versions
from .orgscope import CACHE_SECONDS, OrgScope
from .periods import Period

bypass_cache = ContextVar("sifa_indicators_bypass_cache", default=False)
_MISSING = object()
ORG_TREE = "core.orgunit"


def _cache_allowed(labels: set[str]) -> bool:
    return not bypass_cache.get() and not (labels & versions.dirty_labels())


def _key(*parts) -> str:
    return "sifa:indicators:v:" + hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()


def _choice_dims_key(indicator, dims: dict) -> str:
    return ";".join(f"{k}={v}" for k, v in sorted(dims.items()) if not indicator.dimension(k).by_org)


@dataclass(frozen=True)
class Fold:
    """How the caller folds the per-unit figures it asks for: `key_of(path)` names the bucket a unit's figure goes
    to (None: every unit's figure goes to one bucket — a total, or a breakdown by a choice column). A county whose
    units all fold into one bucket can be answered from its stored partition total (see rollups), given to one of
    its paths; the figures are then right for this fold only, so the fold's name is part of the cache key."""

    name: str
    key_of: Callable[[str], str] | None = None

    def uniform(self, scope: OrgScope, parts: dict[str, list[str]]) -> set[str]:
        """The partitions whose paths all fold into one bucket."""
        if self.key_of is None:
            return set(parts)
        memo = scope.__dict__.setdefault("_uniform_partitions", {})
        found = memo.get((self.name, id(parts)))
        if found is None or found[0] is not parts:  # memoised for the scope's own (memoised) partition map
            found = (parts, {p for p, paths in parts.items() if len({self.key_of(path) for path in paths}) == 1})
            memo[(self.name, id(parts))] = found
        return found[1]


TOTAL = Fold("total")


def grouped(indicator, scope: OrgScope, period: Period, dims: dict, column: str | None = None,
            fold: Fold | None = None) -> dict:
    """{org_path or (org_path, column value): aggregate} over the scope, as described in the module docstring;
    with `fold`, a whole county may come as its total under one of its paths (see Fold)."""
    paths, q_dims = indicator.paths_and_q(scope, dims)
    where = indicator.where_q(period, q_dims)
    label = versions.label_of(indicator.model)
    parts = scope.partitions_of(paths)
    coarse: set[str] = set()
    if fold is not None and rollups.use_for(indicator, scope, period, q_dims, column, parts):
        coarse = rollups.whole_partitions(parts) & fold.uniform(scope, parts)
    grain = fold.name if coarse else ""

    def query(part_names) -> dict:
        """The figures of these partitions from the records, or from the stored roll-ups when they serve."""
        if not part_names:
            return {}
        chosen = {p: parts[p] for p in part_names}
        if rollups.use_for(indicator, scope, period, q_dims, column, chosen):
            return rollups.grouped(indicator, scope, period, chosen, q_dims, column, coarse & set(part_names))
        return indicator.query_grouped([path for p in part_names for path in parts[p]], where, column)

    if not _cache_allowed({label, ORG_TREE}):
        return query(list(parts))
    bulk = versions.bulk_key(label)
    current = versions.version_map([bulk, ORG_TREE, *(versions.partition_key(label, p) for p in parts)])
    common = (indicator.code, indicator.fingerprint, period.key, _choice_dims_key(indicator, dims), column, grain,
              current[bulk], current[ORG_TREE])
    keys = {p: _key("part", *common, p, scope.digest(ps), current[versions.partition_key(label, p)])
            for p, ps in parts.items()}
    found = cache.get_many(list(keys.values()))
    merged: dict = {}
    for entry in found.values():
        merged.update(entry)  # paths are disjoint between partitions
    missing = [p for p in parts if keys[p] not in found]
    if missing:
        fresh = query(missing)
        split: dict[str, dict] = {p: {} for p in missing}
        for key, value in fresh.items():
            split[scope.partition_of_path(key[0] if column else key)][key] = value
        cache.set_many({keys[p]: split[p] for p in missing}, CACHE_SECONDS)
        merged.update(fresh)
    return merged


def single(indicator, scope: OrgScope, period: Period, kind: str, extra: str, compute):
    """`compute()` cached under the model's version (any write invalidates it)."""
    label = versions.label_of(indicator.model)
    if not _cache_allowed({label, ORG_TREE}):
        return compute()
    current = versions.versions([label, ORG_TREE])
    key = _key(kind, indicator.code, indicator.fingerprint, scope.org.pk, period.key, extra, current)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def has_records(model, scope: OrgScope, q) -> bool:
    """Whether any record of `model` in the scope matches `q` (a period's date filter), cached under the model's
    version and shared by every indicator over the same model and dates (a dashboard asks it once per 同比)."""
    label = versions.label_of(model)

    def compute() -> bool:
        return model._default_manager.filter(Q(org_path__any_of=scope.paths) & q).order_by().exists()

    if not _cache_allowed({label, ORG_TREE}):
        return compute()
    key = _key("has_records", label, str(q), scope.org.pk, scope.digest(scope.paths),
               versions.versions([label, ORG_TREE]))
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def consecutive_months(periods: list[Period]) -> bool:
    """Whether `periods` are whole calendar months, each the one after the previous."""
    for before, period in zip([None, *periods], periods, strict=False):
        if period.start.day != 1 or period.end != rollups.month_end(period.start):
            return False
        if before is not None and period.start != rollups.first_of_next_month(before.start):
            return False
    return True


def monthly(indicator, scope: OrgScope, first: dt.date, last: dt.date) -> dict:
    """{first day of month: aggregate over the scope} of a roll-up-eligible indicator for the whole months from
    `first` through `last`, in one grouped query over the records — or from the stored roll-ups where they serve —
    cached as one entry under the versions of every partition of the scope."""
    span = Period("range", first, last)
    label = versions.label_of(indicator.model)
    parts = scope.partitions_of(scope.paths)

    def query() -> dict:
        if rollups.use_for(indicator, scope, span, None, None, parts):
            return rollups.monthly(indicator, span, parts)
        return rollups.monthly_from_records(indicator, scope.paths, first, last)

    if not _cache_allowed({label, ORG_TREE}):
        return query()
    bulk = versions.bulk_key(label)
    names = [bulk, ORG_TREE, *(versions.partition_key(label, p) for p in parts)]
    current = versions.version_map(names)
    key = _key("monthly", indicator.code, indicator.fingerprint, span.key, scope.org.pk, scope.digest(scope.paths),
               *(current[n] for n in names))
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = query()
        cache.set(key, value, CACHE_SECONDS)
    return value
