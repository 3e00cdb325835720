"""The notary line's time limit and fee arithmetic (DOMAIN.md §4, 《公证法》)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from sifa.core.deadlines import DeadlineRule, due_date, estimated_due

# 《公证法》第30条: 自受理之日起十五个工作日内出具公证书; 补充材料、核实、不可抗力的时间不计算在内.
ISSUE = DeadlineRule("working", 15, "出具公证书", basis="《公证法》第三十条")

PROVINCE_ABBREVIATIONS = {
    "11": "京", "12": "津", "13": "冀", "14": "晋", "15": "蒙", "21": "辽", "22": "吉", "23": "黑", "31": "沪",
    "32": "苏", "33": "浙", "34": "皖", "35": "闽", "36": "赣", "37": "鲁", "41": "豫", "42": "鄂", "43": "湘",
    "44": "粤", "45": "桂", "46": "琼", "50": "渝", "51": "川", "52": "黔", "53": "滇", "54": "藏", "61": "陕",
    "62": "甘", "63": "青", "64": "宁", "65": "新",
}
CENT = Decimal("0.01")


def issue_due(accepted_on: dt.date, pauses=()) -> dt.date | None:
    """Fifteen working days after 受理, not counting paused days; None while a pause is still running.
    Raises workdays.CalendarNotCovered past the published holiday calendar (a working-day limit cannot be
    guessed)."""
    return due_date(ISSUE, accepted_on, pauses)


def estimated_issue_due(accepted_on: dt.date, pauses=()) -> dt.date | None:
    """The due date to show and remind by: past the published holiday calendar counted on Monday–Friday
    (deadlines.estimated_due; pages add its note). Issuing late is judged by `issue_due` alone."""
    return estimated_due(ISSUE, accepted_on, pauses).date


def certificate_prefix(division_code: str, county_name: str) -> str:
    """“皖砀证”: the province's one-character name, the county's first character, 证."""
    return PROVINCE_ABBREVIATIONS.get(division_code[:2], "") + (county_name[:1] or "") + "证"


def progressive_fee(value: Decimal, tiers: list[tuple[Decimal | None, Decimal]]) -> Decimal:
    """Σ over the bands of (the part of `value` inside the band × its rate ‰), bands ascending by upper bound,
    the last one open."""
    total, lower = Decimal("0"), Decimal("0")
    for upper, rate in tiers:
        top = value if upper is None else min(value, upper)
        if top > lower:
            total += (top - lower) * rate / Decimal(1000)
        if upper is None or value <= upper:
            break
        lower = upper
    return total.quantize(CENT, rounding=ROUND_HALF_UP)
