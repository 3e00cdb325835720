"""Every change to a corrections record goes through one of these functions (DOMAIN.md §5, §6).

Each checks the actor's role and scope (access.py: corrections roles only; the county decides what the law gives
the county, the 司法所 what it is entrusted with), the workflow and the legal time limits (rules.py), writes the
audit row in the same transaction (an audit failure rolls the change back), and notifies whoever must act
next. Bad input raises ValidationError with a Chinese message and writes nothing; acting outside one's scope or
role raises PermissionDenied. Pages, ledger imports and the demo builder all call these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sifa.core import audit, inputs
from sifa.core.identifiers import parse_resident_id, validate_mobile
from sifa.core.masking import masked_snapshot
from sifa.core.models import OrgKind, OrgUnit, User
from sifa.core.notify import notify
from sifa.core.numbering import next_case_number

from . import access, rules
from .models import (
    AUTHORITY_BY_CATEGORY,
    DECIDED_KINDS,
    EXIT_STATUS,
    LIVE_LEAVE_STATUSES,
    OPEN_STATUSES,
    REVOCATION_KINDS,
    SUPERVISED_STATUSES,
    Absconding,
    AbscondingStatus,
    AuthorityKind,
    Category,
    ChangeStatus,
    CheckFinding,
    CheckMethod,
    Commissioner,
    Education,
    EducationKind,
    ElectronicMonitor,
    ExitKind,
    FieldVisit,
    FileReview,
    InfoCheck,
    Investigation,
    InvestigationStatus,
    LeaveKind,
    LeaveRequest,
    LeaveStatus,
    Level,
    MemberRole,
    MonitorRenewal,
    MonitorSituation,
    MonitorStatus,
    Opinion,
    OutsideReason,
    Report,
    ReportMethod,
    ResidenceChange,
    ReviewKind,
    ReviewResult,
    ReviewStatus,
    RewardSanction,
    SanctionKind,
    SanctionStatus,
    Sex,
    Subject,
    SubjectStatus,
    TeamMember,
    VisitorKind,
)

LINE = "corrections"
CATEGORY_LABEL = "社区矫正"
SUBJECT_FIELDS = ("number", "name", "sex", "id_number", "category", "crime", "sentence", "authority",
                  "effective_on", "period_start", "period_end", "report_due", "reported_on", "announced_on",
                  "level", "grid", "worker_id", "status", "org_id", "exit_kind", "exited_on", "certificate_no")
SUBJECT_CHILDREN = (TeamMember, Report, FieldVisit, Education, InfoCheck, LeaveRequest, ResidenceChange,
                    ElectronicMonitor, RewardSanction, Absconding, FileReview)

choice, required, optional = inputs.choice, inputs.required, inputs.optional
not_future, not_before = inputs.not_future, inputs.not_before
ensure_can_write = access.ensure_can_write


def _today() -> dt.date:
    return inputs.today()


def _snap(obj, fields) -> dict:
    return masked_snapshot(obj, fields)


# --- people to tell -------------------------------------------------------------------------------------------


def _users(org_ids: Iterable[int], roles) -> list[User]:
    return list(User.objects.filter(org_id__in=list(org_ids), role__in=list(roles), is_active=True))


def office_staff(org: OrgUnit) -> list[User]:
    """The corrections officers of a 司法所."""
    return _users([org.pk], access.WRITE_ROLES)


def county_staff(org: OrgUnit) -> list[User]:
    """The corrections officers of the county's corrections organ (the bureau and its center/section)."""
    county = access.county_of(org)
    units = [county.pk, *OrgUnit.objects.filter(parent=county, kind__in=access.COUNTY_ORGAN_KINDS)
             .values_list("pk", flat=True)]
    return _users(units, access.WRITE_ROLES)


def county_heads(org: OrgUnit) -> list[User]:
    return _users([access.county_of(org).pk], access.APPROVER_ROLES)


def tell(users: Iterable[User], title: str, body: str = "", link: str = "") -> None:
    seen = set()
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        notify(user, title, body, link, category=CATEGORY_LABEL)


def _link(obj) -> str:
    return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""


# --- shared checks ---------------------------------------------------------------------------------------------


def _hours(value) -> Decimal:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError(f"时长“{value}”不是有效的数字。")
    if hours <= 0 or hours > 24:
        raise ValidationError("时长应大于0且不超过24小时。")
    return hours.quantize(Decimal("0.1"))


def _lock(subject: Subject) -> Subject:
    return Subject.objects.select_for_update().get(pk=subject.pk)


def _supervised(subject: Subject, actor, verb: str, *, missing_ok: bool = True) -> Subject:
    """Lock the subject and check it is under supervision (reported and not yet discharged)."""
    subject = _lock(subject)
    ensure_can_write(actor, subject.org)
    allowed = SUPERVISED_STATUSES if missing_ok else (SubjectStatus.ACTIVE,)
    if subject.status == SubjectStatus.PENDING:
        raise ValidationError(f"{subject.name}尚未报到接收，不能{verb}。")
    if subject.status not in allowed:
        raise ValidationError(f"{subject.name}当前状态为“{subject.get_status_display()}”，不能{verb}。")
    return subject


def _in_period(subject: Subject, day: dt.date, label: str) -> None:
    """A supervision event happens between the reception and the end of the correction period, not later than
    today."""
    not_future(day, label)
    not_before(day, subject.reported_on, label, "报到接收日期")
    if day > subject.period_end:
        raise ValidationError(f"{label}（{day:%Y-%m-%d}）晚于矫正期满日（{subject.period_end:%Y-%m-%d}）。")


def move_subject(subject: Subject, org: OrgUnit) -> None:
    """Hand a subject and every record of it to another 司法所 of the county (变更执行地 within the county)."""
    subject.org = org
    subject.save()
    for model in SUBJECT_CHILDREN:
        model.objects.filter(subject=subject).update(org=org, org_path=org.path, region_code=org.division_id)
    MonitorRenewal.objects.filter(monitor__subject=subject).update(org=org, org_path=org.path,
                                                                   region_code=org.division_id)


def _prefix(org: OrgUnit) -> str:
    """“砀山县” → “砀”: the first character of the county's name, as case numbers abbreviate it."""
    name = access.county_of(org).division.name
    return name[:1] or "矫"


# --- 调查评估 --------------------------------------------------------------------------------------------------

INVESTIGATION_FIELDS = ("number", "commissioner", "received_on", "urgent", "person_name", "id_number",
                        "proposed_category", "due_on", "status", "opinion", "completed_on")


@transaction.atomic
def commission_investigation(actor, *, org: OrgUnit, commissioner_kind: str, commissioner: str,
                             received_on: dt.date, person_name: str, id_number: str, proposed_category: str,
                             urgent: bool = False, crime: str = "", commission_no: str = "") -> Investigation:
    """Register a 调查评估 commissioned by the deciding organ (第十八条); the opinion is due in ten working days,
    five when urgent (速裁)."""
    ensure_can_write(actor, org)
    received_on = inputs.date(received_on, "收到委托日期")
    not_future(received_on, "收到委托日期")
    inv = Investigation(
        org=org, commissioner_kind=choice(commissioner_kind, Commissioner, "委托机关类别"),
        commissioner=required(commissioner, "委托机关", 100), commission_no=optional(commission_no, "委托函文号", 100),
        received_on=received_on, urgent=bool(urgent), person_name=required(person_name, "被调查人姓名", 50),
        id_number=parse_resident_id(id_number).number, crime=optional(crime, "罪名", 200),
        proposed_category=choice(proposed_category, Category, "拟适用类别"),
        due_on=rules.investigation_due(received_on, bool(urgent)), created_by=actor)
    inv.number = next_case_number("corrections_inv", access.county_of(org), received_on.year, _prefix(org) + "矫评")
    inv.save()
    audit.action(actor, "登记调查评估委托", inv, after=_snap(inv, INVESTIGATION_FIELDS))
    tell(office_staff(org), f"调查评估：{inv.person_name}", f"请于{inv.due_on:%Y-%m-%d}前出具评估意见。", _link(inv))
    return inv


@transaction.atomic
def complete_investigation(actor, investigation: Investigation, *, opinion: str, completed_on: dt.date,
                           findings: str, investigators: str) -> Investigation:
    """出具评估意见. A late opinion is still recorded (and shows as 逾期) — the deciding organ needs it."""
    inv = Investigation.objects.select_for_update().get(pk=investigation.pk)
    ensure_can_write(actor, inv.org)
    if inv.status != InvestigationStatus.OPEN:
        raise ValidationError("该调查评估已出具意见。")
    completed_on = inputs.date(completed_on, "出具意见日期")
    not_future(completed_on, "出具意见日期")
    not_before(completed_on, inv.received_on, "出具意见日期", "收到委托日期")
    before = _snap(inv, INVESTIGATION_FIELDS)
    inv.opinion = choice(opinion, Opinion, "评估意见")
    inv.completed_on = completed_on
    inv.findings = required(findings, "调查情况", 5000)
    inv.investigators = required(investigators, "调查人员", 100)
    inv.status = InvestigationStatus.DONE
    inv.save()
    audit.action(actor, "出具调查评估意见", inv, before=before, after=_snap(inv, INVESTIGATION_FIELDS),
                 reason=f"逾期{(completed_on - inv.due_on).days}日" if inv.late else "")
    return inv


