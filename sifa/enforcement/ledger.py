"""Ledgers of the enforcement line, all-or-nothing through sifa.ledger:

- 执法人员名册 (the province's roster .xlsx): each row registers an officer of a 执法主体 named by its agency's name or
  credit code; a number in the wrong format or already used, a date out of order, an unknown agency rejects the
  whole file with the row and cell named.
- 执法决定公示台账: agencies upload their decisions in bulk; each row is published through the same action as the form
  (持证 officers named by certificate number, the 7/20 working-day check).
"""

from __future__ import annotations

from sifa.ledger.registry import Column, ImportContext, RecordKind, RowError, call_action, need_user, register
from sifa.ledger.registry import ColumnType as T
from sifa.reconsideration.actions import bureau_of

from . import actions
from .models import Body, Category, CertKind, Channel, Decision, Officer


def find_body(ctx: ImportContext, text: str, row: int, column: str = "body") -> Body:
    cache = ctx.state.setdefault("bodies", {})
    if text not in cache:
        under = Body.objects.filter(org_path__startswith=bureau_of(ctx.org).path).select_related("agency")
        found = list(under.filter(agency__name=text)[:2]) or list(under.filter(agency__credit_code=text.upper())[:2])
        if len(found) != 1:
            raise RowError(row, f"执法主体“{text}”未登记，请先在执法主体中登记。", column, text)
        cache[text] = found[0]
    return cache[text]


OFFICER_COLUMNS = (
    Column("执法主体", "body", required=True, max_length=100, example="砀山县市场监督管理局",
           help="执法主体名称或统一社会信用代码，须已登记为执法主体"),
    Column("姓名", "name", required=True, max_length=50, example="张某某"),
    Column("身份证号", "id_number", T.ID_NUMBER, sensitive=True, example="341321198001010013"),
    Column("职务", "position", max_length=50, example="执法大队队员"),
    Column("证件类别", "cert_kind", T.ENUM, required=True, choices=tuple(CertKind.choices),
           example=CertKind.ENFORCEMENT.label),
    Column("证件号码", "cert_number", required=True, max_length=20, example="341321100001",
           help="12位：6位行政区划代码＋证件类别（1执法证/2监督证）＋5位顺序号"),
    Column("发证日期", "issued_on", T.DATE, required=True, example="2020-01-06"),
    Column("有效期至", "valid_until", T.DATE, required=True, example="2026-01-05"),
    Column("最近年审日期", "reviewed_on", T.DATE, example="2024-01-05"),
    Column("本年度培训学时", "training_hours", T.INT, min_value=0, max_value=1000, example=40),
)


def _import_officers(rows, ctx: ImportContext) -> int:
    need_user(ctx, ledger="执法人员名册")
    count = 0
    for row in rows:
        v = row.values
        if v["issued_on"] and v["valid_until"] and v["valid_until"] <= v["issued_on"]:
            raise RowError(row.number, "有效期截止日期应晚于发证日期。", "valid_until", v["valid_until"])
        call_action(row, "cert_number", actions.add_officer, ctx.user, body=find_body(ctx, v["body"], row.number),
                    name=v["name"], id_number=v["id_number"] or "", position=v["position"] or "",
                    cert_kind=v["cert_kind"], cert_number=v["cert_number"], issued_on=v["issued_on"],
                    valid_until=v["valid_until"], reviewed_on=v["reviewed_on"],
                    training_hours=v["training_hours"] or 0, new=False)
        count += 1
    return count


def _officer_row(o: Officer) -> dict:
    return {"body": o.body.name, "name": o.name, "id_number": o.id_number, "position": o.position,
            "cert_kind": o.cert_kind, "cert_number": o.cert_number, "issued_on": o.issued_on,
            "valid_until": o.valid_until, "reviewed_on": o.reviewed_on, "training_hours": o.training_hours}


