"""/api/v1/inspection/: 法治督察、督察问题 and 述法 through the same scope as the pages (a county's 法治建设信息管理
系统 — “智慧督察”, seed 002 — reads them); the one write, 登记整改结果, goes through the actions."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, FilterLookup, FilterSchema, Query, Router

from sifa.api.common import RecordOut, StepOut, offered_steps, writer
from sifa.api.contract import Schema
from sifa.api.pagination import Page, PageParams, paginate
from sifa.api.scope import get_scoped_or_404, scoped

from . import actions
from .models import (
    Assessment,
    DutyMeeting,
    Finding,
    FindingCategory,
    FindingStatus,
    Inspection,
    InspectionKind,
    InspectionStatus,
    ReporterPost,
    SubjectKind,
)

router = Router(tags=["法治督察"])
prefix = "inspection"


class InspectionOut(RecordOut):
    id: int
    number: str = Field(..., title="督察编号")
    kind: InspectionKind = Field(..., title="督察方式")
    subject_kind: SubjectKind = Field(..., title="督察对象类别")
    subject: str = Field(..., title="督察对象")
    topic: str = Field(..., title="督察主题")
    status: InspectionStatus = Field(..., title="状态")
    planned_on: dt.date = Field(..., title="计划日期")
    started_on: dt.date | None = Field(None, title="进驻日期")
    feedback_on: dt.date | None = Field(None, title="反馈日期")
    closed_on: dt.date | None = Field(None, title="办结日期")

    @staticmethod
    def resolve_subject(obj):
        return obj.subject_name


class InspectionDetailOut(InspectionOut):
    steps: list[StepOut] = Field(..., title="当前可办理的步骤")

    resolve_steps = staticmethod(offered_steps)


class FindingOut(RecordOut):
    id: int
    inspection: str = Field(..., title="督察编号")
    description: str = Field(..., title="问题描述")
    category: FindingCategory = Field(..., title="问题类别")
    status: FindingStatus = Field(..., title="状态")
    found_on: dt.date = Field(..., title="发现日期")
    due_on: dt.date = Field(..., title="整改期限")
    rectified_on: dt.date | None = Field(None, title="整改完成日期")
    rectified_late: bool = Field(..., title="逾期整改")
    rechecked_on: dt.date | None = Field(None, title="最近回头看日期")
    confirmed: bool = Field(..., title="回头看确认整改到位")

    @staticmethod
    def resolve_inspection(obj):
        return obj.inspection.number


class FindingDetailOut(FindingOut):
    steps: list[StepOut] = Field(..., title="当前可办理的步骤")

    resolve_steps = staticmethod(offered_steps)


class DutyReportOut(Schema):
    reporter: str = Field(..., title="述法人")
    post: ReporterPost = Field(..., title="职务类别")
    unit: str = Field(..., title="单位")
    assessment: Assessment = Field(..., title="评议等次")

    @staticmethod
    def resolve_unit(obj):
        return obj.unit_name


class MeetingOut(RecordOut):
    id: int
    name: str = Field(..., title="会议名称")
    held_on: dt.date = Field(..., title="会议日期")
    reports: list[DutyReportOut] = Field(..., title="述法")

    @staticmethod
    def resolve_reports(obj):
        return list(obj.reports.select_related("township", "agency"))


class RectifyIn(Schema):
    rectified_on: dt.date = Field(..., title="整改完成日期")
    result: str = Field(..., title="整改结果", min_length=1, max_length=2000)


class InspectionFilter(FilterSchema):
    status: Annotated[InspectionStatus | None, FilterLookup("status")] = Field(None, title="状态")
    kind: Annotated[InspectionKind | None, FilterLookup("kind")] = Field(None, title="督察方式")


class FindingFilter(FilterSchema):
    status: Annotated[FindingStatus | None, FilterLookup("status")] = Field(None, title="状态")


def _inspection(request, pk: int) -> Inspection:
    return get_scoped_or_404(request, Inspection, pk, select_related=("org", "township", "agency"))


def _finding(request, pk: int) -> Finding:
    return get_scoped_or_404(request, Finding, pk, select_related=("org", "inspection"))


@router.get("/inspections", response=Page[InspectionOut], summary="法治督察列表")
def list_inspections(request, filters: Query[InspectionFilter], paging: Query[PageParams]):
    return paginate(filters.filter(scoped(request, Inspection).select_related("org", "township", "agency")
                                   .order_by("-planned_on", "-id")), paging)


@router.get("/inspections/{int:pk}", response=InspectionDetailOut, summary="法治督察详情")
def get_inspection(request, pk: int):
    return _inspection(request, pk)


@router.get("/findings", response=Page[FindingOut], summary="督察问题列表")
def list_findings(request, filters: Query[FindingFilter], paging: Query[PageParams]):
    return paginate(filters.filter(scoped(request, Finding).select_related("org", "inspection")
                                   .order_by("due_on", "id")), paging)


@router.get("/findings/{int:pk}", response=FindingDetailOut, summary="督察问题详情")
def get_finding(request, pk: int):
    return _finding(request, pk)


@router.post("/findings/{int:pk}/rectify", response=FindingDetailOut, summary="登记整改结果")
def rectify(request, pk: int, payload: RectifyIn):
    actions.rectify(writer(request), _finding(request, pk), **payload.dict())
    return _finding(request, pk)


@router.get("/meetings", response=Page[MeetingOut], summary="述法会议列表")
def list_meetings(request, paging: Query[PageParams]):
    return paginate(scoped(request, DutyMeeting).select_related("org").order_by("-held_on", "-id"), paging)


@router.get("/meetings/{int:pk}", response=MeetingOut, summary="述法会议详情")
def get_meeting(request, pk: int):
    return get_scoped_or_404(request, DutyMeeting, pk, select_related=("org",))

