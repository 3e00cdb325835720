"""Rooms, slots and bookings: capacity, special arrangements, confirmation and attendance, bad input."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sifa.core.models import AuditEvent, Role
from sifa.core.notify import LoggingSMSBackend
from sifa.visits import actions
from sifa.visits.models import Booking, BookingStatus, Slot
from tests import factories

from .builders import family

D = dt.date
pytestmark = pytest.mark.django_db


def test_open_slots_on_weekdays_and_keep_existing(clerk, room):
    created = actions.open_slots(clerk, room, first_day=D(2031, 3, 3), last_day=D(2031, 3, 9),
                                 times=[(dt.time(9), dt.time(9, 30)), (dt.time(14), dt.time(14, 30))])
    assert len(created) == 10 and {s.capacity for s in created} == {2}
    again = actions.open_slots(clerk, room, first_day=D(2031, 3, 3), last_day=D(2031, 3, 10),
                               times=[(dt.time(9), dt.time(9, 30))])
    assert len(again) == 1  # only Monday 10 March is new


@pytest.mark.parametrize("times, message", [
    ([(dt.time(10), dt.time(9))], "结束时间应晚于开始时间"),
    ([(dt.time(9), dt.time(14))], "不超过4小时"),
    ([(dt.time(9), dt.time(10)), (dt.time(9, 30), dt.time(10))], "重叠"),
    ([], "请至少填写一个时段"),
])
def test_bad_slot_times(clerk, room, times, message):
    with pytest.raises(ValidationError, match=message):
        actions.open_slots(clerk, room, first_day=D(2031, 3, 3), last_day=D(2031, 3, 3), times=times)
    assert not Slot.objects.exists()


def test_capacity_is_enforced_and_special_arrangements_flagged(clerk, slot):
    first = actions.book_by_staff(clerk, slot, **family(elderly=True))
    assert first.special and first.special_reasons == "高龄" and first.channel == "phone"
    assert first.number.endswith("远程会见第1号")
    actions.book_by_staff(clerk, slot, **family(applicant_id_number=family()["applicant_id_number"]))
    with pytest.raises(ValidationError, match="该时段已约满") as full:
        actions.book_by_staff(clerk, slot, **family())
    assert full.value.code == "full"
    assert Booking.objects.count() == 2
    actions.cancel(clerk, first, reason="家属改期")
    assert actions.book_by_staff(clerk, slot, **family()).pk  # the freed place can be booked again


@pytest.mark.parametrize("bad, message", [
    ({"applicant_id_number": "341321199001010000"}, "校验位"),
    ({"applicant_mobile": "12345"}, "手机号码"),
    ({"visitors": 0}, "会见人数应为不小于1"),
    ({"visitors": 9}, "不大于5"),
    ({"relation": "朋友"}, "与服刑人员关系“朋友”不在可选范围内"),
    ({"prisoner_name": ""}, "请填写服刑人员姓名"),
])
def test_bad_booking_input_writes_nothing(clerk, slot, bad, message):
    with pytest.raises(ValidationError, match=message):
        actions.book_by_staff(clerk, slot, **family(**bad))
    assert not Booking.objects.exists()
    assert not AuditEvent.objects.filter(object_type="visits.booking").exists()


def test_duplicate_and_past_and_prison_restricted_slots(clerk, room, slot):
    person = family()
    actions.book_by_staff(clerk, slot, **person)
    with pytest.raises(ValidationError, match="请勿重复预约"):
        actions.book_by_staff(clerk, slot, **person)
    past = actions.open_slots(clerk, room, first_day=D(2021, 3, 1), last_day=D(2021, 3, 1),
                              times=[(dt.time(9), dt.time(9, 30))], prison="安徽省女子监狱")[0]
    with pytest.raises(ValidationError, match="该时段已过"):
        actions.book_by_staff(clerk, past, **family())
    with pytest.raises(ValidationError, match="只对接安徽省女子监狱"):
        actions.book_by_staff(clerk, past, applied_on=D(2021, 2, 26), **family())
    assert actions.book_by_staff(clerk, past, applied_on=D(2021, 2, 26), **family(prison="安徽省女子监狱")).pk


def test_confirm_attend_and_sms(clerk, room):
    past = actions.open_slots(clerk, room, first_day=D(2021, 3, 1), last_day=D(2021, 3, 1),
                              times=[(dt.time(9), dt.time(9, 30))])[0]
    booking = actions.book_by_staff(clerk, past, applied_on=D(2021, 2, 26), **family(far=True))
    with pytest.raises(ValidationError, match="只有已确认"):
        actions.record_attendance(clerk, booking, attended=3)
    LoggingSMSBackend.sent.clear()
    with pytest.raises(ValidationError, match="会见日期已过"):
        actions.confirm(clerk, booking, confirmed_on=D(2021, 3, 2))
    actions.confirm(clerk, booking, confirmed_on=D(2021, 2, 27))
    held = actions.record_attendance(clerk, booking, attended=2)
    assert held.status == BookingStatus.HELD and held.held_on == D(2021, 3, 1) and held.attended == 2


def test_confirmation_text_names_no_one(clerk, slot, django_capture_on_commit_callbacks):
    booking = actions.book_by_staff(clerk, slot, **family())
    LoggingSMSBackend.sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.confirm(clerk, booking)
    text = LoggingSMSBackend.last_text_to("13955556666")
    assert "已确认" in text and "王" not in text and "监狱" not in text


def test_scope_and_roles(clerk, slot, tree):
    booking = actions.book_by_staff(clerk, slot, **family())
    other = factories.user(tree["office_b"], role=Role.OFFICE_STAFF)
    with pytest.raises(PermissionDenied):
        actions.confirm(other, booking)
    with pytest.raises(PermissionDenied):
        actions.book_by_staff(other, slot, **family())
    seen = lambda u: list(Booking.objects.for_user(u))  # noqa: E731
    assert seen(clerk) == [booking] and seen(other) == []
    assert seen(factories.user(tree["bureau"], role=Role.LEADER)) == [booking]
    assert seen(factories.user(tree["office_a"], role=Role.MEDIATOR)) == []
    assert seen(factories.user(tree["office_a"], role=Role.LAWYER)) == []


def test_cancelling_a_slot_cancels_its_bookings(clerk, slot, django_capture_on_commit_callbacks):
    booking = actions.book_by_staff(clerk, slot, **family())
    LoggingSMSBackend.sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.cancel_slot(clerk, slot, reason="监狱临时调整会见安排")
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CANCELLED
    assert "已取消" in LoggingSMSBackend.last_text_to("13955556666")
    with pytest.raises(ValidationError, match="已取消"):
        actions.book_by_staff(clerk, slot, **family())
