"""Every change to the lawyers register, 法律顾问 contracts, 法治体检, 信访值班 and ratings goes through these
functions: scope check, validation with Chinese messages and nothing written on refusal, one audit row in the
same transaction. Firms and lawyers are legal aid's ServiceOrg and Provider (created or adopted through legal
aid's own actions), so a lawyer registered here is the person legal aid assigns cases to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sifa.core import action_checks as checks
from sifa.core import audit
from sifa.core.identifiers import validate_credit_code, validate_mobile, validate_resident_id
from sifa.core.masking import mask_mobile
from sifa.core.models import Division, OrgUnit
from sifa.core.models.orgs import DivisionLevel
from sifa.legalaid import actions as legalaid
from sifa.legalaid.models import LicenceStatus, Provider, ProviderKind, ServiceOrg, ServiceOrgKind
from sifa.reconsideration.actions import bureau_of
from sifa.reconsideration.models import Agency

from . import rules
from .models import (
    CATEGORY_DIGIT,
    LAWYER_CATEGORIES,
    SANCTIONS,
    ApplicationStatus,
    Area,
    Assessment,
    AssessmentResult,
    Category,
    CheckupCampaign,
    CheckupTeam,
    CheckupVisit,
    ClientKind,
    Complaint,
    ComplaintOutcome,
    ComplaintStatus,
    CounselContract,
    CounselEvaluation,
    CounselService,
    CoverageReview,
    DutyTurn,
    DutyVisitor,
    Firm,
    FirmForm,
    Grade,
    Honour,
    Lawyer,
    PracticeApplication,
    RatedService,
    Rating,
    ServiceKind,
)

LINE = "律师与法律服务管理"
today, not_future, not_before, choice, required = (checks.today, checks.not_future, checks.not_before, checks.choice,
                                                   checks.required)
LAWYER_FIELDS = ("category", "areas", "languages", "licensed_on", "ended_on", "employer_id", "reallocated_to_id")
PROVIDER_KIND = {Category.AID: ProviderKind.AID_LAWYER, Category.LEGAL_WORKER: ProviderKind.LEGAL_WORKER}
EMPLOYED = {Category.PUBLIC, Category.CORPORATE}
# 律师协会/司法行政 outcomes that end or pause practice
LICENCE_AFTER = {ComplaintOutcome.SUSPENSION: LicenceStatus.SUSPENDED,
                 ComplaintOutcome.REVOCATION: LicenceStatus.REVOKED}


def can_write(actor, org: OrgUnit) -> None:
    checks.ensure_can_write(actor, org, LINE)


def _text(value, limit: int) -> str:
    return (value or "").strip()[:limit]


def _count(value, label: str) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ValidationError(f"{label}应为整数。")
    if n < 0 or n > 100000:
        raise ValidationError(f"{label}应为0到100000之间的整数。")
    return n


# --- firms ---------------------------------------------------------------------------------------------------------


def clean_firm_code(code: str, form: str) -> str:
    """统一社会信用代码 of a 律师事务所 begins 31, of a 基层法律服务所 33 (GB 32100 登记管理部门 3 = 司法行政)."""
    code = validate_credit_code(code)
    prefix = "33" if form == FirmForm.LEGAL_SERVICE else "31"
    kind = "基层法律服务所" if form == FirmForm.LEGAL_SERVICE else "律师事务所"
    if not code.startswith(prefix):
        raise ValidationError(f"{kind}的统一社会信用代码应以“{prefix}”开头（司法行政机关登记），“{code}”不符合。")
    return code


@transaction.atomic
def register_firm(actor, *, org: OrgUnit, name: str, credit_code: str, form: str, address: str, director: str,
                  partners: int = 0, phone: str = "", founded_on: dt.date | None = None) -> Firm:
    """登记 a 律师事务所 or 基层法律服务所. One already on legal aid's list (same name or credit code in the
    county) is adopted rather than registered twice."""
    can_write(actor, org)
    form = choice(form, FirmForm, "组织形式")
    code = clean_firm_code(credit_code, form)
    name = required(name, "机构名称", 100)
    kind = ServiceOrgKind.LEGAL_SERVICE_FIRM if form == FirmForm.LEGAL_SERVICE else ServiceOrgKind.LAW_FIRM
    partners = _count(partners, "合伙人数")
    if form in (FirmForm.GENERAL, FirmForm.SPECIAL) and partners < 3:
        raise ValidationError("合伙律师事务所应当有三名以上合伙人（《律师法》第十五条）。")
    not_future(founded_on, "设立日期")
    county = ServiceOrg.objects.filter(org_path__startswith=bureau_of(org).path)
    existing = county.filter(credit_code=code).first() or county.filter(name=name).first()
    if existing is not None:
        if hasattr(existing, "firm"):
            raise ValidationError(f"“{existing.name}”已在名录中登记。")
        if existing.kind != kind:
            raise ValidationError(f"“{existing.name}”在法律援助机构名单中登记为{existing.get_kind_display()}，与组织形式不符。")
        service_org = existing
    else:
        service_org = legalaid.create_service_org(actor, org=org, name=name, kind=kind, credit_code=code,
                                                  phone=phone)
    if existing is not None and not existing.credit_code:
        existing.credit_code = code
        existing.save(update_fields=["credit_code", "updated_at"])
    firm = Firm.objects.create(org=service_org.org, service_org=service_org, form=form, address=required(address, "办公地址", 200),
                               director=required(director, "负责人", 50), partners=partners, founded_on=founded_on,
                               created_by=actor)
    audit.action(actor, "登记律师事务所", firm, after={"name": name, "credit_code": code, "form": form,
                                                  "adopted": existing is not None})
    return firm


# --- lawyers -------------------------------------------------------------------------------------------------------


def clean_licence(number: str, category: str) -> str:
    """律师执业证号: 17 digits; the 10th digit is the category (1 专职, 2 兼职; DOMAIN §18.4, 待核)."""
    number = "".join((number or "").split())
    if not (len(number) == 17 and number.isdigit()):
        raise ValidationError(f"律师执业证号应为17位数字，“{number or '（空）'}”有{len(number)}位。")
    digit = number[9]
    expected = CATEGORY_DIGIT[category]
    if digit != expected:
        names = {"1": "专职", "2": "兼职", "3": "香港", "4": "澳门", "5": "台湾"}
        raise ValidationError(f"执业证号第10位（类别位）为“{digit}”（{names.get(digit, '无效类别')}），"
                              f"与所选类别“{Category(category).label}”不符（应为“{expected}”）。")
    return number


def clean_areas(value) -> str:
    items = value.split(",") if isinstance(value, str) else list(value or [])
    chosen = []
    for item in items:
        item = str(item).strip()
        if item:
            code = choice(item, Area, "执业领域")
            if code not in chosen:
                chosen.append(code)
    return ",".join(a for a in Area.values if a in chosen)


def _county_agency(agency: Agency | None, org: OrgUnit, label: str) -> Agency | None:
    if agency is None:
        return None
    if not org.path.startswith(agency.org_path) and not agency.org_path.startswith(org.path):
        raise ValidationError(f"{label}应为本县（区）登记的党政机关。")
    return agency


def _employer_org(actor, org: OrgUnit, agency: Agency | None, employer_name: str) -> ServiceOrg:
    """A 公职/公司律师 practises in their employer, which legal aid lists as an 其他 unit (not in rotation)."""
    name = agency.name if agency is not None else required(employer_name, "任职单位", 100)
    found = ServiceOrg.objects.filter(org=org, name=name).first()
    if found is not None:
        return found
    return legalaid.create_service_org(actor, org=org, name=name, kind=ServiceOrgKind.OTHER,
                                       credit_code=agency.credit_code if agency is not None else "")


@transaction.atomic
def register_lawyer(actor, *, name: str, category: str, licence_number: str, licensed_on: dt.date,
                    firm: Firm | None = None, employer: Agency | None = None, employer_name: str = "",
                    reallocated_to: Agency | None = None, org: OrgUnit | None = None, areas=(),
                    languages: str = "普通话", mobile: str = "", user=None) -> Lawyer:
    """登记 a lawyer or 基层法律服务工作者. A person legal aid already lists under the same licence number in the
    same firm is adopted; one practising in another firm is refused (《律师法》第十条: 只能在一个律师事务所执业)."""
    category = choice(category, Category, "类别")
    if category in EMPLOYED:
        if firm is not None:
            raise ValidationError(f"{Category(category).label}在任职单位执业，不在律师事务所执业。")
        org = org or (employer.org if employer is not None else None)
        if org is None:
            raise ValidationError("请选择登记机构。")
        can_write(actor, org)
        if category == Category.PUBLIC and employer is None:
            raise ValidationError("请选择公职律师的任职单位（党政机关）。")
        employer = _county_agency(employer, org, "任职单位")
        reallocated_to = _county_agency(reallocated_to, org, "调配服务单位")
        if reallocated_to is not None and category != Category.PUBLIC:
            raise ValidationError("只有公职律师可以统筹调配到其他机关。")
        if reallocated_to is not None and reallocated_to == employer:
            raise ValidationError("调配服务单位不能是任职单位本身。")
    else:
        if firm is None:
            raise ValidationError("请选择执业机构（律师事务所或基层法律服务所）。")
        org = firm.org
        can_write(actor, org)
        if employer is not None or reallocated_to is not None:
            raise ValidationError("只有公职律师、公司律师登记任职单位。")
        if category == Category.LEGAL_WORKER and firm.form != FirmForm.LEGAL_SERVICE:
            raise ValidationError("基层法律服务工作者应在基层法律服务所执业。")
        if category in LAWYER_CATEGORIES and firm.form == FirmForm.LEGAL_SERVICE:
            raise ValidationError("律师应在律师事务所执业，不能登记在基层法律服务所。")
    if category in LAWYER_CATEGORIES:
        licence_number = clean_licence(licence_number, category)
    checks.not_future(licensed_on, "执业日期")
    if licensed_on is None:
        raise ValidationError("请填写执业日期。")
    areas = clean_areas(areas)
    kind = PROVIDER_KIND.get(category, ProviderKind.LAWYER)
    existing = Provider.objects.filter(licence_number="".join((licence_number or "").split())).first() \
        if (licence_number or "").strip() else None
    target_org = firm.service_org if firm is not None else None
    if existing is not None:
        if hasattr(existing, "register"):
            where = existing.service_org.name
            if target_org is not None and existing.service_org_id != target_org.pk:
                raise ValidationError(f"执业证号{existing.licence_number}的“{existing.name}”已在“{where}”执业，"
                                      "律师只能在一个律师事务所执业（《律师法》第十条），请先办理变更执业机构。")
            raise ValidationError(f"执业证号{existing.licence_number}已登记（{existing.name}，{where}）。")
        if target_org is not None and existing.service_org_id != target_org.pk:
            raise ValidationError(f"执业证号{existing.licence_number}的“{existing.name}”在法律援助名单中属于"
                                  f"“{existing.service_org.name}”，律师只能在一个律师事务所执业（《律师法》第十条）。")
        if existing.name != (name or "").strip():
            raise ValidationError(f"执业证号{existing.licence_number}在法律援助名单中登记的姓名为“{existing.name}”，与填写的不符。")
        provider = existing
    else:
        service_org = target_org or _employer_org(actor, org, employer, employer_name)
        provider = legalaid.create_provider(
            actor, service_org=service_org, name=name, kind=kind, licence_number=licence_number,
            practice_since=licensed_on, mobile=mobile, user=user, in_rotation=category not in EMPLOYED,
            specialities="criminal,civil,administrative")
    lawyer = Lawyer.objects.create(org=provider.org, provider=provider, category=category, areas=areas,
                                   languages=_text(languages, 60) or "普通话", licensed_on=licensed_on,
                                   employer=employer if category in EMPLOYED else None,
                                   reallocated_to=reallocated_to if category == Category.PUBLIC else None,
                                   created_by=actor)
    audit.action(actor, "登记执业人员", lawyer, after=audit.snapshot(lawyer, LAWYER_FIELDS, readable=True)
                 | {"name": provider.name, "adopted": existing is not None})
    return lawyer


@transaction.atomic
def update_lawyer(actor, lawyer: Lawyer, **changes) -> Lawyer:
    lawyer = Lawyer.objects.select_for_update().get(pk=lawyer.pk)
    can_write(actor, lawyer.org)
    with audit.edited(actor, lawyer, "修改执业人员信息", LAWYER_FIELDS) as edit:
        edit.apply(changes, allowed={"areas", "languages", "reallocated_to"},
                   cleaners={"areas": clean_areas, "languages": lambda v: _text(v, 60) or "普通话"})
        if lawyer.reallocated_to_id and lawyer.category != Category.PUBLIC:
            raise ValidationError("只有公职律师可以统筹调配到其他机关。")
        if lawyer.reallocated_to_id and lawyer.reallocated_to_id == lawyer.employer_id:
            raise ValidationError("调配服务单位不能是任职单位本身。")
        lawyer.save()
    return lawyer


@transaction.atomic
def end_practice(actor, lawyer: Lawyer, *, on: dt.date, status: str = LicenceStatus.CANCELLED,
                 reason: str) -> Lawyer:
    """注销、吊销 or 停止执业: the lawyer leaves the directory (their page says so) and legal aid's rotation."""
    lawyer = Lawyer.objects.select_for_update().get(pk=lawyer.pk)
    can_write(actor, lawyer.org)
    if lawyer.ended_on is not None:
        raise ValidationError(f"“{lawyer.name}”已于{lawyer.ended_on:%Y年%m月%d日}停止执业。")
    not_future(on, "停止执业日期")
    not_before(on, lawyer.licensed_on, "停止执业日期", "执业日期")
    status = choice(status, LicenceStatus, "执业状态")
    if status == LicenceStatus.ACTIVE:
        raise ValidationError("请选择停止执业、吊销或注销。")
    legalaid.set_licence_status(actor, lawyer.provider, status=status, reason=required(reason, "依据", 500))
    before = {"ended_on": None}
    lawyer.ended_on = on
    lawyer.save(update_fields=["ended_on", "updated_at"])
    audit.action(actor, "登记停止执业", lawyer, before=before, after={"ended_on": on.isoformat(), "status": status},
                 reason=reason)
    return lawyer


