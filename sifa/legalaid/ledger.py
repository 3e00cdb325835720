"""The legal-aid line's Excel 台账: 法律援助案件, 法律咨询, 法律援助人员 and 值班律师法律帮助.

Imports go row by row through the same actions as the forms, inside the ledger framework's single transaction:
an applicant above the hardship standard, a lawyer whose licence is not active, a duplicate notice — one bad
row and nothing of the file is written, with the row and the reason in the report. Exports are masked.
"""

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
from .models import (
    Application,
    Category,
    Channel,
    CivilMatter,
    Consultation,
    ConsultChannel,
    Decision,
    Exemption,
    HelpKind,
    LegalHelp,
    LicenceStatus,
    Provider,
    ProviderKind,
    ReviewBasis,
    ServiceOrg,
    Topic,
)

LEDGER = "法律援助台账"


# --- 法律援助案件 ---

APPLICATION_COLUMNS = (
    Column("受理日期", "received_on", T.DATE, required=True, example="2021-03-01"),
    Column("申请方式", "channel", T.ENUM, required=True,
           choices=tuple(c for c in Channel.choices if c[0] != Channel.NOTICE), example=Channel.VISIT.label),
    Column("案件类别", "category", T.ENUM, required=True, choices=tuple(Category.choices), example=Category.CIVIL.label),
    Column("援助事项", "civil_matter", T.ENUM, choices=tuple(CivilMatter.choices),
           example=CivilMatter.MAINTENANCE.label, help="民事、行政案件必填（《法律援助法》第三十一条）"),
    Column("案情摘要", "summary", required=True, max_length=2000, example="追索子女抚养费"),
    Column("申请人", "name", required=True, max_length=50, example="王桂兰"),
    Column("身份证号码", "id_number", T.ID_NUMBER, required=True, sensitive=True, example="11010519491231002X"),
    Column("联系电话", "mobile", T.MOBILE, sensitive=True, example="13800000000"),
    Column("受援人数", "recipients", T.INT, min_value=1, max_value=10000, example=1),
    Column("农民工", "is_migrant_worker", T.BOOL, example="否"),
    Column("免予核查或不受限情形", "exemption", T.ENUM, choices=tuple(Exemption.choices), example="",
           help="属于第四十二条、第三十二条情形的填写，可不填家庭收入"),
    Column("经济状况审查方式", "review_basis", T.ENUM,
           choices=tuple(c for c in ReviewBasis.choices if c[0] in (ReviewBasis.INFO_SHARING, ReviewBasis.PLEDGE)),
           example=ReviewBasis.PLEDGE.label),
    Column("家庭人口", "household_size", T.INT, min_value=1, max_value=50, example=3),
    Column("家庭月收入（元）", "household_income", T.DECIMAL, min_value=0, sensitive=True, mask="text", example=2400),
    Column("审查决定", "decision", T.ENUM, choices=tuple(Decision.choices), example=Decision.GRANT.label,
           help="已作出决定的填写"),
    Column("决定日期", "decided_on", T.DATE, example="2021-03-03"),
    Column("决定理由或逾期原因", "decision_note", max_length=500, example=""),
    Column("案号", "number", max_length=60, example="", help="导出时填写；导入时由系统编号"),
)


def _import_application(row: Row, ctx: ImportContext) -> None:
    v = row.values
    app = call_action(row, "", actions.register_application, ctx.user, org=ctx.org, channel=v["channel"],
                      category=v["category"], civil_matter=v["civil_matter"] or "", summary=v["summary"],
                      received_on=v["received_on"], recipients=v["recipients"] or 1,
                      is_migrant_worker=bool(v["is_migrant_worker"]), exemption=v["exemption"] or "",
                      review_basis=v["review_basis"] or ReviewBasis.PLEDGE, household_size=v["household_size"],
                      household_income=v["household_income"],
                      applicant={"name": v["name"], "id_number": v["id_number"], "mobile": v["mobile"] or ""})
    if v["decision"]:
        if not v["decided_on"]:
            raise RowError(row.number, "填写了审查决定的，请填写决定日期。", "decided_on")
        if app.status != "received":
            raise RowError(row.number, "受理机构不是法律援助机构，申请须先转交，不能同时导入审查决定。", "decision")
        note = v["decision_note"] or ""
        late = app.decision_due and v["decided_on"] > app.decision_due
        call_action(row, "decision", actions.decide, ctx.user, app, decision=v["decision"], decided_on=v["decided_on"],
                    reason="" if late else note, late_reason=note if late else "")


