"""/api/v1/litigation/: lawsuits through the same scope and actions as the pages (a court's 应诉通知 system or
the county government's 法律顾问 tools register lawsuits and record hearings and judgments)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, FilterLookup, FilterSchema, Query, Router, Status

from sifa.api.common import RecordOut, StepOut, offered_steps, org_in_scope, referenced, writer
from sifa.api.contract import Schema
from sifa.api.pagination import Page, PageParams, paginate
from sifa.api.scope import get_scoped_or_404, scoped
from sifa.reconsideration.models import Agency

from . import actions
from .models import HeadPost, Lawsuit, Level, Outcome
from .models import Status as SuitStatus

router = Router(tags=["行政应诉"])
prefix = "litigation"


class LawsuitOut(RecordOut):
    id: int
    number: str = Field(..., title="案号")
    level: Level = Field(..., title="审级")
    court: str = Field(..., title="受理法院")
    status: SuitStatus = Field(..., title="状态")
    agency: str = Field(..., title="被告")
    filed_on: dt.date = Field(..., title="立案日期")
    answer_due: dt.date = Field(..., title="答辩期限")
    first_hearing_on: dt.date | None = Field(None, title="首次开庭日期")
    head_appeared: bool = Field(..., title="负责人出庭应诉")
    closed_on: dt.date | None = Field(None, title="审结日期")
    outcome: str = Field(..., title="裁判结果")
    lost: bool = Field(..., title="败诉")

    @staticmethod
    def resolve_agency(obj):
        return obj.agency.name


class LawsuitDetailOut(LawsuitOut):
    steps: list[StepOut] = Field(..., title="当前可办理的步骤")

    resolve_steps = staticmethod(offered_steps)


class LawsuitIn(Schema):
    org: str = Field(..., title="登记机构代码", max_length=40)
    number: str = Field(..., title="案号", min_length=1, max_length=80)
    level: Level = Field(Level.FIRST, title="审级")
    court: str = Field(..., title="受理法院", min_length=1, max_length=100)
    plaintiff: str = Field(..., title="原告", min_length=1, max_length=200)
    cause: str = Field(..., title="案由", min_length=1, max_length=200)
    agency: int = Field(..., title="被告（行政机关编号）", ge=1)
    filed_on: dt.date = Field(..., title="立案日期")
    notice_received_on: dt.date = Field(..., title="收到应诉通知日期")


class AnswerIn(Schema):
    answered_on: dt.date = Field(..., title="提交答辩状日期")


class HearingIn(Schema):
    held_on: dt.date = Field(..., title="开庭日期")
    head_present: bool = Field(False, title="负责人出庭")
    head_name: str = Field("", title="出庭负责人", max_length=50)
    head_post: HeadPost | None = Field(None, title="职务")


class CloseIn(Schema):
    outcome: Outcome = Field(..., title="裁判结果")
    closed_on: dt.date = Field(..., title="审结日期")


class LawsuitFilter(FilterSchema):
    status: Annotated[SuitStatus | None, FilterLookup("status")] = Field(None, title="状态")
    level: Annotated[Level | None, FilterLookup("level")] = Field(None, title="审级")


def _suit(request, pk: int) -> Lawsuit:
    return get_scoped_or_404(request, Lawsuit, pk, select_related=("org", "agency"))


@router.get("/lawsuits", response=Page[LawsuitOut], summary="行政诉讼案件列表")
def list_lawsuits(request, filters: Query[LawsuitFilter], paging: Query[PageParams]):
    return paginate(filters.filter(scoped(request, Lawsuit).select_related("org", "agency")
                                   .order_by("-filed_on", "-id")), paging)


@router.get("/lawsuits/{int:pk}", response=LawsuitDetailOut, summary="行政诉讼案件详情")
def get_lawsuit(request, pk: int):
    return _suit(request, pk)


@router.post("/lawsuits", response={201: LawsuitDetailOut}, summary="登记行政诉讼案件")
def create_lawsuit(request, payload: LawsuitIn):
    user = writer(request)
    org = org_in_scope(request, payload.org)
    agency = referenced(request, Agency, payload.agency, "被告", field="agency")
    return Status(201, actions.register(user, org=org, agency=agency, **payload.dict(exclude={"org", "agency"})))


@router.post("/lawsuits/{int:pk}/answer", response=LawsuitDetailOut, summary="提交答辩状")
def answer(request, pk: int, payload: AnswerIn):
    actions.answer(writer(request), _suit(request, pk), **payload.dict())
    return _suit(request, pk)


@router.post("/lawsuits/{int:pk}/hearings", response={201: LawsuitDetailOut}, summary="登记开庭")
def add_hearing(request, pk: int, payload: HearingIn):
    data = payload.dict()
    data["head_post"] = data["head_post"] or ""
    actions.record_hearing(writer(request), _suit(request, pk), **data)
    return Status(201, _suit(request, pk))


@router.post("/lawsuits/{int:pk}/close", response=LawsuitDetailOut, summary="登记裁判结果")
def close(request, pk: int, payload: CloseIn):
    actions.close(writer(request), _suit(request, pk), **payload.dict())
    return _suit(request, pk)
