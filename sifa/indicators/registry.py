"""The registry of indicators. Each business line declares its indicators in `<app>/indicators.py` by calling
`register(...)`; the indicators app imports every such module when Django starts (autodiscover), so a line
that lands later plugs in without touching this code."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.module_loading import autodiscover_modules

from .errors import UnknownIndicator

_registry: dict[str, object] = {}
_generation = [0]  # moves whenever an indicator is registered or removed (callers memoise on it)
_line_order: list[str] = []
_listeners: list[Callable] = []


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
        if indicator.line and indicator.line not in _line_order:
            _line_order.append(indicator.line)
        for listener in _listeners:
            listener(indicator)
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


def on_register(listener: Callable) -> None:
    """Call `listener(indicator)` for every indicator registered from now on (tracking.py keeps the models they
    read current). The registry itself imports nothing of the engine, so any module may read it."""
    if listener not in _listeners:
        _listeners.append(listener)


def autodiscover() -> None:
    """Import every installed app's `indicators` module (each registers its line's indicators)."""
    autodiscover_modules("indicators")
