"""The mediation line's Excel 台账: 人民调解委员会, 人民调解员, 矛盾纠纷排查 and 矛盾纠纷 (cases).

Every row goes through the same actions as a form (so an imported case obeys the workflow: an outcome needs
a 调解日期, a success needs its agreement …), inside the ledger framework's single transaction: one bad row,
and nothing of the file is written. Committees are named by their name or org code and must exist in the
import target's subtree.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from sifa.core.identifiers import validate_credit_code, validate_resident_id
from sifa.core.models import Division, OrgKind, OrgUnit
from sifa.ledger.registry import (
    Column,
    ImportContext,
    RecordKind,
    Row,
    RowError,
    call_action,
    need_user,
    register,
)
from sifa.ledger.registry import ColumnType as T

from . import actions
from .models import (
    AgreementForm,
    CommitteeType,
    Dispute,
    DisputeStatus,
    DisputeType,
    Employment,
    Level,
    MediationCommittee,
    Mediator,
    MediatorPosition,
    PartyKind,
    PartySide,
    Performance,
    Screening,
    Sex,
    Source,
)

CLOSED_RESULTS = ((DisputeStatus.MEDIATING.value, "调解中"),) + tuple(
    (s.value, s.label) for s in (DisputeStatus.SUCCEEDED, DisputeStatus.FAILED, DisputeStatus.TERMINATED,
                                 DisputeStatus.WITHDRAWN))
NAME_SEPARATORS = ("、", "，", ",", ";", "；", " ")


# --- helpers shared by the kinds ---


def find_committee(ctx: ImportContext, text: str, row: int, column: str = "committee") -> MediationCommittee:
    """A committee under the import target, by name or by org code."""
    cache = ctx.state.setdefault("committees", {})
    if text in cache:
        return cache[text]
    found = list(MediationCommittee.objects.filter(org_path__startswith=ctx.org.path, name=text)[:2]) or list(
        MediationCommittee.objects.filter(org_path__startswith=ctx.org.path, org__code=text)[:2])
    if not found:
        raise RowError(row, f"调委会“{text}”不存在，或不在导入目标机构“{ctx.org.name}”的范围内。请先在"
                            "“人民调解委员会”台账中登记该调委会。", column, text)
    if len(found) > 1:
        raise RowError(row, f"有多个名为“{text}”的调委会，请改填调委会的机构代码。", column, text)
    cache[text] = found[0]
    return found[0]


def check_committee_column(column: str, required: bool = True):
    """A batched check (before anything is written) that every named committee exists."""

    def check(batch: list[Row], ctx: ImportContext):
        for row in batch:
            text = row.values.get(column)
            if not text:
                continue
            try:
                find_committee(ctx, text, row.number, column)
            except RowError as exc:
                yield exc

    return check


# --- 人民调解委员会 ---

COMMITTEE_COLUMNS = (
    Column("调委会名称", "name", required=True, max_length=100, example="城关村人民调解委员会"),
    Column("调委会类型", "committee_type", T.ENUM, required=True, choices=tuple(CommitteeType.choices),
           example=CommitteeType.VILLAGE.label),
    Column("上级单位代码", "parent", T.ORG_CODE, example="341321100-SFS",
           help="所属司法所（县级、行业性专业性调委会填司法局）的机构代码；不填则为导入目标机构"),
    Column("机构代码", "code", T.ORG_CODE, check_exists=False, example="",
           help="已在机构台账中建立的调委会填其机构代码；不填则自动新建机构"),
    Column("所在区划代码", "division", T.DIVISION_CODE, example="341321100001",
           help="村（居）调委会填12位村（社区）代码；不填则取上级单位所在区划"),
    Column("层级", "level", T.ENUM, choices=tuple(Level.choices), example=Level.VILLAGE.label,
           help="不填则按类型：村（居）、企事业为村社，乡镇（街道）为镇街，行业性专业性、派驻为县级"),
    Column("行业领域", "sector", max_length=50, example=""),
    Column("委员人数", "member_count", T.INT, required=True, min_value=1, max_value=99, example=5),
    Column("有妇女委员", "has_female_member", T.BOOL, example="是"),
    Column("主任", "director", max_length=50, example="王某某"),
    Column("联系电话", "phone", max_length=30, example="0557-8000000"),
    Column("地址", "address", max_length=200, example=""),
    Column("成立日期", "established_on", T.DATE, example="2015-03-01"),
)


def _check_committee_rows(batch: list[Row], ctx: ImportContext):
    parents = {r.values["parent"] for r in batch if r.values["parent"]}
    known = set(OrgUnit.objects.filter(code__in=parents, path__startswith=ctx.org.path,
                                       kind__in=[OrgKind.JUSTICE_OFFICE, OrgKind.COUNTY_BUREAU])
                .values_list("code", flat=True))
    for row in batch:
        parent = row.values["parent"]
        if parent and parent not in known:
            yield RowError(row.number, f"上级单位“{parent}”不是导入目标机构范围内的司法所或司法局。", "parent", parent)


def _create_committee(rows, ctx: ImportContext) -> int:
    need_user(ctx, ledger="人民调解台账")
    count = 0
    for row in rows:
        v = row.values
        parent = OrgUnit.objects.get(code=v["parent"]) if v["parent"] else ctx.org
        unit = None
        if v["code"]:
            unit = OrgUnit.objects.filter(code=v["code"], path__startswith=ctx.org.path).first()
            if unit is None:
                raise RowError(row.number, f"机构代码“{v['code']}”不存在或不在导入目标机构范围内。", "code", v["code"])
        division = None
        if v["division"]:
            division = Division.objects.filter(code=v["division"]).first()
            if division is None:
                raise RowError(row.number, f"区划代码“{v['division']}”不存在。", "division", v["division"])
        call_action(row, "", actions.create_committee, ctx.user, parent=parent, unit=unit, name=v["name"],
              committee_type=v["committee_type"], member_count=v["member_count"], level=v["level"] or "",
              division=division, sector=v["sector"] or "",
              has_female_member=True if v["has_female_member"] is None else v["has_female_member"],
              director=v["director"] or "", phone=v["phone"] or "", address=v["address"] or "",
              established_on=v["established_on"])
        count += 1
    return count


def _committee_row(c: MediationCommittee) -> dict:
    return {"name": c.name, "committee_type": c.committee_type, "parent": c.org.parent.code if c.org.parent_id else "",
            "code": c.org.code, "division": c.org.division_id, "level": c.level, "sector": c.sector,
            "member_count": c.member_count, "has_female_member": c.has_female_member, "director": c.director,
            "phone": c.phone, "address": c.address, "established_on": c.established_on}


COMMITTEES = register(RecordKind(
    code="mediation_committees", name="人民调解委员会", columns=COMMITTEE_COLUMNS, key=("name",),
    description="村（居）、乡镇（街道）、企事业、行业性专业性和派驻人民调解委员会。",
    row_to_action=_create_committee, check_rows=_check_committee_rows,
    export_queryset=lambda user, filters: MediationCommittee.objects.for_user(user).under(filters["org"])
    .select_related("org__parent"),
    row_for=_committee_row,
))


# --- 人民调解员 ---

MEDIATOR_COLUMNS = (
    Column("姓名", "name", required=True, max_length=50, example="赵秀英"),
    Column("所在调委会", "committee", required=True, max_length=100, example="城关村人民调解委员会",
           help="调委会名称（同名时填机构代码），须已登记"),
    Column("性别", "sex", T.ENUM, choices=tuple(Sex.choices), example="女", help="填写身份证号码时可不填"),
    Column("身份证号码", "id_number", T.ID_NUMBER, sensitive=True, example="11010519491231002X"),
    Column("手机号码", "mobile", T.MOBILE, sensitive=True, example="13800000000"),
    Column("专兼职", "employment", T.ENUM, choices=tuple(Employment.choices), example=Employment.PART_TIME.label),
    Column("职务", "position", T.ENUM, choices=tuple(MediatorPosition.choices),
           example=MediatorPosition.MEDIATOR.label),
    Column("擅长领域", "specialities", max_length=200, example="婚姻家庭、邻里纠纷"),
    Column("调解能手", "is_expert", T.BOOL, example="否"),
    Column("聘任日期", "joined_on", T.DATE, example="2018-01-01"),
    Column("离任日期", "left_on", T.DATE, example=""),
)


def _create_mediator(rows, ctx: ImportContext) -> int:
    need_user(ctx, ledger="人民调解台账")
    count = 0
    for row in rows:
        v = row.values
        committee = find_committee(ctx, v["committee"], row.number)
        mediator = call_action(row, "", actions.create_mediator, ctx.user, committee=committee, name=v["name"],
                         sex=v["sex"] or "", id_number=v["id_number"] or "", mobile=v["mobile"] or "",
                         employment=v["employment"] or Employment.PART_TIME,
                         position=v["position"] or MediatorPosition.MEDIATOR, specialities=v["specialities"] or "",
                         is_expert=bool(v["is_expert"]), joined_on=v["joined_on"])
        if v["left_on"]:
            call_action(row, "left_on", actions.update_mediator, ctx.user, mediator, left_on=v["left_on"])
        count += 1
    return count


MEDIATORS = register(RecordKind(
    code="mediation_mediators", name="人民调解员", columns=MEDIATOR_COLUMNS,
    description="各调委会的人民调解员，含专兼职、职务、擅长领域和调解能手。",
    row_to_action=_create_mediator, check_rows=check_committee_column("committee"),
    export_queryset=lambda user, filters: Mediator.objects.for_user(user).under(filters["org"])
    .select_related("committee"),
    row_for=lambda m: {"name": m.name, "committee": m.committee.name, "sex": m.sex, "id_number": m.id_number,
                       "mobile": m.mobile, "employment": m.employment, "position": m.position,
                       "specialities": m.specialities, "is_expert": m.is_expert, "joined_on": m.joined_on,
                       "left_on": m.left_on},
))


# --- 矛盾纠纷排查 ---

SCREENING_COLUMNS = (
    Column("排查日期", "held_on", T.DATE, required=True, example="2021-03-15"),
    Column("排查单位", "committee", max_length=100, example="城关村人民调解委员会",
           help="调委会名称或机构代码；不填则为导入目标机构"),
    Column("排查范围", "scope", required=True, max_length=200, example="全村12个村民组"),
    Column("专项名称", "topic", max_length=100, example="春节前矛盾纠纷大排查"),
    Column("发现纠纷（件）", "found_count", T.INT, min_value=0, example=2),
    Column("预防纠纷（件）", "prevented_count", T.INT, min_value=0, example=1),
    Column("参与人数", "participants", T.INT, min_value=0, example=6),
    Column("风险隐患", "risks", max_length=2000, example=""),
)


def _record_screening(rows, ctx: ImportContext) -> int:
    need_user(ctx, ledger="人民调解台账")
    count = 0
    for row in rows:
        v = row.values
        org = find_committee(ctx, v["committee"], row.number).org if v["committee"] else ctx.org
        call_action(row, "", actions.record_screening, ctx.user, org=org, held_on=v["held_on"], scope=v["scope"],
              topic=v["topic"] or "", found_count=v["found_count"] or 0, prevented_count=v["prevented_count"] or 0,
              participants=v["participants"], risks=v["risks"] or "")
        count += 1
    return count


def _screening_unit(s: Screening) -> str:
    committee = MediationCommittee.objects.filter(org_id=s.org_id).only("name").first()
    return committee.name if committee else ""


SCREENINGS = register(RecordKind(
    code="mediation_screenings", name="矛盾纠纷排查", columns=SCREENING_COLUMNS,
    description="每次矛盾纠纷排查的日期、范围、发现和预防的纠纷数。",
    row_to_action=_record_screening, check_rows=check_committee_column("committee"),
    export_queryset=lambda user, filters: Screening.objects.for_user(user).under(filters["org"]),
    row_for=lambda s: {"held_on": s.held_on, "committee": _screening_unit(s), "scope": s.scope, "topic": s.topic,
                       "found_count": s.found_count, "prevented_count": s.prevented_count,
                       "participants": s.participants, "risks": s.risks},
))


# --- 矛盾纠纷 (cases) ---

DISPUTE_COLUMNS = (
    Column("受理调委会", "committee", required=True, max_length=100, example="城关村人民调解委员会",
           help="调委会名称或机构代码，须已登记"),
    Column("受理日期", "accepted_on", T.DATE, required=True, example="2021-03-01"),
    Column("申请日期", "applied_on", T.DATE, example="2021-03-01", help="不填则同受理日期"),
    Column("纠纷类型", "dispute_type", T.ENUM, required=True, choices=tuple(DisputeType.choices),
           example=DisputeType.NEIGHBOUR.label),
    Column("纠纷来源", "source", T.ENUM, required=True, choices=tuple(Source.choices),
           example=Source.APPLICATION.label),
    Column("移送（委派）单位", "referred_by", max_length=100, example="", help="法院委派、公安或信访移送时必填"),
    Column("纠纷简要情况", "summary", required=True, max_length=2000, example="两户因排水沟堵塞发生争执"),
    Column("涉及金额（元）", "amount", T.DECIMAL, min_value=0, example=500),
    Column("申请人", "applicant", required=True, max_length=100, example="张三"),
    Column("申请人证件号码", "applicant_id", required=True, sensitive=True, mask="id", max_length=18,
           example="11010519491231002X", help="自然人填身份证号码，单位填统一社会信用代码"),
    Column("申请人联系电话", "applicant_mobile", T.MOBILE, sensitive=True, example="13800000000"),
    Column("被申请人", "respondent", required=True, max_length=100, example="李四"),
    Column("被申请人证件号码", "respondent_id", required=True, sensitive=True, mask="id", max_length=18,
           example="341321198506120143"),
    Column("调解员", "mediators", max_length=200, example="赵秀英", help="多人用顿号分隔，须为受理调委会的调解员"),
    Column("疑难复杂", "difficult", T.BOOL, example="否"),
    Column("群体性纠纷", "group_dispute", T.BOOL, example="否"),
    Column("涉非正常死亡", "abnormal_death", T.BOOL, example="否"),
    Column("调解日期", "mediated_on", T.DATE, example="2021-03-05", help="调解成功、不成或终止的必填"),
    Column("调解结果", "result", T.ENUM, choices=CLOSED_RESULTS, example=DisputeStatus.SUCCEEDED.label,
           help="不填视为调解中"),
    Column("结案日期", "closed_on", T.DATE, example="2021-03-08"),
    Column("协议形式", "agreement_form", T.ENUM, choices=tuple(AgreementForm.choices),
           example=AgreementForm.WRITTEN.label),
    Column("协议内容或终止原因", "terms", max_length=2000, example="李四于3日内疏通排水沟并赔偿500元"),
    Column("履行情况", "performance", T.ENUM, choices=tuple(Performance.choices), example=Performance.PERFORMED.label),
    Column("案号", "number", max_length=60, example="", help="导出时填写；导入时由系统编号"),
)


def _party(side: str, name: str, identifier: str, mobile: str | None, row: Row, column: str) -> dict:
    """A party from a name and one identifier: a valid 身份证号码 makes a person, a valid 统一社会信用代码 an
    organisation."""
    try:
        return {"side": side, "kind": PartyKind.PERSON, "name": name, "id_number": validate_resident_id(identifier),
                "mobile": mobile or ""}
    except ValidationError:
        pass
    try:
        return {"side": side, "kind": PartyKind.LEGAL_PERSON, "name": name,
                "credit_code": validate_credit_code(identifier), "mobile": mobile or ""}
    except ValidationError:
        raise RowError(row.number, "既不是有效的身份证号码，也不是有效的统一社会信用代码，请核对。", column, identifier)


def _mediators(committee: MediationCommittee, text: str | None, row: Row) -> list[Mediator]:
    if not text:
        return []
    for sep in NAME_SEPARATORS[1:]:
        text = text.replace(sep, NAME_SEPARATORS[0])
    names = [n for n in text.split(NAME_SEPARATORS[0]) if n]
    found = {m.name: m for m in Mediator.objects.filter(committee=committee, name__in=names)}
    missing = [n for n in names if n not in found]
    if missing:
        raise RowError(row.number, f"“{committee}”没有调解员“{'、'.join(missing)}”，请先登记。", "mediators", text)
    return [found[n] for n in names]


def _import_dispute(row: Row, ctx: ImportContext) -> Dispute:
    v = row.values
    user = ctx.user
    committee = find_committee(ctx, v["committee"], row.number)
    parties = [_party(PartySide.APPLICANT, v["applicant"], v["applicant_id"], v["applicant_mobile"], row,
                      "applicant_id"),
               _party(PartySide.RESPONDENT, v["respondent"], v["respondent_id"], None, row, "respondent_id")]
    mediators = _mediators(committee, v["mediators"], row)
    result = v["result"] or DisputeStatus.MEDIATING
    dispute = call_action(row, "", actions.open_case, user, org=committee.org, parties=parties, committee=committee,
                    accepted_on=v["accepted_on"], applied_on=v["applied_on"] or v["accepted_on"],
                    mediators=mediators, summary=v["summary"], dispute_type=v["dispute_type"], source=v["source"],
                    referred_by=v["referred_by"] or "", amount=v["amount"], difficult=bool(v["difficult"]),
                    group_dispute=bool(v["group_dispute"]), abnormal_death=bool(v["abnormal_death"]))
    if v["mediated_on"]:
        if not mediators:
            raise RowError(row.number, "填写了调解日期的，请填写调解员。", "mediators")
        call_action(row, "mediated_on", actions.record_session, user, dispute, held_on=v["mediated_on"],
              mediators=mediators, minutes="（依据历史台账导入，调解笔录见纸质卷宗）")
    if result == DisputeStatus.MEDIATING:
        return dispute
    if not v["closed_on"]:
        raise RowError(row.number, "已有调解结果的，请填写结案日期。", "closed_on")
    if result == DisputeStatus.SUCCEEDED:
        if not v["mediated_on"]:
            raise RowError(row.number, "调解成功的，须填写调解日期。", "mediated_on")
        call_action(row, "terms", actions.record_agreement, user, dispute, terms=v["terms"] or "",
              signed_on=v["closed_on"], form=v["agreement_form"] or AgreementForm.WRITTEN)
    call_action(row, "result", actions.close_dispute, user, dispute, result=result, closed_on=v["closed_on"],
          note=(v["terms"] or "") if result != DisputeStatus.SUCCEEDED else "")
    if v["performance"] and result == DisputeStatus.SUCCEEDED:
        call_action(row, "performance", actions.record_performance, user, dispute, performance=v["performance"],
              performed_on=v["closed_on"] if v["performance"] == Performance.PERFORMED else None)
    return dispute


def _import_disputes(rows, ctx: ImportContext) -> int:
    need_user(ctx, ledger="人民调解台账")
    count = 0
    for row in rows:
        _import_dispute(row, ctx)
        count += 1
    return count


def _dispute_row(d: Dispute) -> dict:
    parties = list(d.parties.all())
    applicant = next((p for p in parties if p.side == PartySide.APPLICANT), None)
    respondent = next((p for p in parties if p.side == PartySide.RESPONDENT), None)
    agreement = getattr(d, "agreement", None)
    first = d.sessions.order_by("seq").first()
    return {
        "committee": d.committee.name if d.committee else "", "accepted_on": d.accepted_on,
        "applied_on": d.applied_on, "dispute_type": d.dispute_type, "source": d.source,
        "referred_by": d.referred_by, "summary": d.summary, "amount": d.amount,
        "applicant": applicant.name if applicant else "",
        "applicant_id": (applicant.id_number or applicant.credit_code) if applicant else "",
        "applicant_mobile": applicant.mobile if applicant else "",
        "respondent": respondent.name if respondent else "",
        "respondent_id": (respondent.id_number or respondent.credit_code) if respondent else "",
        "mediators": "、".join(m.name for m in d.mediators.all()), "difficult": d.difficult,
        "group_dispute": d.group_dispute, "abnormal_death": d.abnormal_death,
        "mediated_on": first.held_on if first else None,
        "result": d.status if d.status in dict(CLOSED_RESULTS) else "", "closed_on": d.closed_on,
        "agreement_form": agreement.form if agreement else "", "terms": agreement.terms if agreement else d.close_note,
        "performance": agreement.performance if agreement else "", "number": d.number,
    }


DISPUTES = register(RecordKind(
    code="mediation_disputes", name="矛盾纠纷", columns=DISPUTE_COLUMNS,
    description="已受理的矛盾纠纷，一行一件：受理、调解、结果和协议。导入的案件按受理日期统计，并由系统编号。",
    row_to_action=_import_disputes, check_rows=check_committee_column("committee"),
    export_queryset=lambda user, filters: Dispute.objects.for_user(user).under(filters["org"])
    .exclude(accepted_on__isnull=True).select_related("committee", "agreement")
    .prefetch_related("parties", "mediators"),
    row_for=_dispute_row,
))