@transaction.atomic
def record_assessment(actor, lawyer: Lawyer, *, year: int, result: str, assessed_on: dt.date) -> Assessment:
    can_write(actor, lawyer.org)
    result = choice(result, AssessmentResult, "考核结果")
    not_future(assessed_on, "考核日期")
    if not (1980 <= int(year) <= today().year):
        raise ValidationError("考核年度不正确。")
    if assessed_on.year < int(year):
        raise ValidationError("考核日期不能早于考核年度。")
    if Assessment.objects.filter(lawyer=lawyer, year=year).exists():
        raise ValidationError(f"“{lawyer.name}”{year}年度考核结果已登记。")
    row = Assessment.objects.create(org=lawyer.org, lawyer=lawyer, year=year, result=result,
                                    assessed_on=assessed_on, created_by=actor)
    audit.action(actor, "登记年度考核", row, after={"year": year, "result": result})
    return row


@transaction.atomic
def award_honour(actor, lawyer: Lawyer, *, title: str, awarded_by: str, awarded_on: dt.date) -> Honour:
    can_write(actor, lawyer.org)
    not_future(awarded_on, "授予日期")
    row = Honour.objects.create(org=lawyer.org, lawyer=lawyer, title=required(title, "荣誉称号", 100),
                                awarded_by=required(awarded_by, "授予单位", 100), awarded_on=awarded_on,
                                created_by=actor)
    audit.action(actor, "登记荣誉", row, after={"title": row.title, "awarded_on": awarded_on.isoformat()})
    return row


