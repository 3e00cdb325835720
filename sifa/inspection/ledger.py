"""督察问题整改台账 and 述法台账: import and export. Each row goes through the line's actions inside the ledger's
single transaction; a 督察编号 not in the unit's records, a 督察 not yet begun or a rectification before the
finding rejects the whole file with the row named."""

from __future__ import annotations

from sifa.ledger.registry import Column, ImportContext, RecordKind, RowError, call_action, each_row, register
from sifa.ledger.registry import ColumnType as T
from sifa.reconsideration.ledger import find_agency

from . import actions
from .models import (
    Assessment,
    DutyMeeting,
    DutyReport,
    Finding,
    FindingCategory,
    Inspection,
    ReporterPost,
    SubjectKind,
)

FINDING_COLUMNS = (
    Column("督察编号", "inspection", required=True, max_length=60, example="（2026）砀法督字第1号",
           help="须为本单位已进驻督察的编号"),
    Column("问题描述", "description", required=True, max_length=2000, example="重大行政决策未经合法性审查即提交集体讨论"),
    Column("问题类别", "category", T.ENUM, required=True, choices=tuple(FindingCategory.choices),
           example=FindingCategory.DECISION.label),
    Column("发现日期", "found_on", T.DATE, required=True, example="2026-03-10"),
    Column("整改期限", "due_on", T.DATE, example="2026-04-10", help="不填则为发现之日起一个月"),
    Column("整改完成日期", "rectified_on", T.DATE, example="2026-04-02"),
    Column("整改结果", "result", max_length=2000, example="已补充合法性审查程序并修订议事规则"),
    Column("状态", "status", max_length=10, example="已整改", help="导出时填写，导入时忽略"),
)


def _inspection(ctx: ImportContext, number: str, row: int) -> Inspection:
    cache = ctx.state.setdefault("inspections", {})
    if number not in cache:
        found = Inspection.objects.filter(org_path__startswith=ctx.org.path, number=number).first()
        if found is None:
            raise RowError(row, f"督察编号“{number}”不在本单位的法治督察记录中，请先列入督察计划并进驻。", "inspection",
                           number)
        cache[number] = found
    return cache[number]


def _import_finding(row, ctx: ImportContext) -> None:
    v = row.values
    inspection = _inspection(ctx, v["inspection"], row.number)
    finding = call_action(row, "inspection", actions.add_finding, ctx.user, inspection, description=v["description"],
                          category=v["category"], found_on=v["found_on"], due_on=v["due_on"] or None)
    if v["rectified_on"]:
        call_action(row, "rectified_on", actions.rectify, ctx.user, finding, rectified_on=v["rectified_on"],
                    result=v["result"] or "")
    elif v["result"]:
        raise RowError(row.number, "填写了整改结果的，请填写整改完成日期。", "rectified_on")


def _finding_row(x: Finding) -> dict:
    return {"inspection": x.inspection.number, "description": x.description, "category": x.category,
            "found_on": x.found_on, "due_on": x.due_on, "rectified_on": x.rectified_on, "result": x.result,
            "status": x.get_status_display()}


FINDINGS = register(RecordKind(
    code="inspection_findings", name="督察问题整改台账", columns=FINDING_COLUMNS, key=("inspection", "description"),
    description="法治督察发现的问题、整改期限与整改结果。导入已进驻督察的问题清单，导出本单位问题整改情况。",
    row_to_action=each_row(_import_finding, ledger="督察问题整改台账"),
    export_queryset=lambda user, filters: Finding.objects.for_user(user).under(filters["org"])
    .select_related("inspection").order_by("inspection__planned_on", "inspection_id", "pk"),
    row_for=_finding_row,
))


REPORT_COLUMNS = (
    Column("会议名称", "meeting", required=True, max_length=200, example="党政主要负责人述法工作专题会议"),
    Column("会议日期", "held_on", T.DATE, required=True, example="2026-01-20"),
    Column("述法人", "reporter", required=True, max_length=50, example="王某某"),
    Column("职务类别", "post", T.ENUM, required=True, choices=tuple(ReporterPost.choices),
           example=ReporterPost.PARTY.label),
    Column("单位类别", "subject_kind", T.ENUM, required=True, choices=tuple(SubjectKind.choices),
           example=SubjectKind.TOWNSHIP.label),
    Column("单位", "unit", required=True, max_length=100, example="砀城镇", help="乡镇（街道）名称，或行政机关名录中的部门名称"),
    Column("评议等次", "assessment", T.ENUM, required=True, choices=tuple(Assessment.choices),
           example=Assessment.GOOD.label),
    Column("述法要点及评议意见", "notes", max_length=4000, example="述职重点突出，问题查摆到位"),
)


def _meeting(ctx: ImportContext, name: str, held_on, row) -> DutyMeeting:
    cache = ctx.state.setdefault("meetings", {})
    key = (name, held_on)
    if key not in cache:
        cache[key] = (DutyMeeting.objects.filter(org=ctx.org, name=name, held_on=held_on).first()
                      or call_action(row, "meeting", actions.hold_meeting, ctx.user, org=ctx.org, name=name,
                                     held_on=held_on))
    return cache[key]


def _import_report(row, ctx: ImportContext) -> None:
    v = row.values
    meeting = _meeting(ctx, v["meeting"], v["held_on"], row)
    township = agency = None
    if v["subject_kind"] == SubjectKind.TOWNSHIP:
        township = actions.townships_of(ctx.org).filter(name=v["unit"]).first()
        if township is None:
            raise RowError(row.number, f"“{v['unit']}”不是本县（区）的乡镇（街道）。", "unit", v["unit"])
    else:
        agency = find_agency(ctx, v["unit"], row.number, "unit", "部门")
    call_action(row, "reporter", actions.add_report, ctx.user, meeting, reporter=v["reporter"], post=v["post"],
                subject_kind=v["subject_kind"], township=township, agency=agency, assessment=v["assessment"],
                notes=v["notes"] or "")


def _report_row(r: DutyReport) -> dict:
    return {"meeting": r.meeting.name, "held_on": r.held_on, "reporter": r.reporter, "post": r.post,
            "subject_kind": r.subject_kind, "unit": r.unit_name, "assessment": r.assessment, "notes": r.notes}


REPORTS = register(RecordKind(
    code="inspection_duty_reports", name="述法台账", columns=REPORT_COLUMNS,
    key=("meeting", "held_on", "reporter", "unit"),
    description="党政主要负责人述法：会议、述法人、所在单位与评议等次。导入以前年度述法记录，导出本单位述法情况。",
    row_to_action=each_row(_import_report, ledger="述法台账"),
    export_queryset=lambda user, filters: DutyReport.objects.for_user(user).under(filters["org"])
    .select_related("meeting", "township", "agency").order_by("held_on", "meeting_id", "pk"),
    row_for=_report_row,
))
