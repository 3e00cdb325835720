"""The corrections line's Excel 台账: 社区矫正对象, 日常监管记录 (reports, visits, education, checks), 调查评估
and 刑满释放人员.

Every row goes through the same actions as a form (a subject is registered and, with a 报到日期, received; a
supervision event must fall within the subject's period…), inside the ledger framework's single transaction:
one bad row and nothing of the file is written. Criminal-record columns are masked in exports. Only corrections
officers import or export these kinds (the capability they alone hold, `read_tracks`), and an export holds
only the records of the exporter's corrections scope.
"""

from __future__ import annotations

from itertools import chain

from sifa.core.models import OrgKind, OrgUnit
from sifa.ledger.registry import Column, ImportContext, RecordKind, Row, RowError, call_action, register
from sifa.ledger.registry import ColumnType as T

from . import access, actions
from .actions import aftercare
from .models import (
    AuthorityKind,
    Category,
    CheckFinding,
    CheckMethod,
    Commissioner,
    Education,
    EducationKind,
    FieldVisit,
    InfoCheck,
    Investigation,
    Level,
    Opinion,
    OutsideReason,
    ReleasedPerson,
    Report,
    ReportMethod,
    Subject,
    SubjectStatus,
    VisitorKind,
)

CAPABILITY = "read_tracks"  # held by 社区矫正工作人员 only


def _need_officer(ctx: ImportContext) -> None:
    if ctx.user is None or not access.can_write(ctx.user):
        raise RowError(None, "社区矫正台账须以社区矫正工作人员身份导入（命令行请加 --user 指定办理人账号）。")


def _office(ctx: ImportContext, code: str | None, row: Row, column: str = "office") -> OrgUnit:
    """The 司法所 named by its org code, within the import target; the target itself when it is one."""
    if not code:
        if ctx.org.kind == OrgKind.JUSTICE_OFFICE:
            return ctx.org
        raise RowError(row.number, "请填写执行地司法所的机构代码（导入目标不是司法所）。", column)
    cache = ctx.state.setdefault("offices", {})
    if code not in cache:
        cache[code] = OrgUnit.objects.filter(code=code, path__startswith=ctx.org.path,
                                             kind=OrgKind.JUSTICE_OFFICE).first()
    if cache[code] is None:
        raise RowError(row.number, f"机构代码“{code}”不是导入目标机构范围内的司法所。", column, code)
    return cache[code]


def _subject(ctx: ImportContext, number: str, row: Row) -> Subject:
    """A subject of the import target by its 档案编号."""
    found = Subject.objects.filter(number=number, org_path__startswith=ctx.org.path).first()
    if found is None:
        raise RowError(row.number, f"档案编号“{number}”的社区矫正对象不存在，或不在导入目标机构范围内。", "subject",
                       number)
    return found


def _scoped(model, user, org):
    return model.objects.for_user(user).under(org)


# --- 社区矫正对象 ---

SUBJECT_COLUMNS = (
    Column("档案编号", "number", max_length=60, example="", help="导出时填写；导入时由系统编号"),
    Column("姓名", "name", required=True, max_length=50, example="张某"),
    Column("身份证号码", "id_number", T.ID_NUMBER, required=True, sensitive=True, example="11010519491231002X"),
    Column("矫正类别", "category", T.ENUM, required=True, choices=tuple(Category.choices),
           example=Category.PROBATION.label),
    Column("暂予监外执行情形", "outside_reason", T.ENUM, choices=tuple(OutsideReason.choices), example="",
           help="暂予监外执行的必填"),
    Column("罪名", "crime", required=True, sensitive=True, mask="text", max_length=200, example="危险驾驶罪"),
    Column("原判刑罚", "sentence", required=True, sensitive=True, mask="text", max_length=200,
           example="拘役四个月，缓刑六个月"),
    Column("判决（裁定、决定）书文号", "judgement_no", sensitive=True, mask="text", max_length=100,
           example="（2021）皖1321刑初88号"),
    Column("禁止令", "prohibitions", sensitive=True, mask="text", max_length=2000, example=""),
    Column("决定机关类别", "authority_kind", T.ENUM, required=True, choices=tuple(AuthorityKind.choices),
           example=AuthorityKind.COURT.label),
    Column("决定机关", "authority", required=True, max_length=100, example="砀山县人民法院"),
    Column("生效日期", "effective_on", T.DATE, required=True, example="2021-03-01"),
    Column("矫正期限（年）", "term_years", T.INT, min_value=0, max_value=30, example=0),
    Column("矫正期限（月）", "term_months", T.INT, min_value=0, max_value=360, example=6),
    Column("矫正期限（日）", "term_days", T.INT, min_value=0, max_value=3650, example=0),
    Column("先行羁押折抵（日）", "credited_days", T.INT, min_value=0, max_value=3650, example=0),
    Column("执行地司法所代码", "office", T.ORG_CODE, example="341321100-SFS", help="不填则为导入目标司法所"),
    Column("报到日期", "reported_on", T.DATE, example="2021-03-05", help="已报到接收的填写；不填为待报到"),
    Column("管理类别", "level", T.ENUM, choices=tuple(Level.choices), example=Level.NORMAL.label),
    Column("网格", "grid", max_length=100, example="砀城镇第3网格"),
    Column("联系电话", "mobile", T.MOBILE, sensitive=True, example="13800000000"),
    Column("居住地", "address", sensitive=True, mask="address", max_length=200, example="砀山县砀城镇"),
    Column("状态", "status", T.ENUM, choices=tuple(SubjectStatus.choices), example="", help="导出时填写；导入时忽略"),
    Column("矫正期满日", "period_end", T.DATE, example="", help="导出时填写；导入时按期限计算"),
)