# --- registry --------------------------------------------------------------------------------------------------


def _check_authority(category: str, authority_kind: str) -> None:
    allowed = AUTHORITY_BY_CATEGORY[category]
    if authority_kind not in allowed:
        names = "、".join(AuthorityKind(a).label for a in allowed)
        raise ValidationError(f"{Category(category).label}的决定机关应为{names}。")


def _duplicate_message(actor, org: OrgUnit, existing: Subject) -> str:
    """A subject with this ID number is already under supervision. Name it only to someone who may see it; of
    another county say only that it exists elsewhere (that county's data is theirs)."""
    if existing.org_path.startswith(access.county_of(org).path):
        if access.in_scope(actor, existing.org):
            return f"该身份证号码已登记为本县社区矫正对象（{existing.number or existing.name}），不能重复登记。"
        return "该身份证号码已在本县其他司法所登记为社区矫正对象，不能重复登记。"
    return ("该身份证号码的社区矫正对象已在其他县（市、区）登记在册，不能重复登记。如属变更执行地，"
            "请由原执行地社区矫正机构办理变更手续后再接收。")


def _check_not_registered(actor, org: OrgUnit, id_number: str, exclude_pk=None) -> None:
    existing = Subject.objects.filter(id_number=id_number, status__in=OPEN_STATUSES)
    if exclude_pk:
        existing = existing.exclude(pk=exclude_pk)
    found = existing.first()
    if found is not None:
        raise ValidationError(_duplicate_message(actor, org, found), code="duplicate")


def _apply_sentence(subject: Subject) -> None:
    """Validate the category, authority and term, then compute the period and the 报到 deadline."""
    _check_authority(subject.category, subject.authority_kind)
    if subject.category == Category.OUTSIDE:
        subject.outside_reason = choice(subject.outside_reason, OutsideReason, "暂予监外执行情形")
    else:
        subject.outside_reason = ""
    for name, label, limit in (("term_years", "矫正期限（年）", 30), ("term_months", "矫正期限（月）", 360),
                               ("term_days", "矫正期限（日）", 3650), ("credited_days", "先行羁押折抵（日）", 3650)):
        setattr(subject, name, inputs.whole_number(getattr(subject, name) or 0, label, 0, limit))
    try:
        subject.period_start, subject.period_end = rules.correction_period(
            subject.category, subject.effective_on, subject.term_years, subject.term_months, subject.term_days,
            subject.credited_days)
    except ValueError as exc:
        raise ValidationError(str(exc))
    subject.report_due = rules.report_in_due(subject.category, subject.effective_on)


@transaction.atomic
def register_subject(actor, *, org: OrgUnit, name: str, id_number: str, category: str, crime: str, sentence: str,
                     authority_kind: str, authority: str, effective_on: dt.date, term_years: int = 0,
                     term_months: int = 0, term_days: int = 0, credited_days: int = 0, outside_reason: str = "",
                     judgement_no: str = "", prohibitions: str = "", mobile: str = "", address: str = "",
                     sex: str = "", level: str = Level.STRICT, grid: str = "", worker: User | None = None,
                     investigation: Investigation | None = None, notice_on: dt.date | None = None,
                     documents_on: dt.date | None = None) -> Subject:
    """接收登记 of a 社区矫正对象 notified by the deciding organ (第二十条、第二十二条): status 待报到, the period
    computed from the effective date and the term, the 报到 deadline ten days after the effective date."""
    ensure_can_write(actor, org)
    if org.kind != OrgKind.JUSTICE_OFFICE:
        raise ValidationError("社区矫正对象应登记在执行地司法所（请选择司法所）。")
    person = parse_resident_id(id_number)
    if sex and choice(sex, Sex, "性别") != person.sex:
        raise ValidationError(f"性别“{sex}”与身份证号码不符（应为“{person.sex}”）。")
    effective_on = inputs.date(effective_on, "判决（裁定、决定）生效日期")
    not_future(effective_on, "判决（裁定、决定）生效日期")
    if person.birth_date >= effective_on:
        raise ValidationError("判决（裁定、决定）生效日期不能早于出生日期。")
    for day, label in ((notice_on, "收到决定机关通知日期"), (documents_on, "收到法律文书日期")):
        if day is not None:
            not_future(inputs.date(day, label), label)
            not_before(day, effective_on, label, "判决（裁定、决定）生效日期")
    subject = Subject(
        org=org, name=required(name, "姓名", 50), sex=person.sex, id_number=person.number,
        birth_date=person.birth_date, minor=person.age_on(effective_on) < 18,
        mobile=validate_mobile(mobile) if (mobile or "").strip() else "", address=optional(address, "居住地", 200),
        category=choice(category, Category, "矫正类别"), outside_reason=outside_reason or "",
        crime=required(crime, "罪名", 200), sentence=required(sentence, "原判刑罚", 200),
        judgement_no=optional(judgement_no, "判决（裁定、决定）书文号", 100),
        prohibitions=optional(prohibitions, "禁止令", 2000),
        authority_kind=choice(authority_kind, AuthorityKind, "决定机关类别"),
        authority=required(authority, "决定机关", 100), effective_on=effective_on, term_years=term_years,
        term_months=term_months, term_days=term_days, credited_days=credited_days,
        level=choice(level, Level, "管理类别"), grid=optional(grid, "网格", 100), status=SubjectStatus.PENDING,
        notice_on=notice_on, documents_on=documents_on, created_by=actor)
    _apply_sentence(subject)
    if worker is not None:
        _check_worker(worker, org)
        subject.worker = worker
    if investigation is not None:
        if investigation.id_number != subject.id_number:
            raise ValidationError("所选调查评估的被调查人与该对象的身份证号码不一致。")
        if not access.in_scope(actor, investigation.org):
            raise PermissionDenied("所选调查评估不在您的管辖范围内。")
    _check_not_registered(actor, org, subject.id_number)
    subject.number = next_case_number(LINE, access.county_of(org), effective_on.year, _prefix(org) + "矫")
    try:
        with transaction.atomic():
            subject.save()
    except IntegrityError:
        # a concurrent registration of the same person committed first (the partial unique index caught it)
        _check_not_registered(actor, org, subject.id_number)
        raise
    if investigation is not None:
        Investigation.objects.filter(pk=investigation.pk).update(subject=subject)
    audit.action(actor, "接收登记社区矫正对象", subject, after=_snap(subject, SUBJECT_FIELDS),
                 reason="；".join(rules.notice_lateness(effective_on, notice_on, documents_on)))
    tell([subject.worker, *office_staff(org)], f"新接收社区矫正对象：{subject.name}",
          f"应于{subject.report_due:%Y-%m-%d}前报到。", _link(subject))
    return subject


def _check_worker(worker: User, org: OrgUnit) -> None:
    if worker.role not in access.WRITE_ROLES or not worker.is_active or not access.in_scope(worker, org):
        raise ValidationError(f"“{worker}”不是负责该对象的社区矫正工作人员（须为本司法所或县级社区矫正机构的工作人员）。")


EDITABLE_ALWAYS = {"name", "mobile", "address", "judgement_no", "prohibitions"}
EDITABLE_PENDING = {"crime", "sentence", "authority_kind", "authority", "effective_on", "term_years", "term_months",
                    "term_days", "credited_days", "outside_reason", "category"}


