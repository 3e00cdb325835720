"""/api/v1/reconsideration/: the same cases, scope and actions as the pages (a provincial 行政复议 platform or
the bureau's own tools read and drive the workflow). Applicants' identifiers are never returned in clear."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, FilterLookup, FilterSchema, Query, Router, Status

from sifa.api.common import RecordOut, StepOut, masked, offered_steps, org_in_scope, referenced, writer
from sifa.api.contract import Schema
from sifa.api.pagination import Page, PageParams, paginate
from sifa.api.scope import get_scoped_or_404, scoped

from . import actions
from .models import (
    ActType,
    Agency,
    Case,
    CaseStatus,
    Channel,
    Outcome,
    Procedure,
    SuspensionGround,
    TerminationGround,
)

router = Router(tags=["行政复议"])
prefix = "reconsideration"


class CaseOut(RecordOut):
    id: int
    number: str = Field(..., title="案号")
    status: CaseStatus = Field(..., title="状态")
    law_version: str = Field(..., title="适用法律")
    respondent: str = Field(..., title="被申请人")
    act_type: ActType = Field(..., title="行政行为类型")
    applicant_name: str = Field(..., title="申请人")
    applicant_id_number: str = Field(..., title="申请人证件号码（脱敏）")
    received_on: dt.date = Field(..., title="收到日期")
    review_due: dt.date | None = Field(None, title="受理审查期限")
    accepted_on: dt.date | None = Field(None, title="受理日期")
    decision_due: dt.date | None = Field(None, title="决定期限")
    closed_on: dt.date | None = Field(None, title="结案日期")
    outcome: str = Field(..., title="结案方式")

    @staticmethod
    def resolve_respondent(obj):
        return obj.respondent.name

    @staticmethod
    def resolve_applicant_id_number(obj):
        return masked(obj, "applicant_id_number")


class CaseDetailOut(CaseOut):
    steps: list[StepOut] = Field(..., title="当前可办理的步骤")

    resolve_steps = staticmethod(offered_steps)


class CaseIn(Schema):
    org: str = Field(..., title="收件机构代码", max_length=40)
    respondent: int = Field(..., title="被申请人（行政机关编号）", ge=1)
    applicant_name: str = Field(..., title="申请人", min_length=1, max_length=100)
    applicant_id_number: str = Field("", title="申请人证件号码", max_length=18)
    applicant_mobile: str = Field("", title="申请人手机号码", max_length=20)
    act_type: ActType = Field(..., title="行政行为类型")
    act_description: str = Field(..., title="被申请复议的行政行为", min_length=1, max_length=2000)
    request: str = Field(..., title="复议请求", min_length=1, max_length=2000)
    channel: Channel = Field(..., title="申请方式")
    oral_record: str = Field("", title="口头申请笔录", max_length=5000)
    filed_on: dt.date = Field(..., title="申请日期")
    received_on: dt.date = Field(..., title="收到日期")


class AcceptIn(Schema):
    accepted_on: dt.date = Field(..., title="受理日期")
    procedure: Procedure = Field(Procedure.ORDINARY, title="审理程序")


class DeclineIn(Schema):
    declined_on: dt.date = Field(..., title="不予受理日期")
    reason: str = Field(..., title="不予受理理由", min_length=1, max_length=2000)


class SuspendIn(Schema):
    started_on: dt.date = Field(..., title="中止日期")
    ground: SuspensionGround = Field(..., title="中止情形")


class ResumeIn(Schema):
    resumed_on: dt.date = Field(..., title="恢复审理日期")


class DecideIn(Schema):
    outcome: Outcome = Field(..., title="结案方式")
    closed_on: dt.date = Field(..., title="决定日期")
    summary: str = Field("", title="决定主要内容", max_length=5000)
    respondent_corrected: bool = Field(False, title="被申请人自行纠正")


class TerminateIn(Schema):
    ground: TerminationGround = Field(..., title="终止情形")
    closed_on: dt.date = Field(..., title="终止日期")
    settled: bool = Field(False, title="经和解后撤回")
    respondent_corrected: bool = Field(False, title="被申请人自行纠正")


class ServeIn(Schema):
    served_on: dt.date = Field(..., title="送达日期")


class CaseFilter(FilterSchema):
    status: Annotated[CaseStatus | None, FilterLookup("status")] = Field(None, title="状态")
    act_type: Annotated[ActType | None, FilterLookup("act_type")] = Field(None, title="行政行为类型")
    received_from: Annotated[dt.date | None, FilterLookup("received_on__gte")] = Field(None, title="收到日期起")
    received_to: Annotated[dt.date | None, FilterLookup("received_on__lte")] = Field(None, title="收到日期止")


def _case(request, pk: int) -> Case:
    return get_scoped_or_404(request, Case, pk, select_related=("org", "respondent"))


@router.get("/cases", response=Page[CaseOut], summary="行政复议案件列表")
def list_cases(request, filters: Query[CaseFilter], paging: Query[PageParams]):
    return paginate(filters.filter(scoped(request, Case).select_related("org", "respondent")
                                   .order_by("-received_on", "-id")), paging)


@router.get("/cases/{int:pk}", response=CaseDetailOut, summary="行政复议案件详情")
def get_case(request, pk: int):
    return _case(request, pk)


@router.post("/cases", response={201: CaseDetailOut}, summary="收到行政复议申请")
def create_case(request, payload: CaseIn):
    user = writer(request)
    org = org_in_scope(request, payload.org)
    respondent = referenced(request, Agency, payload.respondent, "被申请人", field="respondent")
    fields = payload.dict(exclude={"org", "respondent"})
    return Status(201, actions.receive(user, org=org, respondent=respondent, **fields))


def _step(request, pk: int, action, payload: Schema) -> Case:
    user = writer(request)
    action(user, _case(request, pk), **payload.dict())
    return _case(request, pk)


@router.post("/cases/{int:pk}/accept", response=CaseDetailOut, summary="受理")
def accept(request, pk: int, payload: AcceptIn):
    return _step(request, pk, actions.accept, payload)


@router.post("/cases/{int:pk}/decline", response=CaseDetailOut, summary="不予受理")
def decline(request, pk: int, payload: DeclineIn):
    return _step(request, pk, actions.decline, payload)


@router.post("/cases/{int:pk}/suspend", response=CaseDetailOut, summary="中止审理")
def suspend(request, pk: int, payload: SuspendIn):
    return _step(request, pk, actions.suspend, payload)


@router.post("/cases/{int:pk}/resume", response=CaseDetailOut, summary="恢复审理")
def resume(request, pk: int, payload: ResumeIn):
    return _step(request, pk, actions.resume, payload)


@router.post("/cases/{int:pk}/decide", response=CaseDetailOut, summary="作出复议决定")
def decide(request, pk: int, payload: DecideIn):
    return _step(request, pk, actions.decide, payload)


@router.post("/cases/{int:pk}/terminate", response=CaseDetailOut, summary="终止审理")
def terminate(request, pk: int, payload: TerminateIn):
    return _step(request, pk, actions.terminate, payload)


@router.post("/cases/{int:pk}/serve", response=CaseDetailOut, summary="登记送达")
def serve(request, pk: int, payload: ServeIn):
    return _step(request, pk, actions.serve, payload)
