"""/api/v1/legalaid/: 法律援助 applications (受理, 审查决定, 指派, 结案), 法律咨询 by channel (12348 热线, 来访,
网上 …) with answers and referrals, and 值班律师 legal help — through the same scope and actions as the pages.

The applicant's ID number, mobile and address are returned masked and the household's income is never returned;
each detail read of an application writes a READ_SENSITIVE audit row. Refusals by the actions (hardship check
failed without an exemption, a lawyer whose licence is not active, 结案 without its documents, a duplicate
认罪认罚 record) answer 422 with the Chinese reason and write nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.db.models import Count, Sum
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Status

from sifa.api.common import (
    RecordOut,
    StepOut,
    audited_read,
    masked,
    offered_steps,
    org_in_scope,
    referenced,
    writer,
)
from sifa.api.contract import Schema
from sifa.api.errors import ApiError
from sifa.api.pagination import Page, PageParams, paginate
from sifa.api.scope import get_scoped_or_404, scoped

from . import actions
from .models import (
    Application,
    Category,
    Channel,
    CivilMatter,
    ClosureMethod,
    Consultation,
    ConsultChannel,
    ConsultStatus,
    Decision,
    DutyStation,
    Exemption,
    HelpKind,
    LegalHelp,
    Provider,
    Referral,
    ReviewBasis,
    ServiceOrg,
    Topic,
)
from .models import Status as CaseStatus

router = Router(tags=["法律援助与法律咨询"])
prefix = "legalaid"


# --- output ---


class ApplicationOut(RecordOut):
    id: int
    number: str = Field(..., title="案号")
    channel: Channel = Field(..., title="申请方式")
    category: Category = Field(..., title="案件类别")
    case_area: str = Field(..., title="案件领域")
    status: CaseStatus = Field(..., title="状态")
    status_label: str = Field(..., title="状态名称")
    name: str = Field(..., title="申请人姓名")
    id_number: str = Field(..., title="身份证号码（脱敏）")
    is_migrant_worker: bool = Field(..., title="农民工")
    recipients: int = Field(..., title="受援人数")
    received_on: dt.date = Field(..., title="受理日期")
    decision_due: dt.date | None = Field(None, title="审查决定期限")
    decided_on: dt.date | None = Field(None, title="决定日期")
    assign_due: dt.date | None = Field(None, title="指派期限")
    assigned_on: dt.date | None = Field(None, title="指派日期")
    closed_on: dt.date | None = Field(None, title="结案日期")
    org: str = Field(..., title="机构代码")

    @staticmethod
    def resolve_id_number(obj):
        return masked(obj, "id_number")

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()


class AssignmentOut(Schema):
    service_org: str = Field(..., title="承办机构")
    provider: str = Field(..., title="承办人")
    assigned_on: dt.date = Field(..., title="指派日期")
    by_rotation: bool = Field(..., title="轮流指派")
    active: bool = Field(..., title="有效")

    @staticmethod
    def resolve_service_org(obj):
        return obj.service_org.name

    @staticmethod
    def resolve_provider(obj):
        return obj.provider.name if obj.provider_id else ""


class ApplicationDetailOut(ApplicationOut):
    civil_matter: str = Field(..., title="援助事项")
    summary: str = Field(..., title="案情摘要")
    mobile: str = Field(..., title="联系电话（脱敏）")
    address: str = Field(..., title="住所（脱敏）")
    exemption: str = Field(..., title="免予核查或不受限情形")
    review_basis: str = Field(..., title="经济状况审查方式")
    decision: str = Field(..., title="审查决定")
    decided_on_time: bool | None = Field(None, title="按期决定")
    assigned_on_time: bool | None = Field(None, title="按期指派")
    closure_method: str = Field(..., title="结案方式")
    subsidy_amount: Decimal | None = Field(None, title="办案补贴（元）")
    assignments: list[AssignmentOut] = Field(..., title="指派记录")
    steps: list[StepOut] = Field(..., title="当前可办理的步骤")

    resolve_steps = staticmethod(offered_steps)

    @staticmethod
    def resolve_mobile(obj):
        return masked(obj, "mobile")

    @staticmethod
    def resolve_address(obj):
        return masked(obj, "address")

    @staticmethod
    def resolve_assignments(obj):
        return list(obj.assignments.select_related("service_org", "provider"))


class ConsultationOut(RecordOut):
    id: int
    channel: ConsultChannel = Field(..., title="咨询渠道")
    asked_on: dt.date = Field(..., title="咨询日期")
    topic: Topic = Field(..., title="咨询类别")
    question: str = Field(..., title="咨询内容")
    persons: int = Field(..., title="咨询人次")
    is_migrant_worker: bool = Field(..., title="农民工")
    mobile: str = Field(..., title="联系电话（脱敏）")
    status: ConsultStatus = Field(..., title="状态")
    answer: str = Field(..., title="答复内容")
    answered_on: dt.date | None = Field(None, title="答复日期")
    referral: Referral = Field(..., title="转介")
    referral_note: str = Field(..., title="转介说明")
    referred_dispute: int | None = Field(None, title="转人民调解纠纷编号", alias="referred_dispute_id")
    org: str = Field(..., title="机构代码")

    @staticmethod
    def resolve_mobile(obj):
        return masked(obj, "mobile")


class ChannelCount(Schema):
    channel: ConsultChannel = Field(..., title="咨询渠道")
    label: str = Field(..., title="渠道名称")
    consultations: int = Field(..., title="件数")
    persons: int = Field(..., title="人次")


class HelpOut(RecordOut):
    id: int
    station: str = Field(..., title="工作站")
    provider: str = Field(..., title="值班律师")
    helped_on: dt.date = Field(..., title="日期")
    kind: HelpKind = Field(..., title="帮助类型")
    is_plea: bool = Field(..., title="认罪认罚案件")
    persons: int = Field(..., title="帮助人次")
    case_reference: str = Field(..., title="案号或文书号")
    org: str = Field(..., title="机构代码")

    @staticmethod
    def resolve_station(obj):
        return obj.station.name

    @staticmethod
    def resolve_provider(obj):
        return obj.provider.name


# --- input ---


class ApplicantIn(Schema):
    name: str = Field(..., title="申请人姓名", min_length=1, max_length=50)
    id_number: str = Field(..., title="身份证号码", max_length=20)
    mobile: str = Field("", title="联系电话", max_length=20)
    address: str = Field("", title="住所", max_length=200)


class ApplicationIn(Schema):
    org: str = Field(..., title="受理机构代码", max_length=40)
    channel: Channel = Field(..., title="申请方式")
    category: Category = Field(..., title="案件类别")
    civil_matter: CivilMatter | None = Field(None, title="援助事项（第三十一条）")
    summary: str = Field(..., title="案情摘要", min_length=1, max_length=5000)
    received_on: dt.date = Field(..., title="受理日期")
    applicant: ApplicantIn = Field(..., title="申请人")
    opposing_party: str = Field("", title="对方当事人", max_length=100)
    handling_organ: str = Field("", title="办案机关", max_length=100)
    amount: Decimal | None = Field(None, title="涉案金额（元）", ge=0, max_digits=14, decimal_places=2)
    recipients: int = Field(1, title="受援人数", ge=1, le=10000)
    is_disabled: bool = Field(False, title="残疾人")
    is_migrant_worker: bool = Field(False, title="农民工")
    is_military: bool = Field(False, title="军人军属")
    is_dv_victim: bool = Field(False, title="家庭暴力受害人")
    exemption: Exemption | None = Field(None, title="免予核查或不受限情形")
    review_basis: ReviewBasis = Field(ReviewBasis.PLEDGE, title="经济状况审查方式")
    household_size: int | None = Field(None, title="家庭人口", ge=1, le=50)
    household_income: Decimal | None = Field(None, title="家庭月收入（元）", ge=0, max_digits=12, decimal_places=2)
    financial_note: str = Field("", title="经济状况说明", max_length=2000)


class DecisionIn(Schema):
    decision: Decision = Field(..., title="审查决定")
    decided_on: dt.date = Field(..., title="决定日期")
    reason: str = Field("", title="决定理由", max_length=2000)
    late_reason: str = Field("", title="逾期原因", max_length=2000)


class AssignIn(Schema):
    assigned_on: dt.date = Field(..., title="指派日期")
    provider: int | None = Field(None, title="承办人编号", ge=1)
    service_org: int | None = Field(None, title="承办机构编号", ge=1)
    by_rotation: bool = Field(False, title="轮流指派")
    late_reason: str = Field("", title="逾期原因", max_length=2000)


class CloseIn(Schema):
    closed_on: dt.date = Field(..., title="结案日期")
    method: ClosureMethod = Field(..., title="结案方式")
    outcome: str = Field(..., title="办理结果", min_length=1, max_length=5000)
    recovered_amount: Decimal | None = Field(None, title="挽回经济损失（元）", ge=0, max_digits=14, decimal_places=2)


class ConsultationIn(Schema):
    org: str = Field(..., title="受理机构代码", max_length=40)
    channel: ConsultChannel = Field(..., title="咨询渠道")
    asked_on: dt.date = Field(..., title="咨询日期")
    topic: Topic = Field(..., title="咨询类别")
    question: str = Field(..., title="咨询内容", min_length=1, max_length=5000)
    answer: str = Field("", title="答复内容", max_length=5000)
    persons: int = Field(1, title="咨询人次", ge=1, le=1000)
    is_migrant_worker: bool = Field(False, title="农民工")
    asker_name: str = Field("", title="咨询人", max_length=50)
    mobile: str = Field("", title="联系电话", max_length=20)


class AnswerIn(Schema):
    answer: str = Field(..., title="答复内容", min_length=1, max_length=5000)
    answered_on: dt.date = Field(..., title="答复日期")


class PartyIn(Schema):
    side: str = Field(..., title="地位", min_length=1, max_length=20)
    name: str = Field(..., title="姓名或名称", min_length=1, max_length=100)
    id_number: str = Field("", title="身份证号码", max_length=20)
    mobile: str = Field("", title="联系电话", max_length=20)
    address: str = Field("", title="住所", max_length=200)


class DisputeIn(Schema):
    org: str | None = Field(None, title="受理纠纷的机构代码（默认咨询受理机构）", max_length=40)
    dispute_type: str = Field(..., title="纠纷类型", min_length=1, max_length=30)
    summary: str = Field(..., title="纠纷简要情况", min_length=1, max_length=2000)
    parties: list[PartyIn] = Field(..., title="当事人", min_length=1, max_length=20)


class ReferIn(Schema):
    referral: Referral = Field(..., title="转介去向")
    note: str = Field("", title="转介说明", max_length=200)
    dispute: DisputeIn | None = Field(None, title="转人民调解的纠纷")
    application: ApplicationIn | None = Field(None, title="转法律援助的申请")


class HelpIn(Schema):
    station: int = Field(..., title="工作站编号", ge=1)
    provider: int = Field(..., title="值班律师编号", ge=1)
    helped_on: dt.date = Field(..., title="日期")
    kind: HelpKind = Field(..., title="帮助类型")
    persons: int = Field(1, title="帮助人次", ge=1, le=1000)
    case_reference: str = Field("", title="案号或文书号", max_length=100)
    note: str = Field("", title="帮助情况", max_length=2000)


class ApplicationFilter(FilterSchema):
    status: Annotated[CaseStatus | None, FilterLookup("status")] = Field(None, title="状态")
    category: Annotated[Category | None, FilterLookup("category")] = Field(None, title="案件类别")
    channel: Annotated[Channel | None, FilterLookup("channel")] = Field(None, title="申请方式")
    is_migrant_worker: Annotated[bool | None, FilterLookup("is_migrant_worker")] = Field(None, title="农民工")
    received_from: Annotated[dt.date | None, FilterLookup("received_on__gte")] = Field(None, title="受理日期起")
    received_to: Annotated[dt.date | None, FilterLookup("received_on__lte")] = Field(None, title="受理日期止")


class ConsultationFilter(FilterSchema):
    channel: Annotated[ConsultChannel | None, FilterLookup("channel")] = Field(None, title="咨询渠道")
    topic: Annotated[Topic | None, FilterLookup("topic")] = Field(None, title="咨询类别")
    status: Annotated[ConsultStatus | None, FilterLookup("status")] = Field(None, title="状态")
    referral: Annotated[Referral | None, FilterLookup("referral")] = Field(None, title="转介")
    asked_from: Annotated[dt.date | None, FilterLookup("asked_on__gte")] = Field(None, title="咨询日期起")
    asked_to: Annotated[dt.date | None, FilterLookup("asked_on__lte")] = Field(None, title="咨询日期止")


class HelpFilter(FilterSchema):
    kind: Annotated[HelpKind | None, FilterLookup("kind")] = Field(None, title="帮助类型")
    is_plea: Annotated[bool | None, FilterLookup("is_plea")] = Field(None, title="认罪认罚案件")
    helped_from: Annotated[dt.date | None, FilterLookup("helped_on__gte")] = Field(None, title="日期起")
    helped_to: Annotated[dt.date | None, FilterLookup("helped_on__lte")] = Field(None, title="日期止")


# --- helpers ---


def _application(request, pk: int) -> Application:
    return get_scoped_or_404(request, Application, pk, select_related=("org",))


def _consultation(request, pk: int) -> Consultation:
    return get_scoped_or_404(request, Consultation, pk, select_related=("org",))


def _application_fields(request, payload: ApplicationIn) -> dict:
    fields = payload.dict(exclude={"org", "applicant"})
    fields["civil_matter"] = fields["civil_matter"] or ""
    fields["exemption"] = fields["exemption"] or ""
    fields["applicant"] = payload.applicant.dict()
    fields["org"] = org_in_scope(request, payload.org)
    return fields


# --- 法律援助 ---


@router.get("/applications", response=Page[ApplicationOut], summary="法律援助案件列表")
def list_applications(request, filters: Query[ApplicationFilter], paging: Query[PageParams]):
    queryset = scoped(request, Application).select_related("org").order_by("-received_on", "-id")
    return paginate(filters.filter(queryset), paging)


@router.get("/applications/{int:pk}", response=ApplicationDetailOut, summary="法律援助案件详情（脱敏，读取留痕）")
def get_application(request, pk: int):
    app = _application(request, pk)
    audited_read(request, app, "法律援助案件")
    return app


@router.post("/applications", response={201: ApplicationDetailOut}, summary="受理法律援助申请",
             description="经济状况超过当地经济困难标准且不属于免予核查、不受限情形的，返回422并说明理由，不登记。")
def create_application(request, payload: ApplicationIn):
    user = writer(request)
    return Status(201, actions.register_application(user, **_application_fields(request, payload)))


@router.post("/applications/{int:pk}/decision", response=ApplicationDetailOut, summary="审查决定")
def decide(request, pk: int, payload: DecisionIn):
    return actions.decide(writer(request), _application(request, pk), **payload.dict())


@router.post("/applications/{int:pk}/assignment", response=ApplicationDetailOut, summary="指派",
             description="给出承办人（provider）、承办机构（service_org），或 by_rotation=true 按轮流规则指派。")
def assign(request, pk: int, payload: AssignIn):
    user = writer(request)
    app = _application(request, pk)
    provider = referenced(request, Provider, payload.provider, "承办人", field="provider")
    service_org = referenced(request, ServiceOrg, payload.service_org, "承办机构", field="service_org")
    if provider is None and service_org is None and not payload.by_rotation:
        raise ApiError(422, "invalid", "请指定承办人、承办机构，或选择轮流指派。")
    actions.assign(user, app, assigned_on=payload.assigned_on, provider=provider, service_org=service_org,
                   by_rotation=payload.by_rotation, late_reason=payload.late_reason)
    return _application(request, pk)


@router.post("/applications/{int:pk}/close", response=ApplicationDetailOut, summary="结案",
             description="结案报告和反映结案方式的文书须已上传，否则返回422。")
def close(request, pk: int, payload: CloseIn):
    return actions.close_case(writer(request), _application(request, pk), **payload.dict())


# --- 法律咨询 ---


@router.get("/consultations", response=Page[ConsultationOut], summary="法律咨询列表")
def list_consultations(request, filters: Query[ConsultationFilter], paging: Query[PageParams]):
    queryset = scoped(request, Consultation).select_related("org").order_by("-asked_on", "-id")
    return paginate(filters.filter(queryset), paging)


@router.get("/consultations/by-channel", response=list[ChannelCount], summary="法律咨询按渠道统计（件数、人次）")
def consultations_by_channel(request, filters: Query[ConsultationFilter]):
    rows = {r["channel"]: r for r in filters.filter(scoped(request, Consultation)).order_by().values("channel")
            .annotate(consultations=Count("id"), persons=Sum("persons"))}
    return [{"channel": c.value, "label": c.label, "consultations": rows.get(c.value, {}).get("consultations", 0),
             "persons": rows.get(c.value, {}).get("persons") or 0} for c in ConsultChannel]


@router.get("/consultations/{int:pk}", response=ConsultationOut, summary="法律咨询详情")
def get_consultation(request, pk: int):
    return _consultation(request, pk)


@router.post("/consultations", response={201: ConsultationOut}, summary="登记法律咨询")
def create_consultation(request, payload: ConsultationIn):
    user = writer(request)
    org = org_in_scope(request, payload.org)
    return Status(201, actions.record_consultation(user, org=org, **payload.dict(exclude={"org"})))


@router.post("/consultations/{int:pk}/answer", response=ConsultationOut, summary="答复咨询")
def answer(request, pk: int, payload: AnswerIn):
    return actions.answer_consultation(writer(request), _consultation(request, pk), **payload.dict())


@router.post("/consultations/{int:pk}/referral", response=ConsultationOut, summary="转介（法律援助、人民调解、律师、有关部门）",
             description="转法律援助须给出 application（同“受理法律援助申请”）；转人民调解须给出 dispute（纠纷类型、"
                         "简要情况和双方当事人）；建议委托律师或告知向有关部门反映须填写转介说明。")
def refer(request, pk: int, payload: ReferIn):
    user = writer(request)
    consultation = _consultation(request, pk)
    application = dispute = None
    if payload.referral == Referral.LEGAL_AID and payload.application is not None:
        application = _application_fields(request, payload.application)
    if payload.referral == Referral.MEDIATION and payload.dispute is not None:
        dispute = payload.dispute.dict(exclude={"org"})
        dispute["parties"] = [p.dict() for p in payload.dispute.parties]
        if payload.dispute.org:
            dispute["org"] = org_in_scope(request, payload.dispute.org, field="dispute.org")
    actions.refer_consultation(user, consultation, referral=payload.referral, note=payload.note,
                               application=application, dispute=dispute)
    return _consultation(request, pk)


# --- 值班律师 ---


@router.get("/helps", response=Page[HelpOut], summary="值班律师法律帮助列表")
def list_helps(request, filters: Query[HelpFilter], paging: Query[PageParams]):
    queryset = scoped(request, LegalHelp).select_related("org", "station", "provider").order_by("-helped_on", "-id")
    return paginate(filters.filter(queryset), paging)


@router.get("/helps/{int:pk}", response=HelpOut, summary="值班律师法律帮助详情")
def get_help(request, pk: int):
    return get_scoped_or_404(request, LegalHelp, pk, select_related=("org", "station", "provider"))


@router.post("/helps", response={201: HelpOut}, summary="登记值班律师法律帮助（含认罪认罚具结在场）")
def create_help(request, payload: HelpIn):
    user = writer(request)
    station = referenced(request, DutyStation, payload.station, "工作站", field="station")
    provider = referenced(request, Provider, payload.provider, "值班律师", field="provider")
    return Status(201, actions.record_help(user, station=station, provider=provider,
                                           **payload.dict(exclude={"station", "provider"})))