@transaction.atomic
def update_subject(actor, subject: Subject, **changes) -> Subject:
    """Correct a subject's particulars. The sentence and period can be corrected only before 报到."""
    subject = _lock(subject)
    ensure_can_write(actor, subject.org)
    if not subject.is_open:
        raise ValidationError("已解矫（终止）的社区矫正对象不能修改。")
    before = _snap(subject, SUBJECT_FIELDS)
    for field, value in changes.items():
        if field in EDITABLE_PENDING and subject.status != SubjectStatus.PENDING:
            raise ValidationError("对象已报到接收，原判刑罚和矫正期限不能再修改；确有错误的，请依据法律文书更正后重新登记。")
        if field not in EDITABLE_ALWAYS | EDITABLE_PENDING:
            raise ValidationError(f"字段“{field}”不允许修改。")
        setattr(subject, field, value)
    subject.name = required(subject.name, "姓名", 50)
    subject.mobile = validate_mobile(subject.mobile) if (subject.mobile or "").strip() else ""
    subject.address = optional(subject.address, "居住地", 200)
    subject.prohibitions = optional(subject.prohibitions, "禁止令", 2000)
    subject.judgement_no = optional(subject.judgement_no, "判决（裁定、决定）书文号", 100)
    if set(changes) & EDITABLE_PENDING:
        subject.category = choice(subject.category, Category, "矫正类别")
        subject.authority_kind = choice(subject.authority_kind, AuthorityKind, "决定机关类别")
        subject.crime = required(subject.crime, "罪名", 200)
        subject.sentence = required(subject.sentence, "原判刑罚", 200)
        subject.authority = required(subject.authority, "决定机关", 100)
        subject.effective_on = inputs.date(subject.effective_on, "判决（裁定、决定）生效日期")
        not_future(subject.effective_on, "判决（裁定、决定）生效日期")
        _apply_sentence(subject)
    subject.save()
    audit.action(actor, "修改社区矫正对象信息", subject, before=before, after=_snap(subject, SUBJECT_FIELDS))
    return subject


@transaction.atomic
def record_report_in(actor, subject: Subject, *, reported_on: dt.date) -> Subject:
    """报到 and 接收 (第二十一、二十二条): the subject is now 在矫. A late report is recorded as such (漏管)."""
    subject = _lock(subject)
    ensure_can_write(actor, subject.org)
    if subject.status != SubjectStatus.PENDING:
        raise ValidationError(f"{subject.name}当前状态为“{subject.get_status_display()}”，不是待报到。")
    reported_on = inputs.date(reported_on, "报到日期")
    not_future(reported_on, "报到日期")
    not_before(reported_on, subject.effective_on, "报到日期", "判决（裁定、决定）生效日期")
    if reported_on > subject.period_end:
        raise ValidationError("报到日期晚于矫正期满日，请核对。")
    before = _snap(subject, SUBJECT_FIELDS)
    subject.reported_on = reported_on
    subject.status = SubjectStatus.ACTIVE
    subject.save()
    late = (reported_on - subject.report_due).days
    audit.action(actor, "报到接收", subject, before=before, after=_snap(subject, SUBJECT_FIELDS),
                 reason=f"逾期报到{late}日" if late > 0 else "")
    return subject


@transaction.atomic
def announce_intake(actor, subject: Subject, *, announced_on: dt.date) -> Subject:
    """入矫宣告 (第二十二条): the crime, the period and the rules are announced to the subject."""
    subject = _supervised(subject, actor, "入矫宣告")
    if subject.announced_on:
        raise ValidationError(f"已于{subject.announced_on:%Y-%m-%d}宣告，不能重复宣告。")
    announced_on = inputs.date(announced_on, "宣告日期")
    _in_period(subject, announced_on, "宣告日期")
    subject.announced_on = announced_on
    subject.save(update_fields=["announced_on", "updated_at"])
    audit.action(actor, "入矫宣告", subject, after={"announced_on": str(announced_on)})
    return subject


@transaction.atomic
def set_team(actor, subject: Subject, *, members: Sequence[dict]) -> list[TeamMember]:
    """确定矫正小组 (第二十五条). A female subject's team must include a woman."""
    subject = _lock(subject)
    ensure_can_write(actor, subject.org)
    if not subject.is_open:
        raise ValidationError("已解矫（终止）的社区矫正对象不能调整矫正小组。")
    cleaned = []
    for m in members or []:
        member_name = (m.get("name") or "").strip()
        if not member_name:
            continue
        who = f"矫正小组成员“{member_name}”"
        try:
            cleaned.append({"name": required(member_name, "姓名", 50), "sex": choice(m.get("sex"), Sex, "性别"),
                            "role": choice(m.get("role"), MemberRole, "身份"),
                            "unit": optional(m.get("unit"), "单位", 100), "phone": optional(m.get("phone"), "联系电话", 20)})
        except ValidationError as exc:
            raise ValidationError(f"{who}：{' '.join(exc.messages)}")
    if not cleaned:
        raise ValidationError("请至少填写一名矫正小组成员。")
    if subject.sex == Sex.FEMALE and not any(m["sex"] == Sex.FEMALE for m in cleaned):
        raise ValidationError("社区矫正对象为女性的，矫正小组中应有女性成员（《社区矫正法》第二十五条）。")
    if subject.minor and not any(m["role"] in (MemberRole.GUARDIAN, MemberRole.FAMILY) for m in cleaned):
        raise ValidationError("未成年社区矫正对象的矫正小组应有其监护人或家庭成员参加。")
    before = {"team": "、".join(f"{m.name}（{m.get_role_display()}）" for m in subject.team.all())}
    TeamMember.objects.filter(subject=subject).delete()
    created = [TeamMember.objects.create(subject=subject, org=subject.org, created_by=actor, **m) for m in cleaned]
    audit.action(actor, "确定矫正小组", subject, before=before,
                 after={"team": "、".join(f"{m.name}（{m.get_role_display()}）" for m in created)})
    return created


@transaction.atomic
def set_plan(actor, subject: Subject, *, plan: str, plan_on: dt.date) -> Subject:
    """矫正方案 (第二十四条)."""
    subject = _supervised(subject, actor, "制定矫正方案")
    plan_on = inputs.date(plan_on, "方案制定日期")
    _in_period(subject, plan_on, "方案制定日期")
    subject.plan = required(plan, "矫正方案", 5000)
    subject.plan_on = plan_on
    subject.save(update_fields=["plan", "plan_on", "updated_at"])
    audit.action(actor, "制定矫正方案", subject, after={"plan_on": str(plan_on)})
    return subject


@transaction.atomic
def classify(actor, subject: Subject, *, level: str, reason: str) -> Subject:
    """分类管理 (第二十四条): 严管/普管/宽管, adjusted on the subject's conduct."""
    subject = _supervised(subject, actor, "调整管理类别")
    level = choice(level, Level, "管理类别")
    if level == subject.level:
        raise ValidationError(f"管理类别已是“{subject.get_level_display()}”。")
    before = {"level": subject.get_level_display()}
    subject.level = level
    subject.save(update_fields=["level", "updated_at"])
    audit.action(actor, "调整管理类别", subject, before=before, after={"level": subject.get_level_display()},
                 reason=required(reason, "调整理由", 500))
    return subject


@transaction.atomic
def assign_worker(actor, subject: Subject, *, worker: User | None, grid: str = "") -> Subject:
    """The responsible worker and the grid (网格化管理, seed 000)."""
    subject = _lock(subject)
    ensure_can_write(actor, subject.org)
    if not subject.is_open:
        raise ValidationError("已解矫（终止）的社区矫正对象不能调整责任人。")
    if worker is not None:
        _check_worker(worker, subject.org)
    before = {"worker": str(subject.worker or ""), "grid": subject.grid}
    subject.worker = worker
    subject.grid = optional(grid, "网格", 100)
    subject.save(update_fields=["worker", "grid", "updated_at"])
    audit.action(actor, "确定责任人和网格", subject, before=before,
                 after={"worker": str(worker or ""), "grid": subject.grid})
    if worker is not None and worker != actor:
        tell([worker], f"您负责的社区矫正对象：{subject.name}", "", _link(subject))
    return subject


# --- daily supervision -----------------------------------------------------------------------------------------


@transaction.atomic
def record_report(actor, subject: Subject, *, reported_on: dt.date, method: str, content: str = "") -> Report:
    """定期报告 of the subject's activities."""
    subject = _supervised(subject, actor, "登记报告", missing_ok=False)
    reported_on = inputs.date(reported_on, "报告日期")
    _in_period(subject, reported_on, "报告日期")
    report = Report.objects.create(subject=subject, org=subject.org, reported_on=reported_on,
                                   method=choice(method, ReportMethod, "报告方式"),
                                   content=optional(content, "报告内容", 2000), created_by=actor)
    audit.action(actor, "登记定期报告", subject, after={"reported_on": str(reported_on), "method": report.method})
    return report


@transaction.atomic
def record_visit(actor, subject: Subject, *, visited_on: dt.date, visitor_kind: str, visitors: str, content: str,
                 place: str = "") -> FieldVisit:
    """走访 (实地查访), by the office's staff, contracted social workers, police or grid workers."""
    subject = _supervised(subject, actor, "登记走访")
    visited_on = inputs.date(visited_on, "走访日期")
    _in_period(subject, visited_on, "走访日期")
    visit = FieldVisit.objects.create(subject=subject, org=subject.org, visited_on=visited_on,
                                      visitor_kind=choice(visitor_kind, VisitorKind, "走访人员类别"),
                                      visitors=required(visitors, "走访人员", 100), place=optional(place, "走访地点", 200),
                                      content=required(content, "走访情况", 2000), created_by=actor)
    audit.action(actor, "登记走访", subject, after={"visited_on": str(visited_on), "by": visit.visitor_kind})
    return visit


