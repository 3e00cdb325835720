"""T-5 reminders of lawsuits: five working days before the answer is due, the bureau's staff are told."""

from __future__ import annotations

import datetime as dt

from sifa.core.notify import notify_users
from sifa.reconsideration.actions import staff_of
from sifa.reconsideration.reminders import target_day

from .actions import lawsuit_url
from .integration import SECTION
from .models import Lawsuit, Status


def remind(today: dt.date) -> int:
    day, sent = target_day(today), 0
    for suit in Lawsuit.objects.filter(status=Status.ANSWERING, answer_due=day).select_related("org"):
        sent += notify_users(staff_of(suit.org), f"{suit.number}：答辩期限还有5个工作日", f"期限为{day:%Y-%m-%d}。",
                             lawsuit_url(suit), category=SECTION)
    return sent


def remind_deadlines(day) -> str:
    """The daily job: T-5 reminders of 行政复议 and 行政应诉 deadlines to whoever handles each case."""
    from sifa.reconsideration import reminders as cases

    return f"已发送行政复议、应诉期限提醒{cases.remind(day) + remind(day)}条。"
