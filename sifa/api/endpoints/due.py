"""The caller's 超期/临期 work: the same figures and items as their home page, 今日工作 and the dashboard's overdue
page (sifa.core.deadlines.summary_for — one function for all of them)."""

from datetime import date

from django.core.exceptions import PermissionDenied
from ninja import Field, Router, Schema

from sifa.core import deadlines
from sifa.core.roles import can_read_case_records

from ..auth import acting_user

router = Router(tags=["期限事项"])
SHOWN = 500


class DueKindOut(Schema):
    kind: str = Field(..., title="业务")
    overdue: int = Field(..., title="超期")
    near: int = Field(..., title="临期")


class DueItemOut(Schema):
    title: str = Field(..., title="事项")
    url: str = Field(..., title="页面")
    due: date = Field(..., title="期限")
    state: str = Field(..., title="状态（超期/临期）")
    kind: str = Field(..., title="业务")
    org: str = Field(..., title="机构")


class DueOut(Schema):
    today: date = Field(..., title="日期")
    overdue: int = Field(..., title="超期合计")
    near: int = Field(..., title="临期合计")
    kinds: list[DueKindOut] = Field(..., title="按业务")
    items: list[DueItemOut] = Field(..., title="事项（最紧急的在前）")


@router.get("", response=DueOut, summary="我的超期与临期事项")
def my_due(request, kind: str = ""):
    user = acting_user(request)
    if not can_read_case_records(user):
        raise PermissionDenied("您的角色不查看业务数据。")
    summary = deadlines.summary_for(user)
    items = [i for i in summary.items if not kind or (i.kind or "其他") == kind][:SHOWN]
    return {"today": summary.today, "overdue": summary.overdue, "near": summary.near,
            "kinds": [{"kind": k, "overdue": row[deadlines.OVERDUE], "near": row[deadlines.NEAR]}
                      for k, row in sorted(summary.by_kind.items())],
            "items": [{"title": i.title, "url": i.url, "due": i.due, "state": i.state, "kind": i.kind or "其他",
                       "org": getattr(i.org, "name", "") or ""} for i in items]}
