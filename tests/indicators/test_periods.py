import datetime as dt

import pytest

from sifa.indicators.errors import PeriodError
from sifa.indicators.periods import parse_period

D = dt.date


@pytest.mark.parametrize(("text", "kind", "start", "end", "key", "label"), [
    ("2021", "year", D(2021, 1, 1), D(2021, 12, 31), "2021", "2021年"),
    ("2021年", "year", D(2021, 1, 1), D(2021, 12, 31), "2021", "2021年"),
    ("2021H1", "half", D(2021, 1, 1), D(2021, 6, 30), "2021H1", "2021年上半年"),
    ("2021h2", "half", D(2021, 7, 1), D(2021, 12, 31), "2021H2", "2021年下半年"),
    ("2021上半年", "half", D(2021, 1, 1), D(2021, 6, 30), "2021H1", "2021年上半年"),
    ("2021Q3", "quarter", D(2021, 7, 1), D(2021, 9, 30), "2021Q3", "2021年第三季度"),
    ("2021-05", "month", D(2021, 5, 1), D(2021, 5, 31), "2021-05", "2021年5月"),
    ("2024-02", "month", D(2024, 2, 1), D(2024, 2, 29), "2024-02", "2024年2月"),
    ("2021-03-15..2021-06-30", "range", D(2021, 3, 15), D(2021, 6, 30), "2021-03-15..2021-06-30",
     "2021年3月15日至2021年6月30日"),
    ("2021-01-01..2021-06-30", "half", D(2021, 1, 1), D(2021, 6, 30), "2021H1", "2021年上半年"),
    ("截至2021-08-13", "ytd", D(2021, 1, 1), D(2021, 8, 13), "截至2021-08-13", "2021年1月1日至8月13日（截至目前）"),
    ("ytd:2021-08-13", "ytd", D(2021, 1, 1), D(2021, 8, 13), "截至2021-08-13", "2021年1月1日至8月13日（截至目前）"),
])
def test_accepted_forms(text, kind, start, end, key, label):
    period = parse_period(text)
    assert (period.kind, period.start, period.end, period.key, period.label) == (kind, start, end, key, label)
    assert parse_period(period.key) == period


def test_year_to_date_cuts_off_today():
    period = parse_period("截至目前", today=D(2021, 8, 13))
    assert (period.start, period.end, period.key) == (D(2021, 1, 1), D(2021, 8, 13), "截至2021-08-13")


@pytest.mark.parametrize(("text", "message"), [
    ("2021-13", "月份“13”不正确"),
    ("2021Q5", "无法识别的统计期间"),
    ("abc", "无法识别的统计期间"),
    ("", "请填写统计期间"),
    ("2021-02-30..2021-03-01", "日期“2021-02-30”不存在"),
    ("2021-06-30..2021-01-01", "起始日期晚于结束日期"),
    ("1800", "年份“1800”超出范围"),
    ("截至2021-02-29", "日期“2021-02-29”不存在"),
])
def test_bad_periods_say_why_in_chinese(text, message):
    with pytest.raises(PeriodError, match=message):
        parse_period(text)


@pytest.mark.parametrize(("text", "yoy", "mom"), [
    ("2021", "2020", "2020"),
    ("2021H1", "2020H1", "2020H2"),
    ("2021H2", "2020H2", "2021H1"),
    ("2021Q1", "2020Q1", "2020Q4"),
    ("2021Q3", "2020Q3", "2021Q2"),
    ("2021-01", "2020-01", "2020-12"),
    ("2021-05", "2020-05", "2021-04"),
    ("2021-03-11..2021-03-20", "2020-03-11..2020-03-20", "2021-03-01..2021-03-10"),
    ("2024-02-29..2024-03-01", "2023-02-28..2023-03-01", "2024-02-27..2024-02-28"),
    ("截至2021-08-13", "截至2020-08-13", None),
])
def test_same_period_last_year_and_previous_period(text, yoy, mom):
    period = parse_period(text)
    assert period.same_period_last_year().key == yoy
    previous = period.previous()
    assert (previous.key if previous else None) == mom
    if previous is not None and period.kind == "range":
        assert previous.days == period.days
