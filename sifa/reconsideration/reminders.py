"""T-5 reminders (DOMAIN §9 智能化): five working days before a case's running deadline, the bureau's 复议
staff get an inbox notice naming the case and the deadline. Run daily (`sifa remind_disputes`); a reminder is
sent on the one day the deadline is exactly five working days away, so a daily run never repeats it."""

from __future__ import annotations

import datetime as dt

from sifa.core import workdays
from sifa.core.notify import notify_users

from . import actions
from .integration import DUE, SECTION
from .models import Case

LEAD_DAYS = 5


def target_day(today: dt.date) -> dt.date:
    try:
        return workdays.add_working_days(today, LEAD_DAYS)
    except workdays.CalendarNotCovered:
        return workdays.add_working_days(today, LEAD_DAYS, workday=workdays.is_workday_or_weekday)


def remind(today: dt.date) -> int:
    """Notify the staff of every case whose open deadline falls on the fifth working day from `today`."""
    day, sent = target_day(today), 0
    for status, field, label in DUE:
        for case in Case.objects.filter(status=status, **{field: day}).select_related("org"):
            sent += notify_users(actions.staff_of(case.org), f"{case.reference}：{label}期限还有5个工作日",
                                 f"期限为{day:%Y-%m-%d}。", actions.case_url(case), category=SECTION)
    return sent
