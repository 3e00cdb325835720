"""Every change to a remote-visit record goes through these functions (DOMAIN.md §7).

预约 (by phone, at the counter, or online through the portal) → 核验关系、与监狱排期（确认）→ 会见 → 记录.
`book` locks the slot row before counting its bookings, so concurrent bookings of the last place cannot both
succeed: the second waits for the first to commit, then finds the slot full (已约满, SECURITY.md G4).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sifa.core import audit, inputs
from sifa.core.identifiers import parse_resident_id, validate_mobile
from sifa.core.masking import mask_mobile
from sifa.core.models import OrgUnit, User
from sifa.core.notify import notify_users, text_citizen
from sifa.core.numbering import next_case_number
from sifa.core.record_writer import RecordWriter

from . import access
from .models import (
    HOLDING_STATUSES,
    MAX_VISITORS,
    OPEN_STATUSES,
    Booking,
    BookingStatus,
    Channel,
    Relation,
    Room,
    Slot,
)
from .workflow import WORKFLOW

log = logging.getLogger("sifa.visits")

LINE = "visits"
PORTAL_KIND = "visits"
FULL_MESSAGE = "该时段已约满，请选择其他时段。"
MAX_SLOT_MINUTES = 240
MAX_SLOTS_PER_BATCH = 500
BOOKING_FIELDS = ("number", "slot_id", "channel", "applied_on", "applicant_name", "applicant_mobile",
                  "applicant_id_number", "relation", "prisoner_name", "prison", "visitors", "special", "status",
                  "confirmed_on", "held_on", "attended")
choice, required, optional = inputs.choice, inputs.required, inputs.optional
BOOKINGS = RecordWriter(Booking, fields=BOOKING_FIELDS, workflow=WORKFLOW, related=("slot", "slot__room"))


def _snap(booking: Booking) -> dict:
    return audit.snapshot(booking, BOOKING_FIELDS)


def staff_of(org: OrgUnit) -> list[User]:
    return list(User.objects.filter(org=org, role__in=list(access.WRITE_ROLES), is_active=True))


# --- rooms and slots --------------------------------------------------------------------------------------------


@transaction.atomic
def create_room(actor, *, org: OrgUnit, name: str, location: str, capacity: int = 1, phone: str = "") -> Room:
    access.ensure_can_write(actor, org)
    if org.kind not in access.HOST_KINDS:
        raise ValidationError("远程会见室应设在司法所、公共法律服务中心（工作站）或社区矫正中心。")
    room = Room.objects.create(org=org, name=required(name, "会见室名称", 100), location=required(location, "地点", 200),
                               capacity=inputs.whole_number(capacity, "每时段可约户数", 1, 20),
                               phone=optional(phone, "预约电话", 30), created_by=actor)
    audit.action(actor, "设立远程会见室", room, after={"name": room.name, "capacity": room.capacity})
    return room


@transaction.atomic
def update_room(actor, room: Room, *, capacity: int | None = None, active: bool | None = None,
                phone: str | None = None) -> Room:
    access.ensure_can_write(actor, room.org)
    before = {"capacity": room.capacity, "active": room.active, "phone": room.phone}
    if capacity is not None:
        room.capacity = inputs.whole_number(capacity, "每时段可约户数", 1, 20)
    if active is not None:
        room.active = bool(active)
    if phone is not None:
        room.phone = optional(phone, "预约电话", 30)
    room.save()
    audit.action(actor, "修改远程会见室", room, before=before,
                 after={"capacity": room.capacity, "active": room.active, "phone": room.phone})
    return room


def _times(times: Iterable[tuple[dt.time, dt.time]]) -> list[tuple[dt.time, dt.time]]:
    cleaned = []
    for start, end in times:
        if not isinstance(start, dt.time) or not isinstance(end, dt.time):
            raise ValidationError("请正确填写时段的开始和结束时间（时:分）。")
        minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
        if minutes <= 0:
            raise ValidationError(f"时段{start:%H:%M}-{end:%H:%M}的结束时间应晚于开始时间。")
        if minutes > MAX_SLOT_MINUTES:
            raise ValidationError(f"每个时段不超过{MAX_SLOT_MINUTES // 60}小时。")
        cleaned.append((start, end))
    if not cleaned:
        raise ValidationError("请至少填写一个时段。")
    ordered = sorted(cleaned)
    for (s1, e1), (s2, _) in zip(ordered, ordered[1:], strict=False):
        if s2 < e1:
            raise ValidationError(f"时段{s1:%H:%M}-{e1:%H:%M}与{s2:%H:%M}开始的时段重叠。")
    return ordered


@transaction.atomic
def open_slots(actor, room: Room, *, first_day: dt.date, last_day: dt.date, times, weekdays=(0, 1, 2, 3, 4),
               capacity: int | None = None, prison: str = "") -> list[Slot]:
    """Open the room's slots on the given weekdays (0 = Monday) of a date range; existing slots are kept."""
    access.ensure_can_write(actor, room.org)
    if not room.active:
        raise ValidationError("该会见室已停用。")
    first_day, last_day = inputs.date(first_day, "起始日期"), inputs.date(last_day, "截止日期")
    inputs.not_before(last_day, first_day, "截止日期", "起始日期")
    times = _times(times)
    weekdays = {int(d) for d in weekdays}
    if not weekdays or not weekdays <= set(range(7)):
        raise ValidationError("请选择开放的星期。")
    capacity = inputs.whole_number(capacity if capacity is not None else room.capacity, "可约户数", 1, 20)
    days = [first_day + dt.timedelta(days=i) for i in range((last_day - first_day).days + 1)]
    days = [d for d in days if d.weekday() in weekdays]
    if len(days) * len(times) > MAX_SLOTS_PER_BATCH:
        raise ValidationError(f"一次最多开放{MAX_SLOTS_PER_BATCH}个时段，请缩短日期范围。")
    existing = set(Slot.objects.filter(room=room, date__in=days).values_list("date", "start_time"))
    created = [Slot.objects.create(room=room, org=room.org, date=d, start_time=s, end_time=e, capacity=capacity,
                                   prison=optional(prison, "对接监狱", 100), created_by=actor)
               for d in days for s, e in times if (d, s) not in existing]
    audit.action(actor, "开放会见时段", room, after={"from": str(first_day), "to": str(last_day),
                                                  "slots": len(created)})
    return created


