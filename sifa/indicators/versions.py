"""Per-model version numbers that key the indicator cache, so a changed record invalidates every cached figure
computed from its model without anyone having to know which figures those are.

A version is bumped on post_save / post_delete of the model, on the bulk writes of ScopedQuerySet
(`records_bulk_changed`), and once more when the writing transaction commits: a reader that computed a figure
between the write and the commit therefore cannot keep serving it. Inside a transaction that has written a
model and not yet committed, figures over that model are neither read from nor written to the cache (they would
show, or later poison the cache with, uncommitted data if the transaction rolled back).

Code that writes with raw SQL calls `bump(Model)` itself.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import post_delete, post_save

_KEY = "sifa:indicators:version:{}"
_tracked: set[str] = set()


def label_of(model) -> str:
    return model._meta.label_lower


def _fresh_seed() -> int:
    # A new seed is always larger than any value an evicted key could have reached, so an evicted version never
    # comes back to a number that already keys cached figures.
    return time.time_ns()


class _BumpOnCommit:
    """An on_commit callback we can recognise in the connection's pending list (see `dirty_labels`)."""

    def __init__(self, label: str):
        self.label = label

    def __call__(self):
        _incr(self.label)


def _incr(label: str) -> None:
    key = _KEY.format(label)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, _fresh_seed(), None)


def bump(model_or_label, using: str = DEFAULT_DB_ALIAS) -> None:
    label = model_or_label if isinstance(model_or_label, str) else label_of(model_or_label)
    _incr(label)
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        transaction.on_commit(_BumpOnCommit(label), using=using)


def versions(labels) -> tuple[int, ...]:
    labels = sorted(set(labels))
    keys = [_KEY.format(label) for label in labels]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, _fresh_seed(), None)
            found[key] = cache.get(key)
    return tuple(found[key] for key in keys)


def dirty_labels(using: str = DEFAULT_DB_ALIAS) -> set[str]:
    """Models written in the current, not yet committed transaction of this connection."""
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        return set()
    pending = getattr(connection, "run_on_commit", ())
    return {item[1].label for item in pending if len(item) > 1 and isinstance(item[1], _BumpOnCommit)}


def _on_change(sender, **kwargs):
    bump(sender, using=kwargs.get("using") or DEFAULT_DB_ALIAS)


def track(model) -> None:
    """Keep `model`'s version current. Idempotent; called by the registry for every model an indicator reads."""
    label = label_of(model)
    if label in _tracked:
        return
    _tracked.add(label)
    uid = f"sifa.indicators.versions:{label}"
    post_save.connect(_on_change, sender=model, dispatch_uid=uid + ":save", weak=False)
    post_delete.connect(_on_change, sender=model, dispatch_uid=uid + ":delete", weak=False)
    try:
        from sifa.core.models.scope import records_bulk_changed
    except ImportError:  # pragma: no cover - older core without the bulk signal
        return
    records_bulk_changed.connect(_on_change, sender=model, dispatch_uid=uid + ":bulk", weak=False)
