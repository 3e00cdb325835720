"""The 2027 calendar: a 系统管理员 enters a year's 放假/调休 days (validated, every problem at once, audited, nothing
written on refusal); until then deadlines into that year are estimated Monday–Friday and marked, and stored due
dates follow once it is entered."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from sifa.core import actions as core_actions
from sifa.core import deadlines, holidays, workdays
from sifa.core.models import AuditEvent, HolidaySchedule, OrgKind, Role
from sifa.notary import actions as notary_actions
from sifa.notary.rules import ISSUE
from tests import factories
from tests.mediation.builders import resident_id

D = dt.date
NEXT = next(y for y in range(2020, 2200) if not workdays.is_bundled(y))  # 2027 with chinese-calendar 1.11
pytestmark = pytest.mark.django_db


@pytest.fixture
def sysadmin(tree):
    return factories.user(tree["bureau"], role=Role.SYSTEM_ADMIN, username="sysadmin")


def _publish(actor, holidays_text=f"{NEXT}-01-01至{NEXT}-01-03", makeup_text="", source="国办发明电〔示例〕1号"):
    return core_actions.publish_holiday_schedule(actor, year=NEXT, holidays_text=holidays_text,
                                                 makeup_text=makeup_text, source=source)


def test_lists_read_as_the_notice_writes_them():
    days, problems = holidays.parse_days("1月1日\n2月5日至11日、2027-10-01~2027-10-02", 2027, "放假日期")
    assert not problems and len(days) == 1 + 7 + 2 and days[0] == D(2027, 1, 1) and D(2027, 2, 8) in days


def test_every_problem_is_reported_at_once_in_chinese_and_nothing_is_saved(sysadmin):
    with pytest.raises(ValidationError) as info:
        _publish(sysadmin, holidays_text=f"{NEXT - 1}-12-31\n2月30日\n1月1日", makeup_text="明天")
    messages = info.value.messages
    assert any(f"不在{NEXT}年内" in m for m in messages) and any("“2月30日”不是有效日期" in m for m in messages)
    assert any("调休上班日期：“明天”不是日期" in m for m in messages)
    with pytest.raises(ValidationError, match="既是放假日又是调休上班日"):
        _publish(sysadmin, holidays_text="1月1日至1月3日", makeup_text="1月2日")
    saturday = next(D(NEXT, 1, d) for d in range(4, 11) if D(NEXT, 1, d).weekday() == 5)
    monday = saturday + dt.timedelta(days=2)
    with pytest.raises(ValidationError, match="调休上班日应为周六或周日"):
        _publish(sysadmin, makeup_text=f"{monday.month}月{monday.day}日")
    with pytest.raises(ValidationError, match="请填写依据"):
        _publish(sysadmin, source=" ")
    with pytest.raises(ValidationError, match="已随系统发布"):
        core_actions.publish_holiday_schedule(sysadmin, year=NEXT - 1, holidays_text="1月1日", makeup_text="",
                                              source="x")
    assert not HolidaySchedule.objects.exists() and not workdays.is_year_published(NEXT)


def test_only_a_system_administrator_enters_a_schedule(tree):
    clerk = factories.user(tree["bureau"], role=Role.SECTION_STAFF, username="clerk")
    with pytest.raises(PermissionDenied):
        _publish(clerk)
    assert not HolidaySchedule.objects.exists()


def test_until_published_a_deadline_into_the_year_is_estimated_monday_to_friday_then_follows_the_notice(sysadmin):
    start = D(NEXT - 1, 12, 28)
    with pytest.raises(workdays.CalendarNotCovered):
        deadlines.due_date(ISSUE, start)          # the exact day is never guessed
    estimated = deadlines.lenient_due_date(ISSUE, start)
    weekdays = [start + dt.timedelta(days=n) for n in range(1, 40)]
    assert estimated == [d for d in weekdays if d.weekday() < 5 and
                         (d.year == NEXT or workdays.is_workday(d))][14]
    assert deadlines.estimate_note(estimated) == deadlines.ESTIMATE_NOTE and not workdays.is_year_published(NEXT)
    _publish(sysadmin)
    assert workdays.is_year_published(NEXT) and NEXT in workdays.covered_years()
    exact = deadlines.due_date(ISSUE, start)
    assert exact == deadlines.lenient_due_date(ISSUE, start) and not deadlines.estimate_note(exact)
    jan = [D(NEXT, 1, d) for d in range(1, 4) if D(NEXT, 1, d).weekday() < 5]
    assert exact == workdays.add_working_days(estimated, len(jan)) if jan else exact == estimated
    row = AuditEvent.objects.get(verb="录入节假日安排")
    assert row.after["year"] == NEXT and row.after["holidays"][0] == f"{NEXT}-01-01"


def test_stored_due_dates_follow_the_entered_schedule(tree, sysadmin):
    unit = core_actions.create_org_unit(None, code="341321-GZC", name="砀山县公证处", kind=OrgKind.NOTARY_OFFICE,
                                        division=tree["county"], parent=tree["bureau"])
    clerk = factories.user(unit, role=Role.SECTION_STAFF, username="gz_clerk")
    item = notary_actions.create_item(clerk, org=unit, name="出生公证", category="personal", base_fee="80",
                                      effective_from=D(2020, 1, 1))
    with time_machine.travel(dt.datetime(NEXT - 1, 12, 28, 9, 0), tick=False):
        matter = notary_actions.register_matter(clerk, org=unit, item=item, accepted_on=D(NEXT - 1, 12, 28),
                                                notary="李明", applicant_name="王芳", applicant_id=resident_id())
        estimated = matter.due_on
        assert deadlines.estimate_note(estimated) == deadlines.ESTIMATE_NOTE
        _publish(sysadmin, holidays_text="1月4日至1月8日")   # a made-up week off: the due date must move by five
    matter.refresh_from_db()
    assert matter.due_on == workdays.add_working_days(estimated, 5) and matter.due_on.year == NEXT
    assert AuditEvent.objects.filter(verb="按节假日安排重算出证期限").count() == 1


def test_the_admin_page_enters_a_year_and_refuses_bad_input_with_nothing_written(client, sysadmin):
    client.force_login(sysadmin)
    page = client.get("/admin/holidays/").content.decode()
    assert f"{NEXT}年" in page and "未发布：期限按周一至周五推算" in page
    bad = client.post("/admin/holidays/", {"year": NEXT, "source": "国办发明电", "holidays_text": "13月1日",
                                           "makeup_text": ""})
    assert bad.status_code == 400 and "“13月1日”不是有效日期" in bad.content.decode()
    assert not HolidaySchedule.objects.exists()
    ok = client.post("/admin/holidays/", {"year": NEXT, "source": "国办发明电", "holidays_text": "1月1日至3日",
                                          "makeup_text": ""})
    assert ok.status_code == 302
    assert HolidaySchedule.objects.get(year=NEXT).holidays == [f"{NEXT}-01-0{d}" for d in (1, 2, 3)]
    assert "已录入" in client.get("/admin/holidays/").content.decode()
