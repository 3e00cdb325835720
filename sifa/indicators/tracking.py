"""Keeping figures current as records are written: the signal receivers of every model an indicator reads.

A write moves the model's cache versions (versions.py) and, for a model some indicator rolls up, the roll-up
generations of the partition-years the write touched (rollups.touch), both in the writing transaction. Which
models are tracked follows the registry: `start()` (the app's ready) tracks the models of every registered
indicator and those whose changes move every figure, and listens for indicators registered later (a bench, a
test line).

This is the one module of the package that knows the registry, the versions and the roll-ups together; none of
them imports it.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_delete, post_init, post_save

from sifa.core.models.scope import ScopedModel, records_bulk_changed

from . import registry, rollups
from .errors import UnknownIndicator
from .versions import bulk_key, bump_name, label_of, partition_key, partition_of_code

# Models whose changes move figures of every kind: the org tree (roll-ups), divisions and population; and the
# baselines entered from old reports (the 同比 basis, read once per org and period: engine._baselines).
ALWAYS_TRACKED = ("core.OrgUnit", "core.Division", "core.Population", "indicators.Baseline")
_tracked: set[str] = set()
_STASH = "_sifa_indicators_partition"
_STASH_YEARS = "_sifa_indicators_years"
_year_fields: dict = {"generation": None, "fields": {}}


def start() -> None:
    """Track every model the registered indicators read, and those registered from now on."""
    for label in ALWAYS_TRACKED:
        track(apps.get_model(label))
    for indicator in registry.all_indicators():
        try:
            _track_indicator(indicator)
        except (LookupError, UnknownIndicator):
            continue  # reported by the system check (indicators.E001)
    registry.on_register(_registered)


def _registered(indicator) -> None:
    if not apps.models_ready:
        return  # start() tracks it once the models are loaded
    try:
        _track_indicator(indicator)
    except UnknownIndicator:
        pass  # a ratio registered before its parts: tracked when they are (their models are the same)


def _track_indicator(indicator) -> None:
    for label in indicator.model_labels():
        track(apps.get_model(label))


def year_fields(label: str) -> tuple[str, ...] | None:
    """The date fields whose years place a record of `label` in roll-ups, or None when no indicator rolls the
    model up (its writes move no generation). Recomputed when the registry changes."""
    generation = registry.generation()
    if _year_fields["generation"] != generation:
        _year_fields["fields"] = rollups.year_fields(registry.all_indicators())
        _year_fields["generation"] = generation
    return _year_fields["fields"].get(label)


def _touch(label: str, partition: str | None, using: str, years=None) -> None:
    if label == rollups.ORG_TREE or year_fields(label) is not None:
        rollups.touch(label, partition, using, years)


def bump(model_or_label, using: str = DEFAULT_DB_ALIAS) -> None:
    """Invalidate every cached figure over the model (bulk writes, raw SQL)."""
    label = model_or_label if isinstance(model_or_label, str) else label_of(model_or_label)
    bump_name(label, using)
    bump_name(bulk_key(label), using)
    _touch(label, None, using)


def bump_partition(model, partition: str, using: str = DEFAULT_DB_ALIAS, years=None) -> None:
    """One record of `model` in `partition` changed: the model's version and that partition's move (and the
    roll-up generations of the partition's `years`; None: every year)."""
    label = label_of(model)
    bump_name(label, using)
    bump_name(partition_key(label, partition), using)
    _touch(label, partition, using, years)


def _loaded_partition(instance) -> str | None:
    code = instance.__dict__.get("region_code")  # never trigger a query for a deferred field
    return None if code is None else partition_of_code(code)


_UNKNOWN = object()


def _loaded_years(instance) -> frozenset | None:
    """The years of the instance's roll-up dates as loaded (year_fields); None when one is deferred or not a
    date (then every year of its partition counts as changed)."""
    years = set()
    for attname in year_fields(label_of(type(instance))) or ():
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
        bump_name(partition_key(label_of(sender), old), using)
        _touch(label_of(sender), old, using, years)
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
    """Keep `model`'s versions current. Idempotent; called for every model an indicator reads (and by other apps
    for models their cached figures read, such as the report's map boundaries)."""
    label = label_of(model)
    if label in _tracked:
        return
    _tracked.add(label)
    uid = f"sifa.indicators.versions:{label}"  # unchanged: a reload never connects twice
    if issubclass(model, ScopedModel):
        post_init.connect(_on_init, sender=model, dispatch_uid=uid + ":init", weak=False)
        post_save.connect(_on_save, sender=model, dispatch_uid=uid + ":save", weak=False)
        post_delete.connect(_on_delete, sender=model, dispatch_uid=uid + ":delete", weak=False)
        records_bulk_changed.connect(_on_model_change, sender=model, dispatch_uid=uid + ":bulk", weak=False)
    else:
        post_save.connect(_on_model_change, sender=model, dispatch_uid=uid + ":save", weak=False)
        post_delete.connect(_on_model_change, sender=model, dispatch_uid=uid + ":delete", weak=False)
