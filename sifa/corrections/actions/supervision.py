"""Daily supervision: 定期报告, 走访, 教育学习/社区服务 and 信息化核查."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import audit, inputs
from sifa.core.inputs import choice, optional, required

from ..models import (
    CheckFinding,
    CheckMethod,
    Education,
    EducationKind,
    FieldVisit,
    InfoCheck,
    Report,
    ReportMethod,
    Subject,
    VisitorKind,
)
from .base import hours_of, in_period, supervised


@transaction.atomic
def record_report(actor, subject: Subject, *, reported_on: dt.date, method: str, content: str = "") -> Report:
    """定期报告 of the subject's activities."""
    subject = supervised(subject, actor, "登记报告", missing_ok=False)
    reported_on = inputs.date(reported_on, "报告日期")
    in_period(subject, reported_on, "报告日期")
    report = Report.objects.create(subject=subject, org=subject.org, reported_on=reported_on,
                                   method=choice(method, ReportMethod, "报告方式"),
                                   content=optional(content, "报告内容", 2000), created_by=actor)
    audit.action(actor, "登记定期报告", subject, after={"reported_on": str(reported_on), "method": report.method})
    return report


@transaction.atomic
def record_visit(actor, subject: Subject, *, visited_on: dt.date, visitor_kind: str, visitors: str, content: str,
                 place: str = "") -> FieldVisit:
    """走访 (实地查访), by the office's staff, contracted social workers, police or grid workers."""
    subject = supervised(subject, actor, "登记走访")
    visited_on = inputs.date(visited_on, "走访日期")
    in_period(subject, visited_on, "走访日期")
    visit = FieldVisit.objects.create(subject=subject, org=subject.org, visited_on=visited_on,
                                      visitor_kind=choice(visitor_kind, VisitorKind, "走访人员类别"),
                                      visitors=required(visitors, "走访人员", 100), place=optional(place, "走访地点", 200),
                                      content=required(content, "走访情况", 2000), created_by=actor)
    audit.action(actor, "登记走访", subject, after={"visited_on": str(visited_on), "by": visit.visitor_kind})
    return visit


@transaction.atomic
def record_education(actor, subject: Subject, *, held_on: dt.date, kind: str, hours, content: str,
                     online: bool = False) -> Education:
    """教育学习 or 公益活动, in hours."""
    subject = supervised(subject, actor, "登记教育学习", missing_ok=False)
    held_on = inputs.date(held_on, "日期")
    in_period(subject, held_on, "日期")
    item = Education.objects.create(subject=subject, org=subject.org, held_on=held_on,
                                    kind=choice(kind, EducationKind, "类别"), hours=hours_of(hours), online=bool(online),
                                    content=required(content, "内容", 200), created_by=actor)
    audit.action(actor, "登记教育学习", subject, after={"held_on": str(held_on), "kind": item.kind,
                                                   "hours": str(item.hours)})
    return item


@transaction.atomic
def record_info_check(actor, subject: Subject, *, checked_on: dt.date, method: str,
                      finding: str = CheckFinding.NORMAL, note: str = "", handled: str = "") -> InfoCheck:
    """信息化核查 (第二十六条). An abnormal finding needs a note of what was found."""
    subject = supervised(subject, actor, "登记信息化核查")
    checked_on = inputs.date(checked_on, "核查日期")
    in_period(subject, checked_on, "核查日期")
    finding = choice(finding, CheckFinding, "核查结果")
    note = optional(note, "情况说明", 2000)
    if finding != CheckFinding.NORMAL and not note:
        raise ValidationError("核查发现异常的，请填写情况说明。")
    check = InfoCheck.objects.create(subject=subject, org=subject.org, checked_on=checked_on,
                                     method=choice(method, CheckMethod, "核查方式"), finding=finding, note=note,
                                     handled=optional(handled, "处理情况", 200), created_by=actor)
    audit.action(actor, "登记信息化核查", subject, after={"checked_on": str(checked_on), "finding": finding})
    return check