OFFICERS = register(RecordKind(
    code="enforcement_officers", name="执法人员名册", columns=OFFICER_COLUMNS, key=("cert_number",),
    description="行政执法人员及执法监督人员：证件类别、证号、有效期、年审、培训学时。导入省级名册，导出本县名册。",
    row_to_action=_import_officers,
    export_queryset=lambda user, filters: Officer.objects.for_user(user).under(filters["org"])
    .select_related("body__agency").order_by("body__agency__name", "name", "pk"),
    row_for=_officer_row,
))


DECISION_COLUMNS = (
    Column("执法主体", "body", required=True, max_length=100, example="砀山县市场监督管理局"),
    Column("决定类别", "category", T.ENUM, required=True, choices=tuple(Category.choices), example=Category.PENALTY.label),
    Column("决定书文号", "number", required=True, max_length=80, example="砀市监罚〔2021〕12号"),
    Column("案件名称", "title", required=True, max_length=200, example="某某无照经营案"),
    Column("当事人", "party_name", required=True, max_length=100, example="王某某"),
    Column("当事人为自然人", "party_is_person", T.BOOL, example="是"),
    Column("当事人身份证号", "party_id_number", T.ID_NUMBER, sensitive=True, example=""),
    Column("执法依据", "basis", max_length=300, example="《无证无照经营查处办法》第十三条"),
    Column("决定内容", "content", max_length=4000, example="罚款五千元"),
    Column("决定日期", "decided_on", T.DATE, required=True, example="2021-03-01"),
    Column("公示日期", "published_on", T.DATE, required=True, example="2021-03-05"),
    Column("承办人员证号", "officers", required=True, max_length=200, example="341321100001、341321100002",
           help="两名以上承办执法人员的执法证号，用顿号或逗号分隔"),
    Column("经法制审核", "legal_review", T.BOOL, example="是"),
)


def _officers(ctx: ImportContext, body: Body, text: str, row: int) -> list[Officer]:
    numbers = [n.strip() for n in text.replace("，", "、").replace(",", "、").split("、") if n.strip()]
    found = {o.cert_number: o for o in Officer.objects.filter(body=body, cert_number__in=numbers)}
    missing = [n for n in numbers if n not in found]
    if missing:
        raise RowError(row, f"证号{'、'.join(missing)}不是{body.name}登记的执法人员。", "officers", text)
    return [found[n] for n in numbers]


def _import_decisions(rows, ctx: ImportContext) -> int:
    need_user(ctx, ledger="执法决定公示台账")
    count = 0
    for row in rows:
        v = row.values
        body = find_body(ctx, v["body"], row.number)
        call_action(row, "published_on", actions.publish_decision, ctx.user, body=body, category=v["category"],
                    number=v["number"], title=v["title"], party_name=v["party_name"],
                    party_is_person=v["party_is_person"] is not False, party_id_number=v["party_id_number"] or "",
                    basis=v["basis"] or "", content=v["content"] or "", decided_on=v["decided_on"],
                    published_on=v["published_on"], officers=_officers(ctx, body, v["officers"], row.number),
                    legal_review=bool(v["legal_review"]), channel=Channel.XLSX)
        count += 1
    return count


def _decision_row(d: Decision) -> dict:
    return {"body": d.body.name, "category": d.category, "number": d.number, "title": d.title,
            "party_name": d.party_name, "party_is_person": d.party_is_person, "party_id_number": d.party_id_number,
            "basis": d.basis, "content": d.content, "decided_on": d.decided_on, "published_on": d.published_on,
            "officers": "、".join(o.cert_number for o in d.officers.all()), "legal_review": d.legal_review}


DECISIONS = register(RecordKind(
    code="enforcement_decisions", name="执法决定公示台账", columns=DECISION_COLUMNS, key=("body", "number"),
    description="行政执法决定的事后公示：许可、处罚7个工作日内，其他20个工作日内；承办人员须持有效执法证。",
    row_to_action=_import_decisions,
    export_queryset=lambda user, filters: Decision.objects.for_user(user).under(filters["org"])
    .select_related("body__agency").prefetch_related("officers").order_by("published_on", "pk"),
    row_for=_decision_row,
))
