"""/api/v1/publicity/: activities, media posts and 法律明白人 through the same scope and actions as the pages (a
township's own 普法 app or the county's 新媒体 matrix reports events and posts here)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, FilterLookup, FilterSchema, Query, Router, Status

from sifa.api.common import RecordOut, writer
from sifa.api.contract import Schema
from sifa.api.pagination import Page, PageParams, paginate
from sifa.api.scope import get_scoped_or_404, scoped

from . import actions
from .models import (
    Activity,
    Audience,
    Backbone,
    BackboneKind,
    BackboneSource,
    Form,
    MediaPost,
    Platform,
    Topic,
)

router = Router(tags=["普法与依法治理"])
prefix = "publicity"


class ActivityOut(RecordOut):
    id: int
    held_on: dt.date = Field(..., title="活动日期")
    title: str = Field(..., title="活动名称")
    form: Form = Field(..., title="活动形式")
    topic: Topic = Field(..., title="普法主题")
    audience: Audience = Field(..., title="对象")
    village: str | None = Field(None, title="村（社区）区划代码")
    organiser: str = Field(..., title="责任单位")
    attendance: int = Field(..., title="受众人次")
    materials: int = Field(..., title="发放资料（份）")
    giveaways: int = Field(..., title="发放宣传品（件）")
    banners: int = Field(..., title="悬挂标语（条）")
    boards: int = Field(..., title="展板板报（块）")
    consultations: int = Field(..., title="现场咨询（人次）")

    @staticmethod
    def resolve_village(obj):
        return obj.village_id


class ActivityIn(Schema):
    held_on: dt.date = Field(..., title="活动日期")
    title: str = Field(..., title="活动名称", min_length=1, max_length=200)
    form: Form = Field(..., title="活动形式")
    topic: Topic = Field(..., title="普法主题")
    audience: Audience = Field(Audience.PUBLIC, title="对象")
    village: str | None = Field(None, title="村（社区）区划代码", max_length=12)
    place: str = Field("", title="活动地点", max_length=200)
    organiser: str = Field(..., title="责任单位", min_length=1, max_length=100)
    attendance: int = Field(0, title="受众人次", ge=0)
    materials: int = Field(0, title="发放资料（份）", ge=0)
    giveaways: int = Field(0, title="发放宣传品（件）", ge=0)
    banners: int = Field(0, title="悬挂标语（条）", ge=0)
    boards: int = Field(0, title="展板板报（块）", ge=0)
    consultations: int = Field(0, title="现场咨询（人次）", ge=0)


class ActivityFilter(FilterSchema):
    form: Annotated[Form | None, FilterLookup("form")] = Field(None, title="活动形式")
    held_from: Annotated[dt.date | None, FilterLookup("held_on__gte")] = Field(None, title="起始日期")
    held_to: Annotated[dt.date | None, FilterLookup("held_on__lte")] = Field(None, title="截止日期")


class PostOut(RecordOut):
    id: int
    published_on: dt.date = Field(..., title="发布日期")
    platform: Platform = Field(..., title="平台")
    account: str = Field(..., title="账号名称")
    title: str = Field(..., title="标题")
    posts: int = Field(..., title="篇数")


class PostIn(Schema):
    published_on: dt.date = Field(..., title="发布日期")
    platform: Platform = Field(..., title="平台")
    account: str = Field(..., title="账号名称", min_length=1, max_length=100)
    title: str = Field(..., title="标题", min_length=1, max_length=200)
    topic: Topic = Field(Topic.OTHER, title="普法主题")
    posts: int = Field(1, title="篇数", ge=1, le=10000)


class BackboneOut(RecordOut):
    id: int
    kind: BackboneKind = Field(..., title="类别")
    name: str = Field(..., title="姓名")
    village: str = Field(..., title="村（社区）区划代码")
    source: BackboneSource = Field(..., title="人员来源")
    training_hours: int = Field(..., title="培训学时")
    registered_on: dt.date = Field(..., title="登记日期")
    left_on: dt.date | None = Field(None, title="退出日期")

    @staticmethod
    def resolve_village(obj):
        return obj.village_id


class BackboneIn(Schema):
    kind: BackboneKind = Field(..., title="类别")
    name: str = Field(..., title="姓名", min_length=1, max_length=50)
    id_number: str = Field(..., title="身份证号", min_length=15, max_length=18)
    mobile: str = Field("", title="手机号码", max_length=20)
    village: str = Field(..., title="村（社区）区划代码", min_length=12, max_length=12)
    source: BackboneSource = Field(..., title="人员来源")
    training_hours: int = Field(0, title="培训学时", ge=0, le=500)
    registered_on: dt.date = Field(..., title="登记日期")


@router.get("/activities", response=Page[ActivityOut], summary="普法活动列表")
def list_activities(request, filters: Query[ActivityFilter], paging: Query[PageParams]):
    return paginate(filters.filter(scoped(request, Activity).select_related("org").order_by("-held_on", "-id")), paging)


@router.get("/activities/{int:pk}", response=ActivityOut, summary="普法活动详情")
def get_activity(request, pk: int):
    return get_scoped_or_404(request, Activity, pk, select_related=("org",))


@router.post("/activities", response={201: ActivityOut}, summary="登记普法活动")
def create_activity(request, payload: ActivityIn):
    return Status(201, actions.record_activity(writer(request), **payload.dict()))


@router.get("/posts", response=Page[PostOut], summary="新媒体普法信息列表")
def list_posts(request, paging: Query[PageParams]):
    return paginate(scoped(request, MediaPost).select_related("org").order_by("-published_on", "-id"), paging)


@router.post("/posts", response={201: PostOut}, summary="登记新媒体普法信息")
def create_post(request, payload: PostIn):
    return Status(201, actions.record_post(writer(request), **payload.dict()))


@router.get("/backbones", response=Page[BackboneOut], summary="法律明白人与法治带头人列表")
def list_backbones(request, paging: Query[PageParams]):
    return paginate(scoped(request, Backbone).select_related("org").order_by("village_id", "id"), paging)


@router.post("/backbones", response={201: BackboneOut}, summary="登记法律明白人（法治带头人）")
def create_backbone(request, payload: BackboneIn):
    return Status(201, actions.register_backbone(writer(request), **payload.dict()))
