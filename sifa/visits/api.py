"""/api/v1/visits/: 远程会见预约 — slots with the places left, and bookings taken by phone or at the counter,
confirmed, cancelled and attended, through the same scope and actions as the pages.

A family's mobile, ID number and the prisoner's name are returned masked. A booking for a full slot answers 422
with the same message the public page gives, and nothing is written (the slot is locked while booking).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.db.models import Count, F, Q
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Status

from sifa.api.common import RecordOut, StepOut, masked, offered_steps, referenced, writer
from sifa.api.contract import Schema
from sifa.api.pagination import Page, PageParams, paginate
from sifa.api.scope import get_scoped_or_404, scoped

from . import actions
from .models import HOLDING_STATUSES, Booking, BookingStatus, Channel, Relation, Slot

router = Router(tags=["远程会见预约"])
prefix = "visits"


class SlotOut(RecordOut):
    id: int
    room: int = Field(..., title="会见室编号", alias="room_id")
    room_name: str = Field(..., title="会见室")
    location: str = Field(..., title="地点")
    date: dt.date = Field(..., title="日期")
    start_time: dt.time = Field(..., title="开始时间")
    end_time: dt.time = Field(..., title="结束时间")
    capacity: int = Field(..., title="可约户数")
    taken: int = Field(..., title="已约户数")
    remaining: int = Field(..., title="剩余名额")
    prison: str = Field(..., title="对接监狱")
    cancelled: bool = Field(..., title="已取消")
    org: str = Field(..., title="机构代码")

    @staticmethod
    def resolve_room_name(obj):
        return obj.room.name

    @staticmethod
    def resolve_location(obj):
        return obj.room.location

    @staticmethod
    def resolve_taken(obj):
        return obj.taken if hasattr(obj, "taken") else actions.slot_taken(obj)

    @staticmethod
    def resolve_remaining(obj):
        taken = obj.taken if hasattr(obj, "taken") else actions.slot_taken(obj)
        return 0 if obj.cancelled else max(obj.capacity - taken, 0)


class BookingOut(RecordOut):
    id: int
    number: str = Field(..., title="预约编号")
    slot: int = Field(..., title="时段编号", alias="slot_id")
    channel: Channel = Field(..., title="预约渠道")
    applied_on: dt.date = Field(..., title="申请日期")
    applicant_name: str = Field(..., title="申请人")
    applicant_mobile: str = Field(..., title="联系电话（脱敏）")
    applicant_id_number: str = Field(..., title="申请人身份证号码（脱敏）")
    relation: Relation = Field(..., title="与服刑人员关系")
    prisoner_name: str = Field(..., title="服刑人员姓名（脱敏）")
    prison: str = Field(..., title="服刑监狱")
    visitors: int = Field(..., title="会见人数")
    special: bool = Field(..., title="特殊安排（高龄、患病、路途遥远）")
    status: BookingStatus = Field(..., title="状态")
    status_label: str = Field(..., title="状态名称")
    confirmed_on: dt.date | None = Field(None, title="确认日期")
    held_on: dt.date | None = Field(None, title="会见日期")
    attended: int | None = Field(None, title="实际会见人数")
    cancel_reason: str = Field(..., title="取消原因")
    org: str = Field(..., title="机构代码")

    @staticmethod
    def resolve_applicant_mobile(obj):
        return masked(obj, "applicant_mobile")

    @staticmethod
    def resolve_applicant_id_number(obj):
        return masked(obj, "applicant_id_number")

    @staticmethod
    def resolve_prisoner_name(obj):
        return masked(obj, "prisoner_name")

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()


class BookingDetailOut(BookingOut):
    steps: list[StepOut] = Field(..., title="当前可办理的步骤")

    resolve_steps = staticmethod(offered_steps)


class BookingIn(Schema):
    slot: int = Field(..., title="时段编号", ge=1)
    channel: Channel = Field(Channel.PHONE, title="预约渠道")
    applied_on: dt.date | None = Field(None, title="申请日期")
    applicant_name: str = Field(..., title="申请人姓名", min_length=1, max_length=50)
    applicant_mobile: str = Field(..., title="联系电话", max_length=20)
    applicant_id_number: str = Field(..., title="申请人身份证号码", max_length=20)
    relation: Relation = Field(..., title="与服刑人员关系")
    prisoner_name: str = Field(..., title="服刑人员姓名", min_length=1, max_length=50)
    prison: str = Field(..., title="服刑监狱", min_length=1, max_length=100)
    visitors: int = Field(..., title="会见人数", ge=1, le=99)
    elderly: bool = Field(False, title="高龄")
    ill: bool = Field(False, title="身患疾病")
    far: bool = Field(False, title="路途遥远")
    note: str = Field("", title="备注", max_length=200)


class ConfirmIn(Schema):
    confirmed_on: dt.date | None = Field(None, title="确认日期")
    note: str = Field("", title="备注", max_length=200)


class CancelIn(Schema):
    reason: str = Field(..., title="取消原因", min_length=1, max_length=200)


class AttendanceIn(Schema):
    attended: int = Field(..., title="实际会见人数", ge=1, le=99)
    held_on: dt.date | None = Field(None, title="会见日期")


class SlotFilter(FilterSchema):
    date_from: Annotated[dt.date | None, FilterLookup("date__gte")] = Field(None, title="日期起")
    date_to: Annotated[dt.date | None, FilterLookup("date__lte")] = Field(None, title="日期止")
    room: Annotated[int | None, FilterLookup("room_id")] = Field(None, title="会见室编号", ge=1)


class BookingFilter(FilterSchema):
    status: Annotated[BookingStatus | None, FilterLookup("status")] = Field(None, title="状态")
    special: Annotated[bool | None, FilterLookup("special")] = Field(None, title="特殊安排")
    date_from: Annotated[dt.date | None, FilterLookup("slot__date__gte")] = Field(None, title="会见日期起")
    date_to: Annotated[dt.date | None, FilterLookup("slot__date__lte")] = Field(None, title="会见日期止")


def _slots(request):
    return scoped(request, Slot).select_related("room", "org").annotate(
        taken=Count("bookings", filter=Q(bookings__status__in=HOLDING_STATUSES)))


def _booking(request, pk: int) -> Booking:
    return get_scoped_or_404(request, Booking, pk, select_related=("org", "slot"))


@router.get("/slots", response=Page[SlotOut], summary="会见时段（含剩余名额）")
def list_slots(request, filters: Query[SlotFilter], paging: Query[PageParams], available: bool = False):
    """`available=true`: only open slots with places left."""
    queryset = filters.filter(_slots(request)).order_by("date", "start_time", "room_id")
    if available:
        queryset = queryset.filter(cancelled=False, room__active=True, taken__lt=F("capacity"))
    return paginate(queryset, paging)


@router.get("/slots/{int:pk}", response=SlotOut, summary="会见时段详情")
def get_slot(request, pk: int):
    return get_scoped_or_404(request, Slot, pk, select_related=("room", "org"))


@router.get("/bookings", response=Page[BookingOut], summary="预约列表")
def list_bookings(request, filters: Query[BookingFilter], paging: Query[PageParams]):
    queryset = scoped(request, Booking).select_related("org").order_by("-applied_on", "-id")
    return paginate(filters.filter(queryset), paging)


@router.get("/bookings/{int:pk}", response=BookingDetailOut, summary="预约详情")
def get_booking(request, pk: int):
    return _booking(request, pk)


@router.post("/bookings", response={201: BookingDetailOut}, summary="登记电话（窗口）预约",
             description="所选时段已约满时返回422，不登记。")
def create_booking(request, payload: BookingIn):
    user = writer(request)
    slot = referenced(request, Slot, payload.slot, "时段", field="slot")
    data = payload.dict(exclude={"slot"})
    return Status(201, actions.book_by_staff(user, slot, **data))


@router.post("/bookings/{int:pk}/confirm", response=BookingDetailOut, summary="确认预约（核验关系、与监狱排期）")
def confirm(request, pk: int, payload: ConfirmIn):
    return actions.confirm(writer(request), _booking(request, pk), **payload.dict())


@router.post("/bookings/{int:pk}/cancel", response=BookingDetailOut, summary="取消预约")
def cancel(request, pk: int, payload: CancelIn):
    return actions.cancel(writer(request), _booking(request, pk), reason=payload.reason)


@router.post("/bookings/{int:pk}/attendance", response=BookingDetailOut, summary="登记会见情况")
def attendance(request, pk: int, payload: AttendanceIn):
    return actions.record_attendance(writer(request), _booking(request, pk), **payload.dict())
