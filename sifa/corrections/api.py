"""/api/v1/corrections/: 社区矫正 and 安置帮教 through the same scope and actions as the pages.

Criminal-record data is sensitive personal information: ID numbers, addresses, 罪名, 原判刑罚, 禁止令 and the
judgement number are always returned masked, and every detail read of a subject or a released person writes a
READ_SENSITIVE audit row (no values in it). Each workflow step is a POST that calls `actions.py`/`aftercare.py`,
which validate, write and audit in one transaction; a refused step answers 422 with the Chinese reason.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, FilterLookup, FilterSchema, Query, Router, Status

from sifa.api.common import RecordOut, StepOut, audited_read, masked, offered_steps, org_in_scope, writer
from sifa.api.contract import Schema
from sifa.api.pagination import Page, PageParams, paginate
from sifa.api.scope import get_scoped_or_404, scoped

from . import actions
from .actions import aftercare
from .models import (
    Absconding,
    AbscondingStatus,
    Category,
    CheckFinding,
    CheckMethod,
    Commissioner,
    FieldVisit,
    InfoCheck,
    Investigation,
    InvestigationStatus,
    LeaveKind,
    LeaveRequest,
    LeaveStatus,
    Level,
    Opinion,
    ReleasedPerson,
    ReleaseStatus,
    RewardSanction,
    SanctionKind,
    SanctionStatus,
    Subject,
    SubjectStatus,
    VisitorKind,
)

router = Router(tags=["社区矫正"])
prefix = "corrections"


# --- output ---


class SubjectOut(RecordOut):
    id: int
    number: str = Field(..., title="档案编号")
    name: str = Field(..., title="姓名")
    sex: str = Field(..., title="性别")
    id_number: str = Field(..., title="身份证号码（脱敏）")
    category: Category = Field(..., title="矫正类别")
    status: SubjectStatus = Field(..., title="状态")
    status_label: str = Field(..., title="状态名称")
    level: Level = Field(..., title="管理类别")
    period_start: dt.date = Field(..., title="矫正起始日")
    period_end: dt.date = Field(..., title="矫正期满日")
    report_due: dt.date = Field(..., title="报到期限")
    reported_on: dt.date | None = Field(None, title="报到日期")
    org: str = Field(..., title="执行地司法所代码")

    @staticmethod
    def resolve_id_number(obj):
        return masked(obj, "id_number")

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()


class SubjectDetailOut(SubjectOut):
    birth_date: dt.date = Field(..., title="出生日期")
    mobile: str = Field(..., title="联系电话（脱敏）")
    address: str = Field(..., title="居住地（脱敏）")
    crime: str = Field(..., title="罪名（已隐藏）")
    sentence: str = Field(..., title="原判刑罚（已隐藏）")
    judgement_no: str = Field(..., title="判决书文号（已隐藏）")
    prohibitions: str = Field(..., title="禁止令（已隐藏）")
    authority: str = Field(..., title="决定机关")
    effective_on: dt.date = Field(..., title="判决（裁定、决定）生效日期")
    announced_on: dt.date | None = Field(None, title="入矫宣告日期")
    grid: str = Field(..., title="网格")
    worker: str = Field(..., title="责任工作人员")
    exit_kind: str = Field(..., title="解矫（终止）原因")
    exited_on: dt.date | None = Field(None, title="解矫（终止）日期")
    steps: list[StepOut] = Field(..., title="当前可办理的步骤")

    resolve_steps = staticmethod(offered_steps)

    @staticmethod
    def resolve_mobile(obj):
        return masked(obj, "mobile")

    @staticmethod
    def resolve_address(obj):
        return masked(obj, "address")

    @staticmethod
    def resolve_crime(obj):
        return masked(obj, "crime")

    @staticmethod
    def resolve_sentence(obj):
        return masked(obj, "sentence")

    @staticmethod
    def resolve_judgement_no(obj):
        return masked(obj, "judgement_no")

    @staticmethod
    def resolve_prohibitions(obj):
        return masked(obj, "prohibitions")

    @staticmethod
    def resolve_worker(obj):
        return obj.worker.full_name if obj.worker_id else ""


class InvestigationOut(RecordOut):
    id: int
    number: str = Field(..., title="编号")
    commissioner_kind: Commissioner = Field(..., title="委托机关类别")
    commissioner: str = Field(..., title="委托机关")
    received_on: dt.date = Field(..., title="收到委托日期")
    urgent: bool = Field(..., title="速裁（5个工作日）")
    person_name: str = Field(..., title="被调查人姓名")
    id_number: str = Field(..., title="身份证号码（脱敏）")
    proposed_category: Category = Field(..., title="拟适用类别")
    due_on: dt.date = Field(..., title="完成期限")
    status: InvestigationStatus = Field(..., title="状态")
    opinion: str = Field(..., title="评估意见")
    completed_on: dt.date | None = Field(None, title="出具意见日期")
    org: str = Field(..., title="承办司法所代码")

    @staticmethod
    def resolve_id_number(obj):
        return masked(obj, "id_number")


class VisitOut(Schema):
    id: int
    subject: int = Field(..., title="对象编号", alias="subject_id")
    visited_on: dt.date = Field(..., title="走访日期")
    visitor_kind: VisitorKind = Field(..., title="走访人员类别")
    visitors: str = Field(..., title="走访人员")
    place: str = Field(..., title="走访地点")
    content: str = Field(..., title="走访情况")


class InfoCheckOut(Schema):
    id: int
    subject: int = Field(..., title="对象编号", alias="subject_id")
    checked_on: dt.date = Field(..., title="核查日期")
    method: CheckMethod = Field(..., title="核查方式")
    finding: CheckFinding = Field(..., title="核查结果")
    note: str = Field(..., title="情况说明")


class LeaveOut(RecordOut):
    id: int
    subject: int = Field(..., title="对象编号", alias="subject_id")
    kind: LeaveKind = Field(..., title="类别")
    destination: str = Field(..., title="前往地")
    start_on: dt.date = Field(..., title="外出起始日")
    end_on: dt.date = Field(..., title="外出截止日")
    days: int = Field(..., title="天数")
    requested_on: dt.date = Field(..., title="申请日期")
    status: LeaveStatus = Field(..., title="状态")
    status_label: str = Field(..., title="状态名称")
    needs_county: bool = Field(..., title="须县级审批")
    decided_on: dt.date | None = Field(None, title="审批日期")
    decision_level: str = Field(..., title="审批层级")
    opinion: str = Field(..., title="审批意见")
    returned_on: dt.date | None = Field(None, title="销假日期")
    org: str = Field(..., title="司法所代码")

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()


class SanctionOut(RecordOut):
    id: int
    subject: int = Field(..., title="对象编号", alias="subject_id")
    kind: SanctionKind = Field(..., title="类别")
    ground: str = Field(..., title="依据情形")
    proposed_on: dt.date = Field(..., title="提出日期")
    status: SanctionStatus = Field(..., title="状态")
    decided_on: dt.date | None = Field(None, title="决定（提请）日期")
    document_no: str = Field(..., title="文书编号")
    org: str = Field(..., title="司法所代码")


class AbscondingOut(RecordOut):
    id: int
    subject: int = Field(..., title="对象编号", alias="subject_id")
    lost_on: dt.date = Field(..., title="失联日期")
    police_requested_on: dt.date | None = Field(None, title="提请公安协查日期")
    police_station: str = Field(..., title="协查公安机关")
    found_on: dt.date | None = Field(None, title="查找到日期")
    status: AbscondingStatus = Field(..., title="状态")
    closed_on: dt.date | None = Field(None, title="处理完毕日期")
    org: str = Field(..., title="司法所代码")


class ReleaseOut(RecordOut):
    id: int
    name: str = Field(..., title="姓名")
    sex: str = Field(..., title="性别")
    id_number: str = Field(..., title="身份证号码（脱敏）")
    address: str = Field(..., title="户籍地（脱敏）")
    crime: str = Field(..., title="罪名（已隐藏）")
    prison: str = Field(..., title="原服刑监所")
    release_on: dt.date = Field(..., title="释放日期")
    key_person: bool = Field(..., title="重点帮教对象")
    picked_up_on: dt.date | None = Field(None, title="接回日期")
    linked_on: dt.date | None = Field(None, title="衔接日期")
    tracking_until: dt.date = Field(..., title="帮教期至")
    status: ReleaseStatus = Field(..., title="状态")
    org: str = Field(..., title="司法所代码")

    @staticmethod
    def resolve_id_number(obj):
        return masked(obj, "id_number")

    @staticmethod
    def resolve_address(obj):
        return masked(obj, "address")

    @staticmethod
    def resolve_crime(obj):
        return masked(obj, "crime")


# --- input ---


class InvestigationIn(Schema):
    org: str = Field(..., title="承办司法所代码", max_length=40)
    commissioner_kind: Commissioner = Field(..., title="委托机关类别")
    commissioner: str = Field(..., title="委托机关", min_length=1, max_length=100)
    commission_no: str = Field("", title="委托函文号", max_length=100)
    received_on: dt.date = Field(..., title="收到委托日期")
    urgent: bool = Field(False, title="速裁")
    person_name: str = Field(..., title="被调查人姓名", min_length=1, max_length=50)
    id_number: str = Field(..., title="被调查人身份证号码", max_length=20)
    crime: str = Field("", title="罪名", max_length=200)
    proposed_category: Category = Field(..., title="拟适用类别")


class OpinionIn(Schema):
    opinion: Opinion = Field(..., title="评估意见")
    completed_on: dt.date = Field(..., title="出具意见日期")
    findings: str = Field(..., title="调查情况", min_length=1, max_length=5000)
    investigators: str = Field(..., title="调查人员", min_length=1, max_length=100)


class ReportInIn(Schema):
    reported_on: dt.date = Field(..., title="报到日期")


class VisitIn(Schema):
    visited_on: dt.date = Field(..., title="走访日期")
    visitor_kind: VisitorKind = Field(..., title="走访人员类别")
    visitors: str = Field(..., title="走访人员", min_length=1, max_length=100)
    content: str = Field(..., title="走访情况", min_length=1, max_length=2000)
    place: str = Field("", title="走访地点", max_length=200)


class InfoCheckIn(Schema):
    checked_on: dt.date = Field(..., title="核查日期")
    method: CheckMethod = Field(..., title="核查方式")
    finding: CheckFinding = Field(CheckFinding.NORMAL, title="核查结果")
    note: str = Field("", title="情况说明", max_length=2000)
    handled: str = Field("", title="处理情况", max_length=200)


class LeaveIn(Schema):
    destination: str = Field(..., title="前往地", min_length=1, max_length=200)
    reason: str = Field(..., title="外出事由", min_length=1, max_length=1000)
    start_on: dt.date = Field(..., title="外出起始日")
    end_on: dt.date = Field(..., title="外出截止日")
    kind: LeaveKind = Field(LeaveKind.TRIP, title="请假类别")
    requested_on: dt.date | None = Field(None, title="申请日期")


class LeaveReviewIn(Schema):
    agree: bool = Field(..., title="同意")
    opinion: str = Field(..., title="初审意见", min_length=1, max_length=500)


class LeaveDecisionIn(Schema):
    approve: bool = Field(..., title="批准")
    opinion: str = Field("", title="审批意见", max_length=500)
    decided_on: dt.date | None = Field(None, title="审批日期")


class SanctionIn(Schema):
    kind: SanctionKind = Field(..., title="奖惩类别")
    ground: str = Field(..., title="依据情形", min_length=1, max_length=30)
    facts: str = Field(..., title="事实", min_length=1, max_length=2000)
    proposed_on: dt.date | None = Field(None, title="提出日期")


class SanctionDecisionIn(Schema):
    approve: bool = Field(..., title="同意")
    decided_on: dt.date | None = Field(None, title="决定日期")
    document_no: str = Field("", title="文书编号", max_length=60)
    submitted_to: str = Field("", title="提请机关", max_length=100)
    note: str = Field("", title="说明", max_length=500)


class MissingIn(Schema):
    lost_on: dt.date = Field(..., title="失联日期")
    circumstances: str = Field(..., title="失联情况", min_length=1, max_length=2000)


class PoliceIn(Schema):
    requested_on: dt.date = Field(..., title="提请协查日期")
    station: str = Field(..., title="协查公安机关", min_length=1, max_length=100)


class FoundIn(Schema):
    found_on: dt.date = Field(..., title="查找到日期")
    found_how: str = Field(..., title="查找到情况", min_length=1, max_length=500)
    police_reply: str = Field("", title="公安协查情况", max_length=500)


class AbscondingCloseIn(Schema):
    closed_on: dt.date = Field(..., title="处理完毕日期")
    handling: str = Field(..., title="处理结果", min_length=1, max_length=500)


class ReleaseIn(Schema):
    org: str = Field(..., title="户籍地司法所代码", max_length=40)
    name: str = Field(..., title="姓名", min_length=1, max_length=50)
    id_number: str = Field(..., title="身份证号码", max_length=20)
    crime: str = Field(..., title="罪名", min_length=1, max_length=200)
    prison: str = Field(..., title="原服刑监所", min_length=1, max_length=100)
    release_on: dt.date = Field(..., title="释放日期")
    notice_received_on: dt.date | None = Field(None, title="收到释放通知书日期")
    key_person: bool = Field(False, title="重点帮教对象")
    sentence: str = Field("", title="原判刑罚", max_length=200)
    address: str = Field("", title="户籍地（居住地）", max_length=200)


class PickupIn(Schema):
    picked_up_on: dt.date = Field(..., title="接回日期")
    escorts: str = Field(..., title="接送人员", min_length=1, max_length=200)


class HelperIn(Schema):
    name: str = Field(..., title="姓名", min_length=1, max_length=50)
    role: str = Field(..., title="身份", min_length=1, max_length=15)
    unit: str = Field("", title="单位", max_length=100)
    phone: str = Field("", title="联系电话", max_length=20)


class LinkIn(Schema):
    linked_on: dt.date = Field(..., title="衔接日期")
    helpers: list[HelperIn] = Field([], title="帮教小组成员", max_length=20)


class SubjectFilter(FilterSchema):
    status: Annotated[SubjectStatus | None, FilterLookup("status")] = Field(None, title="状态")
    category: Annotated[Category | None, FilterLookup("category")] = Field(None, title="矫正类别")
    level: Annotated[Level | None, FilterLookup("level")] = Field(None, title="管理类别")
    period_end_before: Annotated[dt.date | None, FilterLookup("period_end__lte")] = Field(None, title="期满日不晚于")


class LeaveFilter(FilterSchema):
    status: Annotated[LeaveStatus | None, FilterLookup("status")] = Field(None, title="状态")
    subject: Annotated[int | None, FilterLookup("subject_id")] = Field(None, title="对象编号", ge=1)


class ReleaseFilter(FilterSchema):
    status: Annotated[ReleaseStatus | None, FilterLookup("status")] = Field(None, title="状态")
    key_person: Annotated[bool | None, FilterLookup("key_person")] = Field(None, title="重点帮教对象")


# --- lookups ---


def _subject(request, pk: int) -> Subject:
    return get_scoped_or_404(request, Subject, pk, select_related=("org", "worker"))


# --- 社区矫正对象 ---


@router.get("/subjects", response=Page[SubjectOut], summary="社区矫正对象列表")
def list_subjects(request, filters: Query[SubjectFilter], paging: Query[PageParams]):
    queryset = scoped(request, Subject).select_related("org").order_by("-period_start", "-id")
    return paginate(filters.filter(queryset), paging)


@router.get("/subjects/{int:pk}", response=SubjectDetailOut, summary="社区矫正对象详情（脱敏，读取留痕）")
def get_subject(request, pk: int):
    subject = _subject(request, pk)
    audited_read(request, subject, "社区矫正对象")
    return subject


@router.post("/subjects/{int:pk}/report-in", response=SubjectDetailOut, summary="报到接收")
def report_in(request, pk: int, payload: ReportInIn):
    return actions.record_report_in(writer(request), _subject(request, pk), reported_on=payload.reported_on)


@router.get("/subjects/{int:pk}/visits", response=Page[VisitOut], summary="走访记录")
def list_visits(request, pk: int, paging: Query[PageParams]):
    subject = _subject(request, pk)
    return paginate(scoped(request, FieldVisit).filter(subject=subject).order_by("-visited_on", "-id"), paging)


@router.post("/subjects/{int:pk}/visits", response={201: VisitOut}, summary="登记走访")
def add_visit(request, pk: int, payload: VisitIn):
    return Status(201, actions.record_visit(writer(request), _subject(request, pk), **payload.dict()))


@router.get("/subjects/{int:pk}/info-checks", response=Page[InfoCheckOut], summary="信息化核查记录")
def list_checks(request, pk: int, paging: Query[PageParams]):
    subject = _subject(request, pk)
    return paginate(scoped(request, InfoCheck).filter(subject=subject).order_by("-checked_on", "-id"), paging)


@router.post("/subjects/{int:pk}/info-checks", response={201: InfoCheckOut}, summary="登记信息化核查")
def add_check(request, pk: int, payload: InfoCheckIn):
    return Status(201, actions.record_info_check(writer(request), _subject(request, pk), **payload.dict()))


@router.post("/subjects/{int:pk}/leaves", response={201: LeaveOut}, summary="外出请假申请")
def request_leave(request, pk: int, payload: LeaveIn):
    return Status(201, actions.request_leave(writer(request), _subject(request, pk), **payload.dict()))


@router.post("/subjects/{int:pk}/sanctions", response={201: SanctionOut}, summary="提出考核奖惩")
def propose_sanction(request, pk: int, payload: SanctionIn):
    return Status(201, actions.propose_sanction(writer(request), _subject(request, pk), **payload.dict()))


@router.post("/subjects/{int:pk}/missing", response={201: AbscondingOut}, summary="登记失联")
def report_missing(request, pk: int, payload: MissingIn):
    return Status(201, actions.report_missing(writer(request), _subject(request, pk), **payload.dict()))


# --- 调查评估 ---


@router.get("/investigations", response=Page[InvestigationOut], summary="调查评估列表")
def list_investigations(request, paging: Query[PageParams], status: InvestigationStatus | None = None):
    queryset = scoped(request, Investigation).select_related("org").order_by("-received_on", "-id")
    if status:
        queryset = queryset.filter(status=status)
    return paginate(queryset, paging)


@router.get("/investigations/{int:pk}", response=InvestigationOut, summary="调查评估详情")
def get_investigation(request, pk: int):
    return get_scoped_or_404(request, Investigation, pk, select_related=("org",))


@router.post("/investigations", response={201: InvestigationOut}, summary="登记调查评估委托")
def commission(request, payload: InvestigationIn):
    user = writer(request)
    org = org_in_scope(request, payload.org)
    return Status(201, actions.commission_investigation(user, org=org, **payload.dict(exclude={"org"})))


@router.post("/investigations/{int:pk}/opinion", response=InvestigationOut, summary="出具调查评估意见")
def complete_investigation(request, pk: int, payload: OpinionIn):
    inv = get_scoped_or_404(request, Investigation, pk)
    return actions.complete_investigation(writer(request), inv, **payload.dict())


# --- 外出请假 ---


@router.get("/leaves", response=Page[LeaveOut], summary="外出请假列表")
def list_leaves(request, filters: Query[LeaveFilter], paging: Query[PageParams]):
    queryset = scoped(request, LeaveRequest).select_related("org").order_by("-requested_on", "-id")
    return paginate(filters.filter(queryset), paging)


@router.get("/leaves/{int:pk}", response=LeaveOut, summary="外出请假详情")
def get_leave(request, pk: int):
    return get_scoped_or_404(request, LeaveRequest, pk, select_related=("org",))


@router.post("/leaves/{int:pk}/review", response=LeaveOut, summary="外出请假司法所初审（7日以上）")
def review_leave(request, pk: int, payload: LeaveReviewIn):
    leave = get_scoped_or_404(request, LeaveRequest, pk)
    return actions.review_leave(writer(request), leave, **payload.dict())


@router.post("/leaves/{int:pk}/decide", response=LeaveOut, summary="外出请假审批")
def decide_leave(request, pk: int, payload: LeaveDecisionIn):
    leave = get_scoped_or_404(request, LeaveRequest, pk)
    return actions.decide_leave(writer(request), leave, **payload.dict())


# --- 考核奖惩 ---


@router.get("/sanctions", response=Page[SanctionOut], summary="考核奖惩列表")
def list_sanctions(request, paging: Query[PageParams], status: SanctionStatus | None = None):
    queryset = scoped(request, RewardSanction).select_related("org").order_by("-proposed_on", "-id")
    if status:
        queryset = queryset.filter(status=status)
    return paginate(queryset, paging)


@router.get("/sanctions/{int:pk}", response=SanctionOut, summary="考核奖惩详情")
def get_sanction(request, pk: int):
    return get_scoped_or_404(request, RewardSanction, pk, select_related=("org",))


@router.post("/sanctions/{int:pk}/decide", response=SanctionOut, summary="考核奖惩决定（县级）")
def decide_sanction(request, pk: int, payload: SanctionDecisionIn):
    sanction = get_scoped_or_404(request, RewardSanction, pk)
    return actions.decide_sanction(writer(request), sanction, **payload.dict())


# --- 失联 ---


@router.get("/abscondings", response=Page[AbscondingOut], summary="失联记录列表")
def list_abscondings(request, paging: Query[PageParams]):
    return paginate(scoped(request, Absconding).select_related("org").order_by("-lost_on", "-id"), paging)


@router.get("/abscondings/{int:pk}", response=AbscondingOut, summary="失联记录详情")
def get_absconding(request, pk: int):
    return get_scoped_or_404(request, Absconding, pk, select_related=("org",))


@router.post("/abscondings/{int:pk}/police", response=AbscondingOut, summary="提请公安机关协查（警矫联动）")
def request_police(request, pk: int, payload: PoliceIn):
    case = get_scoped_or_404(request, Absconding, pk)
    return actions.request_police(writer(request), case, **payload.dict())


@router.post("/abscondings/{int:pk}/found", response=AbscondingOut, summary="登记查找到")
def record_found(request, pk: int, payload: FoundIn):
    case = get_scoped_or_404(request, Absconding, pk)
    return actions.record_found(writer(request), case, **payload.dict())


@router.post("/abscondings/{int:pk}/close", response=AbscondingOut, summary="失联记录办结")
def close_absconding(request, pk: int, payload: AbscondingCloseIn):
    case = get_scoped_or_404(request, Absconding, pk)
    return actions.close_absconding(writer(request), case, **payload.dict())


# --- 安置帮教 ---


def _release(request, pk: int) -> ReleasedPerson:
    return get_scoped_or_404(request, ReleasedPerson, pk, select_related=("org",))


@router.get("/releases", response=Page[ReleaseOut], summary="刑满释放人员列表")
def list_releases(request, filters: Query[ReleaseFilter], paging: Query[PageParams]):
    queryset = scoped(request, ReleasedPerson).select_related("org").order_by("-release_on", "-id")
    return paginate(filters.filter(queryset), paging)


@router.get("/releases/{int:pk}", response=ReleaseOut, summary="刑满释放人员详情（脱敏，读取留痕）")
def get_release(request, pk: int):
    person = _release(request, pk)
    audited_read(request, person, "刑满释放人员")
    return person


@router.post("/releases", response={201: ReleaseOut}, summary="登记刑满释放人员（释放通知）")
def register_release(request, payload: ReleaseIn):
    user = writer(request)
    org = org_in_scope(request, payload.org)
    return Status(201, aftercare.register_release(user, org=org, **payload.dict(exclude={"org"})))


@router.post("/releases/{int:pk}/pickup", response=ReleaseOut, summary="必接必送")
def pickup(request, pk: int, payload: PickupIn):
    return aftercare.record_pickup(writer(request), _release(request, pk), **payload.dict())


@router.post("/releases/{int:pk}/link", response=ReleaseOut, summary="衔接建档（帮教小组）")
def link(request, pk: int, payload: LinkIn):
    helpers = [h.dict() for h in payload.helpers]
    return aftercare.link(writer(request), _release(request, pk), linked_on=payload.linked_on, helpers=helpers)
