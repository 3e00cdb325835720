"""Every change of the 法治督察 line goes through one of these functions: scope, workflow (workflow.py), validation
with a Chinese ValidationError naming the field and no partial write, one audit row in the same transaction.
Pages, the API, the ledger, the daily 逾期 check and the demo builder all call these.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import action_checks as checks
from sifa.core import audit, notify
from sifa.core.models import Division, OrgUnit
from sifa.core.models.audit import AuditEventType
from sifa.core.models.orgs import DivisionLevel
from sifa.core.notify import notify_users
from sifa.core.numbering import next_case_number
from sifa.core.record_writer import RecordWriter
from sifa.reconsideration.actions import bureau_of, staff_of
from sifa.reconsideration.models import Agency
from sifa.reconsideration.rules import short_name

from . import rules
from .models import (
    Assessment,
    DutyMeeting,
    DutyReport,
    Finding,
    FindingCategory,
    FindingStatus,
    Inspection,
    InspectionKind,
    InspectionStatus,
    Recheck,
    RecheckResult,
    ReporterPost,
    SubjectKind,
)
from .workflow import FINDING, INSPECTION

LINE_NAME = "法治督察"
NUMBER_LINE = "inspection"
today, not_future, not_before, choice, required = (checks.today, checks.not_future, checks.not_before, checks.choice,
                                                   checks.required)
INSPECTION_FIELDS = ("number", "kind", "subject_kind", "township", "agency", "topic", "status", "planned_on",
                     "started_on", "ended_on", "feedback_on", "leader", "inspectors", "closed_on")
FINDING_FIELDS = ("category", "status", "found_on", "due_on", "overdue_on", "rectified_on", "rectified_late",
                  "rechecked_on", "confirmed")
INSPECTIONS = RecordWriter(Inspection, fields=INSPECTION_FIELDS, workflow=INSPECTION, line=LINE_NAME)
FINDINGS = RecordWriter(Finding, fields=FINDING_FIELDS, workflow=FINDING, line=LINE_NAME, related=("inspection",))


def ensure_can_write(actor, org: OrgUnit) -> None:
    checks.ensure_can_write(actor, org, LINE_NAME)


def _text(value, limit: int) -> str:
    return (value or "").strip()[:limit]


def townships_of(org: OrgUnit):
    """The townships of the county `org` belongs to (the subjects a 督察 or a 述法 may name)."""
    county = bureau_of(org).division_id or ""
    return Division.objects.filter(level=DivisionLevel.TOWNSHIP, code__startswith=county).order_by("code")


def _subject(org: OrgUnit, subject_kind: str, township: Division | None, agency: Agency | None,
             label: str) -> tuple[str, Division | None, Agency | None]:
    """A township of the county, or an agency in the county's list — exactly one, matching the kind."""
    kind = choice(subject_kind, SubjectKind, f"{label}类别")
    bureau = bureau_of(org)
    if kind == SubjectKind.TOWNSHIP:
        if township is None:
            raise ValidationError(f"请选择{label}所在的乡镇（街道）。")
        if township.level != DivisionLevel.TOWNSHIP or not township.code.startswith(bureau.division_id or "-"):
            raise ValidationError(f"“{township.name}”不是本县（区）的乡镇（街道）。")
        return kind, township, None
    if agency is None:
        raise ValidationError(f"请选择{label}所在的部门。")
    if not agency.org_path.startswith(bureau.path):
        raise ValidationError(f"“{agency.name}”不在本县（区）的行政机关名录中。")
    return kind, None, agency


def _link(url_name: str, pk) -> str:
    return notify.record_link(url_name, pk)


# -------------------------------------------------------------------------------------------------- 督察

def _number(org: OrgUnit, year: int) -> str:
    bureau = bureau_of(org)
    return next_case_number(NUMBER_LINE, bureau, year, short_name(bureau.division.name) + "法督")


@transaction.atomic
def plan(actor, *, org: OrgUnit, kind: str, subject_kind: str, topic: str, planned_on: dt.date,
         township: Division | None = None, agency: Agency | None = None, leader: str = "",
         inspectors: str = "") -> Inspection:
    """列入督察计划: the way (巡察结合督/专门督/专题督), the township or agency, the topic and the 督察组."""
    ensure_can_write(actor, org)
    kind = choice(kind, InspectionKind, "督察方式")
    subject_kind, township, agency = _subject(org, subject_kind, township, agency, "督察对象")
    if planned_on is None:
        raise ValidationError("请填写计划日期。")
    inspection = Inspection.objects.create(
        org=org, number=_number(org, planned_on.year), kind=kind, subject_kind=subject_kind, township=township,
        agency=agency, topic=required(topic, "督察主题", 200), planned_on=planned_on, leader=_text(leader, 50),
        inspectors=_text(inspectors, 300), created_by=actor)
    audit.action(actor, "列入法治督察计划", inspection, after=INSPECTIONS.snapshot(inspection))
    return inspection