def _import_subjects(rows, ctx: ImportContext) -> int:
    _need_officer(ctx)
    count = 0
    for row in rows:
        v = row.values
        subject = call_action(row, "", actions.register_subject, ctx.user, org=_office(ctx, v["office"], row),
                              name=v["name"], id_number=v["id_number"], category=v["category"],
                              outside_reason=v["outside_reason"] or "", crime=v["crime"], sentence=v["sentence"],
                              judgement_no=v["judgement_no"] or "", prohibitions=v["prohibitions"] or "",
                              authority_kind=v["authority_kind"], authority=v["authority"], effective_on=v["effective_on"],
                              term_years=v["term_years"] or 0, term_months=v["term_months"] or 0,
                              term_days=v["term_days"] or 0, credited_days=v["credited_days"] or 0,
                              level=v["level"] or Level.STRICT, grid=v["grid"] or "", mobile=v["mobile"] or "",
                              address=v["address"] or "")
        if v["reported_on"]:
            call_action(row, "reported_on", actions.record_report_in, ctx.user, subject, reported_on=v["reported_on"])
        count += 1
    return count


def _subject_row(s: Subject) -> dict:
    return {"number": s.number, "name": s.name, "id_number": s.id_number, "category": s.category,
            "outside_reason": s.outside_reason, "crime": s.crime, "sentence": s.sentence,
            "judgement_no": s.judgement_no, "prohibitions": s.prohibitions, "authority_kind": s.authority_kind,
            "authority": s.authority, "effective_on": s.effective_on, "term_years": s.term_years,
            "term_months": s.term_months, "term_days": s.term_days, "credited_days": s.credited_days,
            "office": s.org.code, "reported_on": s.reported_on, "level": s.level, "grid": s.grid,
            "mobile": s.mobile, "address": s.address, "status": s.status, "period_end": s.period_end}


SUBJECTS = register(RecordKind(
    code="corrections_subjects", name="社区矫正对象", columns=SUBJECT_COLUMNS, key=("id_number",),
    description="社区矫正对象的接收登记：身份、类别、罪名、刑期和矫正期限、决定机关、执行地；填写报到日期的同时办理报到接收。",
    row_to_action=_import_subjects, import_capability=CAPABILITY, export_capability=CAPABILITY,
    export_queryset=lambda user, filters: _scoped(Subject, user, filters["org"]).select_related("org"),
    row_for=_subject_row,
))


# --- 日常监管记录 ---

EVENT_KINDS = (("report", "定期报告"), ("visit", "走访"), ("education", "教育学习"), ("community", "公益活动"),
               ("check", "信息化核查"))
EVENT_COLUMNS = (
    Column("档案编号", "subject", required=True, max_length=60, example="（2021）砀矫字第1号"),
    Column("事项", "event", T.ENUM, required=True, choices=EVENT_KINDS, example="走访"),
    Column("日期", "day", T.DATE, required=True, example="2021-04-12"),
    Column("方式或类别", "method", max_length=30, example="司法所工作人员",
           help="定期报告填报告方式；走访填走访人员类别；教育学习填类别；信息化核查填核查方式"),
    Column("人员", "people", max_length=100, example="王某、李某", help="走访的必填"),
    Column("情况", "content", max_length=2000, example="在家务农，表现良好"),
    Column("时长（小时）", "hours", T.DECIMAL, min_value=0, max_value=24, example="", help="教育学习、公益活动的必填"),
    Column("核查结果", "finding", T.ENUM, choices=tuple(CheckFinding.choices), example="",
           help="信息化核查的填写，不填为正常"),
)
_METHOD_CHOICES = {"report": ReportMethod, "visit": VisitorKind, "education": EducationKind, "check": CheckMethod}


