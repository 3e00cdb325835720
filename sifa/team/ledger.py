"""队伍教育活动台账: import and export. Each row goes through actions.record_activity inside the ledger's single
transaction; a bad category or a future date rejects the whole file with the row named."""

from __future__ import annotations

from sifa.ledger.registry import Column, ImportContext, RecordKind, call_action, each_row, register
from sifa.ledger.registry import ColumnType as T

from . import actions
from .models import ActivityKind, TeamActivity

ACTIVITY_COLUMNS = (
    Column("活动类别", "kind", T.ENUM, required=True, choices=tuple(ActivityKind.choices),
           example=ActivityKind.STUDY.label, help="政治轮训每期填一行"),
    Column("活动日期", "held_on", T.DATE, required=True, example="2021-03-12"),
    Column("名称（主题）", "title", required=True, max_length=200, example="党组理论学习中心组集中学习"),
    Column("举办单位", "organizer", max_length=100, example="县委政法委"),
    Column("参加人数", "participants", T.INT, example="35"),
    Column("活动情况", "note", max_length=4000, example="学习习近平法治思想"),
)


def _import_activity(row, ctx: ImportContext) -> None:
    v = row.values
    call_action(row, "kind", actions.record_activity, ctx.user, org=ctx.org, kind=v["kind"], held_on=v["held_on"],
                title=v["title"], organizer=v["organizer"] or "", participants=v["participants"] or 0,
                note=v["note"] or "")


def _activity_row(x: TeamActivity) -> dict:
    return {"kind": x.kind, "held_on": x.held_on, "title": x.title, "organizer": x.organizer,
            "participants": x.participants, "note": x.note}


ACTIVITIES = register(RecordKind(
    code="team_activities", name="队伍教育活动台账", columns=ACTIVITY_COLUMNS, key=("kind", "held_on", "title"),
    description="政治轮训、集中学习、研讨交流、集体活动、警示教育。导入以往活动记录，导出本单位教育活动情况。",
    row_to_action=each_row(_import_activity, ledger="队伍教育活动台账"),
    export_queryset=lambda user, filters: TeamActivity.objects.for_user(user).under(filters["org"])
    .order_by("held_on", "pk"),
    row_for=_activity_row,
))
