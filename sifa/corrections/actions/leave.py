"""外出 (请假): requested by the subject, reviewed by the 司法所, decided by whoever the length of the leave
requires, withdrawn or ended by the subject's return (销假)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import audit, inputs
from sifa.core.inputs import choice, not_before, not_future, optional, required, today
from sifa.core.masking import masked_snapshot

from .. import access, rules
from ..access import ensure_can_write
from ..models import LIVE_LEAVE_STATUSES, LeaveKind, LeaveRequest, LeaveStatus, Subject
from ..workflow import LEAVE
from .base import county_staff, link_to, office_staff, past_date, supervised, tell, writable

LEAVE_FIELDS = ("kind", "start_on", "end_on", "days", "status", "decision_level", "decided_on", "returned_on")


def _overlapping(subject: Subject, start_on: dt.date, end_on: dt.date, exclude_pk=None):
    qs = LeaveRequest.objects.filter(subject=subject, status__in=LIVE_LEAVE_STATUSES, start_on__lte=end_on,
                                     end_on__gte=start_on)
    return qs.exclude(pk=exclude_pk) if exclude_pk else qs


@transaction.atomic
def request_leave(actor, subject: Subject, *, destination: str, reason: str, start_on: dt.date, end_on: dt.date,
                  kind: str = LeaveKind.TRIP, requested_on: dt.date | None = None) -> LeaveRequest:
    """外出请假 (第二十七条): at most 30 days a time, within the correction period, never overlapping another
    leave of the subject; ≤7 days the 司法所 approves, longer (and 经常性跨市、县活动) the county decides."""
    subject = supervised(subject, actor, "申请外出", missing_ok=False)
    kind = choice(kind, LeaveKind, "请假类别")
    requested_on = inputs.date(requested_on or today(), "申请日期")
    not_future(requested_on, "申请日期")
    start_on, end_on = inputs.date(start_on, "外出起始日"), inputs.date(end_on, "外出截止日")
    not_before(end_on, start_on, "外出截止日", "外出起始日")
    not_before(start_on, requested_on, "外出起始日", "申请日期")
    if end_on > subject.period_end:
        raise ValidationError(f"外出截止日不能晚于矫正期满日（{subject.period_end:%Y-%m-%d}）。")
    days = rules.leave_days(start_on, end_on)
    if kind == LeaveKind.TRIP and days > rules.LEAVE_MAX_DAYS:
        raise ValidationError(f"每次外出不得超过{rules.LEAVE_MAX_DAYS}日（本次{days}日）。需要更长时间的，"
                              "期满前可再行申请。")
    if kind == LeaveKind.FREQUENT and end_on >= rules.add_years_months(start_on, months=rules.FREQUENT_MAX_MONTHS):
        raise ValidationError(f"经常性跨市、县活动的批准有效期不超过{rules.FREQUENT_MAX_MONTHS}个月。")
    clash = _overlapping(subject, start_on, end_on).first()
    if clash is not None:
        raise ValidationError(f"与已有的外出申请（{clash.start_on:%Y-%m-%d}至{clash.end_on:%Y-%m-%d}，"
                              f"{clash.get_status_display()}）时间重叠，不能重复申请。")
    leave = LeaveRequest.objects.create(
        subject=subject, org=subject.org, kind=kind, destination=required(destination, "前往地", 200),
        reason=required(reason, "外出事由", 1000), start_on=start_on, end_on=end_on, days=days,
        requested_on=requested_on, status=LeaveStatus.PENDING, created_by=actor)
    audit.action(actor, "申请外出", leave, after=masked_snapshot(leave, LEAVE_FIELDS))
    who = office_staff(subject.org)
    tell(who, f"外出申请待{'初审' if leave.needs_county else '审批'}：{subject.name}",
          f"{start_on:%Y-%m-%d}至{end_on:%Y-%m-%d}，共{days}日。", link_to(leave))
    return leave


def _lock_leave(leave: LeaveRequest) -> LeaveRequest:
    return LeaveRequest.objects.select_for_update().select_related("subject").get(pk=leave.pk)


@transaction.atomic
def review_leave(actor, leave: LeaveRequest, *, agree: bool, opinion: str) -> LeaveRequest:
    """司法所初审 of a leave the county decides (more than 7 days, or 经常性跨市、县活动)."""
    leave = _lock_leave(leave)
    ensure_can_write(actor, leave.org)
    if not leave.needs_county:
        raise ValidationError(f"{rules.LEAVE_OFFICE_MAX_DAYS}日以内的外出由司法所直接审批，无需初审。")
    LEAVE.check(leave, "review")
    before = masked_snapshot(leave, LEAVE_FIELDS)
    leave.review_opinion = required(opinion, "初审意见", 500)
    leave.reviewed_by, leave.reviewed_on = actor, today()
    if agree:
        leave.status = LeaveStatus.REVIEWED
    else:
        leave.status, leave.decision_level, leave.decided_on = LeaveStatus.REJECTED, "司法所初审", today()
        leave.decided_by, leave.opinion = actor, leave.review_opinion
    leave.save()
    audit.action(actor, "外出申请初审", leave, before=before, after=masked_snapshot(leave, LEAVE_FIELDS))
    if agree:
        tell(county_staff(leave.org), f"外出申请待县级审批：{leave.subject.name}",
              f"{leave.start_on:%Y-%m-%d}至{leave.end_on:%Y-%m-%d}，共{leave.days}日。", link_to(leave))
    return leave


@transaction.atomic
def decide_leave(actor, leave: LeaveRequest, *, approve: bool, opinion: str = "",
                 decided_on: dt.date | None = None) -> LeaveRequest:
    """审批: a 司法所 approves up to 7 days; the county decides longer leave after the 司法所's 初审."""
    leave = _lock_leave(leave)
    decided_on = inputs.date(decided_on or today(), "审批日期")
    not_future(decided_on, "审批日期")
    not_before(decided_on, leave.requested_on, "审批日期", "申请日期")
    if leave.needs_county:
        access.ensure_county(actor, leave.org, f"{rules.LEAVE_OFFICE_MAX_DAYS}日以上的外出和经常性跨市、县活动")
        if leave.status == LeaveStatus.PENDING:
            raise ValidationError("该申请须先经司法所初审，再由县级社区矫正机构审批。")
        level = "县级社区矫正机构"
    else:
        ensure_can_write(actor, leave.org)
        level = "县级社区矫正机构" if access.is_county_level(actor) else "司法所"
    LEAVE.check(leave, "decide")
    if approve and decided_on > leave.start_on:
        raise ValidationError("外出起始日已过，不能再批准；请撤回后按实际行程重新申请。")
    if not approve and not (opinion or "").strip():
        raise ValidationError("不予批准的，请填写理由。")
    before = masked_snapshot(leave, LEAVE_FIELDS)
    leave.status = LeaveStatus.APPROVED if approve else LeaveStatus.REJECTED
    leave.decided_by, leave.decided_on, leave.decision_level = actor, decided_on, level
    leave.opinion = optional(opinion, "审批意见", 500)
    leave.save()
    audit.action(actor, "批准外出" if approve else "不予批准外出", leave, before=before,
                 after=masked_snapshot(leave, LEAVE_FIELDS))
    tell([leave.created_by, leave.subject.worker], f"外出申请{'已批准' if approve else '未获批准'}：{leave.subject.name}",
          leave.opinion, link_to(leave))
    return leave


