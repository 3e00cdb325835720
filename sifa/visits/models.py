"""远程会见预约: families book remote video visits with relatives in prison (DOMAIN.md §7, 《监狱法》第四十八条).

A 司法所 or the 公共法律服务中心 runs one or more video rooms; each room opens time slots, each slot holds at
most `capacity` bookings. Booking locks the slot row (SELECT … FOR UPDATE, SECURITY.md G4), so a slot is never
booked beyond its capacity however many people press the button at once.

Field changes happen only through sifa.visits.actions.
"""

from __future__ import annotations

from django.db import models
from django.urls import NoReverseMatch, reverse

from sifa.core.models import ScopedModel, ScopedQuerySet

MAX_VISITORS = 5  # persons per visit (the prison's video-visit rules, 待核)


class VisitsQuerySet(ScopedQuerySet):
    """Bookings of the user's subtree, for the staff who run them only: the "visits" row of the capability table
    (sifa.core.roles.LINE_VERBS), which `for_user` reads by the models' app label."""


class VisitsRecord(ScopedModel):
    objects = VisitsQuerySet.as_manager()
    detail_url_name = ""

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        try:
            return reverse(self.detail_url_name, args=[self.pk]) if self.detail_url_name else ""
        except NoReverseMatch:
            return ""


class Room(VisitsRecord):
    name = models.CharField("会见室名称", max_length=100)
    location = models.CharField("地点", max_length=200)
    capacity = models.PositiveSmallIntegerField("每时段可约户数", default=1,
                                                help_text="同一时段可同时会见的家庭数（视频终端数）")
    phone = models.CharField("预约电话", max_length=30, blank=True)
    active = models.BooleanField("在用", default=True)

    detail_url_name = "visits:room_detail"

    class Meta:
        verbose_name = "远程会见室"
        verbose_name_plural = "远程会见室"
        ordering = ["org_path", "name"]

    def __str__(self):
        return f"{self.org.name}{self.name}" if self.name else self.org.name


class Slot(VisitsRecord):
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="slots", verbose_name="会见室")
    date = models.DateField("日期")
    start_time = models.TimeField("开始时间")
    end_time = models.TimeField("结束时间")
    capacity = models.PositiveSmallIntegerField("可约户数")
    prison = models.CharField("对接监狱", max_length=100, blank=True, help_text="只接受该监狱服刑人员的会见；空为不限")
    cancelled = models.BooleanField("已取消", default=False)
    note = models.CharField("说明", max_length=200, blank=True)

    detail_url_name = "visits:slot_detail"

    class Meta:
        verbose_name = "会见时段"
        verbose_name_plural = "会见时段"
        ordering = ["date", "start_time", "room_id"]
        indexes = [models.Index(fields=["org_path", "date"], name="visit_slot_scope_date")]
        constraints = [models.UniqueConstraint(fields=["room", "date", "start_time"], name="uniq_visit_slot")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.start_time:%H:%M}-{self.end_time:%H:%M} {self.room}"

    @property
    def label(self) -> str:
        return f"{self.date:%m月%d日} {self.start_time:%H:%M}-{self.end_time:%H:%M}"


class Channel(models.TextChoices):
    PHONE = "phone", "电话预约"
    COUNTER = "counter", "窗口预约"
    ONLINE = "online", "网上预约"


class Relation(models.TextChoices):
    SPOUSE = "spouse", "配偶"
    PARENT = "parent", "父母"
    CHILD = "child", "子女"
    SIBLING = "sibling", "兄弟姐妹"
    GRANDPARENT = "grandparent", "祖父母、外祖父母"
    GRANDCHILD = "grandchild", "孙子女、外孙子女"
    GUARDIAN = "guardian", "监护人"
    OTHER = "other", "其他亲属"


class BookingStatus(models.TextChoices):
    APPLIED = "applied", "已申请"
    CONFIRMED = "confirmed", "已确认"
    HELD = "held", "已会见"
    NO_SHOW = "no_show", "未到场"
    CANCELLED = "cancelled", "已取消"


# Bookings that hold a place in their slot.
HOLDING_STATUSES = (BookingStatus.APPLIED, BookingStatus.CONFIRMED, BookingStatus.HELD, BookingStatus.NO_SHOW)
OPEN_STATUSES = (BookingStatus.APPLIED, BookingStatus.CONFIRMED)


class Booking(VisitsRecord):
    """One family's booking of a slot: 预约 → 核验关系并与监狱排期（确认）→ 会见 → 记录."""

    number = models.CharField("预约编号", max_length=60, db_index=True)
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="bookings", verbose_name="会见时段")
    channel = models.CharField("预约渠道", max_length=10, choices=Channel.choices)
    applied_on = models.DateField("申请日期")
    applicant_name = models.CharField("申请人", max_length=50)
    applicant_mobile = models.CharField("联系电话", max_length=11)
    applicant_id_number = models.CharField("申请人身份证号码", max_length=18)
    relation = models.CharField("与服刑人员关系", max_length=15, choices=Relation.choices)
    prisoner_name = models.CharField("服刑人员姓名", max_length=50)
    prison = models.CharField("服刑监狱", max_length=100)
    visitors = models.PositiveSmallIntegerField("会见人数")
    elderly = models.BooleanField("高龄", default=False)
    ill = models.BooleanField("身患疾病", default=False)
    far = models.BooleanField("路途遥远", default=False)
    special = models.BooleanField("特殊安排", default=False, editable=False,
                                  help_text="高龄、身患疾病或路途遥远人员的优先安排")
    status = models.CharField("状态", max_length=10, choices=BookingStatus.choices, default=BookingStatus.APPLIED,
                              db_index=True)
    confirmed_on = models.DateField("确认日期", null=True, blank=True)
    held_on = models.DateField("会见日期", null=True, blank=True)
    attended = models.PositiveSmallIntegerField("实际会见人数", null=True, blank=True)
    cancel_reason = models.CharField("取消原因", max_length=200, blank=True)
    tracking_code = models.CharField("查询码", max_length=20, blank=True, db_index=True)
    note = models.CharField("备注", max_length=200, blank=True)

    sensitive_fields = ("applicant_mobile", "applicant_id_number", "prisoner_name")
    sensitive_masks = {"prisoner_name": "name"}
    detail_url_name = "visits:booking_detail"

    class Meta:
        verbose_name = "远程会见预约"
        verbose_name_plural = "远程会见预约"
        ordering = ["-applied_on", "-id"]
        indexes = [models.Index(fields=["org_path", "applied_on"], name="visit_booking_scope_applied",
                         include=["channel", "relation", "special", "status", "visitors"]),
                   models.Index(fields=["org_path", "held_on"], name="visit_booking_scope_held",
                         include=["attended", "channel", "relation", "special", "status"])]

    def __str__(self):
        return self.number

    @property
    def special_reasons(self) -> str:
        return "、".join(label for flag, label in ((self.elderly, "高龄"), (self.ill, "身患疾病"), (self.far, "路途遥远"))
                        if flag)