@transaction.atomic
def record_education(actor, subject: Subject, *, held_on: dt.date, kind: str, hours, content: str,
                     online: bool = False) -> Education:
    """教育学习 or 公益活动, in hours."""
    subject = _supervised(subject, actor, "登记教育学习", missing_ok=False)
    held_on = inputs.date(held_on, "日期")
    _in_period(subject, held_on, "日期")
    item = Education.objects.create(subject=subject, org=subject.org, held_on=held_on,
                                    kind=choice(kind, EducationKind, "类别"), hours=_hours(hours), online=bool(online),
                                    content=required(content, "内容", 200), created_by=actor)
    audit.action(actor, "登记教育学习", subject, after={"held_on": str(held_on), "kind": item.kind,
                                                   "hours": str(item.hours)})
    return item


@transaction.atomic
def record_info_check(actor, subject: Subject, *, checked_on: dt.date, method: str,
                      finding: str = CheckFinding.NORMAL, note: str = "", handled: str = "") -> InfoCheck:
    """信息化核查 (第二十六条). An abnormal finding needs a note of what was found."""
    subject = _supervised(subject, actor, "登记信息化核查")
    checked_on = inputs.date(checked_on, "核查日期")
    _in_period(subject, checked_on, "核查日期")
    finding = choice(finding, CheckFinding, "核查结果")
    note = optional(note, "情况说明", 2000)
    if finding != CheckFinding.NORMAL and not note:
        raise ValidationError("核查发现异常的，请填写情况说明。")
    check = InfoCheck.objects.create(subject=subject, org=subject.org, checked_on=checked_on,
                                     method=choice(method, CheckMethod, "核查方式"), finding=finding, note=note,
                                     handled=optional(handled, "处理情况", 200), created_by=actor)
    audit.action(actor, "登记信息化核查", subject, after={"checked_on": str(checked_on), "finding": finding})
    return check


# --- leave -------------------------------------------------------------------------------------------------------

LEAVE_FIELDS = ("kind", "start_on", "end_on", "days", "status", "decision_level", "decided_on", "returned_on")


def _overlapping(subject: Subject, start_on: dt.date, end_on: dt.date, exclude_pk=None):
    qs = LeaveRequest.objects.filter(subject=subject, status__in=LIVE_LEAVE_STATUSES, start_on__lte=end_on,
                                     end_on__gte=start_on)
    return qs.exclude(pk=exclude_pk) if exclude_pk else qs


@transaction.atomic
def request_leave(actor, subject: Subject, *, destination: str, reason: str, start_on: dt.date, end_on: dt.date,
                  kind: str = LeaveKind.TRIP, requested_on: dt.date | None = None) -> LeaveRequest:
    """外出请假 (第二十七条): at most 30 days a time, within the correction period, never overlapping another
    leave of the subject; ≤7 days the 司法所 approves, longer (and 经常性跨市、县活动) the county decides."""
    subject = _supervised(subject, actor, "申请外出", missing_ok=False)
    kind = choice(kind, LeaveKind, "请假类别")
    requested_on = inputs.date(requested_on or _today(), "申请日期")
    not_future(requested_on, "申请日期")
    start_on, end_on = inputs.date(start_on, "外出起始日"), inputs.date(end_on, "外出截止日")
    not_before(end_on, start_on, "外出截止日", "外出起始日")
    not_before(start_on, requested_on, "外出起始日", "申请日期")
    if end_on > subject.period_end:
        raise ValidationError(f"外出截止日不能晚于矫正期满日（{subject.period_end:%Y-%m-%d}）。")
    days = rules.leave_days(start_on, end_on)
    if kind == LeaveKind.TRIP and days > rules.LEAVE_MAX_DAYS:
        raise ValidationError(f"每次外出不得超过{rules.LEAVE_MAX_DAYS}日（本次{days}日）。需要更长时间的，"
                              "期满前可再行申请。")
    if kind == LeaveKind.FREQUENT and end_on >= rules.add_years_months(start_on, months=rules.FREQUENT_MAX_MONTHS):
        raise ValidationError(f"经常性跨市、县活动的批准有效期不超过{rules.FREQUENT_MAX_MONTHS}个月。")
    clash = _overlapping(subject, start_on, end_on).first()
    if clash is not None:
        raise ValidationError(f"与已有的外出申请（{clash.start_on:%Y-%m-%d}至{clash.end_on:%Y-%m-%d}，"
                              f"{clash.get_status_display()}）时间重叠，不能重复申请。")
    leave = LeaveRequest.objects.create(
        subject=subject, org=subject.org, kind=kind, destination=required(destination, "前往地", 200),
        reason=required(reason, "外出事由", 1000), start_on=start_on, end_on=end_on, days=days,
        requested_on=requested_on, status=LeaveStatus.PENDING, created_by=actor)
    audit.action(actor, "申请外出", leave, after=_snap(leave, LEAVE_FIELDS))
    who = office_staff(subject.org)
    tell(who, f"外出申请待{'初审' if leave.needs_county else '审批'}：{subject.name}",
          f"{start_on:%Y-%m-%d}至{end_on:%Y-%m-%d}，共{days}日。", _link(leave))
    return leave


def _lock_leave(leave: LeaveRequest) -> LeaveRequest:
    return LeaveRequest.objects.select_for_update().select_related("subject").get(pk=leave.pk)


@transaction.atomic
def review_leave(actor, leave: LeaveRequest, *, agree: bool, opinion: str) -> LeaveRequest:
    """司法所初审 of a leave the county decides (more than 7 days, or 经常性跨市、县活动)."""
    leave = _lock_leave(leave)
    ensure_can_write(actor, leave.org)
    if not leave.needs_county:
        raise ValidationError(f"{rules.LEAVE_OFFICE_MAX_DAYS}日以内的外出由司法所直接审批，无需初审。")
    if leave.status != LeaveStatus.PENDING:
        raise ValidationError(f"该申请当前状态为“{leave.get_status_display()}”，不能初审。")
    before = _snap(leave, LEAVE_FIELDS)
    leave.review_opinion = required(opinion, "初审意见", 500)
    leave.reviewed_by, leave.reviewed_on = actor, _today()
    if agree:
        leave.status = LeaveStatus.REVIEWED
    else:
        leave.status, leave.decision_level, leave.decided_on = LeaveStatus.REJECTED, "司法所初审", _today()
        leave.decided_by, leave.opinion = actor, leave.review_opinion
    leave.save()
    audit.action(actor, "外出申请初审", leave, before=before, after=_snap(leave, LEAVE_FIELDS))
    if agree:
        tell(county_staff(leave.org), f"外出申请待县级审批：{leave.subject.name}",
              f"{leave.start_on:%Y-%m-%d}至{leave.end_on:%Y-%m-%d}，共{leave.days}日。", _link(leave))
    return leave


@transaction.atomic
def decide_leave(actor, leave: LeaveRequest, *, approve: bool, opinion: str = "",
                 decided_on: dt.date | None = None) -> LeaveRequest:
    """审批: a 司法所 approves up to 7 days; the county decides longer leave after the 司法所's 初审."""
    leave = _lock_leave(leave)
    decided_on = inputs.date(decided_on or _today(), "审批日期")
    not_future(decided_on, "审批日期")
    not_before(decided_on, leave.requested_on, "审批日期", "申请日期")
    if leave.needs_county:
        access.ensure_county(actor, leave.org, f"{rules.LEAVE_OFFICE_MAX_DAYS}日以上的外出和经常性跨市、县活动")
        if leave.status == LeaveStatus.PENDING:
            raise ValidationError("该申请须先经司法所初审，再由县级社区矫正机构审批。")
        level = "县级社区矫正机构"
    else:
        ensure_can_write(actor, leave.org)
        level = "县级社区矫正机构" if access.is_county_level(actor) else "司法所"
    if leave.status not in (LeaveStatus.PENDING, LeaveStatus.REVIEWED):
        raise ValidationError(f"该申请当前状态为“{leave.get_status_display()}”，不能审批。")
    if approve and decided_on > leave.start_on:
        raise ValidationError("外出起始日已过，不能再批准；请撤回后按实际行程重新申请。")
    if not approve and not (opinion or "").strip():
        raise ValidationError("不予批准的，请填写理由。")
    before = _snap(leave, LEAVE_FIELDS)
    leave.status = LeaveStatus.APPROVED if approve else LeaveStatus.REJECTED
    leave.decided_by, leave.decided_on, leave.decision_level = actor, decided_on, level
    leave.opinion = optional(opinion, "审批意见", 500)
    leave.save()
    audit.action(actor, "批准外出" if approve else "不予批准外出", leave, before=before,
                 after=_snap(leave, LEAVE_FIELDS))
    tell([leave.created_by, leave.subject.worker], f"外出申请{'已批准' if approve else '未获批准'}：{leave.subject.name}",
          leave.opinion, _link(leave))
    return leave


