"""Plugs the corrections line into the shared registries: navigation (corrections roles only) and the home
page's 临期/超期 list. Indicators, report paragraphs, ledger kinds and demo records are found by their
frameworks' autodiscovery in indicators.py, report.py, ledger.py and demo.py."""

from __future__ import annotations

NAV = (
    ("社区矫正", "今日工作", "corrections:today", 1),
    ("社区矫正", "社区矫正对象", "corrections:subject_list", 2),
    ("社区矫正", "调查评估", "corrections:investigation_list", 3),
    ("社区矫正", "外出请假", "corrections:leave_list", 4),
    ("社区矫正", "考核奖惩", "corrections:sanction_list", 5),
    ("社区矫正", "电子定位", "corrections:monitor_list", 6),
    ("社区矫正", "失联查找", "corrections:absconding_list", 7),
    ("社区矫正", "卷宗评查", "corrections:review_list", 8),
    ("安置帮教", "刑满释放人员", "corrections:released_list", 9),
)


def register_all() -> None:
    from sifa.core import deadlines, navigation

    from . import access, worklist

    for section, label, url_name, rank in NAV:
        navigation.register(navigation.NavEntry(section, label, url_name, capability="read_records",
                                                order=300 + rank, roles=frozenset(access.READ_ROLES)))
    deadlines.register_source(worklist.due_items)
