"""The 心理测评 台账: SCL-90 answer sheets entered on paper and typed into Excel, one row per sheet (档案编号,
测评日期, 测评人, 第1题…第90题).

Every row goes through actions.record_assessment, inside the ledger framework's single transaction: one bad
row (an answer outside 1–5, a missing answer, an unknown 档案编号) and nothing of the file is written. Only
corrections officers import or export (the `read_tracks` capability they alone hold); exported answers are
masked like every sensitive column.
"""

from __future__ import annotations

from sifa.corrections import access
from sifa.corrections.models import Subject
from sifa.ledger.registry import Column, ImportContext, RecordKind, RowError, call_action, register
from sifa.ledger.registry import ColumnType as T

from . import actions
from .models import Assessment

CAPABILITY = "read_tracks"
ITEMS = 90

COLUMNS = (
    Column("档案编号", "subject", required=True, max_length=60, example="（2021）砀矫字第1号",
           help="社区矫正对象的档案编号"),
    Column("测评日期", "assessed_on", T.DATE, required=True, example="2021-05-10"),
    Column("测评人", "assessor", max_length=50, example="心理咨询师王某"),
    *(Column(f"第{n}题", f"q{n}", T.INT, required=True, min_value=1, max_value=5, sensitive=True, mask="text",
             example=1) for n in range(1, ITEMS + 1)),
)


def _import(rows, ctx: ImportContext) -> int:
    if ctx.user is None or not access.can_write(ctx.user):
        raise RowError(None, "心理测评台账须以社区矫正工作人员身份导入（命令行请加 --user 指定办理人账号）。")
    count = 0
    for row in rows:
        v = row.values
        subject = Subject.objects.filter(number=v["subject"], org_path__startswith=ctx.org.path).first()
        if subject is None:
            raise RowError(row.number, f"档案编号“{v['subject']}”的社区矫正对象不存在，或不在导入目标机构范围内。",
                           "subject", v["subject"])
        call_action(row, "", actions.record_assessment, ctx.user, subject, assessed_on=v["assessed_on"],
                    assessor=v["assessor"] or "", answers={n: v[f"q{n}"] for n in range(1, ITEMS + 1)})
        count += 1
    return count


def _row(a: Assessment) -> dict:
    return {"subject": a.subject.number, "assessed_on": a.assessed_on, "assessor": a.assessor,
            **{f"q{n}": value for n, value in enumerate(a.answers or [], start=1)}}


ASSESSMENTS = register(RecordKind(
    code="wellbeing_assessments", name="心理测评（SCL-90）", columns=COLUMNS,
    description="SCL-90 答卷：每行一份，第1至90题各填1至5分（1没有、2很轻、3中等、4偏重、5严重）。",
    row_to_action=_import, import_capability=CAPABILITY, export_capability=CAPABILITY,
    export_queryset=lambda user, filters: Assessment.objects.for_user(user).under(filters["org"])
    .select_related("subject"),
    row_for=_row,
))
