"""The legality line's time limits and registration rules (DOMAIN.md §11).

- 审查: the bureau's configured working days (国办发〔2018〕115号: 一般不少于5个、不超过15个工作日, 待核), paused
  while the submitter supplements materials.
- 重大行政决策 (《重大行政决策程序暂行条例》): 公众参与 at least 30 days (第十五条); 合法性审查 at least 7
  working days (第二十六条); 未经合法性审查或者经审查不合法的，不得提交讨论 (第二十五条).
- 报备: within the configured days of publication (default 30, 《法规规章备案条例》 and the provincial rules);
  政府文件 to the 上级政府 and the 本级人大常委会, 部门文件 to the 本级政府.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError

from sifa.core.deadlines import DeadlineRule, estimated_due

MIN_COMMENT_DAYS = 30
MAJOR_REVIEW_MIN = DeadlineRule("working", 7, "重大行政决策合法性审查（不少于）",
                                basis="《重大行政决策程序暂行条例》第二十六条")


def review_rule(days: int) -> DeadlineRule:
    return DeadlineRule("working", days, "合法性审查", basis="国办发〔2018〕115号")


def filing_rule(days: int) -> DeadlineRule:
    return DeadlineRule("calendar", days, "规范性文件报备", basis="《法规规章备案条例》、省规范性文件备案规定")


def pauses_of(item) -> list[tuple[dt.date, dt.date | None]]:
    return [(dt.date.fromisoformat(a), dt.date.fromisoformat(b) if b else None) for a, b in item.pauses]


def review_due(received_on: dt.date, days: int, pauses=()) -> dt.date | None:
    return estimated_due(review_rule(days), received_on, pauses).date


def working_days_between(start: dt.date, end: dt.date, pauses=()) -> int:
    """Working days after `start` up to and including `end`, the paused days not counted (a Monday–Friday count
    past the published calendar)."""
    from sifa.core import workdays

    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if any(a <= day <= (b or end) for a, b in pauses):
            continue
        try:
            working = workdays.is_workday(day)
        except workdays.CalendarNotCovered:
            working = day.weekday() < 5
        if working:
            count += 1
    return count


def filing_bodies(kind: str, county_name: str) -> str:
    """政府文件 → 上级政府 + 本级人大常委会; 部门文件 → 本级政府."""
    if kind == "government":
        return f"上级人民政府；{county_name}人民代表大会常务委员会"
    return f"{county_name}人民政府"


def filing_due(published_on: dt.date, days: int) -> dt.date:
    return estimated_due(filing_rule(days), published_on).date


def check_registration(number: str, pattern: str, example: str) -> str:
    number = (number or "").strip().replace("[", "〔").replace("]", "〕").replace("（", "〔").replace("）", "〕")
    if not number:
        raise ValidationError("请填写登记号。")
    try:
        matched = re.fullmatch(pattern, number)
    except re.error:
        raise ValidationError("登记号格式设置有误，请联系管理员检查合法性审查设置。")
    if not matched:
        raise ValidationError(f"登记号“{number}”不符合本省统一登记格式，应形如“{example}”。")
    return number
