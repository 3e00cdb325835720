"""Small fixtures of the 队伍建设 line, built through the actions."""

from __future__ import annotations

import datetime as dt

from sifa.team import actions


def days_ago(n: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=n)


def activity(user, org, kind="study", on=None, title="集中学习"):
    return actions.record_activity(user, org=org, kind=kind, held_on=on or days_ago(5), title=title, participants=20)


def problem(user, org, found_on=None, due_on=None, description="有案不立、压案不查", category="chronic"):
    return actions.find_problem(user, org=org, description=description, found_on=found_on or days_ago(20),
                                due_on=due_on, category=category)


def clue(user, org, on=None, source="县纪委监委转办"):
    return actions.receive_clue(user, org=org, received_on=on or days_ago(10), source=source, summary="线索摘要")