# --- complaints ----------------------------------------------------------------------------------------------------


@transaction.atomic
def receive_complaint(actor, lawyer: Lawyer, *, complainant: str, summary: str, received_on: dt.date,
                      mobile: str = "") -> Complaint:
    can_write(actor, lawyer.org)
    not_future(received_on, "收到投诉日期")
    mobile = validate_mobile(mobile) if (mobile or "").strip() else ""
    row = Complaint.objects.create(org=lawyer.org, lawyer=lawyer, complainant=required(complainant, "投诉人", 50),
                                   mobile=mobile, summary=required(summary, "投诉事项"), received_on=received_on,
                                   due_on=rules.complaint_due(received_on), created_by=actor)
    audit.action(actor, "受理投诉", row, after={"received_on": received_on.isoformat(),
                                            "due_on": row.due_on.isoformat()})
    return row


@transaction.atomic
def close_complaint(actor, complaint: Complaint, *, outcome: str, closed_on: dt.date,
                    decision_number: str = "") -> Complaint:
    """办结: a sanction needs its decision's number; 停止执业/吊销 change the licence status as well."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    can_write(actor, complaint.org)
    if complaint.status == ComplaintStatus.CLOSED:
        raise ValidationError("该投诉已办结。")
    outcome = choice(outcome, ComplaintOutcome, "处理结果")
    not_future(closed_on, "办结日期")
    not_before(closed_on, complaint.received_on, "办结日期", "收到投诉日期")
    decision_number = _text(decision_number, 80)
    if outcome in SANCTIONS and not decision_number:
        raise ValidationError("作出处分或行政处罚的，请填写处理（处罚）决定书文号。")
    complaint.outcome, complaint.closed_on, complaint.decision_number = outcome, closed_on, decision_number
    complaint.status = ComplaintStatus.CLOSED
    complaint.save()
    if outcome in LICENCE_AFTER:
        legalaid.set_licence_status(actor, complaint.lawyer.provider, status=LICENCE_AFTER[outcome],
                                    reason=decision_number)
    if outcome == ComplaintOutcome.REVOCATION:
        Lawyer.objects.filter(pk=complaint.lawyer_id).update(ended_on=closed_on)
    audit.action(actor, "办结投诉", complaint, before={"status": ComplaintStatus.OPEN},
                 after={"outcome": outcome, "closed_on": closed_on.isoformat(), "late": closed_on > complaint.due_on})
    return complaint


# --- practice applications -----------------------------------------------------------------------------------------


@transaction.atomic
def receive_application(actor, *, firm: Firm, name: str, id_number: str, category: str,
                        received_on: dt.date) -> PracticeApplication:
    can_write(actor, firm.org)
    category = choice(category, Category, "申请类别")
    not_future(received_on, "收到申请日期")
    row = PracticeApplication.objects.create(
        org=firm.org, firm=firm, name=required(name, "申请人", 50), id_number=validate_resident_id(id_number),
        category=category, received_on=received_on, city_due=rules.city_due(received_on), created_by=actor)
    audit.action(actor, "受理执业申请", row, after={"received_on": received_on.isoformat(),
                                              "city_due": row.city_due.isoformat()})
    return row


def _lock_application(actor, app: PracticeApplication, status: str) -> PracticeApplication:
    app = PracticeApplication.objects.select_for_update().get(pk=app.pk)
    can_write(actor, app.org)
    if app.status != status:
        raise ValidationError(f"该申请当前为“{app.get_status_display()}”，不能办理此步骤。")
    return app


@transaction.atomic
def forward_application(actor, app: PracticeApplication, *, forwarded_on: dt.date) -> PracticeApplication:
    """市级审查完毕，报送省级: the province's 10 days start."""
    app = _lock_application(actor, app, ApplicationStatus.CITY)
    not_future(forwarded_on, "报送日期")
    not_before(forwarded_on, app.received_on, "报送日期", "收到申请日期")
    app.forwarded_on, app.province_due, app.status = forwarded_on, rules.province_due(forwarded_on), \
        ApplicationStatus.PROVINCE
    app.save()
    audit.action(actor, "报送省级审核", app, before={"status": ApplicationStatus.CITY},
                 after={"forwarded_on": forwarded_on.isoformat(), "late": forwarded_on > app.city_due})
    return app