@transaction.atomic
def withdraw_leave(actor, leave: LeaveRequest, *, reason: str) -> LeaveRequest:
    leave = _lock_leave(leave)
    ensure_can_write(actor, leave.org)
    if leave.status not in (LeaveStatus.PENDING, LeaveStatus.REVIEWED, LeaveStatus.APPROVED):
        raise ValidationError(f"该申请当前状态为“{leave.get_status_display()}”，不能撤回。")
    if leave.status == LeaveStatus.APPROVED and leave.start_on <= _today():
        raise ValidationError("已开始的外出不能撤回，请办理销假。")
    before = _snap(leave, LEAVE_FIELDS)
    leave.status = LeaveStatus.WITHDRAWN
    leave.save(update_fields=["status", "updated_at"])
    audit.action(actor, "撤回外出申请", leave, before=before, after=_snap(leave, LEAVE_FIELDS),
                 reason=required(reason, "撤回理由", 500))
    return leave


@transaction.atomic
def record_return(actor, leave: LeaveRequest, *, returned_on: dt.date) -> LeaveRequest:
    """销假. Coming back after the approved end is recorded (逾期销假) and may ground a sanction."""
    leave = _lock_leave(leave)
    ensure_can_write(actor, leave.org)
    if leave.status != LeaveStatus.APPROVED:
        raise ValidationError(f"该申请当前状态为“{leave.get_status_display()}”，不能销假。")
    returned_on = inputs.date(returned_on, "销假日期")
    not_future(returned_on, "销假日期")
    not_before(returned_on, leave.start_on, "销假日期", "外出起始日")
    before = _snap(leave, LEAVE_FIELDS)
    leave.status, leave.returned_on = LeaveStatus.RETURNED, returned_on
    leave.save(update_fields=["status", "returned_on", "updated_at"])
    late = (returned_on - leave.end_on).days
    audit.action(actor, "销假", leave, before=before, after=_snap(leave, LEAVE_FIELDS),
                 reason=f"逾期销假{late}日" if late > 0 else "")
    return leave


# --- 变更执行地 -------------------------------------------------------------------------------------------------


@transaction.atomic
def request_residence_change(actor, subject: Subject, *, move_on: dt.date, new_address: str, reason: str,
                             new_org: OrgUnit | None = None, new_institution: str = "",
                             requested_on: dt.date | None = None) -> ResidenceChange:
    """变更执行地: applied for at least one month before moving; the county decides."""
    subject = _supervised(subject, actor, "申请变更执行地", missing_ok=False)
    requested_on = inputs.date(requested_on or _today(), "申请日期")
    not_future(requested_on, "申请日期")
    move_on = inputs.date(move_on, "拟迁居日期")
    earliest = rules.add_years_months(requested_on, months=rules.RESIDENCE_CHANGE_NOTICE.amount)
    if move_on < earliest:
        raise ValidationError(f"变更执行地应提前一个月申请：{requested_on:%Y-%m-%d}申请的，拟迁居日期不能早于"
                              f"{earliest:%Y-%m-%d}。")
    new_institution = optional(new_institution, "变更后社区矫正机构", 100)
    if (new_org is None) == (not new_institution):
        raise ValidationError("请选择本县变更后的司法所，或填写外县（市、区）变更后的社区矫正机构（二者选一）。")
    if new_org is not None:
        if new_org.kind != OrgKind.JUSTICE_OFFICE or not new_org.path.startswith(access.county_of(subject.org).path):
            raise ValidationError("变更后的司法所须为本县的司法所。")
        if new_org.pk == subject.org_id:
            raise ValidationError("变更后的司法所与现执行地相同。")
    if ResidenceChange.objects.filter(subject=subject, status=ChangeStatus.PENDING).exists():
        raise ValidationError("该对象已有待审批的变更执行地申请。")
    change = ResidenceChange.objects.create(
        subject=subject, org=subject.org, requested_on=requested_on, move_on=move_on,
        new_address=required(new_address, "新居住地", 200), new_org=new_org, new_institution=new_institution,
        reason=required(reason, "理由", 1000), created_by=actor)
    audit.action(actor, "申请变更执行地", change, after={"move_on": str(move_on), "new_org": str(new_org or ""),
                                                    "new_institution": new_institution})
    tell(county_staff(subject.org), f"变更执行地待审批：{subject.name}", "", _link(subject))
    return change


@transaction.atomic
def decide_residence_change(actor, change: ResidenceChange, *, approve: bool, opinion: str = "",
                            decided_on: dt.date | None = None) -> ResidenceChange:
    """The county's decision. Within the county the subject and every record move to the new 司法所; to another
    county the subject leaves this county's register on the moving day (变更执行地移出)."""
    change = ResidenceChange.objects.select_for_update().select_related("subject").get(pk=change.pk)
    access.ensure_county(actor, change.org, "变更执行地")
    if change.status != ChangeStatus.PENDING:
        raise ValidationError(f"该申请当前状态为“{change.get_status_display()}”，不能审批。")
    decided_on = inputs.date(decided_on or _today(), "审批日期")
    not_future(decided_on, "审批日期")
    not_before(decided_on, change.requested_on, "审批日期", "申请日期")
    if not approve and not (opinion or "").strip():
        raise ValidationError("不予批准的，请填写理由。")
    subject = _lock(change.subject)
    if approve and not subject.is_supervised:
        raise ValidationError(f"{subject.name}当前状态为“{subject.get_status_display()}”，不能变更执行地。")
    change.status = ChangeStatus.APPROVED if approve else ChangeStatus.REJECTED
    change.decided_by, change.decided_on, change.opinion = actor, decided_on, optional(opinion, "审批意见", 500)
    change.save()
    audit.action(actor, "批准变更执行地" if approve else "不予批准变更执行地", change,
                 after={"status": change.status, "decided_on": str(decided_on)})
    if approve:
        before = _snap(subject, SUBJECT_FIELDS)
        subject.address = change.new_address
        if change.new_org is not None:
            move_subject(subject, change.new_org)
            tell(office_staff(change.new_org), f"变更执行地转入：{subject.name}", "", _link(subject))
        else:
            subject.status, subject.exit_kind = SubjectStatus.TRANSFERRED, ExitKind.TRANSFERRED
            subject.exited_on, subject.exit_basis = change.move_on, f"变更执行地至{change.new_institution}"
            subject.save()
            _close_monitors(subject, change.move_on, "变更执行地")
        audit.action(actor, "变更执行地", subject, before=before, after=_snap(subject, SUBJECT_FIELDS))
    return change


# --- 电子定位 ------------------------------------------------------------------------------------------------------

MONITOR_FIELDS = ("situation", "months", "status", "approved_on", "start_on", "end_on", "ended_on")


def _decided(subject: Subject, kind: str, *statuses):
    return RewardSanction.objects.filter(subject=subject, kind=kind, status__in=statuses or (SanctionStatus.DECIDED,))


def _check_situation(subject: Subject, situation: str) -> None:
    """The facts a situation rests on must be on the record (a tag is a serious measure, 第二十九条)."""
    if situation == MonitorSituation.PROHIBITION and not subject.prohibitions.strip():
        raise ValidationError("该对象未被宣告禁止令，不能以“违反人民法院禁止令”为由使用电子定位装置。")
    if situation == MonitorSituation.REFUSED_REPORT and not _decided(subject, SanctionKind.WARNING).exists():
        raise ValidationError("以“拒不报告活动情况被给予警告”为由的，须已对该对象作出警告决定。")
    if situation == MonitorSituation.PUNISHED and not _decided(
            subject, SanctionKind.PUBLIC_SECURITY, SanctionStatus.UPHELD).exists():
        raise ValidationError("以“被给予治安管理处罚”为由的，须已有公安机关作出治安管理处罚的记录。")
    if situation == MonitorSituation.REVOCATION and not RewardSanction.objects.filter(
            subject=subject, kind__in=REVOCATION_KINDS,
            status__in=(SanctionStatus.PROPOSED, SanctionStatus.SUBMITTED)).exists():
        raise ValidationError("以“拟提请撤销缓刑、假释或收监执行”为由的，须已提出撤销或收监建议。")