def _import_events(rows, ctx: ImportContext) -> int:
    _need_officer(ctx)
    count = 0
    for row in rows:
        v = row.values
        subject, kind, day = _subject(ctx, v["subject"], row), v["event"], v["day"]
        method = v["method"] or ""
        if kind == "report":
            call_action(row, "", actions.record_report, ctx.user, subject, reported_on=day,
                        method=method or ReportMethod.IN_PERSON, content=v["content"] or "")
        elif kind == "visit":
            call_action(row, "", actions.record_visit, ctx.user, subject, visited_on=day,
                        visitor_kind=method or VisitorKind.STAFF, visitors=v["people"] or "", content=v["content"] or "")
        elif kind in ("education", "community"):
            if v["hours"] is None:
                raise RowError(row.number, "教育学习、公益活动须填写时长。", "hours")
            call_action(row, "", actions.record_education, ctx.user, subject, held_on=day,
                        kind=EducationKind.COMMUNITY if kind == "community" else (method or EducationKind.LAW),
                        hours=v["hours"], content=v["content"] or EducationKind(EducationKind.COMMUNITY).label)
        else:
            call_action(row, "", actions.record_info_check, ctx.user, subject, checked_on=day,
                        method=method or CheckMethod.PHONE_LOCATION, finding=v["finding"] or CheckFinding.NORMAL,
                        note=v["content"] or "")
        count += 1
    return count


def _events_for(user, filters):
    org = filters["org"]
    parts = [_scoped(model, user, org).select_related("subject").order_by(date, "pk") for model, date in (
        (Report, "reported_on"), (FieldVisit, "visited_on"), (Education, "held_on"), (InfoCheck, "checked_on"))]
    return chain(*parts)


def _event_row(obj) -> dict:
    base = {"subject": obj.subject.number, "content": getattr(obj, "content", "") or getattr(obj, "note", "")}
    if isinstance(obj, Report):
        return base | {"event": "report", "day": obj.reported_on, "method": obj.get_method_display()}
    if isinstance(obj, FieldVisit):
        return base | {"event": "visit", "day": obj.visited_on, "method": obj.get_visitor_kind_display(),
                       "people": obj.visitors}
    if isinstance(obj, Education):
        kind = "community" if obj.kind == EducationKind.COMMUNITY else "education"
        return base | {"event": kind, "day": obj.held_on, "method": obj.get_kind_display(), "hours": obj.hours}
    return base | {"event": "check", "day": obj.checked_on, "method": obj.get_method_display(),
                   "finding": obj.finding}


EVENTS = register(RecordKind(
    code="corrections_events", name="社区矫正日常监管记录", columns=EVENT_COLUMNS,
    description="定期报告、走访、教育学习、公益活动和信息化核查，一行一次，以档案编号对应社区矫正对象。",
    row_to_action=_import_events, import_capability=CAPABILITY, export_capability=CAPABILITY,
    export_queryset=_events_for, row_for=_event_row,
))


# --- 调查评估 ---

INVESTIGATION_COLUMNS = (
    Column("编号", "number", max_length=60, example="", help="导出时填写；导入时由系统编号"),
    Column("承办司法所代码", "office", T.ORG_CODE, example="341321100-SFS", help="不填则为导入目标司法所"),
    Column("委托机关类别", "commissioner_kind", T.ENUM, required=True, choices=tuple(Commissioner.choices),
           example=Commissioner.COURT.label),
    Column("委托机关", "commissioner", required=True, max_length=100, example="砀山县人民法院"),
    Column("收到委托日期", "received_on", T.DATE, required=True, example="2021-03-01"),
    Column("速裁", "urgent", T.BOOL, example="否"),
    Column("被调查人", "person_name", required=True, max_length=50, example="王某"),
    Column("身份证号码", "id_number", T.ID_NUMBER, required=True, sensitive=True, example="11010519491231002X"),
    Column("拟适用类别", "proposed_category", T.ENUM, required=True, choices=tuple(Category.choices),
           example=Category.PROBATION.label),
    Column("评估意见", "opinion", T.ENUM, choices=tuple(Opinion.choices), example=Opinion.SUITABLE.label),
    Column("出具意见日期", "completed_on", T.DATE, example="2021-03-10"),
    Column("调查人员", "investigators", max_length=100, example="张某、李某"),
    Column("调查情况", "findings", max_length=5000, example="家庭稳定，村委会同意协助监管"),
)