@transaction.atomic
def withdraw_leave(actor, leave: LeaveRequest, *, reason: str) -> LeaveRequest:
    leave = writable(_lock_leave(leave), actor, LEAVE, "withdraw")
    if leave.status == LeaveStatus.APPROVED and leave.start_on <= today():
        raise ValidationError("已开始的外出不能撤回，请办理销假。")
    before = masked_snapshot(leave, LEAVE_FIELDS)
    leave.status = LeaveStatus.WITHDRAWN
    leave.save(update_fields=["status", "updated_at"])
    audit.action(actor, "撤回外出申请", leave, before=before, after=masked_snapshot(leave, LEAVE_FIELDS),
                 reason=required(reason, "撤回理由", 500))
    return leave


@transaction.atomic
def record_return(actor, leave: LeaveRequest, *, returned_on: dt.date) -> LeaveRequest:
    """销假. Coming back after the approved end is recorded (逾期销假) and may ground a sanction."""
    leave = writable(_lock_leave(leave), actor, LEAVE, "return")
    returned_on = past_date(returned_on, "销假日期", leave.start_on, "外出起始日")
    before = masked_snapshot(leave, LEAVE_FIELDS)
    leave.status, leave.returned_on = LeaveStatus.RETURNED, returned_on
    leave.save(update_fields=["status", "returned_on", "updated_at"])
    late = (returned_on - leave.end_on).days
    audit.action(actor, "销假", leave, before=before, after=masked_snapshot(leave, LEAVE_FIELDS),
                 reason=f"逾期销假{late}日" if late > 0 else "")
    return leave
