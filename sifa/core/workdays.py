"""The working-day calendar (法定节假日与调休) and the way Chinese law counts periods.

Which days are working days comes from the `chinese-calendar` package, which carries the State Council's yearly
notices (国务院办公厅关于某年部分节假日安排的通知): public holidays, and the weekend days made working days
(调休上班). A working day is Monday–Friday that is not a holiday, or a weekend day announced as a make-up
working day. The schedule for a year is only published late in the previous year, so a date in a year the
package does not cover raises `CalendarNotCovered` instead of guessing: a legal deadline computed on a wrong
calendar is worse than none. When the notice for a new year comes out, a 系统管理员 enters its 放假 and 调休 days
on the admin page (系统管理 → 节假日安排; stored as core.HolidaySchedule, audited), and every deadline that runs
into that year uses them from then on — no upgrade needed. ``<SIFA_VAR_DIR>/calendar.json`` is read too, for
installations that prefer a file::

    {"2027": {"source": "国办发明电〔2026〕…号",
              "holidays": ["2027-01-01", …], "makeup_workdays": ["2027-02-06", …]}}

`is_year_published(year)` says whether a year's schedule is known. Until it is, a deadline shown to staff is
estimated Monday–Friday (`is_workday_or_weekday`, through `deadlines.estimated_due`) and carries ESTIMATE_NOTE
（节假日安排未发布，按工作日推算）; a decision that turns on the exact day still gets `CalendarNotCovered`.

How periods are counted (民事诉讼法第85条, 民法典第201–203条, 行政复议法第88条):

* the day of the event itself is not counted; counting starts the next day;
* a period in working days (“五个工作日”) ends on the n-th working day after the event day — holidays and
  weekends in between are skipped, a make-up Saturday counts;
* a period in calendar days (“三十日”) ends n days after the event day; if that last day is not a working day
  (weekend or holiday) the period ends on the next working day;
* a period in months ends on the same day of the month n months later, or on that month's last day if it has
  no such day (1月31日 + 1个月 = 2月28/29日), then moves to the next working day like a calendar period.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import time
from functools import lru_cache

import chinese_calendar
from django.conf import settings
from django.db import DatabaseError, connection
from django.dispatch import Signal

SUPPLEMENT_FILE_NAME = "calendar.json"
ONE_DAY = dt.timedelta(days=1)
ESTIMATE_NOTE = "节假日安排未发布，按工作日推算"
# How long a process trusts its copy of the stored schedules; the process that saves one forgets it at once.
STORED_TTL_SECONDS = 30
_stored: dict = {"at": 0.0, "years": None}
# Sent (with year=, actor=) inside the transaction that stores a year's schedule: lines recompute stored due dates
# (sifa.core.due_refresh).
schedule_published = Signal()


class CalendarNotCovered(LookupError):
    """The holiday schedule of a year is not known to the system (not yet published, or not yet loaded)."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            f"系统尚未载入{year}年的法定节假日和调休安排，无法按工作日计算期限。"
            f"请升级 chinese-calendar，或在 {SUPPLEMENT_FILE_NAME} 中补充国务院办公厅公布的{year}年安排。")


# The name DOMAIN.md §18.5 uses for the same condition.
CalendarNotPublished = CalendarNotCovered


@lru_cache(maxsize=1)
def _package_years() -> tuple[int, int]:
    from chinese_calendar import constants

    days = list(constants.holidays) + list(constants.workdays)
    return min(days).year, max(days).year


def _supplement_path():
    return settings.VAR_DIR / SUPPLEMENT_FILE_NAME