@transaction.atomic
def propose_monitor(actor, subject: Subject, *, situation: str, facts: str, months: int,
                    proposed_on: dt.date | None = None) -> ElectronicMonitor:
    """提出 using an electronic tag: only in the five situations of 第二十九条, at most three months."""
    subject = _supervised(subject, actor, "提出使用电子定位装置")
    situation = choice(situation, MonitorSituation, "适用情形")
    months = inputs.whole_number(months, "使用期限（月）", 1, rules.MONITOR_MAX_MONTHS)
    proposed_on = inputs.date(proposed_on or _today(), "提出日期")
    _in_period(subject, proposed_on, "提出日期")
    _check_situation(subject, situation)
    if ElectronicMonitor.objects.filter(subject=subject, status__in=(MonitorStatus.PROPOSED,
                                                                     MonitorStatus.ACTIVE)).exists():
        raise ValidationError("该对象已有待批准或使用中的电子定位。")
    monitor = ElectronicMonitor.objects.create(subject=subject, org=subject.org, situation=situation,
                                               facts=required(facts, "事实和理由", 2000), months=months,
                                               proposed_on=proposed_on, proposed_by=actor, created_by=actor)
    audit.action(actor, "提出使用电子定位装置", monitor, after=_snap(monitor, MONITOR_FIELDS))
    tell(county_heads(subject.org), f"电子定位待批准：{subject.name}", monitor.get_situation_display(),
          _link(monitor))
    return monitor


def _monitor_end(start: dt.date, months: int) -> dt.date:
    return rules.add_years_months(start, months=months) - dt.timedelta(days=1)


@transaction.atomic
def approve_monitor(actor, monitor: ElectronicMonitor, *, approve: bool, approved_on: dt.date | None = None,
                    start_on: dt.date | None = None, reason: str = "") -> ElectronicMonitor:
    """县级司法行政部门负责人批准 (第二十九条); the period is the approved months from `start_on` (the day of
    approval unless later)."""
    monitor = ElectronicMonitor.objects.select_for_update().select_related("subject").get(pk=monitor.pk)
    access.ensure_head(actor, monitor.org, "使用电子定位装置")
    if monitor.status != MonitorStatus.PROPOSED:
        raise ValidationError(f"该电子定位当前状态为“{monitor.get_status_display()}”，不能审批。")
    approved_on = inputs.date(approved_on or _today(), "批准日期")
    not_future(approved_on, "批准日期")
    not_before(approved_on, monitor.proposed_on, "批准日期", "提出日期")
    before = _snap(monitor, MONITOR_FIELDS)
    monitor.approved_by, monitor.approved_on = actor, approved_on
    if approve:
        start_on = inputs.date(start_on or approved_on, "使用起始日")
        not_before(start_on, approved_on, "使用起始日", "批准日期")
        monitor.status, monitor.start_on = MonitorStatus.ACTIVE, start_on
        monitor.end_on = _monitor_end(start_on, monitor.months)
    else:
        monitor.status = MonitorStatus.REJECTED
        monitor.end_reason = required(reason, "不予批准理由", 500)
    monitor.save()
    audit.action(actor, "批准使用电子定位装置" if approve else "不予批准使用电子定位装置", monitor, before=before,
                 after=_snap(monitor, MONITOR_FIELDS))
    tell([monitor.proposed_by], f"电子定位{'已批准' if approve else '未获批准'}：{monitor.subject.name}", "",
          _link(monitor))
    return monitor


@transaction.atomic
def renew_monitor(actor, monitor: ElectronicMonitor, *, months: int, assessment: str,
                  approved_on: dt.date | None = None) -> MonitorRenewal:
    """延长: after an assessment that it is still needed, each renewal at most three months, approved by the
    head again. Every renewal is kept."""
    monitor = ElectronicMonitor.objects.select_for_update().get(pk=monitor.pk)
    access.ensure_head(actor, monitor.org, "延长使用电子定位装置")
    if monitor.status != MonitorStatus.ACTIVE:
        raise ValidationError("只有使用中的电子定位才能延长。")
    months = inputs.whole_number(months, "延长期限（月）", 1, rules.MONITOR_MAX_MONTHS)
    approved_on = inputs.date(approved_on or _today(), "批准日期")
    not_future(approved_on, "批准日期")
    if approved_on > monitor.end_on:
        raise ValidationError(f"电子定位已于{monitor.end_on:%Y-%m-%d}期满，期满后不能再延长；确需使用的，"
                              "请重新提出。")
    previous_end = monitor.end_on
    monitor.end_on = _monitor_end(previous_end + dt.timedelta(days=1), months)
    monitor.save(update_fields=["end_on", "updated_at"])
    renewal = MonitorRenewal.objects.create(monitor=monitor, org=monitor.org, approved_on=approved_on,
                                            approved_by=actor, months=months, previous_end=previous_end,
                                            new_end=monitor.end_on, assessment=required(assessment, "评估意见", 2000),
                                            created_by=actor)
    audit.action(actor, "延长使用电子定位装置", monitor, before={"end_on": str(previous_end)},
                 after={"end_on": str(monitor.end_on), "months": months})
    return renewal


@transaction.atomic
def end_monitor(actor, monitor: ElectronicMonitor, *, ended_on: dt.date, reason: str) -> ElectronicMonitor:
    """解除 when no longer needed (第二十九条第二款) or at the end of the period."""
    monitor = ElectronicMonitor.objects.select_for_update().get(pk=monitor.pk)
    ensure_can_write(actor, monitor.org)
    if monitor.status != MonitorStatus.ACTIVE:
        raise ValidationError("只有使用中的电子定位才能解除。")
    ended_on = inputs.date(ended_on, "解除日期")
    not_future(ended_on, "解除日期")
    not_before(ended_on, monitor.start_on, "解除日期", "使用起始日")
    before = _snap(monitor, MONITOR_FIELDS)
    monitor.status, monitor.ended_on = MonitorStatus.ENDED, ended_on
    monitor.end_reason = required(reason, "解除理由", 500)
    monitor.save()
    audit.action(actor, "解除电子定位装置", monitor, before=before, after=_snap(monitor, MONITOR_FIELDS))
    return monitor


def _close_monitors(subject: Subject, on: dt.date, reason: str) -> None:
    for monitor in ElectronicMonitor.objects.filter(subject=subject, status__in=(MonitorStatus.ACTIVE,
                                                                                MonitorStatus.PROPOSED)):
        was = monitor.status
        monitor.status = MonitorStatus.ENDED if was == MonitorStatus.ACTIVE else MonitorStatus.REJECTED
        monitor.ended_on = on if was == MonitorStatus.ACTIVE else None
        monitor.end_reason = f"社区矫正{reason}"
        monitor.save()


# --- 考核奖惩 ------------------------------------------------------------------------------------------------------

SANCTION_FIELDS = ("kind", "ground", "status", "proposed_on", "decided_on", "submitted_to", "ruling_due", "ruled_on")


def _check_ground(subject: Subject, kind: str, ground: str) -> None:
    if ground not in dict(rules.ground_choices(kind)):
        labels = "；".join(label for _, label in rules.ground_choices(kind))
        raise ValidationError(f"{SanctionKind(kind).label}的依据情形不正确，应为：{labels}。")
    category = rules.KIND_CATEGORY.get(kind)
    if category and subject.category != category:
        raise ValidationError(f"{SanctionKind(kind).label}只适用于{Category(category).label}的社区矫正对象"
                              f"（该对象为{subject.get_category_display()}）。")
    if ground in rules.PRIOR_REQUIRED:
        prior_kind, count = rules.PRIOR_REQUIRED[ground]
        have = _decided(subject, prior_kind).count()
        if have < count:
            raise ValidationError(f"依据“{rules.ground_label(kind, ground)}”的，须已受到{count}次"
                                  f"{SanctionKind(prior_kind).label}（现有{have}次）。")
    if ground in rules.ABSENCE_DAYS:
        low, high = rules.ABSENCE_DAYS[ground]
        spans = [a.days_lost for a in Absconding.objects.filter(subject=subject)]
        if not any(d >= low and (high is None or d <= high) for d in spans):
            span = f"{low}至{high}日" if high else f"{low}日以上"
            raise ValidationError(f"依据“{rules.ground_label(kind, ground)}”的，须有脱离监管{span}的失联记录。")


@transaction.atomic
def propose_sanction(actor, subject: Subject, *, kind: str, ground: str, facts: str,
                     proposed_on: dt.date | None = None) -> RewardSanction:
    """提出 a commendation or a sanction with its legal ground (司法所核实，县级决定或提请)."""
    subject = _supervised(subject, actor, "提出考核奖惩")
    kind = choice(kind, SanctionKind, "奖惩类别")
    _check_ground(subject, kind, ground)
    proposed_on = inputs.date(proposed_on or _today(), "提出日期")
    _in_period(subject, proposed_on, "提出日期")
    if RewardSanction.objects.filter(subject=subject, kind=kind, status=SanctionStatus.PROPOSED).exists():
        raise ValidationError(f"该对象已有待决定的{SanctionKind(kind).label}，请先办结。")
    sanction = RewardSanction.objects.create(subject=subject, org=subject.org, kind=kind, ground=ground,
                                             facts=required(facts, "事实", 2000), proposed_on=proposed_on,
                                             proposed_by=actor, created_by=actor)
    audit.action(actor, f"提出{sanction.get_kind_display()}", sanction, after=_snap(sanction, SANCTION_FIELDS))
    tell(county_staff(subject.org), f"{sanction.get_kind_display()}待决定：{subject.name}",
          sanction.ground_label, _link(sanction))
    return sanction