@transaction.atomic
def cancel_slot(actor, slot: Slot, *, reason: str) -> Slot:
    """Close a slot (监狱临时调整排期…); its bookings are cancelled and the families told by SMS."""
    slot = Slot.objects.select_for_update().get(pk=slot.pk)
    access.ensure_can_write(actor, slot.org)
    if slot.cancelled:
        raise ValidationError("该时段已取消。")
    reason = required(reason, "取消原因", 200)
    slot.cancelled, slot.note = True, reason
    slot.save()
    for booking in slot.bookings.filter(status__in=OPEN_STATUSES):
        _cancel(actor, booking, f"时段取消：{reason}", who="staff")
    audit.action(actor, "取消会见时段", slot, after={"reason": reason})
    return slot


# --- booking -------------------------------------------------------------------------------------------------------


def slot_taken(slot: Slot) -> int:
    return slot.bookings.filter(status__in=HOLDING_STATUSES).count()


def bookable_slots(org: OrgUnit | None = None, *, first_day: dt.date | None = None, days: int = 14):
    """Open, not yet past slots with places left (for the public page and the phone-booking form)."""
    from django.db.models import Count, F, Q

    first_day = first_day or timezone.localdate()
    qs = Slot.objects.filter(cancelled=False, room__active=True, date__gte=first_day,
                             date__lt=first_day + dt.timedelta(days=days))
    if org is not None:
        qs = qs.filter(org_path__startswith=org.path)
    qs = qs.annotate(taken=Count("bookings", filter=Q(bookings__status__in=HOLDING_STATUSES)))
    return qs.filter(taken__lt=F("capacity")).select_related("room", "org").order_by("date", "start_time", "room_id")


def _clean_booking(data: dict) -> dict:
    person = parse_resident_id(data.get("applicant_id_number"))
    visitors = inputs.whole_number(data.get("visitors"), "会见人数", 1, MAX_VISITORS)
    return {
        "applicant_name": required(data.get("applicant_name"), "申请人姓名", 50),
        "applicant_mobile": validate_mobile(data.get("applicant_mobile")),
        "applicant_id_number": person.number,
        "relation": choice(data.get("relation"), Relation, "与服刑人员关系"),
        "prisoner_name": required(data.get("prisoner_name"), "服刑人员姓名", 50),
        "prison": required(data.get("prison"), "服刑监狱", 100),
        "visitors": visitors,
        "elderly": bool(data.get("elderly")), "ill": bool(data.get("ill")), "far": bool(data.get("far")),
        "note": optional(data.get("note"), "备注", 200),
    }


