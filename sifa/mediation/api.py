"""/api/v1/mediation/: the same records, scope and actions as the pages.

Intake from other systems (浙里调、解纷码、12348 platforms) posts a dispute with `source_system` and `external_id`;
posting the same pair again answers 409 with the id of the case already registered, so a retried request never
creates a second case. Identifiers of parties are never returned in clear.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.db import transaction
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Status

from sifa.api.common import RecordOut, StepOut, offered_steps, org_in_scope, writer
from sifa.api.contract import Schema
from sifa.api.errors import ApiError
from sifa.api.pagination import Page, PageParams, paginate
from sifa.api.scope import get_scoped_or_404, scoped
from sifa.core.masking import mask_value
from sifa.core.models import OrgUnit

from . import actions
from .models import (
    AgreementForm,
    CourtFeedback,
    Dispute,
    DisputeStatus,
    DisputeType,
    FollowUpMethod,
    Level,
    MediationCommittee,
    Mediator,
    Method,
    Party,
    PartyKind,
    PartySide,
    Performance,
    Screening,
    Source,
)

router = Router(tags=["人民调解"])
prefix = "mediation"


# --- output ---


class PartyOut(Schema):
    side: str = Field(..., title="地位")
    kind: str = Field(..., title="类型")
    name: str = Field(..., title="姓名或名称")
    identifier: str = Field(..., title="证件号码（脱敏）")

    @staticmethod
    def resolve_identifier(obj: Party):
        if obj.id_number:
            return mask_value(Party, "id_number", obj.id_number)
        return obj.credit_code


class DisputeOut(RecordOut):
    id: int
    number: str = Field(..., title="案号")
    status: DisputeStatus = Field(..., title="状态")
    status_label: str = Field(..., title="状态名称")
    dispute_type: DisputeType = Field(..., title="纠纷类型")
    source: Source = Field(..., title="纠纷来源")
    level: str = Field(..., title="办理层级")
    org: str = Field(..., title="所属机构代码")
    committee: int | None = Field(None, title="受理调委会编号")
    summary: str = Field(..., title="纠纷简要情况")
    applied_on: dt.date = Field(..., title="申请日期")
    accepted_on: dt.date | None = Field(None, title="受理日期")
    due_on: dt.date | None = Field(None, title="调解期限")
    closed_on: dt.date | None = Field(None, title="结案日期")
    difficult: bool = Field(..., title="疑难复杂")
    source_system: str = Field(..., title="来源系统")
    external_id: str = Field(..., title="来源系统编号")

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()


    @staticmethod
    def resolve_committee(obj):
        return obj.committee_id


class DisputeDetailOut(DisputeOut):
    parties: list[PartyOut] = Field(..., title="当事人")
    sessions: int = Field(..., title="调解次数")
    steps: list[StepOut] = Field(..., title="当前可办理的步骤")

    resolve_steps = staticmethod(offered_steps)

    @staticmethod
    def resolve_parties(obj):
        return list(obj.parties.all())

    @staticmethod
    def resolve_sessions(obj):
        return obj.sessions.count()


class CommitteeOut(RecordOut):
    id: int
    name: str = Field(..., title="调委会名称")
    org: str = Field(..., title="机构代码")
    committee_type: str = Field(..., title="调委会类型")
    level: Level = Field(..., title="层级")
    member_count: int = Field(..., title="委员人数")
    established_on: dt.date | None = Field(None, title="成立日期")
    dissolved_on: dt.date | None = Field(None, title="撤销日期")


class MediatorOut(Schema):
    id: int
    name: str = Field(..., title="姓名")
    committee: int = Field(..., title="调委会编号")
    position: str = Field(..., title="职务")
    employment: str = Field(..., title="专兼职")
    is_expert: bool = Field(..., title="调解能手")
    left_on: dt.date | None = Field(None, title="离任日期")

    @staticmethod
    def resolve_committee(obj):
        return obj.committee_id


class ScreeningOut(RecordOut):
    id: int
    org: str = Field(..., title="排查单位代码")
    held_on: dt.date = Field(..., title="排查日期")
    scope: str = Field(..., title="排查范围")
    topic: str = Field(..., title="专项名称")
    found_count: int = Field(..., title="发现纠纷（件）")
    prevented_count: int = Field(..., title="预防纠纷（件）")


# --- input ---


class PartyIn(Schema):
    side: PartySide = Field(..., title="地位")
    kind: PartyKind = Field(PartyKind.PERSON, title="类型")
    name: str = Field(..., title="姓名或名称", min_length=1, max_length=100)
    id_number: str = Field("", title="身份证号码", max_length=20)
    credit_code: str = Field("", title="统一社会信用代码", max_length=20)
    mobile: str = Field("", title="联系电话", max_length=20)
    address: str = Field("", title="住所", max_length=200)


class DisputeIn(Schema):
    org: str = Field(..., title="登记机构代码", max_length=40)
    summary: str = Field(..., title="纠纷简要情况", min_length=1, max_length=2000)
    dispute_type: DisputeType = Field(..., title="纠纷类型")
    source: Source = Field(..., title="纠纷来源")
    applied_on: dt.date = Field(..., title="申请（登记）日期")
    parties: list[PartyIn] = Field(..., title="当事人", min_length=2, max_length=20)
    referred_by: str = Field("", title="移送（委派）单位", max_length=100)
    referral_ref: str = Field("", title="移送文号或法院案号", max_length=100)
    amount: Decimal | None = Field(None, title="涉及金额（元）", ge=0, max_digits=14, decimal_places=2)
    method: Method = Field(Method.ONSITE, title="调解方式")
    difficult: bool = Field(False, title="疑难复杂")
    group_dispute: bool = Field(False, title="群体性纠纷")
    criminal_risk: bool = Field(False, title="有民转刑风险")
    abnormal_death: bool = Field(False, title="涉非正常死亡")
    committee: int | None = Field(None, title="受理调委会编号（给出则登记即受理）", ge=1)
    mediators: list[int] = Field([], title="指派调解员编号", max_length=20)
    source_system: str = Field("", title="来源系统", max_length=50)
    external_id: str = Field("", title="来源系统编号", max_length=100)


class AcceptIn(Schema):
    committee: int = Field(..., title="受理调委会编号", ge=1)
    accepted_on: dt.date = Field(..., title="受理日期")
    mediators: list[int] = Field([], title="指派调解员编号", max_length=20)


class SessionIn(Schema):
    held_on: dt.date = Field(..., title="调解日期")
    minutes: str = Field(..., title="调解笔录", min_length=1, max_length=20000)
    mediators: list[int] = Field(..., title="调解员编号", min_length=1, max_length=20)
    place: str = Field("", title="调解地点", max_length=200)
    method: Method = Field(Method.ONSITE, title="调解方式")


class AgreementIn(Schema):
    terms: str = Field(..., title="协议内容", min_length=1, max_length=20000)
    signed_on: dt.date = Field(..., title="签订日期")
    form: AgreementForm = Field(AgreementForm.WRITTEN, title="协议形式")
    performance_method: str = Field("", title="履行方式", max_length=200)
    perform_by: dt.date | None = Field(None, title="履行期限")


class CloseIn(Schema):
    result: DisputeStatus = Field(..., title="调解结果")
    closed_on: dt.date = Field(..., title="结案日期")
    note: str = Field("", title="结案说明", max_length=2000)


class FollowUpIn(Schema):
    visited_on: dt.date = Field(..., title="回访日期")
    method: FollowUpMethod = Field(..., title="回访方式")
    content: str = Field(..., title="回访情况", min_length=1, max_length=2000)
    performance: Performance | None = Field(None, title="履行情况")


class CourtReportIn(Schema):
    reported_on: dt.date = Field(..., title="反馈日期")
    feedback: CourtFeedback = Field(..., title="反馈结果")


class ScreeningIn(Schema):
    org: str = Field(..., title="排查单位代码", max_length=40)
    held_on: dt.date = Field(..., title="排查日期")
    scope: str = Field(..., title="排查范围", min_length=1, max_length=200)
    topic: str = Field("", title="专项名称", max_length=100)
    found_count: int = Field(0, title="发现纠纷（件）", ge=0, le=100000)
    prevented_count: int = Field(0, title="预防纠纷（件）", ge=0, le=100000)
    risks: str = Field("", title="风险隐患", max_length=2000)


class DisputeFilter(FilterSchema):
    status: Annotated[DisputeStatus | None, FilterLookup("status")] = Field(None, title="状态")
    dispute_type: Annotated[DisputeType | None, FilterLookup("dispute_type")] = Field(None, title="纠纷类型")
    source: Annotated[Source | None, FilterLookup("source")] = Field(None, title="纠纷来源")
    level: Annotated[Level | None, FilterLookup("level")] = Field(None, title="办理层级")
    accepted_from: Annotated[dt.date | None, FilterLookup("accepted_on__gte")] = Field(None, title="受理日期起")
    accepted_to: Annotated[dt.date | None, FilterLookup("accepted_on__lte")] = Field(None, title="受理日期止")
    external_id: Annotated[str | None, FilterLookup("external_id")] = Field(None, title="来源系统编号",
                                                                            max_length=100)


# --- lookups in the caller's scope ---


def _unit(request, code: str) -> OrgUnit:
    return org_in_scope(request, code)


def _committee(request, pk: int) -> MediationCommittee:
    return get_scoped_or_404(request, MediationCommittee, pk)


def _mediators(request, ids: list[int]) -> list[Mediator]:
    found = {m.pk: m for m in scoped(request, Mediator).filter(pk__in=ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise ApiError(422, "invalid", f"调解员编号{missing}不存在。")
    return [found[i] for i in ids]


def _dispute(request, pk: int) -> Dispute:
    return get_scoped_or_404(request, Dispute, pk, select_related=("org", "committee"))


def _write(request):
    return writer(request)


# --- routes ---


@router.get("/disputes", response=Page[DisputeOut], summary="纠纷列表")
def list_disputes(request, filters: Query[DisputeFilter], paging: Query[PageParams]):
    queryset = scoped(request, Dispute).select_related("org").order_by("-applied_on", "-id")
    return paginate(filters.filter(queryset), paging)


@router.get("/disputes/{int:pk}", response=DisputeDetailOut, summary="纠纷详情")
def get_dispute(request, pk: int):
    return _dispute(request, pk)


@router.post("/disputes", response={201: DisputeDetailOut}, summary="登记纠纷",
             description="给出 committee 则登记即受理。source_system + external_id 相同的再次提交返回 409。")
def create_dispute(request, payload: DisputeIn):
    user = _write(request)
    if payload.external_id:
        existing = Dispute.objects.filter(source_system=payload.source_system.strip(),
                                          external_id=payload.external_id.strip()).first()
        if existing is not None:
            visible = scoped(request, Dispute).filter(pk=existing.pk).exists()
            raise ApiError(409, "duplicate", "该来源系统编号的纠纷已经登记，未重复登记。",
                           {"id": existing.pk} if visible else None)
    fields = payload.dict(exclude={"org", "parties", "committee", "mediators"})
    parties = [p.dict() for p in payload.parties]
    org = _unit(request, payload.org)
    with transaction.atomic():
        if payload.committee:
            dispute = actions.open_case(user, org=org, parties=parties, committee=_committee(request, payload.committee),
                                        accepted_on=payload.applied_on, mediators=_mediators(request, payload.mediators),
                                        **fields)
        else:
            dispute = actions.register_dispute(user, org=org, parties=parties, **fields)
    return Status(201, dispute)


@router.post("/disputes/{int:pk}/accept", response=DisputeDetailOut, summary="受理")
def accept(request, pk: int, payload: AcceptIn):
    user = _write(request)
    return actions.accept_dispute(user, _dispute(request, pk), committee=_committee(request, payload.committee),
                                  accepted_on=payload.accepted_on, mediators=_mediators(request, payload.mediators))


@router.post("/disputes/{int:pk}/sessions", response={201: DisputeDetailOut}, summary="记录调解")
def add_session(request, pk: int, payload: SessionIn):
    user = _write(request)
    dispute = _dispute(request, pk)
    actions.record_session(user, dispute, held_on=payload.held_on, minutes=payload.minutes,
                           mediators=_mediators(request, payload.mediators), place=payload.place, method=payload.method)
    return Status(201, _dispute(request, pk))


@router.post("/disputes/{int:pk}/agreement", response={201: DisputeDetailOut}, summary="登记调解协议")
def add_agreement(request, pk: int, payload: AgreementIn):
    user = _write(request)
    actions.record_agreement(user, _dispute(request, pk), **payload.dict())
    return Status(201, _dispute(request, pk))


@router.post("/disputes/{int:pk}/close", response=DisputeDetailOut, summary="结案")
def close(request, pk: int, payload: CloseIn):
    user = _write(request)
    return actions.close_dispute(user, _dispute(request, pk), result=payload.result, closed_on=payload.closed_on,
                                 note=payload.note)


@router.post("/disputes/{int:pk}/follow-ups", response={201: DisputeDetailOut}, summary="回访")
def add_follow_up(request, pk: int, payload: FollowUpIn):
    user = _write(request)
    actions.record_follow_up(user, _dispute(request, pk), visited_on=payload.visited_on, method=payload.method,
                             content=payload.content, performance=payload.performance or "")
    return Status(201, _dispute(request, pk))


@router.post("/disputes/{int:pk}/court-report", response=DisputeDetailOut, summary="诉调对接：向法院反馈")
def court_report(request, pk: int, payload: CourtReportIn):
    user = _write(request)
    return actions.report_to_court(user, _dispute(request, pk), reported_on=payload.reported_on,
                                   feedback=payload.feedback)


@router.get("/committees", response=Page[CommitteeOut], summary="人民调解委员会列表")
def list_committees(request, paging: Query[PageParams]):
    return paginate(scoped(request, MediationCommittee).select_related("org").order_by("org_path"), paging)


@router.get("/mediators", response=Page[MediatorOut], summary="人民调解员列表")
def list_mediators(request, paging: Query[PageParams]):
    return paginate(scoped(request, Mediator).order_by("org_path", "name"), paging)


@router.get("/screenings", response=Page[ScreeningOut], summary="矛盾纠纷排查列表")
def list_screenings(request, paging: Query[PageParams]):
    return paginate(scoped(request, Screening).select_related("org").order_by("-held_on", "-id"), paging)


@router.post("/screenings", response={201: ScreeningOut}, summary="登记矛盾纠纷排查")
def add_screening(request, payload: ScreeningIn):
    user = _write(request)
    return Status(201, actions.record_screening(user, org=_unit(request, payload.org),
                                         **payload.dict(exclude={"org"})))
