"""Plugs 心理评估与预警 into the shared registries: navigation (corrections roles only, under 社区矫正) and the
background job. Indicators, report paragraphs and demo records are found by autodiscovery (indicators.py,
report.py, demo.py)."""

from __future__ import annotations

NAV = (
    ("社区矫正", "心理预警", "wellbeing:warning_list", 10),
    ("社区矫正", "心理测评", "wellbeing:subject_list", 11),
)


def register_all() -> None:
    from sifa.core import navigation
    from sifa.corrections import access

    from . import tasks  # noqa: F401  registers the evaluation job

    for section, label, url_name, rank in NAV:
        navigation.register(navigation.NavEntry(section, label, url_name, capability="read_records",
                                                order=300 + rank, roles=frozenset(access.READ_ROLES)))