def _import_investigations(rows, ctx: ImportContext) -> int:
    _need_officer(ctx)
    count = 0
    for row in rows:
        v = row.values
        inv = call_action(row, "", actions.commission_investigation, ctx.user, org=_office(ctx, v["office"], row),
                          commissioner_kind=v["commissioner_kind"], commissioner=v["commissioner"],
                          received_on=v["received_on"], urgent=bool(v["urgent"]), person_name=v["person_name"],
                          id_number=v["id_number"], proposed_category=v["proposed_category"])
        if v["opinion"] or v["completed_on"]:
            if not (v["opinion"] and v["completed_on"]):
                raise RowError(row.number, "已出具意见的，请同时填写评估意见和出具意见日期。", "opinion")
            call_action(row, "opinion", actions.complete_investigation, ctx.user, inv, opinion=v["opinion"],
                        completed_on=v["completed_on"], findings=v["findings"] or "", investigators=v["investigators"] or "")
        count += 1
    return count


INVESTIGATIONS = register(RecordKind(
    code="corrections_investigations", name="调查评估", columns=INVESTIGATION_COLUMNS,
    description="受委托的审前调查评估：委托、期限（十个工作日，速裁五个工作日）和评估意见。",
    row_to_action=_import_investigations, import_capability=CAPABILITY, export_capability=CAPABILITY,
    export_queryset=lambda user, filters: _scoped(Investigation, user, filters["org"]).select_related("org"),
    row_for=lambda i: {"number": i.number, "office": i.org.code, "commissioner_kind": i.commissioner_kind,
                       "commissioner": i.commissioner, "received_on": i.received_on, "urgent": i.urgent,
                       "person_name": i.person_name, "id_number": i.id_number,
                       "proposed_category": i.proposed_category, "opinion": i.opinion,
                       "completed_on": i.completed_on, "investigators": i.investigators, "findings": i.findings},
))


# --- 刑满释放人员 ---

RELEASED_COLUMNS = (
    Column("姓名", "name", required=True, max_length=50, example="赵某"),
    Column("身份证号码", "id_number", T.ID_NUMBER, required=True, sensitive=True, example="11010519491231002X"),
    Column("罪名", "crime", required=True, sensitive=True, mask="text", max_length=200, example="盗窃罪"),
    Column("原服刑监所", "prison", required=True, max_length=100, example="安徽省宿州监狱"),
    Column("释放日期", "release_on", T.DATE, required=True, example="2021-03-10"),
    Column("收到通知书日期", "notice_received_on", T.DATE, example="2021-02-08"),
    Column("重点帮教对象", "key_person", T.BOOL, example="否"),
    Column("司法所代码", "office", T.ORG_CODE, example="341321100-SFS", help="不填则为导入目标司法所"),
    Column("接回日期", "picked_up_on", T.DATE, example="", help="重点帮教对象必接必送的接回日期"),
    Column("接送人员", "escorts", max_length=200, example=""),
    Column("衔接日期", "linked_on", T.DATE, example="2021-03-11"),
)


def _import_released(rows, ctx: ImportContext) -> int:
    _need_officer(ctx)
    count = 0
    for row in rows:
        v = row.values
        person = call_action(row, "", aftercare.register_release, ctx.user, org=_office(ctx, v["office"], row),
                             name=v["name"], id_number=v["id_number"], crime=v["crime"], prison=v["prison"],
                             release_on=v["release_on"], notice_received_on=v["notice_received_on"],
                             key_person=bool(v["key_person"]))
        if v["picked_up_on"]:
            call_action(row, "picked_up_on", aftercare.record_pickup, ctx.user, person, picked_up_on=v["picked_up_on"],
                        escorts=v["escorts"] or "")
        if v["linked_on"]:
            call_action(row, "linked_on", aftercare.link, ctx.user, person, linked_on=v["linked_on"])
        count += 1
    return count


RELEASED = register(RecordKind(
    code="corrections_released", name="刑满释放人员", columns=RELEASED_COLUMNS, key=("id_number",),
    description="监狱通知的刑满释放人员：释放、必接必送和衔接建档。",
    row_to_action=_import_released, import_capability=CAPABILITY, export_capability=CAPABILITY,
    export_queryset=lambda user, filters: _scoped(ReleasedPerson, user, filters["org"]).select_related("org"),
    row_for=lambda p: {"name": p.name, "id_number": p.id_number, "crime": p.crime, "prison": p.prison,
                       "release_on": p.release_on, "notice_received_on": p.notice_received_on,
                       "key_person": p.key_person, "office": p.org.code, "picked_up_on": p.picked_up_on,
                       "escorts": p.escorts, "linked_on": p.linked_on},
))