@transaction.atomic
def decide_application(actor, app: PracticeApplication, *, decided_on: dt.date, granted: bool,
                       licence_number: str = "", reason: str = "") -> PracticeApplication:
    """省级决定: 准予执业 (with the certificate's number, and the lawyer enters the register) or not."""
    app = _lock_application(actor, app, ApplicationStatus.PROVINCE)
    not_future(decided_on, "决定日期")
    not_before(decided_on, app.forwarded_on, "决定日期", "报送日期")
    if granted:
        app.licence_number = clean_licence(licence_number, app.category) if app.category in LAWYER_CATEGORIES \
            else required(licence_number, "执业证号", 17)
        app.status = ApplicationStatus.GRANTED
    else:
        app.reason, app.status = required(reason, "不予准许理由"), ApplicationStatus.REFUSED
    app.decided_on = decided_on
    app.save()
    audit.action(actor, "登记省级决定", app, before={"status": ApplicationStatus.PROVINCE},
                 after={"status": app.status, "decided_on": decided_on.isoformat()})
    if granted and app.category not in EMPLOYED:
        register_lawyer(actor, name=app.name, category=app.category, licence_number=app.licence_number,
                        licensed_on=decided_on, firm=app.firm)
    return app


# --- 法律顾问 ------------------------------------------------------------------------------------------------------


