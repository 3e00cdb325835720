"""Policy settings of the track line, each overridable in Django settings or the environment:

| setting / variable | meaning | default |
| --- | --- | --- |
| `SIFA_TRACKS_RETENTION_DAYS` | days after 解矫（终止） before a subject's points are purged | 365 |
| `SIFA_TRACKS_SILENCE_HOURS` | hours without a point before a 失联 alert is raised | 24 |
| `SIFA_TRACKS_MAX_BATCH` | points accepted in one gateway POST | 5000 |
"""

from __future__ import annotations

import os

from django.conf import settings

DEFAULTS = {"SIFA_TRACKS_RETENTION_DAYS": 365, "SIFA_TRACKS_SILENCE_HOURS": 24, "SIFA_TRACKS_MAX_BATCH": 5000}


def _value(name: str) -> int:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name) or DEFAULTS[name]
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"配置项 {name} 必须是正整数（现为“{value}”）。") from None
    if number <= 0:
        raise ValueError(f"配置项 {name} 必须是正整数（现为“{value}”）。")
    return number


def retention_days() -> int:
    return _value("SIFA_TRACKS_RETENTION_DAYS")


def silence_hours() -> int:
    return _value("SIFA_TRACKS_SILENCE_HOURS")


def max_batch() -> int:
    return _value("SIFA_TRACKS_MAX_BATCH")