@transaction.atomic
def start(actor, inspection: Inspection, *, started_on: dt.date) -> Inspection:
    inspection, before = INSPECTIONS.lock_for_change(inspection, actor, "start")
    not_future(started_on, "进驻日期")
    inspection.started_on, inspection.status = started_on, InspectionStatus.ONGOING
    return INSPECTIONS.save(actor, inspection, "进驻督察", before)


@transaction.atomic
def add_finding(actor, inspection: Inspection, *, description: str, category: str, found_on: dt.date,
                due_on: dt.date | None = None) -> Finding:
    """登记问题: its 整改期限 is the date the 督察组 sets, or one month from the day it was found."""
    inspection, before = INSPECTIONS.lock_for_change(inspection, actor, "finding")
    not_future(found_on, "发现日期")
    not_before(found_on, inspection.started_on, "发现日期", "进驻日期")
    due_on = due_on or rules.rectify_due(found_on)
    if due_on <= found_on:
        raise ValidationError("整改期限应晚于发现日期。")
    finding = Finding.objects.create(
        inspection=inspection, org=inspection.org, description=required(description, "问题描述", 2000),
        category=choice(category, FindingCategory, "问题类别"), found_on=found_on, due_on=due_on, created_by=actor)
    audit.action(actor, "登记督察问题", finding, after=audit.snapshot(finding, FINDING_FIELDS, readable=True))
    return finding


@transaction.atomic
def feedback(actor, inspection: Inspection, *, feedback_on: dt.date, ended_on: dt.date | None = None) -> Inspection:
    """反馈督察意见: the findings go to the subject for 整改; without findings the 督察 is closed at once."""
    inspection, before = INSPECTIONS.lock_for_change(inspection, actor, "feedback")
    ended_on = ended_on or feedback_on
    not_future(feedback_on, "反馈日期")
    not_before(ended_on, inspection.started_on, "督察结束日期", "进驻日期")
    not_before(feedback_on, ended_on, "反馈日期", "督察结束日期")
    last_found = max(inspection.findings.values_list("found_on", flat=True), default=None)
    not_before(feedback_on, last_found, "反馈日期", "最后一个问题的发现日期")
    inspection.ended_on, inspection.feedback_on = ended_on, feedback_on
    open_count = inspection.findings.exclude(status=FindingStatus.RECTIFIED).count()
    if open_count:
        inspection.status = InspectionStatus.RECTIFYING
    else:
        inspection.status, inspection.closed_on = InspectionStatus.CLOSED, feedback_on
    INSPECTIONS.save(actor, inspection, "反馈督察意见", before)
    if open_count:
        notify_users(staff_of(inspection.org), f"{inspection.number}：{inspection.subject_name}有{open_count}个问题待整改",
                     link=_link("inspection:inspection_detail", inspection.pk), category=LINE_NAME)
    return inspection


@transaction.atomic
def close(actor, inspection: Inspection, *, closed_on: dt.date) -> Inspection:
    inspection, before = INSPECTIONS.lock_for_change(inspection, actor, "close")
    pending = inspection.findings.exclude(status=FindingStatus.RECTIFIED).count()
    if pending:
        raise ValidationError(f"尚有{pending}个问题未整改，不能办结。")
    not_future(closed_on, "办结日期")
    not_before(closed_on, inspection.feedback_on, "办结日期", "反馈日期")
    last = max(inspection.findings.values_list("rectified_on", flat=True), default=None)
    not_before(closed_on, last, "办结日期", "最后一个问题的整改完成日期")
    inspection.status, inspection.closed_on = InspectionStatus.CLOSED, closed_on
    return INSPECTIONS.save(actor, inspection, "法治督察办结", before)


# -------------------------------------------------------------------------------------------------- 问题整改

@transaction.atomic
def rectify(actor, finding: Finding, *, rectified_on: dt.date, result: str) -> Finding:
    """整改完成: late when after the deadline (a 逾期 finding may still be rectified)."""
    finding, before = FINDINGS.lock_for_change(finding, actor, "rectify")
    not_future(rectified_on, "整改完成日期")
    not_before(rectified_on, finding.found_on, "整改完成日期", "发现日期")
    if finding.rechecked_on:
        not_before(rectified_on, finding.rechecked_on, "整改完成日期", "回头看日期")
    finding.rectified_on, finding.result = rectified_on, required(result, "整改结果", 2000)
    finding.rectified_late = rectified_on > finding.due_on
    finding.status, finding.confirmed = FindingStatus.RECTIFIED, False
    return FINDINGS.save(actor, finding, "登记整改结果", before)


@transaction.atomic
def mark_overdue(actor, finding: Finding, *, on: dt.date | None = None) -> Finding:
    """逾期: the deadline passed without a rectification."""
    finding, before = FINDINGS.lock_for_change(finding, actor, "overdue")
    on = on or today()
    not_future(on, "逾期日期")
    if on <= finding.due_on:
        raise ValidationError(f"整改期限（{finding.due_on:%Y-%m-%d}）尚未届满，不能标记逾期。")
    finding.status, finding.overdue_on = FindingStatus.OVERDUE, on
    return FINDINGS.save(actor, finding, "整改逾期", before)