@transaction.atomic
def sign_contract(actor, *, adviser: Lawyer, client_kind: str, client_name: str, started_on: dt.date,
                  ended_on: dt.date, fee=0, client_credit_code: str = "", village: Division | None = None,
                  grid: str = "", org: OrgUnit | None = None) -> CounselContract:
    """聘任法律顾问. 一村(社区)一法律顾问: a village has one adviser at a time."""
    org = org or adviser.org
    can_write(actor, org)
    client_kind = choice(client_kind, ClientKind, "服务对象类型")
    if not adviser.practising:
        raise ValidationError(f"“{adviser.name}”已停止执业，不能聘任为法律顾问。")
    if started_on is None or ended_on is None:
        raise ValidationError("请填写聘任起止日期。")
    not_before(ended_on, started_on, "聘任终止日期", "聘任起始日期")
    fee = checks.money(fee, "顾问费") or Decimal(0)
    code = ""
    if client_kind in (ClientKind.ENTERPRISE, ClientKind.CHAMBER, ClientKind.GOVERNMENT) and \
            (client_credit_code or "").strip():
        code = validate_credit_code(client_credit_code)
    if client_kind == ClientKind.ENTERPRISE and not code:
        raise ValidationError("请填写企业的统一社会信用代码。")
    if client_kind == ClientKind.VILLAGE:
        if village is None or village.level != DivisionLevel.VILLAGE:
            raise ValidationError("请选择村(社区)。")
        if not village.code.startswith(org.division_id[:6]):
            raise ValidationError("该村(社区)不在本县（区）。")
        overlap = CounselContract.objects.filter(village=village, started_on__lte=ended_on, ended_on__gte=started_on)
        if overlap.exists():
            raise ValidationError(f"{village.name}在该期间已有法律顾问（一村(社区)一法律顾问）。")
        client_name = client_name or village.name
    else:
        village = None
    contract = CounselContract.objects.create(
        org=org, adviser=adviser, client_kind=client_kind, client_name=required(client_name, "服务对象", 100),
        client_credit_code=code, village=village, grid=_text(grid, 50), started_on=started_on, ended_on=ended_on,
        fee=fee, created_by=actor)
    audit.action(actor, "签订法律顾问合同", contract,
                 after={"adviser": adviser.name, "client": contract.client_name, "kind": client_kind,
                        "started_on": started_on.isoformat(), "ended_on": ended_on.isoformat(), "fee": str(fee)})
    return contract