@transaction.atomic
def decide_sanction(actor, sanction: RewardSanction, *, approve: bool, decided_on: dt.date | None = None,
                    document_no: str = "", submitted_to: str = "", note: str = "") -> RewardSanction:
    """The county decides 表扬/训诫/警告, or submits the others to the police, the court or the deciding organ
    (the court rules on a revocation within 30 days, 第四十八条)."""
    sanction = RewardSanction.objects.select_for_update().select_related("subject").get(pk=sanction.pk)
    access.ensure_county(actor, sanction.org, "考核奖惩")
    if sanction.status != SanctionStatus.PROPOSED:
        raise ValidationError(f"该事项当前状态为“{sanction.get_status_display()}”，不能决定。")
    decided_on = inputs.date(decided_on or _today(), "决定日期")
    not_future(decided_on, "决定日期")
    not_before(decided_on, sanction.proposed_on, "决定日期", "提出日期")
    if not approve and not (note or "").strip():
        raise ValidationError("不予实施的，请填写理由。")
    before = _snap(sanction, SANCTION_FIELDS)
    sanction.decided_by, sanction.decided_on = actor, decided_on
    sanction.document_no, sanction.note = optional(document_no, "文书编号", 60), optional(note, "说明", 500)
    if not approve:
        sanction.status = SanctionStatus.DECLINED
    elif sanction.kind in DECIDED_KINDS:
        sanction.status = SanctionStatus.DECIDED
    else:
        sanction.status = SanctionStatus.SUBMITTED
        sanction.submitted_to = optional(submitted_to, "提请机关", 100) or rules.SUBMITTED_TO[sanction.kind]
        if sanction.kind in REVOCATION_KINDS:
            sanction.ruling_due = rules.ruling_due(decided_on)
    sanction.save()
    audit.action(actor, f"{'决定' if approve else '不予实施'}{sanction.get_kind_display()}", sanction, before=before,
                 after=_snap(sanction, SANCTION_FIELDS))
    tell([sanction.proposed_by, sanction.subject.worker],
          f"{sanction.get_kind_display()}：{sanction.subject.name}（{sanction.get_status_display()}）", "",
          _link(sanction))
    return sanction


@transaction.atomic
def record_ruling(actor, sanction: RewardSanction, *, upheld: bool, ruled_on: dt.date,
                  ruling_no: str = "") -> RewardSanction:
    """The police's or the court's answer. A revocation or 收监 upheld ends the correction (第四十五条)."""
    sanction = RewardSanction.objects.select_for_update().select_related("subject").get(pk=sanction.pk)
    access.ensure_county(actor, sanction.org, "登记裁决结果")
    if sanction.status != SanctionStatus.SUBMITTED:
        raise ValidationError("只有已提请的事项才能登记裁决结果。")
    ruled_on = inputs.date(ruled_on, "裁决日期")
    not_future(ruled_on, "裁决日期")
    not_before(ruled_on, sanction.decided_on, "裁决日期", "提请日期")
    before = _snap(sanction, SANCTION_FIELDS)
    sanction.status = SanctionStatus.UPHELD if upheld else SanctionStatus.DISMISSED
    sanction.ruled_on, sanction.ruling_no = ruled_on, optional(ruling_no, "裁定（决定）书文号", 100)
    if upheld and sanction.kind in REVOCATION_KINDS and not sanction.ruling_no:
        raise ValidationError("撤销缓刑、假释或收监执行的，请填写裁定（决定）书文号。")
    sanction.save()
    audit.action(actor, "登记裁决结果", sanction, before=before, after=_snap(sanction, SANCTION_FIELDS))
    if upheld and sanction.kind in REVOCATION_KINDS:
        exit_kind = {SanctionKind.REVOKE_PROBATION: ExitKind.PROBATION_REVOKED,
                     SanctionKind.REVOKE_PAROLE: ExitKind.PAROLE_REVOKED,
                     SanctionKind.COMMIT: ExitKind.COMMITTED}[sanction.kind]
        _end_correction(actor, _lock(sanction.subject), exit_kind, ruled_on, basis=sanction.ruling_no)
    return sanction


# --- 失联 and 警矫联动 ------------------------------------------------------------------------------------------


@transaction.atomic
def report_missing(actor, subject: Subject, *, lost_on: dt.date, circumstances: str) -> Absconding:
    """失去联系 (第三十条): the subject is 失联 and the search starts at once."""
    subject = _supervised(subject, actor, "登记失联", missing_ok=False)
    lost_on = inputs.date(lost_on, "失联日期")
    _in_period(subject, lost_on, "失联日期")
    case = Absconding.objects.create(subject=subject, org=subject.org, lost_on=lost_on,
                                     circumstances=required(circumstances, "失联情况", 2000), created_by=actor)
    subject.status = SubjectStatus.MISSING
    subject.save(update_fields=["status", "updated_at"])
    audit.action(actor, "登记失联", case, after={"lost_on": str(lost_on)})
    tell([subject.worker, *county_staff(subject.org)], f"社区矫正对象失联：{subject.name}",
          "请立即组织查找，必要时提请公安机关协助（警矫联动）。", _link(case))
    return case


def _lock_case(case: Absconding) -> Absconding:
    return Absconding.objects.select_for_update().select_related("subject").get(pk=case.pk)


@transaction.atomic
def request_police(actor, case: Absconding, *, requested_on: dt.date, station: str) -> Absconding:
    """警矫联动: ask the police to help find the subject."""
    case = _lock_case(case)
    ensure_can_write(actor, case.org)
    if case.status != AbscondingStatus.SEARCHING:
        raise ValidationError("对象已查找到，无需提请公安机关协查。")
    if case.police_requested_on:
        raise ValidationError(f"已于{case.police_requested_on:%Y-%m-%d}提请{case.police_station}协查。")
    requested_on = inputs.date(requested_on, "提请日期")
    not_future(requested_on, "提请日期")
    not_before(requested_on, case.lost_on, "提请日期", "失联日期")
    case.police_requested_on, case.police_station = requested_on, required(station, "协查公安机关", 100)
    case.save()
    audit.action(actor, "提请公安机关协查", case, after={"requested_on": str(requested_on), "station": case.police_station})
    return case


@transaction.atomic
def record_found(actor, case: Absconding, *, found_on: dt.date, found_how: str, police_reply: str = "") -> Absconding:
    case = _lock_case(case)
    ensure_can_write(actor, case.org)
    if case.status != AbscondingStatus.SEARCHING:
        raise ValidationError("该失联记录已登记查找到。")
    found_on = inputs.date(found_on, "查找到日期")
    not_future(found_on, "查找到日期")
    not_before(found_on, case.lost_on, "查找到日期", "失联日期")
    case.found_on, case.found_how = found_on, required(found_how, "查找到情况", 500)
    case.police_reply = optional(police_reply, "公安协查情况", 500)
    case.status = AbscondingStatus.FOUND
    case.save()
    subject = _lock(case.subject)
    if subject.status == SubjectStatus.MISSING:
        subject.status = SubjectStatus.ACTIVE
        subject.save(update_fields=["status", "updated_at"])
    audit.action(actor, "失联对象已查找到", case, after={"found_on": str(found_on), "days_lost": case.days_lost})
    return case


@transaction.atomic
def close_absconding(actor, case: Absconding, *, closed_on: dt.date, handling: str) -> Absconding:
    """区别情形依法作出处理 (第三十条): record what was done (e.g. 训诫, 警告, 提请撤销)."""
    case = _lock_case(case)
    ensure_can_write(actor, case.org)
    if case.status != AbscondingStatus.FOUND:
        raise ValidationError("查找到对象后才能办结失联记录。")
    closed_on = inputs.date(closed_on, "处理完毕日期")
    not_future(closed_on, "处理完毕日期")
    not_before(closed_on, case.found_on, "处理完毕日期", "查找到日期")
    case.closed_on, case.handling, case.status = closed_on, required(handling, "处理结果", 500), AbscondingStatus.CLOSED
    case.save()
    audit.action(actor, "办结失联记录", case, after={"closed_on": str(closed_on)})
    return case


# --- 再犯罪, 解矫 and 终止 ----------------------------------------------------------------------------------------