def _application_row(a: Application) -> dict:
    return {"received_on": a.received_on, "channel": a.channel, "category": a.category, "civil_matter": a.civil_matter,
            "summary": a.summary, "name": a.name, "id_number": a.id_number, "mobile": a.mobile,
            "recipients": a.recipients, "is_migrant_worker": a.is_migrant_worker, "exemption": a.exemption,
            "review_basis": a.review_basis if a.review_basis in (ReviewBasis.INFO_SHARING, ReviewBasis.PLEDGE) else "",
            "household_size": a.household_size, "household_income": a.household_income, "decision": a.decision,
            "decided_on": a.decided_on, "decision_note": a.decision_reason, "number": a.number}


register(RecordKind(
    code="legalaid_applications", name="法律援助案件", columns=APPLICATION_COLUMNS, key=("id_number", "received_on"),
    description="法律援助申请（通知辩护请在页面登记），一行一件；经济状况不符合条件且无免予核查情形的行将被拒绝。",
    row_to_action=each_row(_import_application, LEDGER),
    export_queryset=lambda user, filters: Application.objects.for_user(user).under(filters["org"]),
    row_for=_application_row,
))


# --- 法律咨询 ---

CONSULT_COLUMNS = (
    Column("咨询日期", "asked_on", T.DATE, required=True, example="2021-03-01"),
    Column("咨询渠道", "channel", T.ENUM, required=True, choices=tuple(ConsultChannel.choices),
           example=ConsultChannel.HOTLINE.label),
    Column("咨询类别", "topic", T.ENUM, required=True, choices=tuple(Topic.choices), example=Topic.WAGES.label),
    Column("咨询内容", "question", required=True, max_length=2000, example="包工头拖欠工资怎么办"),
    Column("答复内容", "answer", max_length=2000, example="可向劳动监察部门投诉或申请劳动仲裁"),
    Column("咨询人次", "persons", T.INT, min_value=1, max_value=1000, example=1),
    Column("农民工", "is_migrant_worker", T.BOOL, example="是"),
    Column("咨询人", "asker_name", max_length=50, sensitive=True, mask="name", example="张某"),
    Column("联系电话", "mobile", T.MOBILE, sensitive=True, example=""),
)


def _import_consultation(row: Row, ctx: ImportContext) -> None:
    v = row.values
    call_action(row, "", actions.record_consultation, ctx.user, org=ctx.org, channel=v["channel"], asked_on=v["asked_on"],
                topic=v["topic"], question=v["question"], answer=v["answer"] or "", persons=v["persons"] or 1,
                is_migrant_worker=bool(v["is_migrant_worker"]), asker_name=v["asker_name"] or "", mobile=v["mobile"] or "")


register(RecordKind(
    code="legalaid_consultations", name="法律咨询", columns=CONSULT_COLUMNS,
    description="12348热线、来访、网上等渠道的法律咨询，一行一件。",
    row_to_action=each_row(_import_consultation, LEDGER),
    export_queryset=lambda user, filters: Consultation.objects.for_user(user).under(filters["org"]),
    row_for=lambda c: {"asked_on": c.asked_on, "channel": c.channel, "topic": c.topic, "question": c.question,
                       "answer": c.answer, "persons": c.persons, "is_migrant_worker": c.is_migrant_worker,
                       "asker_name": c.asker_name, "mobile": c.mobile},
))


# --- 法律援助人员 ---

PROVIDER_COLUMNS = (
    Column("所在机构", "service_org", required=True, max_length=100, example="安徽梨都律师事务所",
           help="须已在“法律援助服务机构”中登记"),
    Column("姓名", "name", required=True, max_length=50, example="周文涛"),
    Column("人员类别", "kind", T.ENUM, required=True, choices=tuple(ProviderKind.choices),
           example=ProviderKind.LAWYER.label),
    Column("执业证号", "licence_number", max_length=30, example="13413201010000001", help="律师为17位数字"),
    Column("执业状态", "licence_status", T.ENUM, choices=tuple(LicenceStatus.choices),
           example=LicenceStatus.ACTIVE.label),
    Column("首次执业日期", "practice_since", T.DATE, example="2010-05-01"),
    Column("擅长领域", "specialities", max_length=20, example="刑事、民事", help="刑事、民事、行政，用顿号分隔"),
    Column("同时承办案件上限", "max_open_cases", T.INT, min_value=1, max_value=200, example=10),
    Column("手机号码", "mobile", T.MOBILE, sensitive=True, example=""),
)