@transaction.atomic
def record_service(actor, contract: CounselContract, *, kind: str, served_on: dt.date, count: int = 1,
                   note: str = "") -> CounselService:
    can_write(actor, contract.org)
    kind = choice(kind, ServiceKind, "服务类型")
    not_future(served_on, "服务日期")
    if not (contract.started_on <= served_on <= contract.ended_on):
        raise ValidationError("服务日期应在顾问合同聘任期内。")
    count = _count(count, "件（次）数")
    if count < 1:
        raise ValidationError("件（次）数至少为1。")
    row = CounselService.objects.create(org=contract.org, contract=contract, kind=kind, served_on=served_on,
                                        count=count, note=_text(note, 300), created_by=actor)
    audit.action(actor, "登记顾问服务", row, after={"kind": kind, "count": count, "served_on": served_on.isoformat()})
    return row


@transaction.atomic
def evaluate_contract(actor, contract: CounselContract, *, year: int, grade: str, evaluated_on: dt.date,
                      comment: str = "") -> CounselEvaluation:
    """The served unit's yearly evaluation of its adviser (考评), once a year."""
    can_write(actor, contract.org)
    grade = choice(grade, Grade, "考评等次")
    not_future(evaluated_on, "考评日期")
    if not (contract.started_on.year <= int(year) <= contract.ended_on.year):
        raise ValidationError("考评年度应在聘任期内。")
    if CounselEvaluation.objects.filter(contract=contract, year=year).exists():
        raise ValidationError(f"该顾问合同{year}年度已考评。")
    row = CounselEvaluation.objects.create(org=contract.org, contract=contract, year=year, grade=grade,
                                           evaluated_on=evaluated_on, comment=_text(comment, 300), created_by=actor)
    audit.action(actor, "登记顾问年度考评", row, after={"year": year, "grade": grade})
    return row


# --- 企业法治体检 --------------------------------------------------------------------------------------------------


@transaction.atomic
def open_campaign(actor, *, org: OrgUnit, name: str, started_on: dt.date, ended_on: dt.date) -> CheckupCampaign:
    can_write(actor, org)
    not_before(ended_on, started_on, "结束日期", "开始日期")
    row = CheckupCampaign.objects.create(org=org, name=required(name, "活动名称", 100), started_on=started_on,
                                         ended_on=ended_on, created_by=actor)
    audit.action(actor, "开展企业法治体检活动", row, after={"name": row.name})
    return row


