"""The org tree as the caller sees it: their own unit and everything under it. Creating and changing units
needs the manage_orgs capability and goes through sifa.core.actions; code, path and division of an existing
unit are never taken from the request."""

from typing import Annotated

from django.db import transaction
from django.http import Http404
from ninja import Field, FilterLookup, FilterSchema, Query, Router

from sifa.core import actions
from sifa.core.models import Division, OrgKind, OrgUnit

from ..auth import acting_user
from ..contract import Schema
from ..errors import field_error
from ..pagination import Page, PageParams, paginate
from ..scope import get_scoped_or_404, require_capability, scoped

router = Router(tags=["机构"])

TEXT_FIELDS = ("credit_code", "address", "phone")


class OrgOut(Schema):
    id: int
    code: str = Field(..., title="机构代码")
    name: str = Field(..., title="机构名称")
    kind: str = Field(..., title="机构类型")
    kind_label: str = Field(..., title="机构类型名称")
    division: str = Field(..., title="所在区划代码")
    parent: int | None = Field(None, title="上级机构编号")
    path: str = Field(..., title="树路径")
    credit_code: str = Field(..., title="统一社会信用代码")
    address: str = Field(..., title="地址")
    phone: str = Field(..., title="联系电话")
    active: bool = Field(..., title="在用")

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_division(obj):
        return obj.division_id

    @staticmethod
    def resolve_parent(obj):
        return obj.parent_id


class OrgCreate(Schema):
    code: str = Field(..., title="机构代码", min_length=1, max_length=40, pattern=r"^[0-9A-Za-z_-]+$")
    name: str = Field(..., title="机构名称", min_length=1, max_length=100)
    kind: OrgKind = Field(..., title="机构类型")
    division: str = Field(..., title="所在区划代码", min_length=2, max_length=12)
    parent: int = Field(..., title="上级机构编号", ge=1)
    credit_code: str = Field("", title="统一社会信用代码", max_length=18)
    address: str = Field("", title="地址", max_length=200)
    phone: str = Field("", title="联系电话", max_length=30)


class OrgUpdate(Schema):
    name: str | None = Field(None, title="机构名称", min_length=1, max_length=100)
    kind: OrgKind | None = Field(None, title="机构类型")
    parent: int | None = Field(None, title="上级机构编号", ge=1)
    credit_code: str | None = Field(None, title="统一社会信用代码", max_length=18)
    address: str | None = Field(None, title="地址", max_length=200)
    phone: str | None = Field(None, title="联系电话", max_length=30)
    active: bool | None = Field(None, title="在用")


class OrgFilter(FilterSchema):
    parent: Annotated[int | None, FilterLookup("parent_id")] = Field(None, title="上级机构编号", ge=1)
    kind: Annotated[OrgKind | None, FilterLookup("kind")] = Field(None, title="机构类型")
    active: Annotated[bool | None, FilterLookup("active")] = Field(None, title="在用")
    q: Annotated[str | None, FilterLookup(["name__icontains", "code__icontains"])] = Field(
        None, title="关键词", max_length=50)


def _parent_in_scope(request, parent_id: int) -> OrgUnit:
    try:
        return get_scoped_or_404(request, OrgUnit, parent_id)
    except Http404:
        raise field_error("parent", "上级机构不存在，或不在您的管辖范围内。")


@router.get("", response=Page[OrgOut], summary="机构列表", description="本人所属机构及其下级机构。")
def list_orgs(request, filters: Query[OrgFilter], paging: Query[PageParams]):
    return paginate(filters.filter(scoped(request, OrgUnit)).order_by("path"), paging)


@router.get("/{int:id}", response=OrgOut, summary="机构详情")
def get_org(request, id: int):
    return get_scoped_or_404(request, OrgUnit, id)


@router.post("", response={201: OrgOut}, summary="新建机构", description="需要“机构管理”权限；上级机构须在本人管辖范围内。")
def create_org(request, payload: OrgCreate):
    require_capability(request, "manage_orgs")
    parent = _parent_in_scope(request, payload.parent)
    division = Division.objects.filter(code=payload.division).first()
    if division is None:
        raise field_error("division", "区划代码不存在。", "所在区划代码")
    return actions.create_org_unit(
        acting_user(request), code=payload.code.strip(), name=payload.name.strip(), kind=payload.kind,
        division=division, parent=parent, credit_code=payload.credit_code.strip(),
        address=payload.address.strip(), phone=payload.phone.strip())


@router.patch("/{int:id}", response=OrgOut, summary="修改机构",
              description="只接受名称、类型、上级机构、统一社会信用代码、地址、电话、在用状态；其他字段一律忽略。")
def update_org(request, id: int, payload: OrgUpdate):
    require_capability(request, "manage_orgs")
    org = get_scoped_or_404(request, OrgUnit, id)
    changes = payload.dict(exclude_unset=True)
    if "parent" in changes:
        if changes["parent"] is None:
            raise field_error("parent", "不能取消上级机构。", "上级机构编号")
        changes["parent"] = _parent_in_scope(request, changes["parent"])
    for field in ("name", "kind", "active"):
        if field in changes and changes[field] is None:
            raise field_error(field, "此项不能为空。")
    for field in TEXT_FIELDS:
        if field in changes:
            changes[field] = (changes[field] or "").strip()
    if "name" in changes:
        changes["name"] = changes["name"].strip()
    actor = acting_user(request)
    with transaction.atomic():
        active = changes.pop("active", org.active)
        if changes:
            org = actions.update_org_unit(actor, org, **changes)
        if active != org.active:
            # (de)activation has rules of its own: no active children or accounts left under a closed unit
            org = actions.set_org_unit_active(actor, org, active)
    return org
