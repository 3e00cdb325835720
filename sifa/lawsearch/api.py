"""/api/v1/laws/: article search for other lines' forms (the consultation form suggests articles for the
question being typed) and for outside systems; the same ranker and the same search log as the pages."""

from ninja import Field, Query, Router

from sifa.api.auth import acting_user
from sifa.api.contract import Schema

from . import actions
from .models import Channel
from .retrieval.search import search

router = Router(tags=["法搜"])
prefix = "laws"


class SearchIn(Schema):
    q: str = Field("", title="问题、法规名称或条文", max_length=10000)
    top: int = Field(10, title="返回条数", ge=1, le=50)


class ArticleOut(Schema):
    id: str = Field(..., title="条文编号", description="法规简称 + 条号，如“民法典第五百七十七条”")
    law: str = Field(..., title="法规简称")
    title: str = Field(..., title="法规标题")
    label: str = Field(..., title="条号")
    level: str = Field(..., title="效力级别")
    status: str = Field(..., title="时效性")
    text: str = Field(..., title="条文")


class SearchOut(Schema):
    query: str
    kind: str = Field(..., title="检索类型", description="citation 条文 · law 法规名称 · question 问题 · rejected 无法检索")
    message: str = Field(..., title="说明", description="无结果的原因或识别出的条文")
    results: list[ArticleOut]


@router.get("/search", response=SearchOut, summary="检索法条",
            description="按问题、法规名称或条文检索；空白、只有标点或超过2000字的问题返回空结果并说明原因。")
def search_articles(request, params: Query[SearchIn]):
    result = search(params.q, top=params.top)
    actions.log_search(result, Channel.API, user=acting_user(request))
    return {"query": params.q, "kind": result.kind, "message": result.message,
            "results": [{"id": h.doc.id, "law": h.doc.law, "title": h.doc.title, "label": h.doc.label,
                         "level": h.doc.level, "status": h.doc.status, "text": h.doc.text} for h in result.hits]}