@transaction.atomic
def form_team(actor, campaign: CheckupCampaign, *, name: str, firm: Firm, lawyers: Sequence[Lawyer]) -> CheckupTeam:
    can_write(actor, campaign.org)
    lawyers = list(lawyers)
    if not lawyers:
        raise ValidationError("体检团队至少要有一名律师。")
    for lawyer in lawyers:
        if lawyer.provider.service_org_id != firm.service_org_id:
            raise ValidationError(f"“{lawyer.name}”不是“{firm.name}”的律师。")
        if not lawyer.practising:
            raise ValidationError(f"“{lawyer.name}”已停止执业。")
    name = required(name, "团队名称", 60)
    if CheckupTeam.objects.filter(campaign=campaign, name=name).exists():
        raise ValidationError(f"团队“{name}”已组建。")
    team = CheckupTeam.objects.create(org=campaign.org, campaign=campaign, name=name, firm=firm, created_by=actor)
    team.lawyers.set(lawyers)
    audit.action(actor, "组建体检团队", team, after={"firm": firm.name, "lawyers": [x.name for x in lawyers]})
    return team


@transaction.atomic
def record_visit(actor, team: CheckupTeam, *, enterprise: str, credit_code: str, visited_on: dt.date,
                 consultations: int = 0, problems: int = 0, contracts: int = 0, opinions: int = 0,
                 findings: str = "", advice: str = "", contact: str = "", contact_mobile: str = "") -> CheckupVisit:
    campaign = team.campaign
    can_write(actor, campaign.org)
    code = validate_credit_code(credit_code)
    not_future(visited_on, "体检日期")
    if not (campaign.started_on <= visited_on <= campaign.ended_on):
        raise ValidationError(f"体检日期应在活动期间（{campaign.started_on:%Y-%m-%d}至{campaign.ended_on:%Y-%m-%d}）内。")
    if CheckupVisit.objects.filter(campaign=campaign, credit_code=code).exists():
        raise ValidationError(f"统一社会信用代码为{code}的企业在本次活动中已体检。")
    mobile = validate_mobile(contact_mobile) if (contact_mobile or "").strip() else ""
    visit = CheckupVisit.objects.create(
        org=campaign.org, campaign=campaign, team=team, firm=team.firm, enterprise=required(enterprise, "企业名称", 100),
        credit_code=code, visited_on=visited_on, consultations=_count(consultations, "解答咨询次数"),
        problems=_count(problems, "发现问题个数"), contracts=_count(contracts, "审查合同份数"),
        opinions=_count(opinions, "法律意见条数"), findings=(findings or "").strip(), advice=(advice or "").strip(),
        contact=_text(contact, 50), contact_mobile=mobile, created_by=actor)
    audit.action(actor, "登记企业法治体检", visit, after={"enterprise": visit.enterprise, "credit_code": code})
    return visit


# --- 信访值班 ------------------------------------------------------------------------------------------------------


@transaction.atomic
def record_duty(actor, lawyer: Lawyer, *, on_date: dt.date, visitors: int, consultations: int, matters: int,
                place: str = "", note: str = "", org: OrgUnit | None = None) -> DutyTurn:
    org = org or lawyer.org
    can_write(actor, org)
    not_future(on_date, "值班日期")
    if not lawyer.practising:
        raise ValidationError(f"“{lawyer.name}”已停止执业，不能安排值班。")
    visitors, consultations, matters = (_count(visitors, "接待人次"), _count(consultations, "咨询人次"),
                                        _count(matters, "事项件数"))
    if consultations > visitors:
        raise ValidationError("解答咨询人次不能多于接待来访人次。")
    if DutyTurn.objects.filter(lawyer=lawyer, on_date=on_date).exists():
        raise ValidationError(f"“{lawyer.name}”{on_date:%Y年%m月%d日}的值班已登记。")
    turn = DutyTurn.objects.create(org=org, lawyer=lawyer, on_date=on_date, visitors=visitors,
                                   consultations=consultations, matters=matters,
                                   place=_text(place, 100) or "县信访局接访大厅", note=_text(note, 300),
                                   created_by=actor)
    audit.action(actor, "登记信访值班", turn, after={"lawyer": lawyer.name, "visitors": visitors, "matters": matters})
    return turn


@transaction.atomic
def add_visitor(actor, turn: DutyTurn, *, name: str, matter: str, mobile: str = "") -> DutyVisitor:
    can_write(actor, turn.org)
    if turn.visitor_records.count() >= turn.visitors:
        raise ValidationError(f"该次值班登记的接待人次为{turn.visitors}，来访登记不能超过。")
    mobile = validate_mobile(mobile) if (mobile or "").strip() else ""
    row = DutyVisitor.objects.create(org=turn.org, turn=turn, name=required(name, "来访人", 50), mobile=mobile,
                                     matter=required(matter, "反映事项", 200), created_by=actor)
    audit.action(actor, "登记来访群众", row, after={"turn": turn.pk})
    return row


# --- 公职律师工作覆盖 ----------------------------------------------------------------------------------------------


