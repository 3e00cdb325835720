"""/api/v1/enforcement/: the agencies' 执法办案系统 report decisions for publication and read the roster and the
supervision opinions, through the same scope and actions as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, FilterLookup, FilterSchema, Query, Router, Status

from sifa.api.common import RecordOut, StepOut, invalid, offered_steps, referenced, writer
from sifa.api.contract import Schema
from sifa.api.pagination import Page, PageParams, paginate
from sifa.api.scope import get_scoped_or_404, scoped

from . import actions
from .models import Body, Category, CertKind, CertStatus, Channel, Decision, Officer, Opinion, OpinionSource
from .models import OpinionStatus as OStatus

router = Router(tags=["行政执法监督"])
prefix = "enforcement"


class OfficerOut(RecordOut):
    id: int
    body: str = Field(..., title="执法主体")
    name: str = Field(..., title="姓名")
    cert_kind: CertKind = Field(..., title="证件类别")
    cert_number: str = Field(..., title="证件号码")
    valid_until: dt.date = Field(..., title="有效期至")
    review_due: dt.date = Field(..., title="年审期限")
    status: CertStatus = Field(..., title="证件状态")

    @staticmethod
    def resolve_body(obj):
        return obj.body.name


class DecisionOut(RecordOut):
    id: int
    body: str = Field(..., title="执法主体")
    category: Category = Field(..., title="决定类别")
    number: str = Field(..., title="决定书文号")
    title: str = Field(..., title="案件名称")
    decided_on: dt.date = Field(..., title="决定日期")
    publish_due: dt.date = Field(..., title="公示期限")
    published_on: dt.date = Field(..., title="公示日期")
    late: bool = Field(..., title="超期公示")

    @staticmethod
    def resolve_body(obj):
        return obj.body.name


class DecisionIn(Schema):
    body: int = Field(..., title="执法主体编号", ge=1)
    category: Category = Field(..., title="决定类别")
    number: str = Field(..., title="决定书文号", min_length=1, max_length=80)
    title: str = Field(..., title="案件名称", min_length=1, max_length=200)
    party_name: str = Field(..., title="当事人", min_length=1, max_length=100)
    party_is_person: bool = Field(True, title="当事人为自然人")
    party_id_number: str = Field("", title="当事人身份证号", max_length=18)
    basis: str = Field("", title="执法依据", max_length=300)
    content: str = Field("", title="决定内容", max_length=4000)
    decided_on: dt.date = Field(..., title="决定日期")
    published_on: dt.date = Field(..., title="公示日期")
    officers: list[str] = Field(..., title="承办人员执法证号", min_length=2, max_length=10)
    legal_review: bool = Field(False, title="经法制审核")


class OpinionOut(RecordOut):
    id: int
    number: str = Field(..., title="文号")
    source: OpinionSource = Field(..., title="来源")
    body: str = Field(..., title="被监督单位")
    subject: str = Field(..., title="事由")
    issued_on: dt.date = Field(..., title="发出日期")
    due_on: dt.date = Field(..., title="整改期限")
    status: OStatus = Field(..., title="状态")
    closed_on: dt.date | None = Field(None, title="销号日期")

    @staticmethod
    def resolve_body(obj):
        return obj.body.name


class OpinionDetailOut(OpinionOut):
    steps: list[StepOut] = Field(..., title="当前可办理的步骤")

    resolve_steps = staticmethod(offered_steps)


class ReplyIn(Schema):
    replied_on: dt.date = Field(..., title="反馈日期")
    reply: str = Field(..., title="整改反馈", min_length=1, max_length=4000)


class OfficerFilter(FilterSchema):
    status: Annotated[CertStatus | None, FilterLookup("status")] = Field(None, title="证件状态")
    cert_number: Annotated[str | None, FilterLookup("cert_number")] = Field(None, title="证件号码", max_length=20)


class OpinionFilter(FilterSchema):
    status: Annotated[OStatus | None, FilterLookup("status")] = Field(None, title="状态")


@router.get("/officers", response=Page[OfficerOut], summary="执法人员列表")
def list_officers(request, filters: Query[OfficerFilter], paging: Query[PageParams]):
    return paginate(filters.filter(scoped(request, Officer).select_related("org", "body__agency")
                                   .order_by("body_id", "name", "id")), paging)


@router.get("/decisions", response=Page[DecisionOut], summary="公示执法决定列表")
def list_decisions(request, paging: Query[PageParams]):
    return paginate(scoped(request, Decision).select_related("org", "body__agency").order_by("-published_on", "-id"),
                    paging)


@router.get("/decisions/{int:pk}", response=DecisionOut, summary="公示执法决定详情")
def get_decision(request, pk: int):
    return get_scoped_or_404(request, Decision, pk, select_related=("org", "body__agency"))


@router.post("/decisions", response={201: DecisionOut}, summary="报送执法决定公示")
def publish_decision(request, payload: DecisionIn):
    user = writer(request)
    body = referenced(request, Body, payload.body, "执法主体", field="body")
    data = payload.dict(exclude={"body", "officers"})
    numbers = [n.strip() for n in payload.officers]
    found = {o.cert_number: o for o in Officer.objects.filter(body=body, cert_number__in=numbers)}
    missing = [n for n in numbers if n not in found]
    if missing:
        raise invalid("officers", "承办人员执法证号", f"证号{'、'.join(missing)}不是{body.name}登记的执法人员。")
    decision = actions.publish_decision(user, body=body, officers=[found[n] for n in numbers], channel=Channel.API,
                                        **data)
    return Status(201, decision)


@router.get("/opinions", response=Page[OpinionOut], summary="监督意见书列表")
def list_opinions(request, filters: Query[OpinionFilter], paging: Query[PageParams]):
    return paginate(filters.filter(scoped(request, Opinion).select_related("org", "body__agency")
                                   .order_by("-issued_on", "-id")), paging)


def _opinion(request, pk: int) -> Opinion:
    return get_scoped_or_404(request, Opinion, pk, select_related=("org", "body__agency"))


@router.get("/opinions/{int:pk}", response=OpinionDetailOut, summary="监督意见书详情")
def get_opinion(request, pk: int):
    return _opinion(request, pk)


@router.post("/opinions/{int:pk}/reply", response=OpinionDetailOut, summary="反馈整改情况")
def reply(request, pk: int, payload: ReplyIn):
    actions.reply_opinion(writer(request), _opinion(request, pk), **payload.dict())
    return _opinion(request, pk)
