import datetime as dt
import logging

import pytest
from django.utils import timezone

from sifa.core import deadlines
from sifa.core.deadlines import DeadlineRule, DueItem, due_date, state

D = dt.date
NOTARY = DeadlineRule("working", 15, "出具公证书", basis="《公证法》第30条")
AID = DeadlineRule("calendar", 7, "法律援助审查决定", basis="《法律援助法》第43条")
MEDIATION = DeadlineRule("months", 1, "调解期限")


@pytest.fixture
def sources():
    """Sources registered by a test are removed afterwards; the apps' own sources stay."""
    before = list(deadlines._sources)
    yield
    deadlines._sources[:] = before


def test_rule_validates_its_kind_and_amount():
    with pytest.raises(ValueError, match="期限类型"):
        DeadlineRule("weeks", 2, "x")
    with pytest.raises(ValueError, match="正整数"):
        DeadlineRule("working", 0, "x")
    assert str(NOTARY) == "出具公证书：15个工作日（《公证法》第30条）"


def test_working_day_rule_skips_the_national_day_break():
    # accepted Friday 2024-09-20: Sep 23–27, 29, 30 (7 days), Oct 8–12 (5 days), 14–16 (3 days)
    assert due_date(NOTARY, D(2024, 9, 20)) == D(2024, 10, 16)


def test_calendar_rule_rolls_past_a_holiday():
    assert due_date(AID, D(2024, 9, 26)) == D(2024, 10, 8)   # 7 days → 10月3日, in the break
    assert due_date(AID, D(2024, 9, 2)) == D(2024, 9, 9)


def test_month_rule():
    assert due_date(MEDIATION, D(2025, 1, 31)) == D(2025, 2, 28)


def test_pauses_are_not_counted():
    # a 3-working-day pause (Tue–Thu) inside the period pushes a 15-working-day limit by 3 working days
    plain = due_date(NOTARY, D(2024, 3, 1))
    paused = due_date(NOTARY, D(2024, 3, 1), pauses=[(D(2024, 3, 5), D(2024, 3, 7))])
    assert plain == D(2024, 3, 22) and paused == D(2024, 3, 27)
    assert due_date(AID, D(2024, 3, 1), pauses=[(D(2024, 3, 2), D(2024, 3, 4))]) == D(2024, 3, 11)
    assert due_date(MEDIATION, D(2024, 3, 1), pauses=[(D(2024, 3, 10), D(2024, 3, 14))]) == D(2024, 4, 7)  # 4月6日 清明 → Sun 7 调休上班
    assert due_date(NOTARY, D(2024, 3, 1), pauses=[(D(2024, 3, 5), None)]) is None  # still paused
    with pytest.raises(ValueError):
        due_date(NOTARY, D(2024, 3, 1), pauses=[(D(2024, 3, 7), D(2024, 3, 5))])


def test_state_counts_working_days_to_the_due_date(settings):
    settings.SIFA_NEAR_DUE_DAYS = 3
    today = D(2024, 9, 30)
    assert state(D(2024, 9, 29), today) == "超期"
    assert state(today, today) == "临期"
    assert state(D(2024, 10, 10), today) == "临期"   # 10 calendar days, but only Oct 8, 9, 10 are working days
    assert state(D(2024, 10, 11), today) == "正常"
    assert state(None, today) == "正常"
    settings.SIFA_NEAR_DUE_DAYS = 1
    assert state(D(2024, 10, 9), today) == "正常"


@pytest.mark.django_db
def test_state_past_the_published_calendar_still_answers():
    assert state(D(2100, 1, 20), D(2100, 1, 18)) == "临期"
    assert state(D(2100, 3, 1), D(2100, 1, 18)) == "正常"


def test_items_for_merges_sources_most_urgent_first(sources, office_user):
    today = D(2024, 9, 30)

    def mediation(user):
        assert user == office_user
        return [DueItem.make(title="调解甲", url="/m/1", due=D(2024, 10, 20), kind="人民调解", today=today),
                DueItem.make(title="调解乙", url="/m/2", due=D(2024, 9, 20), kind="人民调解", today=today)]

    def notary(user):
        return [DueItem.make(title="公证丙", url="/n/1", due=D(2024, 10, 8), kind="公证", today=today),
                DueItem.make(title="公证丁", url="/n/2", due=D(2024, 9, 25), kind="公证", today=today)]

    deadlines.register_source(mediation)
    deadlines.register_source(notary)
    deadlines.register_source(notary)  # registering twice is harmless
    items = deadlines.items_for(office_user)
    assert [i.title for i in items] == ["调解乙", "公证丁", "公证丙", "调解甲"]
    assert [i.state for i in items] == ["超期", "超期", "临期", "正常"]


def test_a_failing_source_is_logged_and_skipped(sources, office_user, caplog):
    def broken(user):
        raise RuntimeError("boom")

    deadlines.register_source(broken)
    deadlines.register_source(lambda user: [DueItem.make(title="好", url="/", due=D(2024, 1, 2))])
    with caplog.at_level(logging.ERROR, logger="sifa.core.deadlines"):
        items = deadlines.items_for(office_user)
    assert [i.title for i in items] == ["好"]
    assert "期限来源" in caplog.text


def test_home_page_lists_overdue_items_of_the_user(sources, logged_in):
    # dates relative to the day the suite runs: an item overdue for months is folded into one line, not listed
    today = timezone.localdate()
    deadlines.register_source(lambda user: [
        DueItem.make(title="逾期未结的调解案件", url="/x/", due=today - dt.timedelta(days=3), org=user.org,
                     kind="人民调解"),
        DueItem.make(title="半年前超期的案件", url="/z/", due=today - dt.timedelta(days=200), org=user.org,
                     kind="人民调解"),
        DueItem.make(title="远期事项", url="/y/", due=D(2099, 1, 2), kind="人民调解")])
    page = logged_in.get("/").content.decode()
    assert "逾期未结的调解案件" in page and "远期事项" not in page
    assert "半年前超期的案件" not in page and 'id="long-overdue"' in page


def test_near_until_is_the_last_due_date_still_near():
    today = D(2024, 9, 27)  # a Friday before the National Day holidays
    last = deadlines.near_until(today)
    assert deadlines.state(last, today) == deadlines.NEAR
    assert deadlines.state(last + dt.timedelta(days=1), today) == deadlines.NORMAL