@transaction.atomic
def review_public_coverage(actor, *, org: OrgUnit, as_of: dt.date, agencies: Iterable[Agency]) -> list[CoverageReview]:
    """The year-end review of 公职律师工作覆盖: for each agency that should carry out the work, the public-sector
    lawyers practising on `as_of` whom it employs or who are reallocated to it."""
    can_write(actor, org)
    not_future(as_of, "统计日期")
    agencies = list(dict.fromkeys(agencies))
    if not agencies:
        raise ValidationError("请选择应开展公职律师工作的党政机关。")
    if CoverageReview.objects.filter(org=org, as_of=as_of).exists():
        raise ValidationError(f"{as_of:%Y年%m月%d日}的覆盖情况已统计。")
    practising = Lawyer.objects.filter(category=Category.PUBLIC, licensed_on__lte=as_of).exclude(
        ended_on__lte=as_of)
    rows = []
    for agency in agencies:
        _county_agency(agency, org, "机关")
        own = practising.filter(employer=agency, reallocated_to__isnull=True).count()
        moved = practising.filter(reallocated_to=agency).count()
        rows.append(CoverageReview.objects.create(org=org, agency=agency, as_of=as_of, employed=own,
                                                  reallocated=moved, covered=own + moved > 0, covered_own=own > 0,
                                                  created_by=actor))
    audit.action(actor, "统计公职律师工作覆盖", rows[0], after={
        "as_of": as_of.isoformat(), "agencies": len(rows), "covered": sum(r.covered for r in rows)})
    return rows


# --- 智选律师: ratings ---------------------------------------------------------------------------------------------


def rateable_services(lawyer: Lawyer, mobile: str) -> list[tuple[str, int, str]]:
    """The real services this lawyer gave to the holder of `mobile`, as (kind, id, description)."""
    from sifa.legalaid.models import Application, Status

    found = []
    for app in Application.objects.filter(mobile=mobile, status=Status.CLOSED,
                                          assignments__provider=lawyer.provider).distinct():
        found.append((RatedService.LEGAL_AID, app.pk, f"法律援助案件 {app.number or app.pk}（{app.closed_on:%Y-%m-%d}结案）"))
    for visitor in DutyVisitor.objects.filter(mobile=mobile, turn__lawyer=lawyer).select_related("turn"):
        found.append((RatedService.DUTY, visitor.pk, f"信访值班接待（{visitor.turn.on_date:%Y-%m-%d}）"))
    for visit in CheckupVisit.objects.filter(contact_mobile=mobile, team__lawyers=lawyer).distinct():
        found.append((RatedService.CHECKUP, visit.pk, f"企业法治体检：{visit.enterprise}（{visit.visited_on:%Y-%m-%d}）"))
    return found


@transaction.atomic
def rate(mobile: str, lawyer: Lawyer, *, service: str, service_id: int, score: int, comment: str = "",
         on: dt.date | None = None) -> Rating:
    """A citizen (signed in on the portal by mobile and one-time code) rates a service once; the service must be
    one this lawyer gave to this mobile, so ratings cannot be stuffed."""
    from sifa.portal.citizens import mobile_digest

    mobile = validate_mobile(mobile)
    service = choice(service, RatedService, "服务类型")
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise ValidationError("请选择1至5星的评分。")
    lawyer = Lawyer.objects.select_for_update().get(pk=lawyer.pk)
    if not any(kind == service and pk == int(service_id) for kind, pk, _ in rateable_services(lawyer, mobile)):
        raise ValidationError("未找到您接受过该律师这项服务的记录，只能对本人接受过的服务进行评价。")
    if Rating.objects.filter(lawyer=lawyer, service=service, service_id=service_id).exists():
        raise ValidationError("这项服务已经评价过，每项服务只能评价一次。")
    try:
        with transaction.atomic():
            rating = Rating.objects.create(org=lawyer.org, lawyer=lawyer, service=service, service_id=service_id,
                                           score=score, comment=_text(comment, 300), rated_on=on or today(),
                                           mobile_digest=mobile_digest(mobile))
    except IntegrityError:
        raise ValidationError("这项服务已经评价过，每项服务只能评价一次。")
    audit.record("action", obj=rating, verb="群众评价律师服务", after={"service": service, "score": score},
                 username=f"公众:{mask_mobile(mobile)}")
    return rating


def ensure_reads(user, obj) -> None:
    if not type(obj).objects.for_user(user).filter(pk=obj.pk).exists():
        raise PermissionDenied("该记录不在您的管辖范围内。")
