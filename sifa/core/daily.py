"""The platform's daily jobs, registered by the lines and run together by one scheduled command, `sifa daily`.

A job is a function of the day that returns what it did, in one Chinese sentence (「已发送提醒3条。」) and raises
`JobFailed` (or anything) when it finds something wrong. `run(day)` runs every job in registration order, each in
its own try, so one failing job never stops the others; the caller learns which failed. A deployment needs one
cron line (or the Celery beat entry in settings) instead of one per line::

    daily.register("督察问题逾期", lambda day: f"已标记逾期问题{actions.sweep_overdue(day)}个。", order=60)
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger("sifa.daily")


class JobFailed(Exception):
    """A job's check found a fault (the audit chain is broken): reported as a failure with this message."""


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[dt.date], str]
    order: int = 100


@dataclass(frozen=True)
class Outcome:
    name: str
    ok: bool
    message: str


_jobs: dict[str, Job] = {}


def register(name: str, function: Callable[[dt.date], str], order: int = 100) -> None:
    """Add (or replace, by name) a daily job."""
    _jobs[name] = Job(name, function, order)


def jobs() -> list[Job]:
    return sorted(_jobs.values(), key=lambda job: (job.order, job.name))


def run(day: dt.date, only: list[str] | None = None) -> list[Outcome]:
    """Run the jobs (or those named in `only`) for `day`; each failure is logged and reported, never raised."""
    if only:
        unknown = sorted(set(only) - set(_jobs))
        if unknown:
            raise KeyError("没有这些每日任务：" + "、".join(unknown) + "。可用：" + "、".join(j.name for j in jobs()))
    outcomes = []
    for job in jobs():
        if only and job.name not in only:
            continue
        try:
            outcomes.append(Outcome(job.name, True, job.run(day)))
        except Exception as exc:  # one job's fault never stops the others
            log.exception("每日任务“%s”失败", job.name)
            outcomes.append(Outcome(job.name, False, str(exc) or type(exc).__name__))
    return outcomes


def _clear_sessions(day: dt.date) -> str:
    from django.contrib.sessions.models import Session

    expired = Session.objects.filter(expire_date__lt=dt.datetime.now(dt.UTC))
    count = expired.count()
    expired.delete()
    return f"已清理过期会话{count}个。"


def register_platform_jobs() -> None:
    register("过期会话清理", _clear_sessions, order=90)
