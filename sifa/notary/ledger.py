"""The notary line's Excel 台账: 公证事项清单（含收费） and 公证事项办理. Rows go through the actions, all or nothing."""

from __future__ import annotations

from sifa.ledger.registry import (
    Column,
    ImportContext,
    RecordKind,
    Row,
    RowError,
    call_action,
    each_row,
    register,
)
from sifa.ledger.registry import ColumnType as T

from . import actions
from .models import Category, Channel, NotaryItem, NotaryMatter

LEDGER = "公证台账"


ITEM_COLUMNS = (
    Column("公证事项", "name", required=True, max_length=100, example="出生公证"),
    Column("事项类别", "category", T.ENUM, required=True, choices=tuple(Category.choices),
           example=Category.PERSONAL.label),
    Column("最多跑一次", "one_visit", T.BOOL, example="是"),
    Column("可网上申请", "online", T.BOOL, example="是"),
    Column("基本收费（元/件）", "base_fee", T.DECIMAL, min_value=0, example=80),
    Column("每增加一份副本（元）", "copy_fee", T.DECIMAL, min_value=0, example=20),
    Column("列入清单日期", "effective_from", T.DATE, required=True, example="2020-01-01"),
)


def _import_item(row: Row, ctx: ImportContext) -> None:
    v = row.values
    call_action(row, "", actions.create_item, ctx.user, org=ctx.org, name=v["name"], category=v["category"],
          one_visit=bool(v["one_visit"]), online=bool(v["online"]), base_fee=v["base_fee"] or 0,
          copy_fee=v["copy_fee"] or 0, effective_from=v["effective_from"])


register(RecordKind(
    code="notary_items", name="公证事项清单", columns=ITEM_COLUMNS, key=("name",),
    description="公证处办理的事项、“最多跑一次”清单和按件收费标准（按标的额累进收费的事项请在页面设置档次）。",
    row_to_action=each_row(_import_item, LEDGER),
    export_queryset=lambda user, filters: NotaryItem.objects.for_user(user).under(filters["org"]),
    row_for=lambda i: {"name": i.name, "category": i.category, "one_visit": i.one_visit, "online": i.online,
                       "base_fee": i.base_fee, "copy_fee": i.copy_fee, "effective_from": i.effective_from},
))

MATTER_COLUMNS = (
    Column("公证事项", "item", required=True, max_length=100, example="出生公证", help="须已在公证事项清单中"),
    Column("受理日期", "accepted_on", T.DATE, required=True, example="2021-03-01"),
    Column("受理渠道", "channel", T.ENUM, choices=tuple(c for c in Channel.choices if c[0] != Channel.ONLINE),
           example=Channel.WINDOW.label),
    Column("承办公证员", "notary", required=True, max_length=50, example="李文静"),
    Column("申请人", "applicant_name", required=True, max_length=100, example="王芳"),
    Column("申请人证件号码", "applicant_id", required=True, sensitive=True, mask="id", max_length=18,
           example="11010519491231002X"),
    Column("公证书份数", "copies", T.INT, min_value=1, max_value=50, example=1),
    Column("标的额（元）", "subject_value", T.DECIMAL, min_value=0, example=""),
    Column("涉外", "foreign", T.BOOL, example="否"),
    Column("使用地", "use_place", max_length=100, example=""),
    Column("出证日期", "issued_on", T.DATE, example="2021-03-10"),
    Column("逾期原因", "late_reason", max_length=500, example=""),
    Column("公证书编号", "number", max_length=60, example="", help="导出时填写；导入时由系统编号"),
)


def _import_matter(row: Row, ctx: ImportContext) -> None:
    v = row.values
    item = NotaryItem.objects.filter(org=ctx.org, name=v["item"]).first()
    if item is None:
        raise RowError(row.number, f"公证事项“{v['item']}”不在导入目标公证处的事项清单中。", "item", v["item"])
    matter = call_action(row, "", actions.register_matter, ctx.user, org=ctx.org, item=item, accepted_on=v["accepted_on"],
                   channel=v["channel"] or Channel.WINDOW, notary=v["notary"], applicant_name=v["applicant_name"],
                   applicant_id=v["applicant_id"], copies=v["copies"] or 1, subject_value=v["subject_value"],
                   foreign=bool(v["foreign"]), use_place=v["use_place"] or "")
    if v["issued_on"]:
        call_action(row, "issued_on", actions.issue, ctx.user, matter, issued_on=v["issued_on"],
              late_reason=v["late_reason"] or "")


register(RecordKind(
    code="notary_matters", name="公证事项办理", columns=MATTER_COLUMNS,
    description="受理的公证事项，一行一件；填写出证日期的同时出证（超过15个工作日的须填逾期原因）。",
    row_to_action=each_row(_import_matter, LEDGER),
    export_queryset=lambda user, filters: NotaryMatter.objects.for_user(user).under(filters["org"])
    .select_related("item"),
    row_for=lambda m: {"item": m.item.name, "accepted_on": m.accepted_on, "channel": m.channel, "notary": m.notary,
                       "applicant_name": m.applicant_name, "applicant_id": m.applicant_id, "copies": m.copies,
                       "subject_value": m.subject_value, "foreign": m.foreign, "use_place": m.use_place,
                       "issued_on": m.issued_on, "late_reason": m.late_reason, "number": m.number},
))
