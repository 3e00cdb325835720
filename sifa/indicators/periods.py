"""Reporting periods: the forms a bureau reports in (年度, 上半年/下半年, 季度, 月, any date range, 截至目前),
parsed from short strings, with 同比 (same period last year) and 环比 (the previous period of the same kind).

Every period is a closed date interval [start, end]. 截至目前 is always resolved to an explicit cutoff date, so
its key (and every cache entry and drill-down link built from it) stays valid after midnight.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .errors import PeriodError

MIN_YEAR, MAX_YEAR = 1949, 2100
QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
PERIOD_FORMS_HELP = ("2021（年度）、2021H1/2021H2（上半年/下半年）、2021Q3（季度）、2021-05（月）、"
                     "2021-01-01..2021-06-30（日期区间）、截至目前 或 截至2021-08-13（年初至截止日）")


@dataclass(frozen=True)
class Period:
    kind: str               # year | half | quarter | month | range | ytd
    start: dt.date
    end: dt.date

    # --- naming ---
    @property
    def key(self) -> str:
        """The canonical string: parse_period(p.key) == p."""
        s, e = self.start, self.end
        if self.kind == "year":
            return f"{s.year}"
        if self.kind == "half":
            return f"{s.year}H{1 if s.month == 1 else 2}"
        if self.kind == "quarter":
            return f"{s.year}Q{(s.month - 1) // 3 + 1}"
        if self.kind == "month":
            return f"{s.year}-{s.month:02d}"
        if self.kind == "ytd":
            return f"截至{e.isoformat()}"
        return f"{s.isoformat()}..{e.isoformat()}"

    @property
    def label(self) -> str:
        s, e = self.start, self.end
        if self.kind == "year":
            return f"{s.year}年"
        if self.kind == "half":
            return f"{s.year}年{'上' if s.month == 1 else '下'}半年"
        if self.kind == "quarter":
            return f"{s.year}年{QUARTER_NAMES[(s.month - 1) // 3 + 1]}"
        if self.kind == "month":
            return f"{s.year}年{s.month}月"
        if self.kind == "ytd":
            return f"{s.year}年1月1日至{e.month}月{e.day}日（截至目前）"
        return f"{_cn_date(s)}至{_cn_date(e)}"

    @property
    def year(self) -> int:
        """The year the period belongs to (for per-population indicators: the population of that year)."""
        return self.end.year

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __str__(self) -> str:
        return self.label

    # --- comparisons ---
    def same_period_last_year(self) -> Period:
        """同比: the same period one year earlier (a 29 February cutoff becomes 28 February)."""
        return Period(self.kind, _minus_year(self.start), _minus_year(self.end))

    def previous(self) -> Period | None:
        """环比: the period of the same kind just before; None for 截至目前, which has no preceding peer."""
        s = self.start
        if self.kind == "year":
            return year_period(s.year - 1)
        if self.kind == "half":
            return half_period(s.year - 1, 2) if s.month == 1 else half_period(s.year, 1)
        if self.kind == "quarter":
            q = (s.month - 1) // 3 + 1
            return quarter_period(s.year - 1, 4) if q == 1 else quarter_period(s.year, q - 1)
        if self.kind == "month":
            return month_period(s.year - 1, 12) if s.month == 1 else month_period(s.year, s.month - 1)
        if self.kind == "range":
            end = s - dt.timedelta(days=1)
            return Period("range", end - dt.timedelta(days=self.days - 1), end)
        return None


def _cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _minus_year(d: dt.date) -> dt.date:
    if d.month == 2 and d.day == 29:
        return dt.date(d.year - 1, 2, 28)
    return d.replace(year=d.year - 1)


def year_period(year: int) -> Period:
    return Period("year", dt.date(year, 1, 1), dt.date(year, 12, 31))


def half_period(year: int, half: int) -> Period:
    return Period("half", dt.date(year, 1, 1), dt.date(year, 6, 30)) if half == 1 else \
        Period("half", dt.date(year, 7, 1), dt.date(year, 12, 31))


def quarter_period(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    return Period("quarter", dt.date(year, first, 1),
                  dt.date(year, first + 2, calendar.monthrange(year, first + 2)[1]))


def month_period(year: int, month: int) -> Period:
    return Period("month", dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))


def ytd_period(cutoff: dt.date) -> Period:
    return Period("ytd", dt.date(cutoff.year, 1, 1), cutoff)


def _calendar_period_or_range(start: dt.date, end: dt.date) -> Period:
    """A range that is exactly a year, half, quarter or month is that period (so its 环比 is the natural one)."""
    y = start.year
    for candidate in (year_period(y), half_period(y, 1), half_period(y, 2),
                      *(quarter_period(y, q) for q in range(1, 5)), month_period(y, start.month)):
        if (candidate.start, candidate.end) == (start, end):
            return candidate
    return Period("range", start, end)


_YEAR = re.compile(r"(\d{4})(?:年(?:度)?)?")
_HALF = re.compile(r"(\d{4})(?:[Hh]([12])|年?(上|下)半年)")
_QUARTER = re.compile(r"(\d{4})[Qq]([1-4])")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_DATE = r"(\d{4}-\d{1,2}-\d{1,2})"
_RANGE = re.compile(_DATE + r"\s*(?:\.\.|至|~)\s*" + _DATE)
_YTD = re.compile(r"(?:截至|截止)\s*(?:目前|" + _DATE + r")|[Yy][Tt][Dd](?:[:：@]\s*" + _DATE + r")?")


def _check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"年份“{year}”超出范围（{MIN_YEAR}–{MAX_YEAR}）。")
    return year


def _parse_date(text: str) -> dt.date:
    try:
        year, month, day = (int(x) for x in text.split("-"))
        _check_year(year)
        return dt.date(year, month, day)
    except PeriodError:
        raise
    except ValueError:
        raise PeriodError(f"日期“{text}”不存在，请按“年-月-日”填写，例如 2021-06-30。")


def parse_period(text, today: dt.date | None = None) -> Period:
    """Parse a period string (see PERIOD_FORMS_HELP). `today` is the cutoff of 截至目前 (default: local today)."""
    if isinstance(text, Period):
        return text
    raw = (text or "").strip()
    if not raw:
        raise PeriodError("请填写统计期间，例如 " + PERIOD_FORMS_HELP + "。")
    if m := _YTD.fullmatch(raw):
        if cutoff := m.group(1) or m.group(2):
            return ytd_period(_parse_date(cutoff))
        if today is None:
            from django.utils import timezone

            today = timezone.localdate()
        return ytd_period(today)
    if m := _RANGE.fullmatch(raw):
        start, end = _parse_date(m.group(1)), _parse_date(m.group(2))
        if start > end:
            raise PeriodError(f"日期区间“{raw}”的起始日期晚于结束日期。")
        return _calendar_period_or_range(start, end)
    if m := _HALF.fullmatch(raw):
        half = int(m.group(2)) if m.group(2) else (1 if m.group(3) == "上" else 2)
        return half_period(_check_year(int(m.group(1))), half)
    if m := _QUARTER.fullmatch(raw):
        return quarter_period(_check_year(int(m.group(1))), int(m.group(2)))
    if m := _MONTH.fullmatch(raw):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            raise PeriodError(f"月份“{m.group(2)}”不正确：应为01–12。")
        return month_period(_check_year(int(m.group(1))), month)
    if m := _YEAR.fullmatch(raw):
        return year_period(_check_year(int(m.group(1))))
    raise PeriodError(f"无法识别的统计期间“{raw}”。可用格式：{PERIOD_FORMS_HELP}。")
