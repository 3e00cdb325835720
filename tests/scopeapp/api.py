"""API of the test line, mounted by the registry at /api/v1/scopeapp/ like any business line's."""

from uuid import UUID

from ninja import Field, Query, Router, Schema, Status

from sifa.api.auth import acting_user
from sifa.api.pagination import Page, PageParams, paginate
from sifa.api.scope import get_scoped_or_404, require_capability, scoped

from . import actions
from .models import Memo, MemoStatus

router = Router(tags=["数据范围测试"])
prefix = "scopeapp"


class MemoOut(Schema):
    id: int
    uuid: UUID
    title: str = Field(..., title="标题")
    body: str = Field(..., title="内容")
    status: MemoStatus = Field(..., title="状态")
    org: int = Field(..., title="所属机构", alias="org_id")


class MemoIn(Schema):
    title: str = Field(..., title="标题", min_length=1, max_length=100)
    body: str = Field("", title="内容", max_length=2000)


class MemoPatch(Schema):
    title: str | None = Field(None, title="标题", min_length=1, max_length=100)
    body: str | None = Field(None, title="内容", max_length=2000)


@router.get("/memos", response=Page[MemoOut], summary="备忘列表")
def list_memos(request, paging: Query[PageParams]):
    return paginate(scoped(request, Memo), paging)


@router.post("/memos", response={201: MemoOut}, summary="新建备忘")
def create_memo(request, payload: MemoIn):
    require_capability(request, "write_records")
    user = acting_user(request)
    return actions.create_memo(user, org=user.org, title=payload.title, body=payload.body)


@router.get("/memos/{int:id}", response=MemoOut, summary="备忘详情")
def get_memo(request, id: int):
    return get_scoped_or_404(request, Memo, id)


@router.get("/memos/by-uuid/{uuid:uuid}", response=MemoOut, summary="按公开编号查备忘")
def get_memo_by_uuid(request, uuid: UUID):
    return get_scoped_or_404(request, Memo, uuid, field="uuid")


@router.put("/memos/{int:id}", response=MemoOut, summary="修改备忘（全部字段）")
def replace_memo(request, id: int, payload: MemoIn):
    require_capability(request, "write_records")
    memo = get_scoped_or_404(request, Memo, id)
    return actions.update_memo(acting_user(request), memo, title=payload.title, body=payload.body)


@router.patch("/memos/{int:id}", response=MemoOut, summary="修改备忘（部分字段）")
def update_memo(request, id: int, payload: MemoPatch):
    require_capability(request, "write_records")
    memo = get_scoped_or_404(request, Memo, id)
    changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    return actions.update_memo(acting_user(request), memo, **changes)


@router.delete("/memos/{int:id}", response={204: None}, summary="删除备忘")
def delete_memo(request, id: int):
    require_capability(request, "write_records")
    actions.delete_memo(acting_user(request), get_scoped_or_404(request, Memo, id))
    return Status(204, None)
