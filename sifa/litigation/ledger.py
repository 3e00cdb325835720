"""应诉案件台账: import of the years before Sifa and export. Each row is registered, heard and judged through
the litigation actions inside the ledger's single transaction; a duplicate 案号, a defendant not in the county's
list or a judgment before the filing date rejects the whole file with the row named."""

from __future__ import annotations

from sifa.ledger.registry import Column, ImportContext, RecordKind, RowError, call_action, need_user, register
from sifa.ledger.registry import ColumnType as T
from sifa.reconsideration.ledger import find_agency

from . import actions
from .models import HeadPost, Lawsuit, Level, Outcome

COLUMNS = (
    Column("案号", "number", required=True, max_length=80, example="（2020）皖1321行初12号"),
    Column("审级", "level", T.ENUM, required=True, choices=tuple(Level.choices), example=Level.FIRST.label),
    Column("受理法院", "court", required=True, max_length=100, example="砀山县人民法院"),
    Column("原告", "plaintiff", required=True, max_length=200, example="王某某"),
    Column("案由", "cause", required=True, max_length=200, example="不服行政处罚决定"),
    Column("被告", "agency", required=True, max_length=100, example="砀山县市场监督管理局",
           help="行政机关名称或统一社会信用代码，须已在行政机关名录中登记"),
    Column("立案日期", "filed_on", T.DATE, required=True, example="2020-05-06"),
    Column("收到应诉通知日期", "notice_received_on", T.DATE, required=True, example="2020-05-08"),
    Column("答辩日期", "answered_on", T.DATE, example="2020-05-20"),
    Column("开庭日期", "held_on", T.DATE, example="2020-06-15"),
    Column("负责人出庭", "head_present", T.BOOL, example="是"),
    Column("出庭负责人", "head_name", max_length=50, example="李某某"),
    Column("出庭负责人职务", "head_post", T.ENUM, choices=tuple(HeadPost.choices), example=HeadPost.DEPUTY.label),
    Column("裁判结果", "outcome", T.ENUM, choices=tuple(Outcome.choices), example=Outcome.DISMISSED.label),
    Column("审结日期", "closed_on", T.DATE, example="2020-07-01"),
)


def _import(rows, ctx: ImportContext) -> int:
    need_user(ctx, ledger="应诉案件台账")
    count = 0
    for row in rows:
        v = row.values
        suit = call_action(row, "number", actions.register, ctx.user, org=ctx.org, number=v["number"],
                           level=v["level"], court=v["court"], plaintiff=v["plaintiff"], cause=v["cause"],
                           agency=find_agency(ctx, v["agency"], row.number, "agency", "被告"), filed_on=v["filed_on"],
                           notice_received_on=v["notice_received_on"])
        if v["answered_on"]:
            call_action(row, "answered_on", actions.answer, ctx.user, suit, answered_on=v["answered_on"])
        if v["held_on"]:
            call_action(row, "held_on", actions.record_hearing, ctx.user, suit, held_on=v["held_on"],
                        head_present=bool(v["head_present"]), head_name=v["head_name"] or "",
                        head_post=v["head_post"] or "")
        if v["outcome"]:
            if not v["closed_on"]:
                raise RowError(row.number, "填写了裁判结果的，请填写审结日期。", "closed_on")
            call_action(row, "closed_on", actions.close, ctx.user, suit, outcome=v["outcome"], closed_on=v["closed_on"])
        count += 1
    return count


def _row(s: Lawsuit) -> dict:
    return {"number": s.number, "level": s.level, "court": s.court, "plaintiff": s.plaintiff, "cause": s.cause,
            "agency": s.agency.name, "filed_on": s.filed_on, "notice_received_on": s.notice_received_on,
            "answered_on": s.answered_on, "held_on": s.first_hearing_on, "head_present": s.head_appeared,
            "head_name": s.head_name, "head_post": s.head_post, "outcome": s.outcome, "closed_on": s.closed_on}


LAWSUITS = register(RecordKind(
    code="litigation_lawsuits", name="应诉案件台账", columns=COLUMNS, key=("number",),
    description="行政诉讼案件：立案、答辩、开庭与负责人出庭、裁判结果。导入以前年度台账，导出本系统案件。",
    row_to_action=_import,
    export_queryset=lambda user, filters: Lawsuit.objects.for_user(user).under(filters["org"])
    .select_related("agency").order_by("filed_on", "pk"),
    row_for=_row,
))
