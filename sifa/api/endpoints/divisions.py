from typing import Annotated

from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema

from sifa.core.models import Division
from sifa.core.models.orgs import DivisionLevel

from ..pagination import Page, PageParams, paginate
from ..scope import get_scoped_or_404, scoped

router = Router(tags=["行政区划"])


class DivisionOut(Schema):
    code: str = Field(..., title="区划代码")
    name: str = Field(..., title="名称")
    full_name: str = Field(..., title="全称")
    level: DivisionLevel = Field(..., title="层级")
    parent: str | None = Field(None, title="上级区划代码", alias="parent_id")


class DivisionFilter(FilterSchema):
    parent: Annotated[str | None, FilterLookup("parent_id")] = Field(None, title="上级区划代码", max_length=12)
    level: Annotated[DivisionLevel | None, FilterLookup("level")] = Field(None, title="层级")
    q: Annotated[str | None, FilterLookup(["name__icontains", "code__startswith"])] = Field(
        None, title="关键词", max_length=50, description="名称包含，或代码前缀")


@router.get("", response=Page[DivisionOut], summary="行政区划列表",
            description="按上级区划（parent）、层级（level）、关键词（q：名称或代码前缀）筛选。")
def list_divisions(request, filters: Query[DivisionFilter], paging: Query[PageParams]):
    return paginate(filters.filter(scoped(request, Division)).order_by("code"), paging)


@router.get("/{code}", response=DivisionOut, summary="行政区划详情")
def get_division(request, code: str):
    return get_scoped_or_404(request, Division, code[:12])
