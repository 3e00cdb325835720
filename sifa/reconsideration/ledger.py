"""复议案件台账: import of the years before Sifa and export. Every row goes through actions.import_case (the
same steps as a case received today), inside the ledger's single transaction: one bad row — a filing date after
receipt, a decision before acceptance, an outcome the case's law does not know, a respondent not in the county's
list, a duplicate 案号 — and nothing of the file is written."""

from __future__ import annotations

from sifa.ledger.registry import Column, ImportContext, RecordKind, RowError, call_action, need_user, register
from sifa.ledger.registry import ColumnType as T

from . import actions
from .models import ActType, Agency, Case, Channel, Outcome, Procedure, TerminationGround

COLUMNS = (
    Column("案号", "number", required=True, max_length=60, example="砀复〔2020〕3号"),
    Column("申请人", "applicant_name", required=True, max_length=100, example="张某某"),
    Column("申请人证件号码", "applicant_id_number", sensitive=True, max_length=18, example="11010519491231002X",
           help="自然人填居民身份证号码，单位填统一社会信用代码"),
    Column("被申请人", "respondent", required=True, max_length=100, example="砀山县市场监督管理局",
           help="行政机关名称或统一社会信用代码，须已在行政机关名录中登记"),
    Column("行政行为类型", "act_type", T.ENUM, required=True, choices=tuple(ActType.choices),
           example=ActType.PENALTY.label),
    Column("被申请复议的行政行为", "act_description", required=True, max_length=2000, example="罚款五千元的行政处罚决定"),
    Column("复议请求", "request", required=True, max_length=2000, example="撤销该行政处罚决定"),
    Column("申请方式", "channel", T.ENUM, required=True, choices=tuple(Channel.choices), example=Channel.IN_PERSON.label),
    Column("申请日期", "filed_on", T.DATE, required=True, example="2020-03-02"),
    Column("收到日期", "received_on", T.DATE, required=True, example="2020-03-03"),
    Column("受理日期", "accepted_on", T.DATE, example="2020-03-05"),
    Column("不予受理日期", "declined_on", T.DATE, example=""),
    Column("不予受理理由", "decline_reason", max_length=2000, example=""),
    Column("审理程序", "procedure", T.ENUM, choices=tuple(Procedure.choices), example=Procedure.ORDINARY.label),
    Column("结案方式", "outcome", T.ENUM, choices=tuple(Outcome.choices), example=Outcome.UPHELD.label),
    Column("终止情形", "termination_ground", T.ENUM, choices=tuple(TerminationGround.choices), example=""),
    Column("结案日期", "closed_on", T.DATE, example="2020-04-20"),
    Column("被申请人自行纠正", "respondent_corrected", T.BOOL, example="否"),
    Column("送达日期", "served_on", T.DATE, example="2020-04-22"),
)


def find_agency(ctx: ImportContext, text: str, row: int, column: str, label: str) -> Agency:
    """A county agency named in a ledger cell by its name or its 统一社会信用代码 (also for the 应诉案件台账)."""
    cache = ctx.state.setdefault("agencies", {})
    if text not in cache:
        under = Agency.objects.filter(org_path__startswith=actions.bureau_of(ctx.org).path)
        found = list(under.filter(name=text)[:2]) or list(under.filter(credit_code=text.upper())[:2])
        if len(found) != 1:
            raise RowError(row, f"{label}“{text}”不在本县（区）行政机关名录中，请先登记。", column, text)
        cache[text] = found[0]
    return cache[text]


def _import(rows, ctx: ImportContext) -> int:
    need_user(ctx, ledger="复议案件台账")
    count = 0
    for row in rows:
        v = dict(row.values)
        v["respondent"] = find_agency(ctx, v["respondent"], row.number, "respondent", "被申请人")
        v = {k: ("" if value is None and k not in ("accepted_on", "declined_on", "closed_on", "served_on")
                 else value) for k, value in v.items()}
        v["respondent_corrected"] = bool(v["respondent_corrected"])
        call_action(row, "", actions.import_case, ctx.user, org=ctx.org, **v)
        count += 1
    return count


def _row(c: Case) -> dict:
    return {"number": c.number, "applicant_name": c.applicant_name, "applicant_id_number": c.applicant_id_number,
            "respondent": c.respondent.name, "act_type": c.act_type, "act_description": c.act_description,
            "request": c.request, "channel": c.channel, "filed_on": c.filed_on, "received_on": c.received_on,
            "accepted_on": c.accepted_on, "declined_on": c.declined_on, "decline_reason": c.decline_reason,
            "procedure": c.procedure, "outcome": c.outcome, "termination_ground": c.termination_ground,
            "closed_on": c.closed_on, "respondent_corrected": c.respondent_corrected, "served_on": c.served_on}


CASES = register(RecordKind(
    code="reconsideration_cases", name="复议案件台账", columns=COLUMNS, key=("number",),
    description="行政复议案件：收到、受理或不予受理、结案方式与送达。导入以前年度台账，导出本系统案件。",
    row_to_action=_import,
    export_queryset=lambda user, filters: Case.objects.for_user(user).under(filters["org"])
    .select_related("respondent").order_by("received_on", "pk"),
    row_for=_row,
))