def sweep_overdue(day: dt.date | None = None) -> int:
    """The daily check: every 待整改 finding whose deadline passed becomes 逾期 (a system audit row each) and
    the bureau's staff are told."""
    day = day or today()
    changed = 0
    for finding in Finding.objects.filter(status=FindingStatus.PENDING, due_on__lt=day).select_related("org"):
        with transaction.atomic():
            locked = Finding.objects.select_for_update().get(pk=finding.pk)
            if locked.status != FindingStatus.PENDING:
                continue
            before = FINDINGS.snapshot(locked)
            locked.status, locked.overdue_on = FindingStatus.OVERDUE, day
            locked.save()
            audit.record(AuditEventType.ACTION, obj=locked, verb="整改逾期", before=before,
                         after=FINDINGS.snapshot(locked), username="系统（每日逾期检查）")
            notify_users(staff_of(locked.org), f"督察问题整改逾期：{locked}",
                         f"整改期限为{locked.due_on:%Y-%m-%d}。", link=_link("inspection:finding_detail", locked.pk),
                         category=LINE_NAME)
            changed += 1
    return changed


@transaction.atomic
def recheck(actor, finding: Finding, *, checked_on: dt.date, result: str, note: str = "",
            new_due_on: dt.date | None = None) -> Recheck:
    """整改“回头看”: 整改到位 confirms the finding; 未到位 sends it back to 待整改 with a new deadline (given, or
    one month from the 回头看)."""
    finding, before = FINDINGS.lock_for_change(finding, actor, "recheck")
    result = choice(result, RecheckResult, "回头看结果")
    not_future(checked_on, "回头看日期")
    not_before(checked_on, finding.rectified_on, "回头看日期", "整改完成日期")
    if result == RecheckResult.NOT_DONE:
        note = required(note, "回头看情况（未到位的问题）", 2000)
        new_due_on = new_due_on or rules.rectify_due(checked_on)
        if new_due_on <= checked_on:
            raise ValidationError("重新整改期限应晚于回头看日期。")
        finding.status, finding.due_on = FindingStatus.PENDING, new_due_on
        finding.rectified_on, finding.rectified_late, finding.overdue_on, finding.result = None, False, None, ""
        finding.confirmed = False
    else:
        new_due_on = None
        finding.confirmed = True
    finding.rechecked_on = checked_on
    made = Recheck.objects.create(finding=finding, org=finding.org, checked_on=checked_on, result=result,
                                  note=_text(note, 2000), new_due_on=new_due_on, created_by=actor)
    FINDINGS.save(actor, finding, f"整改回头看（{RecheckResult(result).label}）", before)
    if result == RecheckResult.NOT_DONE:
        inspection = Inspection.objects.select_for_update().get(pk=finding.inspection_id)
        if inspection.status == InspectionStatus.CLOSED:
            ibefore = INSPECTIONS.snapshot(inspection)
            inspection.status, inspection.closed_on = InspectionStatus.RECTIFYING, None
            INSPECTIONS.save(actor, inspection, "回头看未到位，重新整改", ibefore)
    return made


# -------------------------------------------------------------------------------------------------- 述法

@transaction.atomic
def hold_meeting(actor, *, org: OrgUnit, name: str, held_on: dt.date, host: str = "", note: str = "") -> DutyMeeting:
    """党政主要负责人述法工作专题会议."""
    ensure_can_write(actor, org)
    not_future(held_on, "会议日期")
    meeting = DutyMeeting.objects.create(org=org, name=required(name, "会议名称", 200), held_on=held_on,
                                         host=_text(host, 50), note=_text(note, 4000), created_by=actor)
    audit.action(actor, "登记述法会议", meeting, after={"name": meeting.name, "held_on": str(held_on)})
    return meeting


@transaction.atomic
def add_report(actor, meeting: DutyMeeting, *, reporter: str, post: str, subject_kind: str, assessment: str,
               township: Division | None = None, agency: Agency | None = None, notes: str = "") -> DutyReport:
    """One 述法 at the meeting: the 党政主要负责人 of a township or a department and the 评议等次."""
    meeting = DutyMeeting.objects.select_for_update().get(pk=meeting.pk)
    ensure_can_write(actor, meeting.org)
    kind, township, agency = _subject(meeting.org, subject_kind, township, agency, "述法人")
    reporter = required(reporter, "述法人", 50)
    if meeting.reports.filter(reporter=reporter, township=township, agency=agency).exists():
        raise ValidationError(f"{reporter}已在本次会议述法，不能重复登记。")
    report = DutyReport.objects.create(
        meeting=meeting, org=meeting.org, reporter=reporter, post=choice(post, ReporterPost, "职务类别"),
        subject_kind=kind, township=township, agency=agency, held_on=meeting.held_on,
        assessment=choice(assessment, Assessment, "评议等次"), notes=_text(notes, 4000), created_by=actor)
    audit.action(actor, "登记述法", report, after=audit.snapshot(report, ("reporter", "post", "assessment"),
                                                              readable=True))
    return report
