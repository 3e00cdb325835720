"""Version numbers that key caches over records, so a changed record invalidates every cached figure computed
from it without anyone having to know which figures those are.

`versions([label])` is a model's version: it moves whenever any record of the model changes (post_save,
post_delete, the bulk writes of ScopedQuerySet via `records_bulk_changed`, or `bump(Model)` after raw SQL).
Caches keyed on it (dashboards, single figures) are invalidated by every write.

For roll-ups, a record model also has a version per county partition (a record's partition is the county part
of its `region_code`, e.g. "341321"; units above county level are partitions of their own, "34", "3413") and a
bulk epoch: a saved or deleted record moves its partition's version (both, when it moves between partitions); a
bulk write or raw SQL moves the bulk epoch. A province-wide figure rolled up from per-county figures keyed on
(bulk epoch, partition version) recomputes only the county that changed (see compute.grouped).

The stored roll-ups (rollups.py) keep a generation per partition in the database, moved by the same receivers in
the writing transaction (`rollups.touch`).

Every bump is repeated when the writing transaction commits, so a reader that computed a figure between the write
and the commit cannot keep serving it. Inside a transaction that has written a model and not yet committed,
figures over that model neither read nor fill the cache (they would show, or later leave behind, data that a
rollback erases): see `dirty_labels`.
"""

from __future__ import annotations

import datetime as dt
import time

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import post_delete, post_init, post_save

from . import rollups

_KEY = "sifa:indicators:version:{}"
_tracked: set[str] = set()
PARTITION_LENGTH = 6  # county-level division codes
_STASH = "_sifa_indicators_partition"
_STASH_YEARS = "_sifa_indicators_years"


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


def _incr(name: str) -> None:
    key = _KEY.format(name)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, _fresh_seed(), None)


def _bump_name(name: str, using: str) -> None:
    _incr(name)
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(_BumpOnCommit(name), using=using)


def bump(model_or_label, using: str = DEFAULT_DB_ALIAS) -> None:
    """Invalidate every cached figure over the model (bulk writes, raw SQL)."""
    label = model_or_label if isinstance(model_or_label, str) else label_of(model_or_label)
    _bump_name(label, using)
    _bump_name(bulk_key(label), using)
    rollups.touch(label, None, using)


def bump_partition(model, partition: str, using: str = DEFAULT_DB_ALIAS, years=None) -> None:
    """One record of `model` in `partition` changed: the model's version and that partition's move (and the
    roll-up generations of the partition's `years`; None: every year)."""
    label = label_of(model)
    _bump_name(label, using)
    _bump_name(partition_key(label, partition), using)
    rollups.touch(label, partition, using, years)


def versions(names) -> tuple[int, ...]:
    """Current versions of model labels and "label@partition" names, in sorted order of the names."""
    names = sorted(set(names))
    keys = [_KEY.format(name) for name in names]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, _fresh_seed(), None)
            found[key] = cache.get(key)
    return tuple(found[key] for key in keys)


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


# --- signal receivers ---

def _loaded_partition(instance) -> str | None:
    code = instance.__dict__.get("region_code")  # never trigger a query for a deferred field
    return None if code is None else partition_of_code(code)


_UNKNOWN = object()


def _loaded_years(instance) -> frozenset | None:
    """The years of the instance's roll-up dates as loaded (rollups.year_fields); None when one is deferred or
    not a date (then every year of its partition counts as changed)."""
    years = set()
    for attname in rollups.year_fields(label_of(type(instance))):
        value = instance.__dict__.get(attname, _UNKNOWN)
        if value is None:
            continue
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value[:10])
            except ValueError:
                return None
        if not isinstance(value, dt.date):
            return None
        years.add(value.year)
    return frozenset(years)


def _on_init(sender, instance, **kwargs):
    instance.__dict__[_STASH] = _loaded_partition(instance)
    instance.__dict__[_STASH_YEARS] = _loaded_years(instance)


def _on_save(sender, instance, created=False, using=DEFAULT_DB_ALIAS, **kwargs):
    new = _loaded_partition(instance)
    old = None if created else instance.__dict__.get(_STASH)
    new_years = _loaded_years(instance)
    old_years = frozenset() if created else instance.__dict__.get(_STASH_YEARS)
    years = None if new_years is None or old_years is None else new_years | old_years
    if new is None or (not created and old is None):
        bump(sender, using)  # cannot tell which partitions changed
    elif old is None or old == new:
        bump_partition(sender, new, using, years)
    else:  # moved between partitions
        bump_partition(sender, new, using, years)
        _bump_name(partition_key(label_of(sender), old), using)
        rollups.touch(label_of(sender), old, using, years)
    instance.__dict__[_STASH] = new
    instance.__dict__[_STASH_YEARS] = new_years


def _on_delete(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    partition = _loaded_partition(instance)
    if partition is None:
        bump(sender, using)
    else:
        bump_partition(sender, partition, using, _loaded_years(instance))


def _on_model_change(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    bump(sender, using or DEFAULT_DB_ALIAS)


def track(model) -> None:
    """Keep `model`'s versions current. Idempotent; called by the registry for every model an indicator reads."""
    from sifa.core.models.scope import ScopedModel, records_bulk_changed

    label = label_of(model)
    if label in _tracked:
        return
    _tracked.add(label)
    uid = f"sifa.indicators.versions:{label}"
    if issubclass(model, ScopedModel):
        post_init.connect(_on_init, sender=model, dispatch_uid=uid + ":init", weak=False)
        post_save.connect(_on_save, sender=model, dispatch_uid=uid + ":save", weak=False)
        post_delete.connect(_on_delete, sender=model, dispatch_uid=uid + ":delete", weak=False)
        records_bulk_changed.connect(_on_model_change, sender=model, dispatch_uid=uid + ":bulk", weak=False)
    else:
        post_save.connect(_on_model_change, sender=model, dispatch_uid=uid + ":save", weak=False)
        post_delete.connect(_on_model_change, sender=model, dispatch_uid=uid + ":delete", weak=False)
