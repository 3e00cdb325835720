"""Staff pages of 远程会见预约: bookings (phone and counter bookings, confirmation, attendance), rooms and their
slots. Thin over core.listing and core.steps; every change through actions.py."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from sifa.core.access import forbid
from sifa.core.listing import ChoiceFilter, Column, DateRangeFilter, OrgFilter, RecordListView
from sifa.core.steps import Step, StepDetailView, form_page

from . import access
from . import forms as f
from .models import HOLDING_STATUSES, Booking, Room, Slot
from .workflow import WORKFLOW


def _deny(model, reason: str):
    forbid(model, reason, "您的角色不能查看远程会见预约。")


class VisitsAccess:
    def check_capability(self, request) -> None:
        if not access.can_read(request.user):
            _deny(self.model, "非远程会见办理角色")


class VisitsList(VisitsAccess, RecordListView):
    template_name = "visits/list.html"

    def extra_context(self, request):
        return {"can_write": access.can_write(request.user)}


class VisitsDetail(VisitsAccess, StepDetailView):
    template_name = "core/step_detail.html"
    write_capability = "read_records"

    def available_steps(self, obj):
        if self.workflow is not None:  # the booking: its workflow table decides (visits/workflow.py)
            return super().available_steps(obj)
        return list(self.steps) if access.can_write(self.request.user) else []


class BookingList(VisitsList):
    model = Booking
    title = "远程会见预约"
    columns = [Column("number", "预约编号", link=True), Column("slot__date", "会见日期"),
               Column("slot__start_time", "时间"), Column("channel"), Column("applicant_name"), Column("relation"),
               Column("prisoner_name"), Column("prison"), Column("visitors"), Column("special"), Column("status"),
               Column("org__name", "会见室所在单位")]
    search_fields = ["number", "applicant_name", "prisoner_name", "applicant_mobile"]
    search_placeholder = "预约编号、申请人或完整手机号码"
    filters = [ChoiceFilter("status"), ChoiceFilter("channel"), ChoiceFilter("special"),
               DateRangeFilter("applied_on"), DateRangeFilter("slot__date", "会见日期"), OrgFilter()]
    default_sort = ["-slot__date", "-slot__start_time"]
    detail_url_name = "visits:booking_detail"

    def scope_queryset(self, request):
        return super().scope_queryset(request).select_related("slot", "org")


class BookingDetail(VisitsDetail):
    model = Booking
    list_url_name = "visits:booking_list"
    step_url_name = "visits:booking_step"
    workflow = WORKFLOW
    fields = [Column("number"), Column("status"), Column("slot", "会见时段"), Column("channel"),
              Column("applied_on"), Column("applicant_name"), Column("applicant_mobile"),
              Column("applicant_id_number"), Column("relation"), Column("prisoner_name"), Column("prison"),
              Column("visitors"), Column("special_reasons", "特殊安排"), Column("confirmed_on"), Column("held_on"),
              Column("attended"), Column("cancel_reason"), Column("tracking_code"), Column("note")]

    def get_title(self, obj):
        return f"远程会见预约 {obj.number}"


def booking_create(request):
    if not access.can_write(request.user):
        _deny(Booking, "非远程会见办理角色")
    form = f.PhoneBookingForm(request.POST or None, user=request.user)
    return form_page(request, form, lambda data: form.call(data).get_absolute_url(), title="电话（窗口）预约登记",
                     back=reverse("visits:booking_list"), success="预约已登记，请核实关系并与监狱排期后确认。",
                     intro="群众一通电话即可预约：按来电登记申请人、服刑人员和会见人数；高龄、身患疾病、路途遥远的请勾选，优先安排。")


class RoomList(VisitsList):
    model = Room
    title = "远程会见室"
    columns = [Column("name", link=True), Column("org__name", "所在单位"), Column("location"), Column("capacity"),
               Column("phone"), Column("active")]
    filters = [ChoiceFilter("active"), OrgFilter()]
    detail_url_name = "visits:room_detail"


class RoomDetail(VisitsDetail):
    model = Room
    template_name = "visits/room_detail.html"
    list_url_name = "visits:room_list"
    step_url_name = "visits:room_step"
    steps = {"open": Step("开放会见时段", f.OpenSlotsForm, "会见时段已开放。"),
             "settings": Step("修改设置", f.RoomSettingsForm, "已修改。")}
    fields = [Column("name"), Column("org__name", "所在单位"), Column("location"), Column("capacity"),
              Column("phone"), Column("active")]

    def extra_context(self, request, obj):
        today = timezone.localdate()
        slots = (obj.slots.filter(date__gte=today).annotate(
            taken=Count("bookings", filter=Q(bookings__status__in=HOLDING_STATUSES))).order_by("date", "start_time")[:60])
        return {**super().extra_context(request, obj), "slots": slots}


def room_create(request):
    if not access.can_write(request.user):
        _deny(Room, "非远程会见办理角色")
    form = f.RoomForm(request.POST or None, user=request.user)
    return form_page(request, form, lambda data: form.call(data).get_absolute_url(), title="设立远程会见室",
                     back=reverse("visits:room_list"), success="会见室已设立，请开放会见时段。")


class SlotDetail(VisitsDetail):
    model = Slot
    template_name = "visits/slot_detail.html"
    list_url_name = "visits:room_list"
    step_url_name = "visits:slot_step"
    steps = {"cancel": Step("取消该时段", f.CancelSlotForm, "时段已取消，已预约的家属已收到短信。")}
    fields = [Column("room", "会见室"), Column("date"), Column("start_time"), Column("end_time"), Column("capacity"),
              Column("prison"), Column("cancelled"), Column("note")]

    def available_steps(self, obj):
        return [] if obj.cancelled or not access.can_write(self.request.user) else ["cancel"]

    def extra_context(self, request, obj):
        return {**super().extra_context(request, obj), "bookings": obj.bookings.all().order_by("id")}