def _book(slot: Slot, *, channel: str, applied_on: dt.date, data: dict, actor=None) -> Booking:
    """The locked part of booking. Raises ValidationError(code="full") when no place is left."""
    cleaned = _clean_booking(data)
    slot = Slot.objects.select_for_update().select_related("room", "org").get(pk=slot.pk)
    if actor is not None:
        access.ensure_can_write(actor, slot.org)
    if slot.cancelled or not slot.room.active:
        raise ValidationError("该时段已取消，请选择其他时段。")
    if slot.date < applied_on:
        raise ValidationError("该时段已过，请选择其他时段。")
    if slot.prison and slot.prison != cleaned["prison"]:
        raise ValidationError(f"该时段只对接{slot.prison}，请选择其他时段。")
    if slot_taken(slot) >= slot.capacity:
        raise ValidationError(FULL_MESSAGE, code="full")
    twin = Booking.objects.filter(slot__date=slot.date, applicant_id_number=cleaned["applicant_id_number"],
                                  prisoner_name=cleaned["prisoner_name"], status__in=OPEN_STATUSES).first()
    if twin is not None:
        raise ValidationError(f"您已预约{slot.date:%m月%d日}与该服刑人员的会见（{twin.number}），请勿重复预约。")
    booking = Booking(slot=slot, org=slot.org, channel=channel, applied_on=applied_on,
                      special=cleaned["elderly"] or cleaned["ill"] or cleaned["far"],
                      created_by=actor if getattr(actor, "pk", None) else None, **cleaned)
    booking.number = next_case_number(LINE, slot.org, applied_on.year, "远程会见", fmt="（{year}）{prefix}第{number}号")
    booking.save()
    return booking


@transaction.atomic
def book_by_staff(actor, slot: Slot, *, channel: str = Channel.PHONE, applied_on: dt.date | None = None,
                  **data) -> Booking:
    """A booking taken by phone or at the counter (群众一通电话即可预约, seed 003)."""
    channel = choice(channel, Channel, "预约渠道")
    if channel == Channel.ONLINE:
        raise ValidationError("网上预约由群众在公共法律服务平台自行提交。")
    applied_on = inputs.date(applied_on or inputs.today(), "申请日期")
    inputs.not_future(applied_on, "申请日期")
    booking = _book(slot, channel=channel, applied_on=applied_on, data=data, actor=actor)
    audit.action(actor, "登记远程会见预约", booking, after=_snap(booking))
    return booking


@transaction.atomic
def book_online(*, slot: Slot, citizen_mobile: str, **data) -> Booking:
    """A citizen's booking on the portal, signed in with `citizen_mobile` (the contact number of the booking).
    It gets a 查询码; the host's staff find it in their inbox to verify and confirm."""
    from sifa.portal.tracking import issue_tracking_code

    mobile = validate_mobile(citizen_mobile)
    booking = _book(slot, channel=Channel.ONLINE, applied_on=inputs.today(),
                    data={**data, "applicant_mobile": mobile})
    booking.tracking_code = issue_tracking_code(booking, PORTAL_KIND, mobile).code
    booking.save(update_fields=["tracking_code"])
    audit.record("action", obj=booking, verb="网上预约远程会见", after=_snap(booking),
                 username=f"公众:{mask_mobile(mobile)}")
    notify_users(staff_of(booking.org), "新的远程会见预约", f"{booking.slot.label}，{booking.visitors}人"
                 + ("（特殊安排）" if booking.special else ""), booking.get_absolute_url(), category="远程会见")
    return booking


def _text_applicant(booking: Booking, text: str) -> None:
    """SMS to the family after the transaction commits; the text names no one."""
    text_citizen(booking.applicant_mobile, text)