@transaction.atomic
def record_reoffence(actor, subject: Subject, *, reoffended_on: dt.date, note: str) -> Subject:
    """在矫期间又犯新罪 (counted in 再犯罪率). The court revokes on its own (第四十六条第二款); record that with
    `discharge(kind=撤销缓刑…)` when the ruling arrives."""
    subject = _lock(subject)
    ensure_can_write(actor, subject.org)
    if subject.status not in SUPERVISED_STATUSES:
        raise ValidationError("只有在矫的对象才能登记再犯罪。")
    if subject.reoffended_on:
        raise ValidationError(f"已登记{subject.reoffended_on:%Y-%m-%d}再犯罪。")
    reoffended_on = inputs.date(reoffended_on, "再犯罪日期")
    _in_period(subject, reoffended_on, "再犯罪日期")
    subject.reoffended_on = reoffended_on
    subject.save(update_fields=["reoffended_on", "updated_at"])
    audit.action(actor, "登记再犯罪", subject, after={"reoffended_on": str(reoffended_on)},
                 reason=required(note, "情况说明", 500))
    return subject


def _end_correction(actor, subject: Subject, kind: str, exited_on: dt.date, *, basis: str = "",
                    certificate_no: str = "", notified_on: dt.date | None = None) -> Subject:
    before = _snap(subject, SUBJECT_FIELDS)
    subject.exit_kind, subject.exited_on, subject.status = kind, exited_on, EXIT_STATUS[kind]
    subject.exit_basis, subject.certificate_no, subject.notified_on = basis, certificate_no, notified_on
    subject.save()
    _close_monitors(subject, exited_on, ExitKind(kind).label)
    verb = "解除社区矫正" if subject.status == SubjectStatus.DISCHARGED else "终止社区矫正"
    audit.action(actor, verb, subject, before=before, after=_snap(subject, SUBJECT_FIELDS))
    tell([subject.worker, *office_staff(subject.org)], f"{verb}：{subject.name}（{ExitKind(kind).label}）", "",
          _link(subject))
    return subject


@transaction.atomic
def discharge(actor, subject: Subject, *, kind: str, exited_on: dt.date, certificate_no: str = "",
              basis: str = "", notified_on: dt.date | None = None) -> Subject:
    """解矫宣告 at the end of the period, or 终止 on a legal ground (赦免, a revocation ruling, death).

    Before the period ends there is no 期满: only a legal ground ends the correction early (第四十四、四十五条)."""
    subject = _lock(subject)
    access.ensure_county(actor, subject.org, "解除（终止）社区矫正")
    if not subject.is_open:
        raise ValidationError(f"{subject.name}已{subject.get_status_display()}，不能重复办理。")
    kind = choice(kind, ExitKind, "解矫（终止）原因")
    if kind == ExitKind.TRANSFERRED:
        raise ValidationError("变更执行地请通过“变更执行地”申请和审批办理。")
    exited_on = inputs.date(exited_on, "解矫（终止）日期")
    not_future(exited_on, "解矫（终止）日期")
    not_before(exited_on, subject.effective_on, "解矫（终止）日期", "判决生效日期")
    certificate_no, basis = optional(certificate_no, "证明书编号", 60), optional(basis, "依据", 200)
    if notified_on is not None:
        notified_on = inputs.date(notified_on, "通知日期")
        not_before(notified_on, exited_on, "通知日期", "解矫日期")
        not_future(notified_on, "通知日期")
    if kind == ExitKind.EXPIRED:
        if subject.status == SubjectStatus.PENDING:
            raise ValidationError("对象未报到接收，不能以期满解矫。")
        if exited_on < subject.period_end:
            raise ValidationError(f"矫正期满日为{subject.period_end:%Y-%m-%d}，期满前不能解除社区矫正；"
                                  "确有法定事由（赦免、撤销缓刑假释、收监执行、死亡）的，请选择相应原因并填写依据。")
        if not certificate_no:
            raise ValidationError("期满解矫的，请填写解除社区矫正证明书编号（《社区矫正法》第四十四条）。")
    elif kind == ExitKind.PARDONED:
        if not basis or not certificate_no:
            raise ValidationError("赦免的，请填写赦免依据（特赦令等）和解除社区矫正证明书编号。")
    elif kind in (ExitKind.PROBATION_REVOKED, ExitKind.PAROLE_REVOKED, ExitKind.COMMITTED):
        needed = {ExitKind.PROBATION_REVOKED: Category.PROBATION, ExitKind.PAROLE_REVOKED: Category.PAROLE,
                  ExitKind.COMMITTED: Category.OUTSIDE}[kind]
        if subject.category != needed:
            raise ValidationError(f"{ExitKind(kind).label}只适用于{Category(needed).label}的对象。")
        if not basis:
            raise ValidationError("请填写撤销（收监）的裁定书或决定书文号。")
    elif kind == ExitKind.DEATH and not basis:
        raise ValidationError("请填写死亡的依据（如死亡证明）。")
    return _end_correction(actor, subject, kind, exited_on, basis=basis, certificate_no=certificate_no,
                           notified_on=notified_on)


# --- 卷宗评查 ------------------------------------------------------------------------------------------------------


def _review_items(items: dict) -> tuple[dict, str]:
    known = dict(rules.FILE_CHECKLIST)
    cleaned = {}
    for code, label in rules.FILE_CHECKLIST:
        value = (items or {}).get(code) or rules.ITEM_GOOD
        if value not in rules.ITEM_VALUES:
            raise ValidationError(f"“{label}”的评查结果“{value}”不正确（{'、'.join(rules.ITEM_VALUES)}）。")
        cleaned[code] = value
    unknown = set(items or {}) - set(known)
    if unknown:
        raise ValidationError(f"评查项目“{'、'.join(sorted(unknown))}”不在卷宗评查清单中。")
    values = set(cleaned.values())
    result = (ReviewResult.FAILED if rules.ITEM_MISSING in values else
              ReviewResult.FLAWED if rules.ITEM_FLAWED in values else ReviewResult.GOOD)
    return cleaned, result


@transaction.atomic
def review_file(actor, subject: Subject, *, kind: str, reviewed_on: dt.date, reviewers: str, items: dict,
                findings: str = "") -> FileReview:
    """卷宗自查/互查/上级评查 against the checklist. A flawed or failed file gets a rectification deadline."""
    ensure_can_write(actor, subject.org)
    kind = choice(kind, ReviewKind, "评查类别")
    if kind == ReviewKind.SUPERIOR and not access.is_county_level(actor):
        raise PermissionDenied("上级评查须由县级社区矫正机构组织。")
    reviewed_on = inputs.date(reviewed_on, "评查日期")
    not_future(reviewed_on, "评查日期")
    not_before(reviewed_on, subject.effective_on, "评查日期", "判决生效日期")
    cleaned, result = _review_items(items)
    findings = optional(findings, "发现问题", 5000)
    if result != ReviewResult.GOOD and not findings:
        raise ValidationError("评查发现瑕疵或缺失的，请填写发现的问题。")
    review = FileReview.objects.create(
        subject=subject, org=subject.org, kind=kind, reviewed_on=reviewed_on,
        reviewers=required(reviewers, "评查人", 100), items=cleaned, result=result, findings=findings,
        status=ReviewStatus.CLOSED if result == ReviewResult.GOOD else ReviewStatus.RECTIFYING,
        rectify_by=None if result == ReviewResult.GOOD else reviewed_on + dt.timedelta(days=rules.RECTIFY_DAYS),
        created_by=actor)
    audit.action(actor, f"卷宗{review.get_kind_display()}", review,
                 after={"result": result, "reviewed_on": str(reviewed_on)})
    if review.status == ReviewStatus.RECTIFYING:
        tell([subject.worker, *office_staff(subject.org)], f"卷宗须整改：{subject.name}",
              f"请于{review.rectify_by:%Y-%m-%d}前整改。", _link(review))
    return review


@transaction.atomic
def rectify_file(actor, review: FileReview, *, rectified_on: dt.date, rectification: str) -> FileReview:
    review = FileReview.objects.select_for_update().get(pk=review.pk)
    ensure_can_write(actor, review.org)
    if review.status != ReviewStatus.RECTIFYING:
        raise ValidationError("该卷宗无需整改或已整改完毕。")
    rectified_on = inputs.date(rectified_on, "整改完成日期")
    not_future(rectified_on, "整改完成日期")
    not_before(rectified_on, review.reviewed_on, "整改完成日期", "评查日期")
    review.status, review.rectified_on = ReviewStatus.RECTIFIED, rectified_on
    review.rectification = required(rectification, "整改情况", 2000)
    review.save()
    audit.action(actor, "卷宗整改", review, after={"rectified_on": str(rectified_on)})
    return review


