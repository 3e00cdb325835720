"""登记接收: a subject registered from the judgment, received when they report (报到), announced (宣告), and
given their team, plan, level and worker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sifa.core import audit, inputs
from sifa.core.identifiers import parse_resident_id, validate_mobile
from sifa.core.inputs import choice, not_before, not_future, optional, required
from sifa.core.masking import masked_snapshot
from sifa.core.models import OrgKind, OrgUnit, User
from sifa.core.numbering import next_case_number

from .. import access, rules
from ..access import ensure_can_write
from ..models import (
    AUTHORITY_BY_CATEGORY,
    OPEN_STATUSES,
    AuthorityKind,
    Category,
    Investigation,
    Level,
    MemberRole,
    OutsideReason,
    Sex,
    Subject,
    SubjectStatus,
    TeamMember,
)
from .base import (
    LINE,
    SUBJECT_FIELDS,
    in_period,
    link_to,
    lock_subject,
    number_prefix,
    office_staff,
    past_date,
    supervised,
    tell,
)


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
    effective_on = past_date(effective_on, "判决（裁定、决定）生效日期")
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
    subject.number = next_case_number(LINE, access.county_of(org), effective_on.year, number_prefix(org) + "矫")
    try:
        with transaction.atomic():
            subject.save()
    except IntegrityError:
        # a concurrent registration of the same person committed first (the partial unique index caught it)
        _check_not_registered(actor, org, subject.id_number)
        raise
    if investigation is not None:
        Investigation.objects.filter(pk=investigation.pk).update(subject=subject)
    audit.action(actor, "接收登记社区矫正对象", subject, after=masked_snapshot(subject, SUBJECT_FIELDS),
                 reason="；".join(rules.notice_lateness(effective_on, notice_on, documents_on)))
    tell([subject.worker, *office_staff(org)], f"新接收社区矫正对象：{subject.name}",
          f"应于{subject.report_due:%Y-%m-%d}前报到。", link_to(subject))
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
    subject = lock_subject(subject)
    ensure_can_write(actor, subject.org)
    if not subject.is_open:
        raise ValidationError("已解矫（终止）的社区矫正对象不能修改。")
    if set(changes) & EDITABLE_PENDING and subject.status != SubjectStatus.PENDING:
        raise ValidationError("对象已报到接收，原判刑罚和矫正期限不能再修改；确有错误的，请依据法律文书更正后重新登记。")
    with audit.edited(actor, subject, "修改社区矫正对象信息", SUBJECT_FIELDS) as edit:
        edit.apply(changes, allowed=EDITABLE_ALWAYS | EDITABLE_PENDING)
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
    return subject


@transaction.atomic
def record_report_in(actor, subject: Subject, *, reported_on: dt.date) -> Subject:
    """报到 and 接收 (第二十一、二十二条): the subject is now 在矫. A late report is recorded as such (漏管)."""
    subject = lock_subject(subject)
    ensure_can_write(actor, subject.org)
    if subject.status != SubjectStatus.PENDING:
        raise ValidationError(f"{subject.name}当前状态为“{subject.get_status_display()}”，不是待报到。")
    reported_on = past_date(reported_on, "报到日期", subject.effective_on, "判决（裁定、决定）生效日期")
    if reported_on > subject.period_end:
        raise ValidationError("报到日期晚于矫正期满日，请核对。")
    before = masked_snapshot(subject, SUBJECT_FIELDS)
    subject.reported_on = reported_on
    subject.status = SubjectStatus.ACTIVE
    subject.save()
    late = (reported_on - subject.report_due).days
    audit.action(actor, "报到接收", subject, before=before, after=masked_snapshot(subject, SUBJECT_FIELDS),
                 reason=f"逾期报到{late}日" if late > 0 else "")
    return subject


@transaction.atomic
def announce_intake(actor, subject: Subject, *, announced_on: dt.date) -> Subject:
    """入矫宣告 (第二十二条): the crime, the period and the rules are announced to the subject."""
    subject = supervised(subject, actor, "入矫宣告")
    if subject.announced_on:
        raise ValidationError(f"已于{subject.announced_on:%Y-%m-%d}宣告，不能重复宣告。")
    announced_on = inputs.date(announced_on, "宣告日期")
    in_period(subject, announced_on, "宣告日期")
    subject.announced_on = announced_on
    subject.save(update_fields=["announced_on", "updated_at"])
    audit.action(actor, "入矫宣告", subject, after={"announced_on": str(announced_on)})
    return subject


@transaction.atomic
def set_team(actor, subject: Subject, *, members: Sequence[dict]) -> list[TeamMember]:
    """确定矫正小组 (第二十五条). A female subject's team must include a woman."""
    subject = lock_subject(subject)
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
    subject = supervised(subject, actor, "制定矫正方案")
    plan_on = inputs.date(plan_on, "方案制定日期")
    in_period(subject, plan_on, "方案制定日期")
    subject.plan = required(plan, "矫正方案", 5000)
    subject.plan_on = plan_on
    subject.save(update_fields=["plan", "plan_on", "updated_at"])
    audit.action(actor, "制定矫正方案", subject, after={"plan_on": str(plan_on)})
    return subject


@transaction.atomic
def classify(actor, subject: Subject, *, level: str, reason: str) -> Subject:
    """分类管理 (第二十四条): 严管/普管/宽管, adjusted on the subject's conduct."""
    subject = supervised(subject, actor, "调整管理类别")
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
    subject = lock_subject(subject)
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
        tell([worker], f"您负责的社区矫正对象：{subject.name}", "", link_to(subject))
    return subject
