"""The litigation line's time limits (DOMAIN.md §10): 答辩 within 15 days of the 应诉通知 (《行政诉讼法》第67条),
an appeal within 15 days of service of the judgment (第85条); both calendar days."""

from __future__ import annotations

import datetime as dt

from sifa.core.deadlines import DeadlineRule, estimated_due

ANSWER = DeadlineRule("calendar", 15, "提交答辩状", basis="《行政诉讼法》第六十七条")
APPEAL = DeadlineRule("calendar", 15, "提起上诉", basis="《行政诉讼法》第八十五条")


def answer_due(notice_received_on: dt.date) -> dt.date:
    return estimated_due(ANSWER, notice_received_on).date


def appeal_due(served_on: dt.date) -> dt.date:
    return estimated_due(APPEAL, served_on).date
