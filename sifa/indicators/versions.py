"""Version numbers that key the indicator cache, so a changed record invalidates every cached figure computed
from it without anyone having to know which figures those are.

Each model an indicator reads has a version, and each of its county partitions has one too (a record's partition
is the county part of its `region_code`, e.g. "341321"; units above county level are partitions of their own,
"34", "3413"):
  - post_save / post_delete of a record bump its partition (both partitions, when a record moves between them);
  - bulk writes of ScopedQuerySet (`records_bulk_changed`: update, bulk_create, bulk_update), raw SQL (callers
    use `bump(Model)`) and models that are not records (org tree, population) bump the model's version.
A figure is cached under the model version and the versions of the partitions it covers, so a province-wide
figure rolled up from per-county figures recomputes only the county that changed (see declarations._grouped).

Every bump is repeated when the writing transaction commits, so a reader that computed a figure between the write
and the commit cannot keep serving it. Inside a transaction that has written a model and not yet committed,
figures over that model neither read nor fill the cache (they would show, or later leave behind, data that a
rollback erases).
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import post_delete, post_init, post_save

_KEY = "sifa:indicators:version:{}"
_tracked: set[str] = set()
PARTITION_LENGTH = 6  # county-level division codes
_STASH = "_sifa_indicators_partition"


def label_of(model) -> str:
    return model._meta.label_lower


def partition_of_code(division_code: str) -> str:
    return (division_code or "")[:PARTITION_LENGTH]


def partition_key(label: str, partition: str) -> str:
    """The version name of one partition of a model's records: "mediation.dispute@341321"."""
    return f"{label}@{partition}"


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
        return self.name.split("@", 1)[0]

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
    _bump_name(model_or_label if isinstance(model_or_label, str) else label_of(model_or_label), using)


def bump_partition(model, partition: str, using: str = DEFAULT_DB_ALIAS) -> None:
    _bump_name(partition_key(label_of(model), partition), using)


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


def _on_init(sender, instance, **kwargs):
    instance.__dict__[_STASH] = _loaded_partition(instance)


def _on_save(sender, instance, created=False, using=DEFAULT_DB_ALIAS, **kwargs):
    new = _loaded_partition(instance)
    old = None if created else instance.__dict__.get(_STASH)
    if new is None or (not created and old is None):
        bump(sender, using)  # cannot tell which partitions changed
    else:
        for partition in {new, old} - {None}:
            bump_partition(sender, partition, using)
    instance.__dict__[_STASH] = new


def _on_delete(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    partition = _loaded_partition(instance)
    if partition is None:
        bump(sender, using)
    else:
        bump_partition(sender, partition, using)


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
