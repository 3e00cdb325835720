"""/api/v1/notary/: 公证 — the item list with its fee schedule, the fee a matter will cost, matters received by
type, and completion (出证) within the fifteen working days of 《公证法》第三十条 — through the same scope and
actions as the pages. Applicants' ID numbers and mobiles are returned masked.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Field, FilterLookup, FilterSchema, Query, Router, Status

from sifa.api.common import RecordOut, StepOut, masked, offered_steps, org_in_scope, referenced, writer
from sifa.api.contract import Schema
from sifa.api.pagination import Page, PageParams, paginate
from sifa.api.scope import get_scoped_or_404, scoped

from . import actions
from .models import Category, Channel, NotaryItem, NotaryMatter
from .models import Status as MatterStatus

router = Router(tags=["公证"])
prefix = "notary"


class TierOut(Schema):
    upper_bound: Decimal | None = Field(None, title="标的额上限（元）")
    rate_permille: Decimal = Field(..., title="费率（‰）")


class ItemOut(RecordOut):
    id: int
    name: str = Field(..., title="公证事项")
    category: Category = Field(..., title="事项类别")
    one_visit: bool = Field(..., title="最多跑一次")
    online: bool = Field(..., title="可网上申请")
    base_fee: Decimal = Field(..., title="基本收费（元/件）")
    copy_fee: Decimal = Field(..., title="每增加一份副本（元）")
    value_based: bool = Field(..., title="按标的额收费")
    min_fee: Decimal = Field(..., title="最低收费（元）")
    tiers: list[TierOut] = Field(..., title="费率分档")
    materials: str = Field(..., title="所需材料")
    effective_from: dt.date = Field(..., title="列入事项清单日期")
    withdrawn_on: dt.date | None = Field(None, title="停办日期")
    org: str = Field(..., title="公证机构代码")

    @staticmethod
    def resolve_tiers(obj):
        return list(obj.tiers.all())


class FeeOut(Schema):
    item: int = Field(..., title="公证事项编号")
    copies: int = Field(..., title="公证书份数")
    subject_value: Decimal | None = Field(None, title="标的额（元）")
    fee: Decimal = Field(..., title="公证费（元）")


class MatterOut(RecordOut):
    id: int
    number: str = Field(..., title="公证书编号")
    item: int = Field(..., title="公证事项编号", alias="item_id")
    item_name: str = Field(..., title="公证事项")
    category: Category = Field(..., title="事项类别")
    one_visit: bool = Field(..., title="最多跑一次事项")
    channel: Channel = Field(..., title="受理渠道")
    foreign: bool = Field(..., title="涉外")
    applicant_name: str = Field(..., title="申请人")
    applicant_id: str = Field(..., title="申请人证件号码（脱敏）")
    applicant_mobile: str = Field(..., title="联系电话（脱敏）")
    copies: int = Field(..., title="公证书份数")
    subject_value: Decimal | None = Field(None, title="标的额（元）")
    fee: Decimal | None = Field(None, title="公证费（元）")
    status: MatterStatus = Field(..., title="状态")
    status_label: str = Field(..., title="状态名称")
    applied_on: dt.date = Field(..., title="申请日期")
    accepted_on: dt.date | None = Field(None, title="受理日期")
    due_on: dt.date | None = Field(None, title="出证期限")
    issued_on: dt.date | None = Field(None, title="出证日期")
    on_time: bool | None = Field(None, title="按期出证")
    notary: str = Field(..., title="承办公证员")
    org: str = Field(..., title="公证机构代码")

    @staticmethod
    def resolve_item_name(obj):
        return obj.item.name

    @staticmethod
    def resolve_applicant_id(obj):
        return masked(obj, "applicant_id")

    @staticmethod
    def resolve_applicant_mobile(obj):
        return masked(obj, "applicant_mobile")

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()


class MatterDetailOut(MatterOut):
    steps: list[StepOut] = Field(..., title="当前可办理的步骤")

    resolve_steps = staticmethod(offered_steps)


class FeeIn(Schema):
    item: int = Field(..., title="公证事项编号", ge=1)
    copies: int = Field(1, title="公证书份数", ge=1, le=999)
    subject_value: Decimal | None = Field(None, title="标的额（元）", ge=0, max_digits=16, decimal_places=2)


class MatterIn(Schema):
    org: str = Field(..., title="公证机构代码", max_length=40)
    item: int = Field(..., title="公证事项编号", ge=1)
    channel: Channel = Field(Channel.WINDOW, title="受理渠道")
    applied_on: dt.date | None = Field(None, title="申请日期（默认受理日期）")
    accepted_on: dt.date = Field(..., title="受理日期")
    notary: str = Field(..., title="承办公证员", min_length=1, max_length=50)
    applicant_name: str = Field(..., title="申请人", min_length=1, max_length=100)
    applicant_id: str = Field(..., title="申请人证件号码", max_length=20)
    applicant_mobile: str = Field("", title="联系电话", max_length=20)
    copies: int = Field(1, title="公证书份数", ge=1, le=999)
    subject_value: Decimal | None = Field(None, title="标的额（元）", ge=0, max_digits=16, decimal_places=2)
    foreign: bool = Field(False, title="涉外（涉港澳台）")
    use_place: str = Field("", title="使用地", max_length=100)
    purpose: str = Field("", title="用途", max_length=200)
    green_channel: bool = Field(False, title="绿色通道")


class IssueIn(Schema):
    issued_on: dt.date = Field(..., title="出证日期")
    late_reason: str = Field("", title="逾期原因", max_length=2000)
    visits: int | None = Field(None, title="到场次数", ge=1, le=99)


class MatterFilter(FilterSchema):
    status: Annotated[MatterStatus | None, FilterLookup("status")] = Field(None, title="状态")
    category: Annotated[Category | None, FilterLookup("category")] = Field(None, title="事项类别")
    item: Annotated[int | None, FilterLookup("item_id")] = Field(None, title="公证事项编号", ge=1)
    channel: Annotated[Channel | None, FilterLookup("channel")] = Field(None, title="受理渠道")
    accepted_from: Annotated[dt.date | None, FilterLookup("accepted_on__gte")] = Field(None, title="受理日期起")
    accepted_to: Annotated[dt.date | None, FilterLookup("accepted_on__lte")] = Field(None, title="受理日期止")


def _matter(request, pk: int) -> NotaryMatter:
    return get_scoped_or_404(request, NotaryMatter, pk, select_related=("org", "item"))


@router.get("/items", response=Page[ItemOut], summary="公证事项清单与收费标准")
def list_items(request, paging: Query[PageParams], one_visit: bool | None = None):
    queryset = scoped(request, NotaryItem).select_related("org").prefetch_related("tiers").order_by("category", "name")
    if one_visit is not None:
        queryset = queryset.filter(one_visit=one_visit)
    return paginate(queryset, paging)


@router.get("/items/{int:pk}", response=ItemOut, summary="公证事项详情")
def get_item(request, pk: int):
    return get_scoped_or_404(request, NotaryItem, pk, select_related=("org",))


@router.post("/fee", response=FeeOut, summary="计算公证费", description="按事项的收费标准计算，不登记任何记录。")
def fee(request, payload: FeeIn):
    item = referenced(request, NotaryItem, payload.item, "公证事项", field="item")
    amount = actions.compute_fee(item, payload.copies, payload.subject_value)
    return {"item": item.pk, "copies": payload.copies, "subject_value": payload.subject_value, "fee": amount}


@router.get("/matters", response=Page[MatterOut], summary="公证事项办理列表")
def list_matters(request, filters: Query[MatterFilter], paging: Query[PageParams]):
    queryset = scoped(request, NotaryMatter).select_related("org", "item").order_by("-applied_on", "-id")
    return paginate(filters.filter(queryset), paging)


@router.get("/matters/{int:pk}", response=MatterDetailOut, summary="公证事项办理详情")
def get_matter(request, pk: int):
    return _matter(request, pk)


@router.post("/matters", response={201: MatterDetailOut}, summary="受理公证", description="公证费按收费标准计算。")
def create_matter(request, payload: MatterIn):
    user = writer(request)
    org = org_in_scope(request, payload.org)
    item = referenced(request, NotaryItem, payload.item, "公证事项", field="item")
    fields = payload.dict(exclude={"org", "item"})
    if fields["applied_on"] is None:
        fields.pop("applied_on")
    return Status(201, actions.register_matter(user, org=org, item=item, **fields))


@router.post("/matters/{int:pk}/issue", response=MatterDetailOut, summary="出具公证书（办结）",
             description="超过十五个工作日（扣除中止期间）的须填写逾期原因。")
def issue(request, pk: int, payload: IssueIn):
    return actions.issue(writer(request), _matter(request, pk), **payload.dict())
