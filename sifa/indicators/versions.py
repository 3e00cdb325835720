"""Version numbers that key caches over records, so a changed record invalidates every cached figure computed
from it without anyone having to know which figures those are.

`versions([label])` is a model's version: it moves whenever any record of the model changes (post_save,
post_delete, the bulk writes of ScopedQuerySet via `records_bulk_changed`, or `tracking.bump(Model)` after raw
SQL). Caches keyed on it (dashboards, single figures) are invalidated by every write.

For roll-ups, a record model also has a version per county partition (a record's partition is the county part
of its `region_code`, e.g. "341321"; units above county level are partitions of their own, "34", "3413") and a
bulk epoch: a saved or deleted record moves its partition's version (both, when it moves between partitions); a
bulk write or raw SQL moves the bulk epoch. A province-wide figure rolled up from per-county figures keyed on
(bulk epoch, partition version) recomputes only the county that changed (see compute.grouped).

The signal receivers that move them on every write are in tracking.py (with the roll-up generations the same
write moves); this module only names and reads versions.

Every bump is repeated when the writing transaction commits, so a reader that computed a figure between the write
and the commit cannot keep serving it. Inside a transaction that has written a model and not yet committed,
figures over that model neither read nor fill the cache (they would show, or later leave behind, data that a
rollback erases): see `dirty_labels`.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction

_KEY = "sifa:indicators:version:{}"
PARTITION_LENGTH = 6  # county-level division codes


def label_of(model) -> str:
    return model._meta.label_lower


def partition_of_code(division_code: str) -> str:
    return (division_code or "")[:PARTITION_LENGTH]


def partition_key(label: str, partition: str) -> str:
    """The version name of one partition of a model's records: "mediation.dispute@341321"."""
    return f"{label}@{partition}"


def bulk_key(label: str) -> str:
    """The version name of a model's bulk writes: "mediation.dispute#bulk"."""
    return f"{label}#bulk"


def _label_of_name(name: str) -> str:
    return name.split("@", 1)[0].split("#", 1)[0]


def _fresh_seed() -> int:
    # A new seed is always larger than any value an evicted key could have reached, so an evicted version never
    # comes back to a number that already keys cached figures.
    return time.time_ns()


class _BumpOnCommit:
    """An on_commit callback we can recognise in the connection's pending list (see `dirty_labels`)."""

    def __init__(self, name: str):
        self.name = name

    @property
    def label(self) -> str:
        return _label_of_name(self.name)

    def __call__(self):
        _incr(self.name)


_snapshot: ContextVar[dict | None] = ContextVar("sifa_indicators_versions_snapshot", default=None)


@contextmanager
def snapshot():
    """Inside this block (a request: VersionSnapshotMiddleware) each version is read from the cache once and
    remembered — a page of figures asks for the same few versions hundreds of times. A bump made here forgets them
    all, so a write in the block shows in the figures computed after it; writes by other processes show from the
    next block on, as if the block had started a moment earlier."""
    token = _snapshot.set({})
    try:
        yield
    finally:
        _snapshot.reset(token)


def _forget_snapshot() -> None:
    remembered = _snapshot.get()
    if remembered:
        remembered.clear()


def _incr(name: str) -> None:
    _forget_snapshot()
    key = _KEY.format(name)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, _fresh_seed(), None)


def bump_name(name: str, using: str) -> None:
    """Move the version `name` now and again when the writing transaction commits."""
    _incr(name)
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(_BumpOnCommit(name), using=using)


def versions(names) -> tuple[int, ...]:
    """Current versions of model labels and "label@partition" names, in sorted order of the names."""
    names = sorted(set(names))
    remembered = _snapshot.get()
    if remembered is not None and all(name in remembered for name in names):
        return tuple(remembered[name] for name in names)
    keys = [_KEY.format(name) for name in names]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, _fresh_seed(), None)
            found[key] = cache.get(key)
    current = tuple(found[key] for key in keys)
    if remembered is not None:
        remembered.update(zip(names, current, strict=True))
    return current


def version_map(names) -> dict[str, int]:
    names = sorted(set(names))
    return dict(zip(names, versions(names), strict=True))


def dirty_labels(using: str = DEFAULT_DB_ALIAS) -> set[str]:
    """Models written in the current, not yet committed transaction of this connection."""
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        return set()
    pending = getattr(connection, "run_on_commit", ())
    return {item[1].label for item in pending if len(item) > 1 and isinstance(item[1], _BumpOnCommit)}