def _import_provider(row: Row, ctx: ImportContext) -> None:
    v = row.values
    service_org = ServiceOrg.objects.filter(org_path__startswith=ctx.org.path, name=v["service_org"]).first()
    if service_org is None:
        raise RowError(row.number, f"服务机构“{v['service_org']}”不存在或不在导入目标机构范围内。", "service_org",
                       v["service_org"])
    areas = [a for a in (v["specialities"] or "刑事、民事、行政").replace("，", "、").split("、") if a]
    provider = call_action(row, "", actions.create_provider, ctx.user, service_org=service_org, name=v["name"],
                           kind=v["kind"], licence_number=v["licence_number"] or "", practice_since=v["practice_since"],
                           specialities=areas, max_open_cases=v["max_open_cases"] or 10, mobile=v["mobile"] or "")
    status = v["licence_status"] or LicenceStatus.ACTIVE
    if status != LicenceStatus.ACTIVE:
        call_action(row, "licence_status", actions.set_licence_status, ctx.user, provider, status=status,
                    reason="依据历史台账导入")


register(RecordKind(
    code="legalaid_providers", name="法律援助人员", columns=PROVIDER_COLUMNS, key=("name", "licence_number"),
    description="承办法律援助的律师、基层法律服务工作者和志愿者，含执业证号和执业状态。",
    row_to_action=each_row(_import_provider, LEDGER),
    export_queryset=lambda user, filters: Provider.objects.for_user(user).under(filters["org"])
    .select_related("service_org"),
    row_for=lambda p: {"service_org": p.service_org.name, "name": p.name, "kind": p.kind,
                       "licence_number": p.licence_number, "licence_status": p.licence_status,
                       "practice_since": p.practice_since, "specialities": p.speciality_labels(),
                       "max_open_cases": p.max_open_cases, "mobile": p.mobile},
))


# --- 值班律师法律帮助 ---

HELP_COLUMNS = (
    Column("日期", "helped_on", T.DATE, required=True, example="2021-03-01"),
    Column("工作站", "station", required=True, max_length=100, example="砀山县人民检察院法律援助工作站"),
    Column("值班律师执业证号", "licence_number", required=True, max_length=30, example="13413201010000001"),
    Column("帮助类型", "kind", T.ENUM, required=True, choices=tuple(HelpKind.choices), example=HelpKind.PLEA.label),
    Column("帮助人次", "persons", T.INT, min_value=1, max_value=1000, example=1),
    Column("案号或文书号", "case_reference", max_length=100, example="砀检刑诉〔2021〕15号"),
)


def _import_help(row: Row, ctx: ImportContext) -> None:
    from .models import DutyShift, DutyStation

    v = row.values
    station = DutyStation.objects.filter(org_path__startswith=ctx.org.path, name=v["station"]).first()
    provider = Provider.objects.filter(org_path__startswith=ctx.org.path, licence_number=v["licence_number"]).first()
    if station is None:
        raise RowError(row.number, f"工作站“{v['station']}”不存在或不在导入目标机构范围内。", "station", v["station"])
    if provider is None:
        raise RowError(row.number, "执业证号在法律援助人员名册中不存在。", "licence_number", v["licence_number"])
    if not DutyShift.objects.filter(station=station, provider=provider, on_date=v["helped_on"]).exists():
        call_action(row, "helped_on", actions.schedule_shift, ctx.user, station=station, provider=provider,
                    on_date=v["helped_on"])
    call_action(row, "", actions.record_help, ctx.user, station=station, provider=provider, helped_on=v["helped_on"],
                kind=v["kind"], persons=v["persons"] or 1, case_reference=v["case_reference"] or "")


register(RecordKind(
    code="legalaid_helps", name="值班律师法律帮助", columns=HELP_COLUMNS,
    description="值班律师在法院、检察院、看守所提供的法律帮助；认罪认罚具结在场一案一行。未排班的按台账补登排班。",
    row_to_action=each_row(_import_help, LEDGER),
    export_queryset=lambda user, filters: LegalHelp.objects.for_user(user).under(filters["org"])
    .select_related("station", "provider"),
    row_for=lambda h: {"helped_on": h.helped_on, "station": h.station.name, "licence_number": h.provider.licence_number,
                       "kind": h.kind, "persons": h.persons, "case_reference": h.case_reference},
))
