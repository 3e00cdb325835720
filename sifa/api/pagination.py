"""Page-number pagination for every list: ``?page=&page_size=`` in, ``{items, total, page, page_size, pages}`` out.

    @router.get("/cases", response=Page[CaseOut])
    def list_cases(request, filters: Query[CaseFilter], paging: Query[PageParams]):
        return paginate(filters.filter(scoped(request, Case)), paging)

A page past the end is an empty page (never an error, never a huge OFFSET sent to the database)."""

from math import ceil
from typing import Generic, TypeVar

from django.db.models import QuerySet
from ninja import Field, Schema

MAX_PAGE_SIZE = 100
T = TypeVar("T")


class PageParams(Schema):
    page: int = Field(1, ge=1, title="页码")
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, title="每页条数")


class Page(Schema, Generic[T]):
    items: list[T]
    total: int = Field(..., title="总条数")
    page: int = Field(..., title="页码")
    page_size: int = Field(..., title="每页条数")
    pages: int = Field(..., title="总页数")


def paginate(queryset: QuerySet, params: PageParams) -> dict:
    if not queryset.ordered:
        queryset = queryset.order_by("pk")
    total = queryset.count()
    pages = ceil(total / params.page_size) if total else 0
    if params.page > pages:
        items = []
    else:
        start = (params.page - 1) * params.page_size
        items = list(queryset[start:start + params.page_size])
    return {"items": items, "total": total, "page": params.page, "page_size": params.page_size, "pages": pages}
