"""/api/v1/legality/: review items, their machine findings and the normative documents, with the same scope and
actions as the pages (a provincial 合法性审查 platform or a county's OA system submits and reads)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Annotated

from ninja import Field, FilterLookup, FilterSchema, Query, Router, Status

from sifa.api.common import RecordOut, StepOut, offered_steps, org_in_scope, referenced, writer
from sifa.api.contract import Schema
from sifa.api.errors import ApiError
from sifa.api.pagination import Page, PageParams, paginate
from sifa.api.scope import get_scoped_or_404, scoped
from sifa.reconsideration.models import Agency

from . import actions
from .models import Adoption, DocKind, FindingStatus, ItemStatus, ItemType, NormativeDoc, Opinion, ReviewItem

router = Router(tags=["合法性审查"])
prefix = "legality"


class FindingOut(Schema):
    id: int
    kind: str = Field(..., title="类型")
    sentence: str = Field(..., title="原文")
    reason: str = Field(..., title="理由")
    article: str = Field(..., title="相关条文（法规简称+条号）")
    status: FindingStatus = Field(..., title="判断")


class ItemOut(RecordOut):
    id: int
    title: str = Field(..., title="送审事项名称")
    item_type: ItemType = Field(..., title="类型")
    submitter: str = Field(..., title="送审单位")
    status: ItemStatus = Field(..., title="状态")
    submitted_on: dt.date = Field(..., title="送审日期")
    received_on: dt.date | None = Field(None, title="受理日期")
    review_due: dt.date | None = Field(None, title="审查期限")
    opinion: str = Field(..., title="审查意见")
    opinion_number: str = Field(..., title="意见书编号")
    opinion_on: dt.date | None = Field(None, title="意见日期")
    adoption: str = Field(..., title="采纳情况")


class ItemDetailOut(ItemOut):
    findings: list[FindingOut] = Field(..., title="机审提示")
    steps: list[StepOut] = Field(..., title="当前可办理的步骤")

    resolve_steps = staticmethod(offered_steps)

    @staticmethod
    def resolve_findings(obj):
        return [f for d in obj.drafts.all() for f in d.findings.all()]


class ItemIn(Schema):
    org: str = Field(..., title="送审（审查）机构代码", max_length=40)
    title: str = Field(..., title="送审事项名称", min_length=1, max_length=200)
    item_type: ItemType = Field(..., title="类型")
    submitted_on: dt.date = Field(..., title="送审日期")
    agency: int | None = Field(None, title="送审机关（行政机关编号；乡镇送审不填）", ge=1)
    basis: str = Field("", title="制定依据", max_length=5000)


class DraftIn(Schema):
    file_name: str = Field(..., title="文件名（.docx/.pdf/.txt）", min_length=1, max_length=200)
    content_base64: str = Field(..., title="文件内容（Base64）", min_length=1, max_length=28_000_000)


class AcceptIn(Schema):
    received_on: dt.date = Field(..., title="受理日期")
    reviewer_name: str = Field("", title="审查人", max_length=50)


class DecideFindingIn(Schema):
    accepted: bool = Field(..., title="采纳")
    note: str = Field("", title="说明（不采纳时必填）", max_length=500)


class OpinionIn(Schema):
    opinion: Opinion = Field(..., title="审查意见")
    reasons: str = Field(..., title="意见理由", min_length=1, max_length=20000)
    opinion_on: dt.date = Field(..., title="意见日期")


class AdoptionIn(Schema):
    adoption: Adoption = Field(..., title="采纳情况")
    adoption_on: dt.date = Field(..., title="登记日期")
    note: str = Field("", title="说明", max_length=5000)


class DocOut(RecordOut):
    id: int
    kind: DocKind = Field(..., title="文件类别")
    title: str = Field(..., title="文件名称")
    issuer: str = Field(..., title="制定机关")
    registration_number: str = Field(..., title="登记号")
    published_on: dt.date = Field(..., title="公布日期")
    filing_due: dt.date = Field(..., title="报备期限")
    filed_on: dt.date | None = Field(None, title="报备日期")
    conclusion: str = Field(..., title="备案审查结论")
    validity: str = Field(..., title="清理状态")


class ItemFilter(FilterSchema):
    status: Annotated[ItemStatus | None, FilterLookup("status")] = Field(None, title="状态")
    item_type: Annotated[ItemType | None, FilterLookup("item_type")] = Field(None, title="类型")


def _item(request, pk: int) -> ReviewItem:
    return get_scoped_or_404(request, ReviewItem, pk, select_related=("org", "agency", "township"))


@router.get("/items", response=Page[ItemOut], summary="合法性审查事项列表")
def list_items(request, filters: Query[ItemFilter], paging: Query[PageParams]):
    return paginate(filters.filter(scoped(request, ReviewItem).select_related("org", "agency", "township")
                                   .order_by("-submitted_on", "-id")), paging)


@router.get("/items/{int:pk}", response=ItemDetailOut, summary="合法性审查事项详情（含机审提示）")
def get_item(request, pk: int):
    return _item(request, pk)


@router.post("/items", response={201: ItemDetailOut}, summary="送审")
def create_item(request, payload: ItemIn):
    user = writer(request)
    org = org_in_scope(request, payload.org)
    agency = referenced(request, Agency, payload.agency, "送审机关", field="agency")
    return Status(201, actions.submit(user, org=org, agency=agency, **payload.dict(exclude={"org", "agency"})))


@router.post("/items/{int:pk}/drafts", response=ItemDetailOut, summary="上传送审文本并机审")
def add_draft(request, pk: int, payload: DraftIn):
    user = writer(request)
    try:
        data = base64.b64decode(payload.content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(422, "invalid_file", "文件内容不是有效的Base64编码。")
    actions.add_draft(user, _item(request, pk), file_name=payload.file_name, data=data)
    return _item(request, pk)


def _step(request, pk: int, action, payload: Schema) -> ReviewItem:
    user = writer(request)
    action(user, _item(request, pk), **payload.dict())
    return _item(request, pk)


@router.post("/items/{int:pk}/accept", response=ItemDetailOut, summary="受理")
def accept(request, pk: int, payload: AcceptIn):
    return _step(request, pk, actions.accept, payload)


@router.post("/items/{int:pk}/findings/{int:finding}", response=ItemDetailOut, summary="判断机审提示")
def decide_finding(request, pk: int, finding: int, payload: DecideFindingIn):
    user = writer(request)
    item = _item(request, pk)
    record = next((f for d in item.drafts.all() for f in d.findings.all() if f.pk == finding), None)
    if record is None:
        raise ApiError(404, "not_found", "没有这条机审提示。")
    actions.decide_finding(user, record, **payload.dict())
    return _item(request, pk)


@router.post("/items/{int:pk}/opinion", response=ItemDetailOut, summary="出具审查意见")
def opinion(request, pk: int, payload: OpinionIn):
    return _step(request, pk, actions.issue_opinion, payload)


@router.post("/items/{int:pk}/adoption", response=ItemDetailOut, summary="登记采纳情况")
def adoption(request, pk: int, payload: AdoptionIn):
    return _step(request, pk, actions.record_adoption, payload)


@router.get("/documents", response=Page[DocOut], summary="规范性文件（三统一、报备、清理）")
def list_documents(request, paging: Query[PageParams]):
    return paginate(scoped(request, NormativeDoc).select_related("org").order_by("-published_on", "-id"), paging)


@router.get("/documents/{int:pk}", response=DocOut, summary="规范性文件详情")
def get_document(request, pk: int):
    return get_scoped_or_404(request, NormativeDoc, pk, select_related=("org",))
