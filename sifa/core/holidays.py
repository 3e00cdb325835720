"""Reading a year's 放假/调休 days as a 系统管理员 copies them from the State Council's notice.

The notice writes ranges (“2月5日至11日放假调休，共7天”) and single days (“2月1日（星期日）上班”), so a list may
hold, separated by new lines, commas or 、：

    2027-01-01            1月1日            2027年1月1日
    2027-02-05至2027-02-11    2月5日至2月11日    2月5日至11日    (至, 到 or ~)

A day written without its year is in the schedule's year. Every problem is reported at once, in Chinese.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError

SEPARATORS = re.compile(r"[\n\r,，、；;]+")
RANGE = re.compile(r"\s*(?:至|到|~|～)\s*")
ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
CHINESE = re.compile(r"^(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日?$")
MAX_DAYS = 60  # more than any year's notice: a typo such as 1月1日至12月31日 is refused


def _day(text: str, year: int, month_before: int | None) -> dt.date:
    text = text.strip().replace(" ", "")
    m = ISO.match(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = CHINESE.match(text)
        if not m or (m.group(2) is None and month_before is None):
            raise ValueError(f"“{text}”不是日期，请写作 {year}-01-01 或 1月1日")
        y = int(m.group(1)) if m.group(1) else year
        mo = int(m.group(2)) if m.group(2) else month_before
        d = int(m.group(3))
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise ValueError(f"“{text}”不是有效日期") from None


def parse_days(text: str, year: int, what: str) -> tuple[list[dt.date], list[str]]:
    """(sorted days, Chinese problems) of one list."""
    days, problems = set(), []
    for part in SEPARATORS.split(text or ""):
        part = part.strip()
        if not part:
            continue
        ends = RANGE.split(part)
        try:
            if len(ends) == 1:
                found = [_day(ends[0], year, None)]
            elif len(ends) == 2:
                first = _day(ends[0], year, None)
                last = _day(ends[1], first.year, first.month)
                if last < first:
                    raise ValueError(f"“{part}”的结束日期早于开始日期")
                found = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
            else:
                raise ValueError(f"“{part}”不是日期或日期范围")
        except ValueError as exc:
            problems.append(f"{what}：{exc}。")
            continue
        outside = [d for d in found if d.year != year]
        if outside:
            problems.append(f"{what}：{outside[0]:%Y年%-m月%-d日}不在{year}年内。")
            continue
        days.update(found)
    if len(days) > MAX_DAYS:
        problems.append(f"{what}共{len(days)}天，超过{MAX_DAYS}天，请核对是否录入了过长的日期范围。")
    return sorted(days), problems


def validate_schedule(year: int, holidays: list[dt.date], makeup: list[dt.date]) -> list[str]:
    """Problems of a schedule as a whole: both lists present, no day in both, 调休上班 on weekend days only."""
    problems = []
    if not holidays:
        problems.append("请填写放假日期。")
    both = sorted(set(holidays) & set(makeup))
    if both:
        problems.append("以下日期既是放假日又是调休上班日，请核对：" + "、".join(f"{d:%-m月%-d日}" for d in both) + "。")
    weekdays = [d for d in makeup if d.weekday() < 5]
    if weekdays:
        problems.append("调休上班日应为周六或周日（周一至周五本来就是工作日）："
                        + "、".join(f"{d:%-m月%-d日}" for d in weekdays) + "。")
    return problems


def read_schedule(year: int, holidays_text: str, makeup_text: str) -> tuple[list[dt.date], list[dt.date]]:
    """Both lists parsed and checked; raises ValidationError with every problem found."""
    holidays, problems = parse_days(holidays_text, year, "放假日期")
    makeup, more = parse_days(makeup_text, year, "调休上班日期")
    problems += more
    if not problems:
        problems = validate_schedule(year, holidays, makeup)
    if problems:
        raise ValidationError(problems)
    return holidays, makeup
