import datetime as dt
import json

import pytest

from sifa.core import workdays
from sifa.core.workdays import CalendarNotCovered

D = dt.date


@pytest.mark.parametrize(("day", "working"), [
    (D(2024, 9, 27), True),    # Friday before 国庆
    (D(2024, 9, 28), False),   # Saturday, rest
    (D(2024, 9, 29), True),    # Sunday, 调休上班
    (D(2024, 10, 1), False),   # 国庆节
    (D(2024, 10, 7), False),   # last day of the 国庆 break (a Monday)
    (D(2024, 10, 8), True),
    (D(2024, 10, 12), True),   # Saturday, 调休上班
    (D(2025, 1, 26), True),    # Sunday, 调休上班 before 春节
    (D(2025, 1, 28), False),   # 除夕
    (D(2025, 2, 4), False),    # last day of the 春节 break
    (D(2025, 2, 8), True),     # Saturday, 调休上班
    (D(2025, 2, 9), False),    # ordinary Sunday
])
def test_is_workday_follows_the_published_schedule(day, working):
    assert workdays.is_workday(day) is working
    assert workdays.is_holiday(day) is not working


def test_working_days_skip_the_national_day_break_and_count_makeup_saturdays():
    assert workdays.add_working_days(D(2024, 9, 27), 1) == D(2024, 9, 29)  # the event day is not counted
    assert workdays.add_working_days(D(2024, 9, 30), 1) == D(2024, 10, 8)
    assert workdays.add_working_days(D(2024, 9, 30), 5) == D(2024, 10, 12)
    assert workdays.add_working_days(D(2024, 10, 3), 1) == D(2024, 10, 8)  # started on a holiday


def test_working_days_over_spring_festival_2025():
    # 1月27日 (Mon) is the last working day before the break (1月28日–2月4日)
    assert workdays.add_working_days(D(2025, 1, 27), 1) == D(2025, 2, 5)
    assert workdays.add_working_days(D(2025, 1, 24), 2) == D(2025, 1, 27)  # Sat 25 rests, Sun 26 works
    assert workdays.add_working_days(D(2025, 1, 24), 1) == D(2025, 1, 26)


def test_calendar_days_end_on_the_next_working_day_when_the_last_day_is_a_holiday():
    assert workdays.add_calendar_days(D(2025, 1, 20), 10) == D(2025, 2, 5)   # 30日 is in 春节
    assert workdays.add_calendar_days(D(2025, 1, 20), 10, roll=False) == D(2025, 1, 30)
    assert workdays.add_calendar_days(D(2024, 9, 19), 10) == D(2024, 9, 29)  # a 调休 Sunday is a working day
    assert workdays.add_calendar_days(D(2024, 3, 1), 15) == D(2024, 3, 18)   # Sat 16 → Mon 18


def test_months_end_on_the_corresponding_day_or_the_month_end():
    assert workdays.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert workdays.add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert workdays.add_months(D(2024, 11, 15), 3) == D(2025, 2, 17)  # Sat 15 → Mon 17
    assert workdays.add_months(D(2024, 9, 1), 1) == D(2024, 10, 8)    # 国庆 → first working day after


def test_working_days_between_counts_the_end_day_not_the_start_day():
    assert workdays.working_days_between(D(2024, 9, 30), D(2024, 10, 8)) == 1
    assert workdays.working_days_between(D(2024, 9, 30), D(2024, 10, 12)) == 5
    assert workdays.working_days_between(D(2024, 10, 8), D(2024, 10, 8)) == 0
    assert workdays.working_days_between(D(2024, 10, 9), D(2024, 10, 8)) == 0


def test_non_positive_amounts_are_refused():
    for function in (workdays.add_working_days, workdays.add_calendar_days, workdays.add_months):
        with pytest.raises(ValueError):
            function(D(2024, 1, 2), 0)


@pytest.mark.django_db
def test_a_year_the_calendar_does_not_cover_raises_a_chinese_error():
    with pytest.raises(CalendarNotCovered, match="尚未载入2100年的法定节假日") as info:
        workdays.is_workday(D(2100, 1, 4))
    assert info.value.year == 2100
    assert not workdays.is_covered(D(2100, 1, 4)) and workdays.is_covered(D(2024, 10, 1))
    last = workdays.covered_years().stop - 1
    with pytest.raises(CalendarNotCovered):
        workdays.add_working_days(D(last, 12, 30), 5)


@pytest.mark.django_db
def test_a_bureau_can_supplement_a_newly_published_year(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    year = workdays.covered_years().stop  # the first year not covered
    holiday, weekday = D(year, 1, 1), D(year, 1, 1)
    while weekday.weekday() >= 5 or weekday == holiday:
        weekday += dt.timedelta(days=1)
    saturday = next(D(year, 1, d) for d in range(2, 9) if D(year, 1, d).weekday() == 5)
    (tmp_path / "calendar.json").write_text(json.dumps({str(year): {
        "source": "测试", "holidays": [holiday.isoformat()], "makeup_workdays": [saturday.isoformat()]}}))
    assert workdays.is_workday(holiday) is False
    assert workdays.is_workday(weekday) is True
    assert workdays.is_workday(saturday) is True
    assert year in workdays.covered_years() and workdays.is_covered(holiday)


@pytest.mark.django_db
def test_a_malformed_supplement_fails_loudly(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    (tmp_path / "calendar.json").write_text(json.dumps({"2099": {"holidays": ["2098-01-01"]}}))
    with pytest.raises(ValueError, match="calendar.json 格式错误"):
        workdays.is_workday(D(2099, 1, 1))
