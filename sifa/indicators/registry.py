"""The registry of indicators. Each business line declares its indicators in `<app>/indicators.py` by calling
`register(...)`; the indicators app imports every such module when Django starts (autodiscover), so a line
that lands later plugs in without touching this code."""

from __future__ import annotations

from django.apps import apps

from . import rollups, versions
from .errors import UnknownIndicator

_registry: dict[str, object] = {}
_generation = [0]  # moves whenever an indicator is registered or removed (callers memoise on it)
_line_order: list[str] = []

# Models whose changes move figures of every kind: the org tree (roll-ups), divisions and population.
ALWAYS_TRACKED = ("core.OrgUnit", "core.Division", "core.Population")


def register(*indicators):
    """Add indicators to the registry; returns the first (or the only) one, so it can be assigned.

    Registering the same declaration again (a module imported twice) is harmless; a different declaration under
    an existing code is a programming error."""
    for indicator in indicators:
        existing = _registry.get(indicator.code)
        if existing is not None and existing is not indicator:
            if type(existing) is type(indicator) and existing.describe() == indicator.describe() \
                    and existing.name == indicator.name:
                continue
            raise ValueError(f"指标代码“{indicator.code}”重复登记（已有：{existing.name}）。")
        _registry[indicator.code] = indicator
        _generation[0] += 1
        rollups.forget_labels()
        if indicator.line and indicator.line not in _line_order:
            _line_order.append(indicator.line)
        if apps.models_ready:
            try:
                _track(indicator)
            except UnknownIndicator:
                pass  # a ratio registered before its parts: tracked when they are (their models are the same)
    return indicators[0] if len(indicators) == 1 else indicators


def unregister(code: str) -> None:
    """For tests that declare throw-away indicators."""
    removed = _registry.pop(code, None)
    _generation[0] += 1
    if removed is not None and removed.line and not any(i.line == removed.line for i in _registry.values()):
        _line_order.remove(removed.line)


def generation() -> int:
    """A number that changes whenever the registry does (for memoising what is derived from it)."""
    return _generation[0]


def get(code: str):
    try:
        return _registry[code]
    except KeyError:
        raise UnknownIndicator(f"指标“{code}”不存在。可用 `sifa indicators list` 查看已登记的指标。")


def all_indicators(line: str = "") -> list:
    """Every indicator, by line (in the order lines registered) then declared order and code. `line` matches the
    line's Chinese name (人民调解) or the first segment of the codes (mediation)."""
    items = list(_registry.values())
    if line:
        items = [i for i in items if i.line == line or i.code.split(".", 1)[0] == line]
    return sorted(items, key=lambda i: (_line_index(i.line), i.order, i.code))


def lines() -> list[str]:
    return list(_line_order)


def _line_index(line: str) -> int:
    return _line_order.index(line) if line in _line_order else len(_line_order)


def _track(indicator) -> None:
    for label in indicator.model_labels():
        versions.track(apps.get_model(label))


def autodiscover() -> None:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("indicators")
    for label in ALWAYS_TRACKED:
        versions.track(apps.get_model(label))
    for indicator in list(_registry.values()):
        try:
            _track(indicator)
        except (LookupError, UnknownIndicator):
            continue  # reported by the system check (indicators.E001)