@transaction.atomic
def confirm(actor, booking: Booking, *, confirmed_on: dt.date | None = None, note: str = "") -> Booking:
    """核验关系 and 与监狱排期 done: the booking is confirmed and the family told by SMS."""
    booking = BOOKINGS.lock(booking, actor, "confirm")
    confirmed_on = inputs.date(confirmed_on or inputs.today(), "确认日期")
    inputs.not_future(confirmed_on, "确认日期")
    inputs.not_before(confirmed_on, booking.applied_on, "确认日期", "申请日期")
    if confirmed_on > booking.slot.date:
        raise ValidationError("会见日期已过，不能再确认。")
    before = _snap(booking)
    booking.status, booking.confirmed_on = BookingStatus.CONFIRMED, confirmed_on
    if note:
        booking.note = optional(note, "备注", 200)
    booking.save()
    audit.action(actor, "确认远程会见", booking, before=before, after=_snap(booking))
    slot = booking.slot
    if slot.date >= inputs.today():  # a confirmation recorded after the fact tells no one
        _text_applicant(booking, f"【司法行政】您预约的远程会见已确认：{slot.date:%m月%d日}{slot.start_time:%H:%M}，"
                                 f"地点{slot.room.location}。请携带身份证按时到场。")
    return booking


@transaction.atomic
def record_attendance(actor, booking: Booking, *, attended: int, held_on: dt.date | None = None) -> Booking:
    """会见 took place: how many family members took part."""
    booking = BOOKINGS.lock(booking, actor, "attend")
    held_on = inputs.date(held_on or booking.slot.date, "会见日期")
    inputs.not_future(held_on, "会见日期")
    inputs.not_before(held_on, booking.slot.date, "会见日期", "预约日期")
    before = _snap(booking)
    booking.attended = inputs.whole_number(attended, "实际会见人数", 1, MAX_VISITORS)
    booking.status, booking.held_on = BookingStatus.HELD, held_on
    booking.save()
    audit.action(actor, "登记远程会见", booking, before=before, after=_snap(booking))
    return booking


@transaction.atomic
def mark_no_show(actor, booking: Booking) -> Booking:
    booking = BOOKINGS.lock(booking, actor, "no_show")
    if booking.slot.date > inputs.today():
        raise ValidationError("会见日期未到，不能登记未到场。")
    before = _snap(booking)
    booking.status = BookingStatus.NO_SHOW
    booking.save(update_fields=["status", "updated_at"])
    audit.action(actor, "登记未到场", booking, before=before, after=_snap(booking))
    return booking


def _cancel(actor, booking: Booking, reason: str, who: str) -> Booking:
    before = _snap(booking)
    booking.status, booking.cancel_reason = BookingStatus.CANCELLED, reason
    booking.save(update_fields=["status", "cancel_reason", "updated_at"])
    if who == "citizen":
        audit.record("action", obj=booking, verb="群众取消远程会见预约", before=before, after=_snap(booking),
                      username=f"公众:{mask_mobile(booking.applicant_mobile)}")
    else:
        audit.action(actor, "取消远程会见预约", booking, before=before, after=_snap(booking), reason=reason)
        slot = booking.slot
        _text_applicant(booking, f"【司法行政】您预约的{slot.date:%m月%d日}{slot.start_time:%H:%M}远程会见已取消。"
                                 "如需会见请重新预约。")
    return booking


@transaction.atomic
def cancel(actor, booking: Booking, *, reason: str) -> Booking:
    booking = BOOKINGS.lock(booking, actor, "cancel")
    return _cancel(actor, booking, required(reason, "取消原因", 200), who="staff")


@transaction.atomic
def cancel_by_citizen(booking: Booking, *, citizen_mobile: str) -> Booking:
    """The family cancels its own online booking before the day (the place is freed)."""
    if Booking.objects.filter(pk=booking.pk).values_list("applicant_mobile", flat=True).first() != citizen_mobile:
        raise PermissionDenied("只能取消本人的预约。")
    booking = BOOKINGS.lock(booking, None, "cancel")
    if booking.slot.date <= inputs.today():
        raise ValidationError("会见当天及之后不能在网上取消，请致电会见室。")
    return _cancel(None, booking, "群众取消", who="citizen")


PUBLIC_STATUS = {
    BookingStatus.APPLIED: "已提交，等待工作人员核实并与监狱排期",
    BookingStatus.CONFIRMED: "已确认，请按时到场",
    BookingStatus.HELD: "已会见",
    BookingStatus.NO_SHOW: "未到场",
    BookingStatus.CANCELLED: "已取消",
}


def public_status(booking: Booking) -> str:
    slot = booking.slot
    text = PUBLIC_STATUS.get(booking.status, "办理中")
    return f"{text}（{slot.date:%Y年%m月%d日} {slot.start_time:%H:%M}，{slot.room.location}）"