@lru_cache(maxsize=4)
def _supplement(path, mtime: float) -> dict[int, tuple[frozenset, frozenset]]:
    """Years added by the bureau: {year: (holidays, makeup working days)}. Malformed files fail loudly."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        years = {}
        for year, spec in raw.items():
            holidays = frozenset(dt.date.fromisoformat(d) for d in spec.get("holidays", []))
            makeup = frozenset(dt.date.fromisoformat(d) for d in spec.get("makeup_workdays", []))
            if any(d.year != int(year) for d in holidays | makeup):
                raise ValueError(f"{year}年的安排中含有其他年份的日期")
            years[int(year)] = (holidays, makeup)
        return years
    except (ValueError, TypeError, AttributeError) as exc:
        raise ValueError(f"节假日补充文件 {SUPPLEMENT_FILE_NAME} 格式错误：{exc}") from exc


def _supplemented_years() -> dict[int, tuple[frozenset, frozenset]]:
    path = _supplement_path()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return {}
    return _supplement(path, mtime)


def _read_stored_years() -> dict[int, tuple[frozenset, frozenset]]:
    from .models import HolidaySchedule

    try:
        rows = list(HolidaySchedule.objects.values_list("year", "holidays", "makeup_workdays"))
    except DatabaseError:  # before the migration has run
        rows = []
    return {year: (frozenset(dt.date.fromisoformat(d) for d in holidays),
                   frozenset(dt.date.fromisoformat(d) for d in makeup)) for year, holidays, makeup in rows}


def _stored_years() -> dict[int, tuple[frozenset, frozenset]]:
    """Years a 系统管理员 entered (core.HolidaySchedule), kept per process for STORED_TTL_SECONDS — except inside a
    transaction, which reads its own (a schedule being saved, or one rolled back, must not leak into the copy)."""
    if connection.in_atomic_block:
        return _read_stored_years()
    now = time.monotonic()
    if _stored["years"] is None or now - _stored["at"] > STORED_TTL_SECONDS:
        _stored["years"], _stored["at"] = _read_stored_years(), now
    return _stored["years"]


def forget_stored_years() -> None:
    """Read the stored schedules again on next use (called when one is saved)."""
    _stored["years"] = None


def _added_year(year: int) -> tuple[frozenset, frozenset] | None:
    """A year added after the package was built: entered on the admin page, or in the supplement file."""
    return _stored_years().get(year) or _supplemented_years().get(year)


def is_bundled(year: int) -> bool:
    """Whether chinese-calendar, as installed, carries the year (such years cannot be entered again)."""
    first, last = _package_years()
    return first <= year <= last


def is_year_published(year: int) -> bool:
    """Whether the holiday schedule of `year` is known: bundled with chinese-calendar, entered by a 系统管理员, or
    in the supplement file. Deadlines that run into a year that is not are estimated Monday–Friday."""
    return is_bundled(year) or _added_year(year) is not None


def covered_years() -> range:
    """The contiguous range of years whose schedule is known, from the package and the years added since."""
    first, last = _package_years()
    while _added_year(last + 1) is not None:
        last += 1
    return range(first, last + 1)


def is_covered(day: dt.date) -> bool:
    """Whether working days can be computed for `day` (its year's schedule is known)."""
    return is_year_published(day.year)


@lru_cache(maxsize=8192)
def _bundled_workday(day: dt.date) -> bool:
    """chinese-calendar's answer, remembered: the package's tables never change in a process, and each of its
    calls scans them for their first and last year (a page listing a few hundred deadlines asks thousands of
    times)."""
    return chinese_calendar.is_workday(day)


def is_workday(day: dt.date) -> bool:
    """Whether `day` is a working day under the published holiday schedule (调休 included)."""
    if isinstance(day, dt.datetime):
        day = day.date()
    if is_bundled(day.year):
        return _bundled_workday(day)
    extra = _added_year(day.year)
    if extra is not None:
        holidays, makeup = extra
        return day in makeup or (day.weekday() < 5 and day not in holidays)
    raise CalendarNotCovered(day.year)


def is_holiday(day: dt.date) -> bool:
    """Not a working day: a weekend that is not made up, or a public holiday."""
    return not is_workday(day)


def is_workday_or_weekday(day: dt.date) -> bool:
    """`is_workday` where the year's schedule is known; Monday–Friday in a year whose schedule is not published
    yet. Only for estimates that say so (deadlines.estimated_due); a decision on the exact day uses is_workday."""
    return is_workday(day) if is_covered(day) else day.weekday() < 5


def next_workday(day: dt.date, *, workday=is_workday) -> dt.date:
    """`day` itself if it is a working day, otherwise the first working day after it."""
    while not workday(day):
        day += ONE_DAY
    return day


def add_working_days(start: dt.date, n: int, *, workday=is_workday) -> dt.date:
    """The n-th working day after `start` (the event day is not counted; n ≥ 1)."""
    if n < 1:
        raise ValueError("工作日天数必须是正整数。")
    day, counted = start, 0
    while counted < n:
        day += ONE_DAY
        if workday(day):
            counted += 1
    return day


def add_calendar_days(start: dt.date, n: int, *, roll: bool = True, workday=is_workday) -> dt.date:
    """n days after `start` (the event day is not counted); with `roll`, a last day that is not a working day
    moves to the next working day, as 民事诉讼法第85条 says."""
    if n < 1:
        raise ValueError("天数必须是正整数。")
    day = start + dt.timedelta(days=n)
    return next_workday(day, workday=workday) if roll else day


def add_months(start: dt.date, n: int, *, roll: bool = True, workday=is_workday) -> dt.date:
    """The corresponding day n months after `start`, or that month's last day (民法典第202条); with `roll`,
    moved to the next working day if it is not one."""
    if n < 1:
        raise ValueError("月数必须是正整数。")
    month_index = start.month - 1 + n
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    return next_workday(day, workday=workday) if roll else day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 if `end` ≤ `start`): how many working days are
    left from today until a due date, the due date included."""
    count, day = 0, start
    while day < end:
        day += ONE_DAY
        if is_workday(day):
            count += 1
    return count
